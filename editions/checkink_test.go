package editions

import (
	"errors"
	"testing"
)

// TestCheckInkAsksProfileOnlyForRGB: the output profile's total ink (a read
// of its tables) is asked for once, and only by an edition with an RGB
// image ad; its error comes back as it is.
func TestCheckInkAsksProfileOnlyForRGB(t *testing.T) {
	for _, c := range []struct {
		path string
		rgb  bool
	}{
		{"samples/local-news.yaml", false},
		{"samples/four-pages.yaml", true},
	} {
		ed, err := Load(c.path)
		if err != nil {
			t.Fatal(err)
		}
		has := false
		for _, pg := range ed.Pages {
			for _, ad := range pg.Ads {
				has = has || ad.RGB
			}
		}
		if has != c.rgb {
			t.Fatalf("%s: RGB image ad %v, want %v: the sample changed", c.path, has, c.rgb)
		}
		calls := 0
		if err := ed.CheckInk(240, func() (int, error) { calls++; return 231, nil }); err != nil {
			t.Errorf("%s: %v", c.path, err)
		}
		if want := map[bool]int{false: 0, true: 1}[c.rgb]; calls != want {
			t.Errorf("%s: the profile's ink asked for %d times, want %d", c.path, calls, want)
		}
		if c.rgb {
			boom := errors.New("damaged profile")
			if err := ed.CheckInk(240, func() (int, error) { return 0, boom }); !errors.Is(err, boom) {
				t.Errorf("%s: error %v, want the profile's", c.path, err)
			}
			if err := ed.CheckInk(200, func() (int, error) { return 231, nil }); err == nil {
				t.Errorf("%s: an RGB ad through a 231%% profile passed a 200%% limit", c.path)
			}
		}
	}
}
