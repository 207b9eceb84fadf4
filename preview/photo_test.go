package preview

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
)

// TestPhotoUpright: a JPEG tagged "turn 90°" is drawn upright, as the PDF
// prints it, the first time and from the cache.
func TestPhotoUpright(t *testing.T) {
	const path = "../editions/testdata/hostile/rotated.jpg"
	cache := images.NewCache(PixelBudget)
	r := NewRenderer(fonts.NewLibrary(), cache)
	im, err := r.decode(path)
	if err != nil {
		t.Fatal(err)
	}
	if b := im.Bounds(); b.Dx() != 120 || b.Dy() != 80 {
		t.Fatalf("drawn %d × %d, want the upright 120 × 80", b.Dx(), b.Dy())
	}
	again, err := r.decode(path)
	if err != nil {
		t.Fatal(err)
	}
	if again.Bounds() != im.Bounds() {
		t.Fatalf("second draw %v, first %v", again.Bounds(), im.Bounds())
	}
}
