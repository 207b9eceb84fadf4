package icc

import (
	"os"
	"testing"
)

// TestTotalInkIFRA26S: the default newsprint profile was built with a
// total ink limit of 230% (colprof -l230, see pdf/icc/IFRA26S.README.md),
// and its BToA tables must say so.
func TestTotalInkIFRA26S(t *testing.T) {
	p, err := os.ReadFile("../../pdf/icc/IFRA26S.icc")
	if err != nil {
		t.Fatal(err)
	}
	got, err := TotalInk(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("IFRA26S: %d%%", got)
	if got < 225 || got > 231 {
		t.Errorf("IFRA26S total ink %d%%, want about 230%%", got)
	}
}

// TestTotalInkRefuses: a profile that is not CMYK, has no BToA table or is
// cut short is an error, never a panic.
func TestTotalInkRefuses(t *testing.T) {
	p, err := os.ReadFile("../../pdf/icc/IFRA26S.icc")
	if err != nil {
		t.Fatal(err)
	}
	srgb, err := os.ReadFile("../../pdf/icc/sRGB.icc")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"sRGB": srgb, "cut": p[:60000], "empty": nil, "header": p[:132]} {
		if n, err := TotalInk(b); err == nil {
			t.Errorf("%s: %d%%, want an error", name, n)
		}
	}
}

func FuzzTotalInk(f *testing.F) {
	p, err := os.ReadFile("../../pdf/icc/IFRA26S.icc")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(p[:2000])
	f.Fuzz(func(t *testing.T, b []byte) {
		if n, err := TotalInk(b); err == nil && (n < 0 || n > 400) {
			t.Fatalf("total ink %d%%", n)
		}
	})
}
