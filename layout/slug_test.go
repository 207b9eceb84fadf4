package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestSlugLine checks that layout, not the PDF writer, decides the slug
// line's text and face: every page names the paper, date, issue and page,
// and the face is the folio's (the first run's on a page with none).
func TestSlugLine(t *testing.T) {
	for name, doc := range sampleDocs(t, fonts.NewLibrary()) {
		folio, first := "", ""
		for _, p := range doc.Pages {
			for _, it := range p.Items {
				if r, ok := it.(*display.GlyphRun); ok {
					if first == "" {
						first = r.Face
					}
					if folio == "" && r.Role == display.RoleFolio {
						folio = r.Face
					}
				}
			}
		}
		if folio == "" { // a one-page edition: the front page has a masthead, no folio
			folio = first
		}
		if doc.Meta.SlugFace == "" || doc.Meta.SlugFace != folio {
			t.Errorf("%s: slug face %q, want the folio's (else the first run's) %q", name, doc.Meta.SlugFace, folio)
		}
		for _, p := range doc.Pages {
			if n := strings.Count(p.Slug, fmt.Sprintf("第%d版", p.Number)); n != 1 {
				t.Errorf("%s page %d: slug %q names the page %d times", name, p.Number, p.Slug, n)
			}
			for _, want := range []string{doc.Meta.Paper, doc.Meta.Date, fmt.Sprintf("第%d期", doc.Meta.Issue), fmt.Sprintf("第%d版", p.Number)} {
				if !strings.Contains(p.Slug, want) {
					t.Errorf("%s page %d: slug %q lacks %q", name, p.Number, p.Slug, want)
				}
			}
		}
	}
}
