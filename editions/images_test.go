package editions

import (
	"os"
	"strings"
	"testing"
)

// TestValidateImage: every hostile image in testdata/hostile is refused
// for what is wrong with it, and the supported kinds pass.
func TestValidateImage(t *testing.T) {
	for _, c := range []struct {
		file, want string
		w, h, o    int
	}{
		{"good.jpg", "", 120, 80, 1},
		{"rotated.jpg", "", 120, 80, 6},
		{"sixteen.png", "", 96, 64, 1},
		{"interlaced.png", "", 120, 80, 1},
		{"truncated.jpg", "cut short", 0, 0, 0},
		{"garbled.jpg", "damaged", 0, 0, 0},
		{"corrupt-idat.png", "damaged", 0, 0, 0},
		{"huge.png", "claims 60000 × 60000 pixels", 0, 0, 0},
	} {
		data, err := os.ReadFile("testdata/hostile/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		info, err := ValidateImage(data)
		if c.want != "" {
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v, want %q", c.file, err, c.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if w, h := info.Upright(); w != c.w || h != c.h || info.Orientation != c.o {
			t.Errorf("%s: %d × %d orientation %d, want %d × %d, %d", c.file, w, h, info.Orientation, c.w, c.h, c.o)
		}
	}
}
