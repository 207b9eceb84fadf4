package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestFallbackFace: a body face without 新 and 闻 (the serif cut down),
// with kai and the serif as its fallbacks, sets the edition exactly as the
// serif alone does — every glyph at the same place, as a Han character is
// an em wide in each face — with 新 and 闻 drawn in runs of kai, the first
// fallback that has them, every other body character in the cut-down
// face, and warnings naming them, not errors.
func TestFallbackFace(t *testing.T) {
	y := jumpEdition()
	lib := fonts.NewLibrary()
	serifWithout(t, lib, "thin", strings.ReplaceAll(y, "新", "")+"（）下转上接第0123456789版", '闻')
	want := composeEd(t, parseEd(t, y), lib)

	ed := parseEd(t, y)
	ed.Styles.Body.Font = "thin"
	ed.Styles.Body.Fallback = []string{"kai", "serif"}
	got := composeEd(t, ed, lib)
	noErrors(t, got)

	type placed struct {
		text       string
		x, y       int64
		page, role int
	}
	flat := func(doc *display.Document) (out []placed, faces map[string]string) {
		faces = map[string]string{}
		for pi, p := range doc.Pages {
			for _, it := range p.Items {
				r, ok := it.(*display.GlyphRun)
				if !ok {
					continue
				}
				for _, g := range r.Glyphs {
					out = append(out, placed{g.Text, int64(g.X), int64(r.Baseline), pi, int(r.Role)})
					if r.Role == display.RoleBody {
						faces[g.Text] += r.Face + " "
					}
				}
			}
		}
		// Runs split by face are drawn in another order: compare places.
		slices.SortFunc(out, func(a, b placed) int {
			if a.page != b.page {
				return a.page - b.page
			}
			if a.y != b.y {
				return int(a.y - b.y)
			}
			return int(a.x - b.x)
		})
		return out, faces
	}
	w, _ := flat(want)
	g, faces := flat(got)
	if !slices.Equal(w, g) {
		t.Fatalf("with a fallback the glyphs moved: %d glyphs, want %d", len(g), len(w))
	}
	for text, fs := range faces {
		want := "thin"
		if strings.ContainsAny(text, "新闻") {
			want = "kai" // the first fallback that has them
		}
		for _, f := range strings.Fields(fs) {
			if f != want {
				t.Errorf("body %q drawn in %s, want %s", text, f, want)
			}
		}
	}
	if faces["新"] == "" {
		t.Fatal("no 新 in the body: the test sets nothing in the fallback")
	}
	n := 0
	for _, d := range got.Diagnostics {
		if d.Code == diag.FontFallback {
			n++
			if d.Severity != display.Warning || !strings.Contains(d.Message, "set in the fallback font kai, which thin lacks: '") {
				t.Errorf("fallback diagnostic %+v", d)
			}
		}
	}
	if n == 0 {
		t.Error("no font-fallback warning")
	}
}

// TestSlugFaceWithFallback: the slug line printer's marks draw (paper,
// date, issue, page, section) is one run in one face: with a section that
// only a fallback face has a glyph for, that face, not the folio's own,
// which once stopped render --marks at its last step while check and a
// plain render passed.
func TestSlugFaceWithFallback(t *testing.T) {
	y := strings.Replace(jumpEdition(), "section: 综合", "section: 综合䷀", 1)
	ed := parseEd(t, y)
	ed.Styles.Folio.Fallback = []string{"kai"}
	lib := fonts.NewLibrary()
	doc := composeEd(t, ed, lib)
	noErrors(t, doc)
	face, err := lib.Face(doc.Meta.SlugFace)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Pages {
		for _, r := range p.Slug {
			if !face.Covers(r) {
				t.Errorf("page %d: slug face %q has no %q", p.Number, doc.Meta.SlugFace, r)
			}
		}
	}
}
