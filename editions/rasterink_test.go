package editions

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

	"github.com/broadsheet-news/broadsheet/images"
)

// TestMeasureRasterInk: a CMYK JPEG's ink is its darkest pixel's
// C+M+Y+K, a gray image's its darkest pixel's black, and an RGB image is
// marked as such (its ink is the output profile's to decide).
func TestMeasureRasterInk(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 20, 10))
	for i := range gray.Pix {
		gray.Pix[i] = 200
	}
	gray.SetGray(13, 7, color.Gray{Y: 51}) // one pixel at 80% black
	var g bytes.Buffer
	if err := png.Encode(&g, gray); err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/hostile/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, c := range []struct {
		name string
		data []byte
		want RasterInk
	}{
		{"rich-ink-cmyk.jpg", read("rich-ink-cmyk.jpg"), RasterInk{Max: 290, At: "100/70/90/30"}},
		{"ok-cmyk.jpg", read("ok-cmyk.jpg"), RasterInk{Max: 160, At: "60/40/40/20"}},
		{"gray PNG", g.Bytes(), RasterInk{Max: 80, At: "0/0/0/80"}},
		{"good.jpg (RGB)", read("good.jpg"), RasterInk{RGB: true}},
		{"sixteen.png (RGB)", read("sixteen.png"), RasterInk{RGB: true}},
		{"the sample PNG ad", func() []byte { b, _ := os.ReadFile("samples/ads/seafood-festival.png"); return b }(), RasterInk{RGB: true}},
	} {
		_, img, err := images.Decode(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := MeasureRasterInk(img); got != c.want {
			t.Errorf("%s: %+v; want %+v", c.name, got, c.want)
		}
	}
}
