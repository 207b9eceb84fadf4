package preview_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/preview"
)

// benchPreview is what `broadsheet preview` does for the one-page sample at
// 100 dpi: load, compose, draw (glyph outlines, photos decoded and scaled,
// diagnostics marked) and encode the PNG, over a font library whose faces
// are already parsed (as in a watch, or any run after its first page).
// A fresh renderer and image cache (cold: no glyph masks, no photo decoded
// before this run's loading) each time unless warm. As in the preview
// command, loading and drawing share the cache, so a photo is decoded once.
func benchPreview(b *testing.B, warm bool) {
	lib := fonts.NewLibrary()
	path := filepath.Join("..", "editions", "samples", "local-news.yaml")
	var r *preview.Renderer
	var cache *images.Cache
	run := func() {
		if r == nil || !warm {
			cache = images.NewCache(preview.PixelBudget)
		}
		ed, err := editions.LoadWith(path, editions.LoadOptions{Images: cache, Background: true})
		if err != nil {
			b.Fatal(err)
		}
		doc, err := layout.Compose(ed, lib, layout.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if r == nil || !warm {
			r = preview.NewRenderer(lib, cache)
		}
		pg, err := r.Page(doc, 0, preview.Options{DPI: 100})
		if err != nil {
			b.Fatal(err)
		}
		if err := ed.ImagesChecked(); err != nil {
			b.Fatal(err)
		}
		if err := preview.EncodePNG(io.Discard, pg.Image); err != nil {
			b.Fatal(err)
		}
	}
	run() // parse the faces
	b.ReportAllocs()
	c0 := cpuTime()
	n := 0
	for b.Loop() {
		run()
		n++
	}
	// The process's CPU time per op as well as the wall time: on a
	// machine shared by other jobs the wall time says more about them.
	b.ReportMetric(float64(cpuTime()-c0)/float64(n)/1e6, "cpu-ms/op")
}

// cpuTime is the process's user and system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkPreviewLocalNews: the target is under 150 ms.
func BenchmarkPreviewLocalNews(b *testing.B) { benchPreview(b, false) }

// BenchmarkPreviewLocalNewsWarm is a watch's redraw after a save.
func BenchmarkPreviewLocalNewsWarm(b *testing.B) { benchPreview(b, true) }

// TestEncodePNGRoundTrip: the PNG decodes to the page's colours.
func TestEncodePNGRoundTrip(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 37, 301)) // three strips
	for i := range img.Pix {
		img.Pix[i] = byte(i*7 + i/1000)
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xff
	}
	var buf bytes.Buffer
	if err := preview.EncodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < 301; y++ {
		for x := 0; x < 37; x++ {
			if r1, g1, b1, _ := got.At(x, y).RGBA(); color.RGBAModel.Convert(got.At(x, y)) != img.At(x, y) {
				t.Fatalf("pixel %d,%d: %v %v %v, want %v", x, y, r1, g1, b1, img.At(x, y))
			}
		}
	}
}
