package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
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

// TestFallbackCluster: a cluster (a base and its combining mark) is drawn
// in one face, and measured in that face. W with a diaeresis (U+0308),
// which the serif lacks and kai has whole, is kai's width (0.88 em), not
// the serif W's (1.053 em): before, a hole of 0.17 em followed it. And a
// cluster no face has whole — the mark only in a face without the base —
// is a missing glyph where the composer finds it, not a failure of the PDF
// writer with no place named.
func TestFallbackCluster(t *testing.T) {
	lib := fonts.NewLibrary()
	set := newSetter(lib)
	st := editions.DefaultStyles()
	st.Body.Fallback = []string{"kai"}
	sts, err := set.resolveStyles(st)
	if err != nil {
		t.Fatal(err)
	}
	sp := set.set("W\u0308W", sts.body, display.RoleBody, units.Pt(117), text.Left, false)
	if len(sp.lines) != 1 || len(sp.lines[0].runs) != 2 {
		t.Fatalf("lines %+v, want one line of a kai run and a serif run", sp.lines)
	}
	a, b := sp.lines[0].runs[0], sp.lines[0].runs[1]
	kai, _ := lib.Face("kai")
	if a.face != "kai" || b.face != "serif" || b.glyphs[0].X-a.glyphs[0].X != kai.Advance('W', st.Body.Size) {
		t.Errorf("runs %s %+v, %s %+v: want the second glyph one kai W (%v) after the first", a.face, a.glyphs, b.face, b.glyphs, kai.Advance('W', st.Body.Size))
	}

	faceWith(t, lib, "mark", "LXGWWenKai-Regular.ttf", []rune{'\u0308'})
	st.Body.Fallback = []string{"mark"}
	if sts, err = set.resolveStyles(st); err != nil {
		t.Fatal(err)
	}
	sp = set.set("W\u0308W", sts.body, display.RoleBody, units.Pt(117), text.Left, false)
	if !slices.ContainsFunc(sp.diags, func(d text.Diagnostic) bool {
		return d.Code == diag.MissingGlyph && strings.Contains(d.Message, "U+0308")
	}) {
		t.Errorf("no missing-glyph for U+0308, which no face has with its W: %+v", sp.diags)
	}
}

// TestFolioFallbackSaidOnce: a folio set partly in a fallback face (the
// paper's name holds a character only kai has) warns once for the
// edition, at the first page with a folio, not once a page — for every
// front end, the CLI, watch and batch's report alike; a text of an
// article keeps its own warning.
func TestFolioFallbackSaidOnce(t *testing.T) {
	y := strings.Replace(jumpEdition(), "paper: 测试报", "paper: 测试报䷀", 1)
	ed := parseEd(t, y)
	ed.Styles.Folio.Fallback = []string{"kai"}
	ed.Styles.Headline.Fallback = []string{"kai"} // the masthead, in the headline face, has it too
	doc := composeEd(t, ed, fonts.NewLibrary())
	noErrors(t, doc)
	var folio []display.Diagnostic
	for _, d := range doc.Diagnostics {
		if d.Code == diag.FontFallback && strings.HasPrefix(d.Message, "folio: ") {
			folio = append(folio, d)
		}
	}
	if len(folio) != 1 || folio[0].Page != 2 || folio[0].Article != "" {
		t.Errorf("folio warnings %+v, want one, page 2's", folio)
	}
}
