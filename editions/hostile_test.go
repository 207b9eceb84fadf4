package editions

import (
	"os"
	"strings"
	"testing"
)

// TestInspectPDF: each hand-made ad in testdata/hostile is refused for its
// own fault, in words an editor reads, and the good one passes with its ink.
func TestInspectPDF(t *testing.T) {
	for _, c := range []struct {
		file, want string
		ink        int
	}{
		{"ok-cmyk.pdf", "", 120},
		{"rich-ink.pdf", "", 290},
		{"rgb.pdf", "RGB", 0},
		{"font-not-embedded.pdf", "uses the font Helvetica without embedding it", 0},
		{"self-form.pdf", "draws itself", 0},
		{"self-colorspace.pdf", "declares a colour space (/CS0) in the page that refers to itself", 0},
		{"corrupt-content.pdf", "damaged page content stream", 0},
		{"unclosed-content.pdf", "damaged content stream", 0},
	} {
		data, err := os.ReadFile("testdata/hostile/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		info, err := InspectPDF(data)
		if c.want == "" {
			if err != nil || info.MaxInk != c.ink {
				t.Errorf("%s: %v, ink %d, want no error and ink %d", c.file, err, info.MaxInk, c.ink)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.file, err, c.want)
		}
	}
	bank, err := os.ReadFile("samples/ads/bank.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if info, err := InspectPDF(bank); err != nil || info.MaxInk > 240 {
		t.Errorf("the sample bank ad: %v, ink %d%% (%s)", err, info.MaxInk, info.InkAt)
	}
}
