package layout

import (
	"fmt"
	"slices"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// shape is what a reader sees of one module on a composed page: the
// columns it spans, the body lines in each of them, and whether it has a
// photo.
type shape struct {
	id       string
	col      int   // first column (0-based)
	span     int   // columns wide
	top      int   // first grid line of the module's box
	perCol   []int // flow lines in each of its columns
	flow     int   // flow lines in all
	photo    bool
	headSize string // the headline's size
}

// depth is the body lines of the module's first column, which photos
// (always at the module's right) never take.
func (s shape) depth() int {
	if len(s.perCol) == 0 {
		return 0
	}
	return s.perCol[0]
}

func (s shape) String() string {
	return fmt.Sprintf("%s: cols %d–%d at line %d, %d flow lines %v, headline %s, photo %v",
		s.id, s.col+1, s.col+s.span, s.top, s.flow, s.perCol, s.headSize, s.photo)
}

// moduleShapes recovers each article module's shape from a composed page.
func moduleShapes(g grid, pg *display.Page) []shape {
	boxes := map[string]box{}
	lines := map[string]map[int]int{}
	photo := map[string]bool{}
	head := map[string]string{}
	var order []string
	for _, it := range pg.Items {
		switch v := it.(type) {
		case *display.GlyphRun:
			if v.Article == "" {
				continue
			}
			if _, ok := boxes[v.Article]; !ok {
				order = append(order, v.Article)
			}
			boxes[v.Article] = boxes[v.Article].union(runBox(v))
			if v.Role == display.RoleHeadline && head[v.Article] == "" {
				head[v.Article] = v.Size.String()
			}
			if !flowRole(v.Role) {
				continue
			}
			c := g.column(v.Glyphs[0].X + v.Size/2)
			if lines[v.Article] == nil {
				lines[v.Article] = map[int]int{}
			}
			lines[v.Article][c]++
		case *display.Image:
			if v.Article == "" {
				continue
			}
			if _, ok := boxes[v.Article]; !ok {
				order = append(order, v.Article)
			}
			boxes[v.Article] = boxes[v.Article].union(rectBox(v.Frame))
			photo[v.Article] = true
		}
	}
	var out []shape
	for _, id := range order {
		b := boxes[id]
		c0 := -1
		c1 := -1
		for c := 0; c < g.columns; c++ {
			if g.colX(c) < b.x1 && b.x0 < g.colX(c)+g.colW {
				if c0 < 0 {
					c0 = c
				}
				c1 = c
			}
		}
		s := shape{id: id, col: c0, span: c1 - c0 + 1, photo: photo[id], headSize: head[id]}
		s.top, _ = g.gridLine(b.y0)
		for c := c0; c <= c1; c++ {
			s.perCol = append(s.perCol, lines[id][c])
			s.flow += lines[id][c]
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b shape) int {
		if a.top != b.top {
			return a.top - b.top
		}
		return a.col - b.col
	})
	return out
}

// minWideDepth is the fewest body lines a column of a module three or
// more columns wide may hold (a layout editor's rule of thumb is 8–10).
const minWideDepth = 8

// wantDepth is the fewest body lines a column of a module span columns
// wide should hold: minWideDepth, and for any story but the lead (whose
// wide, shallower top band is a convention) a line more per column of
// span beyond three.
func wantDepth(span int, lead bool) int {
	if lead {
		return minWideDepth
	}
	return max(minWideDepth, span+5)
}

// TestModuleShapes: no module is a shallow, wide strip. A layout editor
// sets a short story in a narrow, deeper module; a module three or more
// columns wide has body columns at least minWideDepth lines deep (its
// first column: photos stand at a module's right), and a line more per
// column of span beyond three (the lead excepted: see wantDepth), unless
// it is a photo story or its whole text could not fill two such columns. (The lead being
// the widest module is TestLeadIsWidest.) The four-page sample's page 1,
// short of copy under its lead, once set stories of 27–37 lines across
// four to eight columns, four to eight lines deep.
func TestModuleShapes(t *testing.T) {
	lib := fonts.NewLibrary()
	for _, path := range append(sampleEditions(), "../editions/samples/testdata/lowres-photo.yaml") {
		t.Run(path, func(t *testing.T) {
			ed := loadSample(t, path)
			doc := composeEd(t, ed, lib)
			g := testGrid(t, ed, lib)
			for pi := range doc.Pages {
				pg := &doc.Pages[pi]
				ep := pageOf(ed, pg.Number)
				story := map[string]bool{}
				for _, a := range ep.Articles {
					story[a.ID] = a.Story != nil
				}
				shapes := moduleShapes(g, pg)
				if len(shapes) == 0 {
					t.Errorf("page %d: no modules found", pg.Number)
				}
				for _, s := range shapes {
					if s.span < 3 || story[s.id] || s.flow < 2*minWideDepth {
						continue
					}
					if want := wantDepth(s.span, s.id == ep.Articles[0].ID); s.depth() < want {
						t.Errorf("page %d: %s is a shallow strip: %d columns %d lines deep (want at least %d)\n\t%v",
							pg.Number, s.id, s.span, s.depth(), want, s)
					}
				}
			}
		})
	}
}

// TestModuleShapesSeesStrips: the shape check recognises a shallow strip
// and a deep module on a composed page.
func TestModuleShapesSeesStrips(t *testing.T) {
	lib := fonts.NewLibrary()
	ed := parseEd(t, `paper: 测试报
date: 2026-03-18
issue: 1
preset: duikai
pages:
  - number: 2
    articles:
`+article("lead", "港区召开工作会议", 14, 1, "")+article("strip", "企业开办一日办结", 2, 2, `        place: {column: 1, span: 8, line: 70, lines: 12}
`))
	doc := composeEd(t, ed, lib)
	g := testGrid(t, ed, lib)
	found := false
	for _, s := range moduleShapes(g, &doc.Pages[0]) {
		switch s.id {
		case "strip":
			found = true
			if s.span != 8 || s.depth() >= minWideDepth || s.flow < 2*minWideDepth {
				t.Errorf("the strip placed by hand reads as %v", s)
			}
		case "lead":
			if s.col != 0 || s.depth() < minWideDepth {
				t.Errorf("the lead reads as %v", s)
			}
		}
	}
	if !found {
		t.Error("the strip was not found")
	}
}

// TestEmptyColumn: spreading fewer lines than a module has columns leaves
// a column empty (a hole the placement must not choose unreported); a
// column wholly under a photo has no room and is not a hole.
func TestEmptyColumn(t *testing.T) {
	for _, c := range []struct {
		s, k, occ, bh, f int
		want             bool
	}{
		{s: 5, bh: 1, f: 4, want: true},                 // 1,1,1,1,0
		{s: 5, bh: 1, f: 5},                             // a line each
		{s: 5, bh: 2, f: 6},                             // 2,1,1,1,1
		{s: 4, k: 2, occ: 10, bh: 10, f: 2},             // two lines beside the photo, none under it
		{s: 4, k: 2, occ: 10, bh: 10, f: 1, want: true}, // one text column empty beside the photo
		{s: 8, k: 8, occ: 20, bh: 21, f: 7, want: true}, // seven lines under an 8-column photo
		{s: 3, f: 0}, // a photo story has no text to spread
	} {
		if got := emptyColumn(c.s, c.k, c.occ, c.bh, c.f); got != c.want {
			t.Errorf("emptyColumn(%d columns, %d under %d lines of photo, depth %d, %d lines) = %v, want %v",
				c.s, c.k, c.occ, c.bh, c.f, got, c.want)
		}
	}
}
