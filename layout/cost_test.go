package layout

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestPhotoCostNarrow: a photo one column wide costs Policy.NarrowPhoto
// unless its span asks for one column; at two columns it does not.
func TestPhotoCostNarrow(t *testing.T) {
	cp, err := newComposition(loadSample(t, sampleEditions()[0]), fonts.NewLibrary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ms := cp.paginator(nil).news
	for _, c := range []struct {
		name       string
		span, k    int
		wantNarrow bool
	}{
		{"one column, not asked", 0, 1, true},
		{"one column, asked", 1, 1, false},
		{"two columns", 0, 2, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := &module{photos: []*editions.Photo{{Span: c.span}}}
			got := ms.photoCost(m, c.k, 10, 10)
			if want := map[bool]int64{true: ms.pol.NarrowPhoto}[c.wantNarrow]; got != want {
				t.Errorf("photoCost = %d, want %d", got, want)
			}
		})
	}
}
