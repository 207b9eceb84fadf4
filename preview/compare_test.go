package preview_test

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"unicode"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/pdf"
	"github.com/broadsheet-news/broadsheet/preview"
)

// compose loads and composes a sample.
func compose(t testing.TB, name string, lib *fonts.Library) *display.Document {
	t.Helper()
	ed, err := editions.Load(filepath.Join("..", "editions", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.Compose(ed, lib, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// needTool skips without the tool on a workstation and fails in CI.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is needed (apt-get install -y poppler-utils)", name)
		}
		t.Skipf("%s not installed", name)
	}
}

// blockDiff compares a and b in blocks of n×n pixels (outside the masked
// rectangles): the mean absolute difference of the blocks' mean grey, and
// the share of blocks whose mean ink (255 − grey) differs by more than
// limit grey levels plus a fifth of the larger ink: an edge a fraction of a
// pixel away shifts a dense block's ink by a little of its whole, a
// character left out takes all of it.
func blockDiff(a, b *image.RGBA, n int, limit float64, masked []image.Rectangle) (mean, over float64, worst image.Point) {
	r := a.Bounds().Intersect(b.Bounds())
	var sum float64
	var blocks, bad int
	worstD := 0.0
	for y := r.Min.Y; y+n <= r.Max.Y; y += n {
	next:
		for x := r.Min.X; x+n <= r.Max.X; x += n {
			blk := image.Rect(x, y, x+n, y+n)
			for _, m := range masked {
				if blk.Overlaps(m) {
					continue next
				}
			}
			var ga, gb float64
			for yy := y; yy < y+n; yy++ {
				for xx := x; xx < x+n; xx++ {
					ga += grey(a, xx, yy)
					gb += grey(b, xx, yy)
				}
			}
			d := (ga - gb) / float64(n*n)
			if d < 0 {
				d = -d
			}
			sum += d
			blocks++
			ink := 255 - min(ga, gb)/float64(n*n)
			excess := d - (limit + ink/4)
			if excess > 0 {
				bad++
			}
			if excess > worstD || worst == (image.Point{}) {
				worstD, worst = excess, image.Pt(x, y)
			}
		}
	}
	return sum / float64(blocks), float64(bad) / float64(blocks), worst
}

func grey(im *image.RGBA, x, y int) float64 {
	p := im.Pix[im.PixOffset(x, y):]
	return 0.299*float64(p[0]) + 0.587*float64(p[1]) + 0.114*float64(p[2])
}

// rgba returns im as an *image.RGBA.
func rgba(im image.Image) *image.RGBA {
	if r, ok := im.(*image.RGBA); ok {
		return r
	}
	r := image.NewRGBA(im.Bounds())
	draw.Draw(r, r.Rect, im, r.Rect.Min, draw.Src)
	return r
}

// The preview and pdftoppm (poppler's rasteriser) draw the same PDF page
// with different anti-aliasing (x/image/vector's exact area coverage
// against splash's supersampling and FreeType's glyph bitmaps, which come out
// a little darker), different photo scaling (bilinear against poppler's box
// filter), and glyphs up to a pixel apart: the preview places glyphs to a
// quarter pixel, poppler puts the bitmaps of large glyphs (the masthead,
// headlines) on whole pixels. So pixels differ at every edge; what must not
// differ is what is on the page. The test compares 8×8-pixel blocks (2 mm at
// 100 dpi, two thirds of a 9 pt character): no block's mean grey may differ
// by more than blockLimit grey levels plus a quarter of its ink (a one-pixel
// shift of a headline stroke's edge moves a dense block by about 30 levels),
// and the mean over the page must stay under meanLimit. Measured on the
// samples: mean 1.5–1.9 levels, no block over. A character left out, drawn a
// character away or doubled, or a photo cropped differently, moves a block by
// much more (the test checks that one body character left out is caught).
// Imported PDF ads are left out: the preview draws them as a placeholder.
const (
	blockSize  = 8
	blockLimit = 28.0
	meanLimit  = 4.0
)

func TestPreviewMatchesPdftoppm(t *testing.T) {
	needTool(t, "pdftoppm")
	lib := fonts.NewLibrary()
	for _, name := range []string{"local-news.yaml", "four-pages.yaml"} {
		doc := compose(t, name, lib)
		dir := t.TempDir()
		var buf bytes.Buffer
		if err := pdf.Write(&buf, doc, lib, pdf.Options{}); err != nil {
			t.Fatal(err)
		}
		pdfPath := filepath.Join(dir, "e.pdf")
		if err := os.WriteFile(pdfPath, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("pdftoppm", "-r", "100", "-png", pdfPath, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v: %s", err, out)
		}
		r := preview.NewRenderer(lib, nil)
		for i := range doc.Pages {
			matches, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("p-*%d.png", i+1)))
			if len(matches) != 1 {
				t.Fatalf("pdftoppm page %d: %v", i+1, matches)
			}
			want := rgba(decodePNG(t, matches[0]))
			pg, err := r.Page(doc, i, preview.Options{DPI: 100, Plain: true})
			if err != nil {
				t.Fatal(err)
			}
			if want.Bounds() != pg.Image.Bounds() {
				t.Fatalf("%s page %d: pdftoppm draws %v, the preview %v", name, i+1, want.Bounds().Size(), pg.Image.Bounds().Size())
			}
			var masked []image.Rectangle
			for _, it := range doc.Pages[i].Items {
				if ad, ok := it.(*display.PDFPage); ok {
					masked = append(masked, pixels(doc.Pages[i], ad.Frame, 100).Inset(-2))
				}
			}
			mean, over, worst := blockDiff(want, pg.Image, blockSize, blockLimit, masked)
			t.Logf("%s page %d: mean difference %.2f grey levels; %.4f%% of blocks over %v (worst at %v)", name, i+1, mean, 100*over, blockLimit, worst)
			if mean > meanLimit || over > 0 {
				t.Errorf("%s page %d: preview differs from pdftoppm: mean %.2f (limit %v), %.4f%% of %d×%d blocks differ by more than %v, the worst at pixel %v",
					name, i+1, mean, meanLimit, 100*over, blockSize, blockSize, blockLimit, worst)
			}
			if name == "local-news.yaml" && i == 0 {
				// The comparison must see a character left out.
				cut := dropBodyGlyph(doc, i)
				pc, err := r.Page(cut, i, preview.Options{DPI: 100, Plain: true})
				if err != nil {
					t.Fatal(err)
				}
				if _, over, _ := blockDiff(want, pc.Image, blockSize, blockLimit, masked); over == 0 {
					t.Errorf("a page with a body character left out passes the comparison")
				}
			}
		}
	}
}

// dropBodyGlyph returns a copy of doc whose page i lacks the first body
// run's middle character.
func dropBodyGlyph(doc *display.Document, i int) *display.Document {
	cp := *doc
	cp.Pages = append([]display.Page(nil), doc.Pages...)
	items := append([]display.Item(nil), doc.Pages[i].Items...)
	for j, it := range items {
		if r, ok := it.(*display.GlyphRun); ok && r.Role == display.RoleBody && len(r.Glyphs) > 8 {
			k := len(r.Glyphs) / 2
			if !unicode.Is(unicode.Han, []rune(r.Glyphs[k].Text + " ")[0]) {
				continue
			}
			c := *r
			c.Glyphs = append(append([]display.Glyph(nil), r.Glyphs[:k]...), r.Glyphs[k+1:]...)
			items[j] = &c
			break
		}
	}
	cp.Pages[i].Items = items
	return &cp
}

// pixels is rect in pixels of page p at dpi.
func pixels(p display.Page, r display.Rect, dpi float64) image.Rectangle {
	s := dpi / 72 / 1000
	x0, y0 := float64(r.X-p.Media.X)*s, float64(r.Y-p.Media.Y)*s
	return image.Rect(int(x0), int(y0), int(x0+float64(r.W)*s+1), int(y0+float64(r.H)*s+1))
}

func decodePNG(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	im, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return im
}
