package pdf

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/units"
)

// adDoc is a one-page document that places the ad at path and nothing
// else.
func adDoc(path string) *display.Document {
	bleed := units.Mm(3)
	trim := display.Rect{X: bleed, Y: bleed, W: units.Mm(148), H: units.Mm(210)}
	media := display.Rect{W: trim.W + 2*bleed, H: trim.H + 2*bleed}
	return &display.Document{
		Meta: display.Meta{Title: "港区新闻 2026年3月18日 第5321期", Paper: "港区新闻", Date: "2026-03-18", Issue: 5321},
		Pages: []display.Page{{Number: 1, Media: media, Bleed: media, Trim: trim, Items: []display.Item{
			&display.PDFPage{Source: path, Frame: display.Rect{X: units.Mm(20), Y: units.Mm(20), W: units.Mm(100), H: units.Mm(60)}},
		}}},
	}
}

// FuzzAdImport: a PDF ad that loading accepts (editions.InspectPDF, which
// check and render run on every ad) is one the writer places: its import
// neither fails nor panics. Loading and writing read the ad with the same
// reader, but the writer copies every object the page's resources reach,
// where loading looks at its content, fonts, forms and colours only: an
// ad whose other resources are broken would pass check and stop render.
func FuzzAdImport(f *testing.F) {
	for _, pattern := range []string{"../editions/samples/ads/*.pdf", "../editions/testdata/hostile/*.pdf"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	lib := sharedLib()
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := editions.InspectPDF(data); err != nil {
			return
		}
		const path = "ad.pdf"
		opt := Options{Files: func(p string) ([]byte, bool, error) { return data, p == path, nil }}
		if err := Write(io.Discard, adDoc(path), lib, opt); err != nil {
			t.Fatalf("InspectPDF accepted the ad; writing it: %v", err)
		}
		if a, b, ok := migrateBoth(t, data); ok && !bytes.Equal(a, b) {
			t.Fatalf("the migrator and the recursive copy differ:\n%q\n%q", a, b)
		}
	})
}
