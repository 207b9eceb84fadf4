package units

import "testing"

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want Length
	}{
		{"9pt", 9000},
		{"13.5pt", 13500},
		{"1in", 72000},
		{"25.4mm", 72000},
		{"2.54cm", 72000},
		{"390mm", 1105512},
		{" 3 mm ", 8504},
		{"-1pt", -1000},
		{".5pt", 500},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "9", "pt", "9px", "1.2.3mm", "abcmm", "9999999999mm"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded; want an error", bad)
		}
	}
}

func TestMm(t *testing.T) {
	if got := Mm(390); got != 1105512 {
		t.Errorf("Mm(390) = %d", got)
	}
	if got := MmTenths(35); got != 9921 {
		t.Errorf("MmTenths(35) = %d", got)
	}
	if got := Length(9000).Scale(1, 2); got != 4500 {
		t.Errorf("Scale = %d", got)
	}
	if got := Length(-3).Scale(1, 2); got != -2 {
		t.Errorf("Scale(-3/2) = %d, want -2 (half away from zero)", got)
	}
}

// FuzzParse: Parse never panics nor leaves the range conversions keep
// exact, and what it reads (below a million points, the six digits it
// takes) it reads again from its own String to the same millipoint.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"9pt", "3mm", "1.5in", "-2cm", "x", "0.001pt", "-999999.999pt", "0.0000005in"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := Parse(s)
		if err == nil && (l > 1e15 || l < -1e15) {
			t.Fatalf("Parse(%q) = %d out of range", s, l)
		}
		if err == nil && l > -1e9 && l < 1e9 {
			if back, err := Parse(l.String()); err != nil || back != l {
				t.Fatalf("Parse(%q) = %d, written %q, read again %d, %v", s, l, l.String(), back, err)
			}
		}
	})
}
