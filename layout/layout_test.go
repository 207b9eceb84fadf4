package layout

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// sampleEditions are the editions in editions/samples that every layout
// invariant is checked on.
func sampleEditions() []string {
	return []string{"../editions/samples/local-news.yaml", "../editions/samples/four-pages.yaml"}
}

// typographySamples are the samples whose text and typography are checked:
// sampleEditions and hard-cases.yaml, issue 9's hard cases (numbers with
// units, ranges, URLs, Latin words, headlines that must break between
// words). Its page make-up is no model (short stories in shallow strips),
// so the shape tests leave it out.
func typographySamples() []string {
	return append(sampleEditions(), "../editions/samples/hard-cases.yaml")
}

// compose loads nothing: it composes ed with a fresh library.
func composeEd(t testing.TB, ed *editions.Edition, lib *fonts.Library) *display.Document {
	t.Helper()
	doc, err := Compose(ed, lib, Options{})
	if err != nil {
		t.Fatalf("Compose: %v", err)
	}
	return doc
}

func loadSample(t testing.TB, path string) *editions.Edition {
	t.Helper()
	ed, err := editions.Load(path)
	if err != nil {
		t.Fatalf("Load %s: %v", path, err)
	}
	return ed
}

// parseEd parses an edition held in the test. Paths resolve against
// editions/samples, so the sample photos and ads can be named.
func parseEd(t testing.TB, yaml string) *editions.Edition {
	t.Helper()
	ed, err := editions.Parse("../editions/samples/test.yaml", []byte(yaml))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return ed
}

// tester is what the checks need of a *testing.T or a *rapid.T.
type tester interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// testGrid rebuilds the grid the composer used.
func testGrid(t tester, ed *editions.Edition, lib *fonts.Library) grid {
	t.Helper()
	f, err := lib.Face(ed.Styles.Body.Font)
	if err != nil {
		t.Fatalf("%v", err)
	}
	g, err := newGrid(ed, f)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return g
}

// flowRole reports whether a run is part of an article's flow, set on the grid.
func flowRole(role display.Role) bool {
	return role == display.RoleBody || role == display.RoleByline || role == display.RoleDateline || role == display.RoleJump
}

type box struct{ x0, y0, x1, y1 units.Length }

func (b box) overlaps(o box) bool { return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1 }

func (b box) union(o box) box {
	if b == (box{}) {
		return o
	}
	return box{min(b.x0, o.x0), min(b.y0, o.y0), max(b.x1, o.x1), max(b.y1, o.y1)}
}

// runBox is the ink area of a run: its glyphs' em boxes.
func runBox(r *display.GlyphRun) box {
	if len(r.Glyphs) == 0 {
		return box{}
	}
	x0, x1 := r.Glyphs[0].X, r.Glyphs[0].X
	for _, g := range r.Glyphs {
		x0, x1 = min(x0, g.X), max(x1, g.X)
	}
	// A mark at the end keeps only its inked half (its blank half may be cut).
	end := r.Size
	if c, _ := utf8.DecodeRuneInString(r.Glyphs[len(r.Glyphs)-1].Text); unicode.IsPunct(c) {
		end = r.Size / 2
	}
	return box{x0, r.Baseline - r.Size.Scale(88, 100), x1 + end, r.Baseline + r.Size.Scale(12, 100)}
}

func rectBox(r display.Rect) box { return box{r.X, r.Y, r.X + r.W, r.Y + r.H} }

// gridLine is the grid line whose body baseline is y, and whether y is one.
func (g grid) gridLine(y units.Length) (int, bool) {
	d := y - g.area.Y - g.base
	return int(d / g.lead), d%g.lead == 0 && d >= 0
}

// column is the page column that x lies in (-1 in a gutter or margin).
func (g grid) column(x units.Length) int {
	d := x - g.area.X
	if d < 0 {
		return -1
	}
	c := int(d / (g.colW + g.gutter))
	if c >= g.columns || d-units.Length(c)*(g.colW+g.gutter) >= g.colW {
		return -1
	}
	return c
}

// checkDoc asserts the page invariants of issue 4 on a composed edition.
func checkDoc(t tester, ed *editions.Edition, lib *fonts.Library, doc *display.Document) {
	t.Helper()
	checkDocExcept(t, ed, lib, doc, true, nil)
}

// checkDocExcept is checkDoc, skipping the fill of columns unless fill is
// set and the text of the articles in overset.
func checkDocExcept(t tester, ed *editions.Edition, lib *fonts.Library, doc *display.Document, fill bool, overset map[string]bool) {
	t.Helper()
	g := testGrid(t, ed, lib)
	if len(doc.Pages) != len(ed.Pages) {
		t.Fatalf("%d pages composed for %d", len(doc.Pages), len(ed.Pages))
	}
	for pi := range doc.Pages {
		pg := &doc.Pages[pi]
		ep := pageOf(ed, pg.Number)
		boxes := map[string]box{}
		var ads []box
		// per article, per column: the last flow line
		last := map[string]map[int]int{}
		first := map[string]map[int]int{}
		photoBox := map[string]box{} // per article, the last photo drawn
		colBottom := make([]int, g.columns)
		for c := range colBottom {
			colBottom[c] = -1
		}
		for _, it := range pg.Items {
			switch v := it.(type) {
			case *display.GlyphRun:
				if v.Article == "" {
					continue
				}
				b := runBox(v)
				boxes[v.Article] = boxes[v.Article].union(b)
				if !flowRole(v.Role) && v.Role != display.RoleCaption && v.Role != display.RoleCredit {
					continue
				}
				k, on := g.gridLine(v.Baseline)
				if !on {
					t.Errorf("page %d %s: %s baseline %v is off the page grid", pg.Number, v.Article, v.Role, v.Baseline)
				}
				if v.Role == display.RoleCaption || v.Role == display.RoleCredit {
					// A caption line fills the columns of the photo above
					// it, however short the line.
					x0, x1 := b.x0, b.x1
					if pb, ok := photoBox[v.Article]; ok && pb.x0 <= b.x0+1000 && b.x0 < pb.x1 {
						x0, x1 = min(x0, pb.x0), max(x1, pb.x1)
					}
					for c := g.column(x0); c >= 0 && c < g.columns && g.colX(c) < x1; c++ {
						colBottom[c] = max(colBottom[c], k)
					}
					continue
				}
				c := g.column(v.Glyphs[0].X + v.Size/2)
				if c < 0 {
					t.Errorf("page %d %s: line at x=%v is not in a column", pg.Number, v.Article, v.Glyphs[0].X)
					continue
				}
				if last[v.Article] == nil {
					last[v.Article], first[v.Article] = map[int]int{}, map[int]int{}
				}
				if _, ok := first[v.Article][c]; !ok {
					first[v.Article][c] = k
				}
				last[v.Article][c] = max(last[v.Article][c], k)
				colBottom[c] = max(colBottom[c], k)
			case *display.Image:
				b := rectBox(v.Frame)
				if v.Article != "" {
					boxes[v.Article] = boxes[v.Article].union(b)
					photoBox[v.Article] = b
				} else {
					ads = append(ads, b)
				}
				markColumns(g, colBottom, b)
			case *display.PDFPage:
				ads = append(ads, rectBox(v.Frame))
				markColumns(g, colBottom, rectBox(v.Frame))
			}
		}
		// No overlaps between modules, or with ads.
		ids := make([]string, 0, len(boxes))
		for id := range boxes {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for i, a := range ids {
			for _, b := range ids[i+1:] {
				if boxes[a].overlaps(boxes[b]) {
					t.Errorf("page %d: articles %s %v and %s %v overlap", pg.Number, a, boxes[a], b, boxes[b])
				}
			}
			for _, ad := range ads {
				if boxes[a].overlaps(ad) {
					t.Errorf("page %d: article %s overlaps an ad", pg.Number, a)
				}
			}
		}
		// Every column filled to within one grid line of the bottom.
		for c, k := range colBottom {
			if fill && k < g.lines-2 {
				t.Errorf("page %d: column %d ends at grid line %d of %d", pg.Number, c+1, k, g.lines)
			}
		}
		// Module columns balanced within one line.
		for id, cols := range last {
			lo, hi := g.lines, 0
			for _, k := range cols {
				lo, hi = min(lo, k), max(hi, k)
			}
			if hi-lo > 1 {
				t.Errorf("page %d: %s's columns end at lines %v: not balanced", pg.Number, id, cols)
			}
		}
		// The lead story on top, at the left: its module's top (its
		// bookmark) is the highest on the page.
		if ep != nil && len(ep.Articles) > 0 && ep.Articles[0].Place == nil && !overset[ep.Articles[0].ID] && pi < len(doc.Outline) {
			kids := doc.Outline[pi].Kids
			if len(kids) == 0 {
				t.Errorf("page %d: no article bookmarks", pg.Number)
			} else {
				for _, k := range kids[1:] {
					if k.Y < kids[0].Y {
						t.Errorf("page %d: %q (top %v) stands above the lead story %q (top %v)", pg.Number, k.Title, k.Y, kids[0].Title, kids[0].Y)
					}
				}
			}
			if lead := boxes[ep.Articles[0].ID]; lead.x0 > g.area.X+units.Pt(40) {
				t.Errorf("page %d: the lead story starts at x=%v, not at the left", pg.Number, lead.x0)
			}
		}
	}
	checkText(t, ed, doc, overset)
	checkPhotos(t, ed, doc, overset)
}

func markColumns(g grid, colBottom []int, b box) {
	k := int((b.y1 - g.area.Y + g.lead - 1) / g.lead)
	for c := 0; c < g.columns; c++ {
		if g.colX(c) < b.x1 && b.x0 < g.colX(c)+g.colW {
			colBottom[c] = max(colBottom[c], k-1)
		}
	}
}

func pageOf(ed *editions.Edition, n int) *editions.Page {
	for i := range ed.Pages {
		if ed.Pages[i].Number == n {
			return &ed.Pages[i]
		}
	}
	return nil
}

// strip removes white space, which the composer may drop at line ends.
// strip drops white space and the soft hyphens the composer adds where it
// breaks a Latin word (shown, but not text: PDF 32000-1 §14.8.2.2.3).
func strip(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' {
			return -1
		}
		return r
	}, s)
}

func norm(s string, st editions.Style) string {
	if st.Normalize {
		s = text.Normalize(s)
	}
	return strip(s)
}

// checkText asserts that every character of every article reaches the
// display list: the flow (byline, dateline, body) in order, across pages
// for continued articles, and everything else as a multiset.
func checkText(t tester, ed *editions.Edition, doc *display.Document, overset map[string]bool) {
	t.Helper()
	st := ed.Styles
	flow := map[string]*strings.Builder{}
	all := map[string][]rune{}
	for _, pg := range doc.Pages {
		for _, it := range pg.Items {
			r, ok := it.(*display.GlyphRun)
			if !ok || r.Article == "" || r.Role == display.RoleJump || r.Role == display.RoleHeadlineRepeat {
				continue
			}
			var sb strings.Builder
			for _, g := range r.Glyphs {
				sb.WriteString(g.Text)
			}
			s := strip(sb.String())
			if flowRole(r.Role) {
				if flow[r.Article] == nil {
					flow[r.Article] = &strings.Builder{}
				}
				flow[r.Article].WriteString(s)
			}
			all[r.Article] = append(all[r.Article], []rune(s)...)
		}
	}
	for _, p := range ed.Pages {
		for _, a := range p.Articles {
			if overset[a.ID] {
				continue
			}
			want := norm(BylineText(a.Byline, p.Style), st.Byline) + norm(a.Dateline, st.Body)
			for _, par := range a.Body {
				want += norm(par, st.Body)
			}
			got := ""
			if flow[a.ID] != nil {
				got = flow[a.ID].String()
			}
			if got != want {
				t.Errorf("article %s: the flow differs from the text:\n got %q\nwant %q", a.ID, trunc(got), trunc(want))
			}
			rest := []string{norm(a.Kicker, st.Kicker), norm(a.Headline, st.Headline), norm(a.Subtitle, st.Subtitle)}
			photos := append([]editions.Photo(nil), a.Photos...)
			if a.Story != nil {
				photos = append(photos, *a.Story)
				rest = append(rest, norm(a.Story.Title, st.Subtitle))
			}
			for _, ph := range photos {
				rest = append(rest, norm(ph.Caption, st.Caption), norm(ph.Credit, st.Credit))
			}
			wantAll := []rune(want + strings.Join(rest, ""))
			gotAll := all[a.ID]
			slices.Sort(wantAll)
			slices.Sort(gotAll)
			if string(gotAll) != string(wantAll) {
				t.Errorf("article %s: %d characters in the display list, %d in the text", a.ID, len(gotAll), len(wantAll))
			}
		}
	}
}

func trunc(s string) string {
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:40]) + "…" + string(r[len(r)-40:])
	}
	return s
}

// checkPhotos asserts that every photo keeps its aspect ratio, and that a
// cropped one covers its frame while a fitted one lies inside it.
func checkPhotos(t tester, ed *editions.Edition, doc *display.Document, overset map[string]bool) {
	t.Helper()
	photos := map[string]editions.Photo{}
	for _, p := range ed.Pages {
		for _, a := range p.Articles {
			if overset[a.ID] {
				continue
			}
			for _, ph := range a.Photos {
				photos[a.ID+"|"+ph.File] = ph
			}
			if a.Story != nil {
				photos[a.ID+"|"+a.Story.File] = *a.Story
			}
		}
	}
	n := 0
	for _, pg := range doc.Pages {
		for _, it := range pg.Items {
			im, ok := it.(*display.Image)
			if !ok || im.Article == "" {
				continue
			}
			ph, ok := photos[im.Article+"|"+im.Source]
			if !ok && overset[im.Article] {
				continue
			}
			if !ok {
				t.Errorf("page %d: image %s of %s is not in the edition", pg.Number, im.Source, im.Article)
				continue
			}
			n++
			pw, phh := int64(ph.PixelWidth), int64(ph.PixelHeight)
			if d := int64(im.Draw.W)*phh - int64(im.Draw.H)*pw; d > pw+phh || d < -(pw+phh) {
				t.Errorf("page %d %s: photo drawn %v×%v, pixels %d×%d: aspect changed", pg.Number, im.Article, im.Draw.W, im.Draw.H, pw, phh)
			}
			f, d := im.Frame, im.Draw
			if ph.Fit == editions.FitContain {
				if d.X < f.X || d.Y < f.Y || d.X+d.W > f.X+f.W || d.Y+d.H > f.Y+f.H {
					t.Errorf("page %d %s: fitted photo %v outside its frame %v", pg.Number, im.Article, d, f)
				}
			} else if d.X > f.X || d.Y > f.Y || d.X+d.W < f.X+f.W || d.Y+d.H < f.Y+f.H {
				t.Errorf("page %d %s: cropped photo %v does not cover its frame %v", pg.Number, im.Article, d, f)
			}
		}
	}
	want := 0
	for _, ph := range photos {
		if ph.PixelWidth > 0 {
			want++
		}
	}
	if n < want {
		t.Errorf("%d photos drawn, %d in the edition", n, want)
	}
}

func TestSamples(t *testing.T) {
	lib := fonts.NewLibrary()
	for _, path := range typographySamples() {
		t.Run(path, func(t *testing.T) {
			ed := loadSample(t, path)
			doc := composeEd(t, ed, lib)
			noErrors(t, doc)
			checkDoc(t, ed, lib, doc)
			if doc.Meta.Paper != ed.Paper || doc.Meta.Issue != ed.Issue || doc.Meta.Date != ed.Date.String() {
				t.Errorf("meta %+v", doc.Meta)
			}
			if len(doc.Outline) != len(doc.Pages) {
				t.Errorf("%d page bookmarks for %d pages", len(doc.Outline), len(doc.Pages))
			}
			for i, b := range doc.Outline {
				ep := pageOf(ed, doc.Pages[i].Number)
				if len(b.Kids) < len(ep.Articles) {
					t.Errorf("page %d: %d article bookmarks for %d articles", ep.Number, len(b.Kids), len(ep.Articles))
					continue
				}
				for j, a := range ep.Articles {
					if a.Headline != "" && b.Kids[j].Title != a.Headline {
						t.Errorf("page %d bookmark %d: %q, want %q", ep.Number, j, b.Kids[j].Title, a.Headline)
					}
				}
			}
		})
	}
}

// TestDeterministic: the same edition gives the same display list.
func TestDeterministic(t *testing.T) {
	ed := loadSample(t, sampleEditions()[1])
	a := composeEd(t, ed, fonts.NewLibrary())
	b := composeEd(t, ed, fonts.NewLibrary())
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two compositions of the same edition differ")
	}
}

// prose makes n paragraphs of varied Chinese text, deterministically.
func prose(n, seed int) string {
	sentences := []string{
		"记者从港区有关部门获悉，今年以来港区各项工作稳步推进。",
		"据统计，1至2月全区完成固定资产投资48.6亿元，同比增长12.3%。",
		"“我们将继续优化营商环境，让企业安心发展。”相关负责人说。",
		"项目建成后，预计年产值可达20亿元，带动就业约1,500人。",
		"目前，施工现场已完成基础工程，主体结构正在加紧建设。",
		"市民王女士表示，家门口的变化越来越多，生活也越来越方便。",
		"下一步，港区将围绕重点领域，持续推进改革创新。",
		"活动吸引了来自周边社区的300多名居民参加。",
	}
	var b strings.Builder
	for p := 0; p < n; p++ {
		if p > 0 {
			b.WriteString("\n\n          ")
		}
		for s := 0; s < 3+(p+seed)%3; s++ {
			b.WriteString(sentences[(p*5+s*3+seed)%len(sentences)])
		}
	}
	return b.String()
}

// testEdition is the head of a test edition (paper, date, issue), pages
// to follow.
const testEdition = "paper: 测试报\ndate: 2026-03-18\nissue: 1\npages:"

// onePage is a test edition of one page numbered n holding articles.
func onePage(n int, articles ...string) string {
	return fmt.Sprintf("%s\n  - number: %d\n    articles:%s\n", testEdition, n, strings.Join(articles, ""))
}

// findDiag returns the first diagnostic of doc with the code, severity,
// page and article given, or nil.
func findDiag(doc *display.Document, code diag.Code, sev display.Severity, page int, article string) *display.Diagnostic {
	for i, d := range doc.Diagnostics {
		if d.Code == code && d.Severity == sev && d.Page == page && d.Article == article {
			return &doc.Diagnostics[i]
		}
	}
	return nil
}

// noErrors fails t for every error diagnostic of doc.
func noErrors(t testing.TB, doc *display.Document) {
	t.Helper()
	for _, d := range doc.Diagnostics {
		if d.Severity == display.Error {
			t.Errorf("page %d %s: %s: %s", d.Page, d.Article, d.Code, d.Message)
		}
	}
}

func article(id, headline string, paragraphs, seed int, extra string) string {
	return fmt.Sprintf(`
      - id: %s
        headline: %s
        byline: ■记者 张三
        dateline: 本报讯
        body: |
          %s
%s`, id, headline, prose(paragraphs, seed), extra)
}

// jumpEdition is three pages whose first article ("long") continues on
// page 3.
func jumpEdition() string {
	return testEdition + `
  - number: 1
    section: 要闻
    articles:` + article("long", "长篇报道跨版续完", 120, 1, "        continue-on: 3\n") +
		article("second", "第二条新闻", 12, 2, "") + article("third", "第三条新闻", 8, 3, "") + `
  - number: 2
    section: 综合
    articles:` + article("p2a", "二版头条新闻", 40, 4, "") + article("p2b", "二版第二条", 20, 5, "") + article("p2c", "二版第三条", 14, 6, "") + `
  - number: 3
    section: 综合
    articles:` + article("p3a", "三版头条新闻", 14, 7, "") + article("p3b", "三版第二条", 10, 8, "") + "\n"
}

// serifWithout adds to lib, as name, the built-in serif cut down to the
// characters of chars it has, less the character left out.
func serifWithout(t *testing.T, lib *fonts.Library, name, chars string, left rune) {
	t.Helper()
	var rs []rune
	for _, r := range chars {
		if r != left {
			rs = append(rs, r)
		}
	}
	faceWith(t, lib, name, "NotoSerifSC-Regular.ttf", rs)
}

// faceWith adds to lib, as name, the built-in face in file (under
// fonts/files) cut down to the characters of rs it has.
func faceWith(t *testing.T, lib *fonts.Library, name, file string, rs []rune) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../fonts/files", file))
	if err != nil {
		t.Fatal(err)
	}
	face, err := fonts.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	var keep []rune
	for _, r := range rs {
		if _, ok := face.GlyphIndex(r); ok {
			keep = append(keep, r)
		}
	}
	slices.Sort(keep)
	program, _, err := face.Subset(slices.Compact(keep))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".ttf")
	if err := os.WriteFile(path, program, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := lib.AddFile(name, path); err != nil {
		t.Fatal(err)
	}
}

// TestSlugFace: the slug line printer's marks draw under each page
// (paper, ISO date, issue, page, section) is set in the folio's face when
// that face has every character of it, and otherwise in a face that has:
// a folio face without "-" set the folio and then stopped the writer at
// the slug's date with --marks, which check does not take.
func TestSlugFace(t *testing.T) {
	y := jumpEdition()
	lib := fonts.NewLibrary()
	doc := composeEd(t, parseEd(t, y), lib)
	folio := "" // page 1 has a masthead: the first folio is page 2's
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*display.GlyphRun); ok && r.Role == display.RoleFolio && folio == "" {
				folio = r.Face
			}
		}
	}
	if folio == "" || doc.Meta.SlugFace != folio {
		t.Errorf("slug face %q, want the folio's %q", doc.Meta.SlugFace, folio)
	}

	// The whole face but "-": the folio and masthead need no more.
	var all strings.Builder
	for r := rune(0x20); r < 0x10000; r++ {
		if utf8.ValidRune(r) {
			all.WriteRune(r)
		}
	}
	serifWithout(t, lib, "nodash", all.String(), '-')
	ed := parseEd(t, y)
	ed.Styles.Folio.Font = "nodash"
	doc = composeEd(t, ed, lib)
	noErrors(t, doc)
	face, err := lib.Face(doc.Meta.SlugFace)
	if err != nil {
		t.Fatalf("slug face %q: %v", doc.Meta.SlugFace, err)
	}
	for _, p := range doc.Pages {
		if !strings.Contains(p.Slug, "-") {
			t.Fatalf("page %d: the slug %q has no ISO date", p.Number, p.Slug)
		}
		for _, r := range p.Slug {
			if !face.Covers(r) {
				t.Errorf("page %d: slug face %q has no %q", p.Number, doc.Meta.SlugFace, r)
			}
		}
	}
}

// TestJumpLineMissingGlyph: a jump line is text like any other. Set in a
// body face without 版, its (下转第3版) and (上接第1版) are missing-glyph
// errors naming the article, as the body's own characters would be: found
// by check, not left for the PDF writer to fail on with no article named.
func TestJumpLineMissingGlyph(t *testing.T) {
	y := jumpEdition()
	// Every character of the edition but 版, and the jump lines' others.
	lib := fonts.NewLibrary()
	serifWithout(t, lib, "nobanface", y+"（）下转上接第0123456789", '版')
	ed := parseEd(t, y)
	ed.Styles.Body.Font = "nobanface"
	doc := composeEd(t, ed, lib)
	var errs []display.Diagnostic
	for _, d := range doc.Diagnostics {
		if d.Severity == display.Error {
			errs = append(errs, d)
		}
	}
	for _, jump := range []string{"jump line （下转第3版）: ", "jump line （上接第1版）: "} {
		if !slices.ContainsFunc(errs, func(d display.Diagnostic) bool {
			return d.Code == diag.MissingGlyph && d.Article == "long" &&
				strings.HasPrefix(d.Message, jump) && strings.Contains(d.Message, "U+7248")
		}) {
			t.Errorf("no missing-glyph error for %q; the errors: %+v", jump, errs)
		}
	}
}

// TestJumpLines: an article too long for its page continues on the page
// named in continue-on, with 下转 and 上接 lines giving the right pages, and
// not a character lost between them.
func TestJumpLines(t *testing.T) {
	ed := parseEd(t, jumpEdition())
	lib := fonts.NewLibrary()
	doc := composeEd(t, ed, lib)
	noErrors(t, doc)
	find := func(page int, s string) *display.GlyphRun {
		for _, it := range doc.Pages[page].Items {
			if r, ok := it.(*display.GlyphRun); ok && r.Role == display.RoleJump {
				var b strings.Builder
				for _, g := range r.Glyphs {
					b.WriteString(g.Text)
				}
				if b.String() == s {
					return r
				}
			}
		}
		return nil
	}
	down := find(0, "（下转第3版）")
	if down == nil || down.Article != "long" {
		t.Fatalf("no jump line （下转第3版） for article long on page 1: %+v", down)
	}
	up := find(2, "（上接第1版）")
	if up == nil || up.Article != "long" {
		t.Fatalf("no jump line （上接第1版） for article long on page 3: %+v", up)
	}
	if find(1, "（上接第1版）") != nil {
		t.Error("the continuation landed on page 2")
	}
	// The 下转 line ends the part on page 1: no body line of the article below
	// it in its column or in a later column.
	for _, it := range doc.Pages[0].Items {
		if r, ok := it.(*display.GlyphRun); ok && r.Article == "long" && r.Role == display.RoleBody {
			if r.Glyphs[0].X > down.Glyphs[0].X+units.Pt(100) || (r.Glyphs[0].X >= down.Glyphs[0].X-units.Pt(120) && r.Baseline > down.Baseline) {
				t.Errorf("body line at (%v, %v) after the jump line at (%v, %v)", r.Glyphs[0].X, r.Baseline, down.Glyphs[0].X, down.Baseline)
				break
			}
		}
	}
	checkDoc(t, ed, lib, doc)
}

// TestOverset: text that cannot fit, with no page to continue on, is an
// error naming the article, with the lines and characters left out.
func TestOverset(t *testing.T) {
	ed := parseEd(t, onePage(1, article("huge", "特长报道", 400, 1, "")))
	doc := composeEd(t, ed, fonts.NewLibrary())
	d := findDiag(doc, diag.Overset, display.Error, 1, "huge")
	if d == nil {
		t.Fatalf("no overset error for huge: %+v", doc.Diagnostics)
	}
	if !strings.Contains(d.Message, "lines") || !strings.Contains(d.Message, "characters") {
		t.Errorf("overset message does not say what did not fit: %s", d.Message)
	}
}

// TestUnderset: a page without enough copy is a warning naming the place.
func TestUnderset(t *testing.T) {
	ed := parseEd(t, onePage(2, article("short", "短消息", 1, 1, "")))
	doc := composeEd(t, ed, fonts.NewLibrary())
	noErrors(t, doc)
	if findDiag(doc, diag.Underset, display.Warning, 2, "short") == nil {
		t.Fatalf("no underset warning: %+v", doc.Diagnostics)
	}
}

// TestAdAndPhotos: an ad is a reserved rectangle the articles flow around;
// a PDF ad is placed as a vector page; a low-resolution photo is reported.
func TestAdAndPhotos(t *testing.T) {
	y := testEdition + `
  - number: 2
    section: 综合
    articles:` + article("a1", "头条新闻配有照片", 16, 1, `        photos:
          - {file: photos/harbour-dusk.jpg, caption: 港区夜景。, credit: ■摄影 记者 王五, focus: [0.3, 0.6]}
`) + article("a2", "第二条新闻配小图", 10, 2, `        photos:
          - {file: testdata/photos/lowres-harbour.jpg, caption: 低清图片。, fit: contain}
`) + article("a3", "第三条新闻", 8, 3, "") + article("a4", "第四条新闻", 6, 4, "") + article("a5", "第五条", 5, 5, "") + `
    ads:
      - {id: bank, file: ads/bank.pdf, at: {column: 5, span: 4, bottom: true, lines: 30}}
`
	ed := parseEd(t, y)
	arts := ed.Pages[0].Articles
	arts[0].Photos[0].PixelWidth, arts[0].Photos[0].PixelHeight = 2400, 1600
	arts[1].Photos[0].PixelWidth, arts[1].Photos[0].PixelHeight = 320, 240
	lib := fonts.NewLibrary()
	doc := composeEd(t, ed, lib)
	g := testGrid(t, ed, lib)
	var ad *display.PDFPage
	for _, it := range doc.Pages[0].Items {
		if p, ok := it.(*display.PDFPage); ok {
			ad = p
		}
	}
	if ad == nil {
		t.Fatal("no PDF ad on the page")
	}
	if ad.Frame.X != g.colX(4) || ad.Frame.W != g.spanW(4) || ad.Frame.Y+ad.Frame.H+g.inset() != g.lineY(g.lines) {
		t.Errorf("ad frame %+v, want columns 5–8 at the foot of the page", ad.Frame)
	}
	noErrors(t, doc)
	if findDiag(doc, diag.LowPPI, display.Warning, 2, "a2") == nil {
		t.Errorf("no low-ppi warning for a2: %+v", doc.Diagnostics)
	}
	if d := findDiag(doc, diag.LowPPI, display.Warning, 2, "a1"); d != nil {
		t.Errorf("a 2400-pixel photo reported: %s", d.Message)
	}
	checkDoc(t, ed, lib, doc)
}

// TestFixedPlace: an explicit place overrides the automatic choice.
func TestFixedPlace(t *testing.T) {
	y := testEdition + `
  - number: 2
    articles:` + article("a1", "头条新闻", 60, 1, "") + article("a2", "固定位置的新闻", 20, 2, "        place: {column: 6, span: 3, line: 0, lines: 40}\n") +
		article("a3", "第三条新闻", 30, 3, "") + article("a4", "第四条新闻", 20, 4, "") + "\n"
	ed := parseEd(t, y)
	lib := fonts.NewLibrary()
	doc := composeEd(t, ed, lib)
	g := testGrid(t, ed, lib)
	var b box
	for _, it := range doc.Pages[0].Items {
		if r, ok := it.(*display.GlyphRun); ok && r.Article == "a2" {
			b = b.union(runBox(r))
		}
	}
	want := box{g.colX(5), g.lineY(0), g.colX(7) + g.colW, g.lineY(40)}
	if b.x0 < want.x0-units.Pt(5) || b.x1 > want.x1+units.Pt(5) || b.y0 < want.y0 || b.y1 > want.y1 {
		t.Errorf("a2 drawn in %v, outside its place %v", b, want)
	}
}

func TestCoverContain(t *testing.T) {
	f := display.Rect{X: 1000, Y: 2000, W: 300000, H: 100000}
	d := coverRect(f, 1000, 1000, 500, 0)
	if d.W != 300000 || d.H != 300000 || d.Y != f.Y {
		t.Errorf("cover of a square in a 3:1 frame, focus at the top: %+v", d)
	}
	d = coverRect(f, 1000, 1000, 500, 1000)
	if d.Y+d.H != f.Y+f.H {
		t.Errorf("cover with the focus at the bottom shows %+v", d)
	}
	d = containRect(f, 1000, 1000)
	if d.W != 100000 || d.H != 100000 || d.X != f.X+100000 {
		t.Errorf("contain of a square in a 3:1 frame: %+v", d)
	}
}

// TestMissingGlyph: a character no face covers is an error naming the
// page and the article, and the character is still in the display list.
func TestMissingGlyph(t *testing.T) {
	ed := parseEd(t, onePage(3, article("glyph", "缺字测试", 3, 1, "")))
	ed.Pages[0].Articles[0].Body[0] += "𓀀"
	doc := composeEd(t, ed, fonts.NewLibrary())
	if findDiag(doc, diag.MissingGlyph, display.Error, 3, "glyph") == nil {
		t.Errorf("no missing-glyph error: %+v", doc.Diagnostics)
	}
	checkText(t, ed, doc, nil)
}

// TestAdLabel: an ad carries the mark China's Advertising Law asks for
// (广告), set flush right in the credit face at the top of its rectangle,
// the ad drawn below it; label: "" leaves it out (the artwork carries its
// own) and the ad takes the whole rectangle; a label no font can set is
// an error, as a folio's character is.
func TestAdLabel(t *testing.T) {
	y := testEdition + `
  - number: 2
    section: 综合
    articles:` + article("a1", "头条新闻", 12, 1, "") + article("a2", "第二条新闻", 8, 2, "") + `
    ads:
      - {id: bank, file: ads/bank.pdf, at: {column: 1, span: 4, bottom: true, lines: 30}}
      - {id: own, file: ads/bank.pdf, label: "", at: {column: 5, span: 4, bottom: true, lines: 30}}
`
	ed := parseEd(t, y)
	lib := fonts.NewLibrary()
	doc := composeEd(t, ed, lib)
	noErrors(t, doc)
	g := testGrid(t, ed, lib)
	var labels []*display.GlyphRun
	var ads []*display.PDFPage
	for _, it := range doc.Pages[0].Items {
		switch it := it.(type) {
		case *display.GlyphRun:
			if it.Role == display.RoleAdLabel {
				labels = append(labels, it)
			}
		case *display.PDFPage:
			ads = append(ads, it)
		}
	}
	if len(labels) != 1 || len(ads) != 2 {
		t.Fatalf("%d labels and %d ads, want 1 and 2", len(labels), len(ads))
	}
	l := labels[0]
	if text := l.Glyphs[0].Text + l.Glyphs[1].Text; text != "广告" {
		t.Errorf("label %q", text)
	}
	last := l.Glyphs[len(l.Glyphs)-1]
	if right := l.Glyphs[0].X + (last.X - l.Glyphs[0].X) + l.Size; right > g.colX(0)+g.spanW(4)+1 || right < g.colX(0)+g.spanW(4)-l.Size/4 {
		t.Errorf("label ends at %v, want flush right at %v", right, g.colX(0)+g.spanW(4))
	}
	labelled, own := ads[0], ads[1]
	if labelled.Frame.X != g.colX(0) {
		labelled, own = own, labelled
	}
	if l.Baseline >= labelled.Frame.Y {
		t.Errorf("label's baseline %v is not above the ad's frame at %v", l.Baseline, labelled.Frame.Y)
	}
	if own.Frame.H-labelled.Frame.H != l.Size.Scale(adLabelBand, 10) || own.Frame.Y+own.Frame.H != labelled.Frame.Y+labelled.Frame.H {
		t.Errorf("frames %+v and %+v: want the labelled one shorter by its band, both on the foot", labelled.Frame, own.Frame)
	}

	ed = parseEd(t, strings.Replace(y, `label: ""`, `label: "𪛖"`, 1))
	doc = composeEd(t, ed, lib)
	if d := findDiag(doc, diag.MissingGlyph, display.Error, 2, ""); d == nil || !strings.Contains(d.Message, "ad own: label") {
		t.Errorf("a label no font has: %+v", doc.Diagnostics)
	}
}
