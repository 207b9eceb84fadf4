package layout

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// sampleDocs composes every sample edition once for the tests in this file.
func sampleDocs(t *testing.T, lib *fonts.Library) map[string]*display.Document {
	t.Helper()
	docs := map[string]*display.Document{}
	for _, path := range typographySamples() {
		docs[path] = composeEd(t, loadSample(t, path), lib)
	}
	return docs
}

// TestDatelineMeasuredAsDrawn: the dateline (本报讯) is drawn in its own
// face at the advances of that face, and the body follows it after a fixed
// space of one em, so what the composer measured is what the page shows.
func TestDatelineMeasuredAsDrawn(t *testing.T) {
	lib := fonts.NewLibrary()
	for path, doc := range sampleDocs(t, lib) {
		ed := loadSample(t, path)
		em := ed.Styles.Body.Size
		seen := 0
		for _, pg := range doc.Pages {
			for i, it := range pg.Items {
				r, ok := it.(*display.GlyphRun)
				if !ok || r.Role != display.RoleDateline {
					continue
				}
				seen++
				if r.Face != ed.Styles.Dateline.Font {
					t.Errorf("%s p%d %s: dateline in face %q, want %q", path, pg.Number, r.Article, r.Face, ed.Styles.Dateline.Font)
				}
				f, err := lib.Face(r.Face)
				if err != nil {
					t.Fatal(err)
				}
				end := r.Glyphs[0].X
				glyphs := r.Glyphs
				// The dateline ends with the 全角空格 that stands in the gap
				// before the body: drawn where the dateline's ink ends.
				if sp := glyphs[len(glyphs)-1]; sp.Text != "\u3000" {
					t.Errorf("%s p%d %s: dateline does not end with a 全角空格 (U+3000)", path, pg.Number, r.Article)
				} else {
					glyphs = glyphs[:len(glyphs)-1]
				}
				for k, g := range glyphs {
					if g.X != end {
						t.Errorf("%s p%d %s: dateline glyph %d %q at %v, want %v (the advances of %s)", path, pg.Number, r.Article, k, g.Text, g.X, end, r.Face)
					}
					c, _ := utf8.DecodeRuneInString(g.Text)
					end += f.Advance(c, r.Size)
				}
				if i+1 >= len(pg.Items) {
					t.Fatalf("%s p%d %s: dateline with no body after it", path, pg.Number, r.Article)
				}
				b, ok := pg.Items[i+1].(*display.GlyphRun)
				if !ok || b.Role != display.RoleBody || b.Baseline != r.Baseline {
					t.Errorf("%s p%d %s: dateline not followed by body on its baseline", path, pg.Number, r.Article)
					continue
				}
				// An opening mark first may lose its blank left half at the
				// line's start, so its origin moves left into the space.
				open := strings.ContainsAny(b.Glyphs[0].Text, "“‘（《〈「『【〔")
				// The space gives, down to half an em, where the first
				// line cannot be set otherwise without a loose line.
				if gap := b.Glyphs[0].X - end; gap > em || gap < em/2 && !(open && gap >= 0) {
					t.Errorf("%s p%d %s: %v between the dateline and the body, want one em (%v), or down to half an em", path, pg.Number, r.Article, gap, em)
				}
			}
		}
		if seen == 0 {
			t.Errorf("%s: no dateline drawn", path)
		}
	}
}

// TestDatelineGridAndLength: a dateline with digits still brings the body
// back onto the character grid (a fixed space of half an em to an em and a
// half), and one too long to share a line is set on its own line.
func TestDatelineGridAndLength(t *testing.T) {
	lib := fonts.NewLibrary()
	s := newSetter(lib)
	ed := loadSample(t, sampleEditions()[0])
	sts, err := s.resolveStyles(ed.Styles)
	if err != nil {
		t.Fatal(err)
	}
	st, dst := sts.body, sts.dateline
	em := st.Size
	measure := 20 * em
	for _, dl := range []string{"本报讯", "本报北京3月17日电", "新华社北京3月17日电"} {
		sp := s.setDated("港区召开会议，部署全年重点任务，推动经济社会高质量发展。", dl, st, dst, measure)
		first := sp.lines[0]
		if len(first.runs) != 2 || first.runs[0].role != display.RoleDateline || first.runs[1].role != display.RoleBody {
			t.Errorf("%s: first line runs %+v", dl, first.runs)
			continue
		}
		d, b := first.runs[0], first.runs[1]
		f := dst.face
		if sp := d.glyphs[len(d.glyphs)-1]; sp.Text != "\u3000" {
			t.Errorf("%s: no 全角空格 after the dateline", dl)
		}
		last := d.glyphs[len(d.glyphs)-2]
		c, _ := utf8.DecodeRuneInString(last.Text)
		gap := b.glyphs[0].X - (last.X + f.Advance(c, dst.Size))
		if gap < em/2 || gap >= em+em/2 {
			t.Errorf("%s: space after the dateline %v, want half an em to an em and a half", dl, gap)
		}
		// On the grid, or left of it where the space gave to keep the
		// first line from going loose.
		if x := b.glyphs[0].X; x%em != 0 && x%em < em/2 {
			t.Errorf("%s: the body starts at %v, off the character grid", dl, x)
		}
	}
	long := "本报记者从港区经济发展局新闻发布会现场获悉"
	sp := s.setDated("港区召开会议。", long, st, dst, 13*em)
	var got string
	for _, l := range sp.lines {
		for _, r := range l.runs {
			for _, g := range r.glyphs {
				got += g.Text
			}
		}
	}
	if got != long+"港区召开会议。" {
		t.Errorf("a long dateline and its paragraph set as %q", got)
	}
	if r := sp.lines[0].runs[0]; r.role != display.RoleDateline || r.glyphs[0].X != st.Indent || len(sp.lines[0].runs) != 1 {
		t.Errorf("a long dateline's own line: %+v", sp.lines[0].runs)
	}
}

// TestHeadlinesBreakWell: on the samples, a headline set on more than one
// line has no line of one or two characters and no last line under two
// fifths as wide as its first — see poorBreak (the samples once left
// "“上岗”" and "300亿元" alone).
func TestHeadlinesBreakWell(t *testing.T) {
	lib := fonts.NewLibrary()
	for path, doc := range sampleDocs(t, lib) {
		for _, pg := range doc.Pages {
			var lines []*display.GlyphRun
			flush := func() {
				defer func() { lines = nil }()
				if len(lines) < 2 {
					return
				}
				var tl []tline
				for _, r := range lines {
					gs := make([]display.Glyph, len(r.Glyphs))
					copy(gs, r.Glyphs)
					last := gs[len(gs)-1]
					c, _ := utf8.DecodeRuneInString(last.Text)
					f, _ := lib.Face(r.Face)
					tl = append(tl, tline{runs: []run{{glyphs: gs}}, width: last.X + f.Advance(c, r.Size) - gs[0].X})
				}
				if poorBreak(tl) {
					var s []string
					for _, r := range lines {
						var b strings.Builder
						for _, g := range r.Glyphs {
							b.WriteString(g.Text)
						}
						s = append(s, b.String())
					}
					t.Errorf("%s p%d %s: headline breaks badly: %q", path, pg.Number, lines[0].Article, s)
				}
			}
			for _, it := range pg.Items {
				r, ok := it.(*display.GlyphRun)
				if !ok || r.Role != display.RoleHeadline || (len(lines) > 0 && lines[0].Article != r.Article) {
					flush()
				}
				if ok && r.Role == display.RoleHeadline && r.Size < units.Pt(18) {
					t.Errorf("%s p%d %s: headline set at %v, under the smallest headline size (18pt)", path, pg.Number, r.Article, r.Size)
				}
				if ok && r.Role == display.RoleHeadline {
					lines = append(lines, r)
				}
			}
			flush()
		}
	}
}

// TestCaptionClearOfText: the text that continues under a photo starts a
// clear grid line below the photo's caption block, so a caption never reads
// as the first line of the column under it.
func TestCaptionClearOfText(t *testing.T) {
	lib := fonts.NewLibrary()
	for path, doc := range sampleDocs(t, lib) {
		ed := loadSample(t, path)
		lead := ed.Styles.Body.Leading
		for _, pg := range doc.Pages {
			var caps []*display.GlyphRun
			for _, it := range pg.Items {
				if r, ok := it.(*display.GlyphRun); ok && (r.Role == display.RoleCaption || r.Role == display.RoleCredit) {
					caps = append(caps, r)
				}
			}
			checked := 0
			for _, it := range pg.Items {
				r, ok := it.(*display.GlyphRun)
				if !ok || !flowRole(r.Role) {
					continue
				}
				b := runBox(r)
				for _, c := range caps {
					cb := runBox(c)
					if c.Article != r.Article || b.x0 >= cb.x1 || cb.x0 >= b.x1 || r.Baseline <= c.Baseline {
						continue
					}
					checked++
					if r.Baseline-c.Baseline < 2*lead {
						t.Errorf("%s p%d %s: %s line at %v only %v under the caption line at %v", path, pg.Number, r.Article, r.Role, r.Baseline, r.Baseline-c.Baseline, c.Baseline)
					}
				}
			}
			_ = checked
		}
	}
}

// TestTwoEmDashJoined: every —— is drawn as one unbroken rule about two
// ems long (the glyphs' ink and the bar between them leave no gap), while
// its glyphs keep the text "——".
func TestTwoEmDashJoined(t *testing.T) {
	lib := fonts.NewLibrary()
	seen := 0
	for path, doc := range sampleDocs(t, lib) {
		for _, pg := range doc.Pages {
			var boxes []*display.Box
			for _, it := range pg.Items {
				if b, ok := it.(*display.Box); ok && b.Fill != nil {
					boxes = append(boxes, b)
				}
			}
			for _, it := range pg.Items {
				r, ok := it.(*display.GlyphRun)
				if !ok {
					continue
				}
				f, err := lib.Face(r.Face)
				if err != nil {
					t.Fatal(err)
				}
				x0, _, x1, _ := f.InkBox('—', r.Size)
				for k := 0; k+1 < len(r.Glyphs); k++ {
					if r.Glyphs[k].Text != "—" || r.Glyphs[k+1].Text != "—" {
						continue
					}
					seen++
					// Walk the ink from the first dash's left end rightwards.
					reach := r.Glyphs[k].X + x1
					end := r.Glyphs[k+1].X + x1
					if r.Glyphs[k+1].X+x0 > reach {
						for _, b := range boxes {
							if b.Frame.X <= reach && b.Frame.X+b.Frame.W > reach && b.Frame.Y < r.Baseline && b.Frame.Y+b.Frame.H <= r.Baseline {
								reach = b.Frame.X + b.Frame.W
							}
						}
					}
					if reach < r.Glyphs[k+1].X+x0 {
						t.Errorf("%s p%d %s: —— has a gap of %v between its halves", path, pg.Number, r.Article, r.Glyphs[k+1].X+x0-reach)
					}
					if long := end - (r.Glyphs[k].X + x0); long < r.Size.Scale(19, 10) {
						t.Errorf("%s p%d %s: —— is %v long, want about two ems (%v)", path, pg.Number, r.Article, long, 2*r.Size)
					}
					k++
				}
			}
		}
	}
	if seen == 0 {
		t.Error("no —— in the samples")
	}
}

// TestLeadIsWidest: on every sample page the lead story (the page's first
// article) spans at least as many columns as any other module, continued
// stories included: importance falls from top-left to bottom-right. A lead
// placed by hand (place:) is the editor's choice and is not checked: the
// composer caps the others at its span only when the page can still be
// tiled exactly.
func TestLeadIsWidest(t *testing.T) {
	lib := fonts.NewLibrary()
	for path, doc := range sampleDocs(t, lib) {
		ed := loadSample(t, path)
		g := testGrid(t, ed, lib)
		for _, pg := range doc.Pages {
			ep := pageOf(ed, pg.Number)
			if len(ep.Articles) == 0 || ep.Articles[0].Place != nil {
				continue
			}
			boxes := map[string]box{}
			for _, it := range pg.Items {
				switch v := it.(type) {
				case *display.GlyphRun:
					if v.Article != "" {
						boxes[v.Article] = boxes[v.Article].union(runBox(v))
					}
				case *display.Image:
					if v.Article != "" {
						boxes[v.Article] = boxes[v.Article].union(rectBox(v.Frame))
					}
				}
			}
			// Ink may hang a little into the gutters (a mark's blank half):
			// round the width to whole columns.
			span := func(b box) int { return int((b.x1 - b.x0 + g.gutter + g.colW/2) / (g.colW + g.gutter)) }
			lead := ep.Articles[0].ID
			for id, b := range boxes {
				if span(b) > span(boxes[lead]) {
					t.Errorf("%s p%d: %s spans %d columns, the lead %s only %d", path, pg.Number, id, span(b), lead, span(boxes[lead]))
				}
			}
		}
	}
}

// TestSamplesNoUnderset: the samples fill their pages without holes; the
// slack a module leaves is absorbed (headline space, photo crop), never
// left as empty lines (four-pages p2 once left one beside a photo).
func TestSamplesNoUnderset(t *testing.T) {
	for path, doc := range sampleDocs(t, fonts.NewLibrary()) {
		for _, d := range doc.Diagnostics {
			if d.Code == "underset" || d.Code == "low-ppi" {
				t.Errorf("%s p%d %s: %s: %s", path, d.Page, d.Article, d.Code, d.Message)
			}
		}
	}
}
