package preview_test

import (
	"image"
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/preview"
	"github.com/broadsheet-news/broadsheet/units"
)

// TestMarksWhereTheProblemIs: the fixture's one article has a photo far
// under 150 ppi and leaves most of the page empty. The low-ppi mark covers
// the photo's frame, every mark covers the frame the composer gave its
// diagnostic, and is outlined in its code's colour.
func TestMarksWhereTheProblemIs(t *testing.T) {
	lib := fonts.NewLibrary()
	ed, err := editions.Load(filepath.Join("..", "editions", "samples", "testdata", "lowres-photo.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.Compose(ed, lib, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const dpi = 50
	pg, err := preview.NewRenderer(lib, nil).Page(doc, 0, preview.Options{DPI: dpi})
	if err != nil {
		t.Fatal(err)
	}
	var photo image.Rectangle
	for _, it := range doc.Pages[0].Items {
		if im, ok := it.(*display.Image); ok {
			photo = pixels(doc.Pages[0], im.Frame, dpi)
		}
	}
	codes := map[diag.Code]int{}
	for _, m := range pg.Marks {
		codes[m.Code]++
		switch m.Code {
		case diag.LowPPI:
			if d := m.Rect.Min.Sub(photo.Min); abs(d.X) > 1 || abs(d.Y) > 1 || abs(m.Rect.Dx()-photo.Dx()) > 2 {
				t.Errorf("low-ppi mark at %v, the photo at %v", m.Rect, photo)
			}
		}
		if m.Diagnostic < 0 || doc.Diagnostics[m.Diagnostic].Frame == nil {
			t.Errorf("%s mark without a frame from the composer", m.Code)
		} else if f := pixels(doc.Pages[0], *doc.Diagnostics[m.Diagnostic].Frame, dpi); abs(f.Min.X-m.Rect.Min.X) > 1 || abs(f.Min.Y-m.Rect.Min.Y) > 1 || abs(f.Dx()-m.Rect.Dx()) > 2 || abs(f.Dy()-m.Rect.Dy()) > 2 {
			t.Errorf("%s mark at %v, its frame at %v", m.Code, m.Rect, f)
		}
		if m.Rect.Empty() || !m.Rect.In(pg.Image.Rect) {
			t.Errorf("%s mark %v is not on the page %v", m.Code, m.Rect, pg.Image.Rect)
		}
		// The mark's outline is drawn in its colour (its top-right corner,
		// away from the label at the top-left).
		want := preview.MarkColor(m.Code, m.Severity)
		got := pg.Image.RGBAAt(m.Rect.Max.X-1, m.Rect.Min.Y)
		if got != want {
			t.Errorf("%s mark's corner is %v, want %v", m.Code, got, want)
		}
	}
	if codes[diag.LowPPI] != 1 || codes[diag.Underset] == 0 {
		t.Errorf("marks %v, want one low-ppi and underset", codes)
	}
	// Plain: the page as printed, no marks.
	plain, err := preview.NewRenderer(lib, nil).Page(doc, 0, preview.Options{DPI: dpi, Plain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.Marks) != 0 {
		t.Errorf("a plain page has %d marks", len(plain.Marks))
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// TestMissingGlyphIsBoxed: a character the run's face has no glyph for is
// boxed where it would stand, and labelled with its code point.
func TestMissingGlyphIsBoxed(t *testing.T) {
	lib := fonts.NewLibrary()
	mm := units.Mm
	doc := &display.Document{Pages: []display.Page{{
		Number: 1,
		Media:  display.Rect{W: mm(100), H: mm(50)}, Bleed: display.Rect{W: mm(100), H: mm(50)}, Trim: display.Rect{W: mm(100), H: mm(50)},
		Items: []display.Item{&display.GlyphRun{Face: fonts.Serif, Size: units.Pt(12), Baseline: mm(20), Color: display.Black(),
			Glyphs: []display.Glyph{{Text: "字", X: mm(10)}, {Text: "\U0001F600", X: mm(40)}, {Text: "字", X: mm(60)}}}},
	}}}
	pg, err := preview.NewRenderer(lib, nil).Page(doc, 0, preview.Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Marks) != 1 || pg.Marks[0].Code != diag.MissingGlyph || pg.Marks[0].Label != "no glyph U+1F600" {
		t.Fatalf("marks %+v, want one missing glyph U+1F600", pg.Marks)
	}
	// At 72 dpi a point is a pixel: the glyph stands at x 40 mm ≈ 113 px on
	// the baseline at 20 mm ≈ 57 px.
	if r := pg.Marks[0].Rect; !image.Pt(115, 52).In(r) || r.Min.X < 105 || r.Max.X > 130 {
		t.Errorf("the missing glyph is boxed at %v", r)
	}
}
