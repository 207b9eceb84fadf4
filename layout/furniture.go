package layout

import (
	"fmt"
	"strings"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// The page's furniture: the masthead on page 1, the folio line above the
// type area of the others, the editors' line under it. Each is set and
// drawn in one go: nothing about it is paginated.

// masthead draws page 1's masthead at the top of the type area and returns
// the grid lines it takes.
// Characters no font has are reported to ps (see lineDiags).
func (ms *measurer) masthead(out *display.Page, ed *editions.Edition, ps *pageState) int {
	g := ms.g
	name := ms.st.masthead
	if n := units.Length(len([]rune(ed.Paper))); name.Size*n > g.area.W/2 {
		// A long name is set smaller to stay within half the type area,
		// its band shrinking with it.
		size := g.area.W / 2 / max(1, n)
		name.Leading = size.Scale(int64(name.Leading), int64(name.Size))
		name.Size = size
	}
	lines := g.linesFor(name.Leading)
	sp := ms.set.set(ed.Paper, name, display.RoleMasthead, g.area.W/2, text.Left, true)
	ps.lineDiags(sp.diags, "masthead")
	band := units.Length(lines) * g.lead
	y := g.area.Y + emBaseline(name.face, name.Size, band)
	if len(sp.lines) > 0 {
		drawLine(out, sp.lines[0], g.area.X, y, "")
	}
	// Date, weekday and issue at the right, in the folio face.
	info := ms.st.mastheadInfo
	right := []string{ed.Date.Chinese() + "　" + ed.Date.Weekday(), fmt.Sprintf("第%d期", ed.Issue)}
	ly := g.area.Y + band - units.Length(len(right))*info.Leading
	for _, s := range right {
		sp := ms.set.set(s, info, display.RoleMasthead, g.area.W/2, text.Right, false)
		ps.lineDiags(sp.diags, "masthead")
		if len(sp.lines) > 0 {
			drawLine(out, sp.lines[0], g.area.X+g.area.W/2, ly+emBaseline(info.face, info.Size, info.Leading), "")
		}
		ly += info.Leading
	}
	ry := g.lineY(lines) + g.lead/2
	out.Items = append(out.Items, &display.Rule{From: display.Point{X: g.area.X, Y: ry}, To: display.Point{X: g.area.X + g.area.W, Y: ry}, Width: mastheadRule, Color: display.Black()})
	return lines
}

// folio draws the folio line above the type area, over a rule: the page
// number and section on the outer edge (at the right of an odd page, the
// left of an even one, where a reader leafing through finds them), the
// paper's name in the middle and the date on the inner edge.
// Characters no font has are reported to ps (see lineDiags).
func (ms *measurer) folio(out *display.Page, ed *editions.Edition, p *editions.Page, ps *pageState) {
	g := ms.g
	st := ms.st.folio
	ry := g.area.Y - g.inset()
	y := ry - units.Pt(3) - st.face.TypoDescent(st.Size)
	number := fmt.Sprintf("第%d版", p.Number)
	date := ed.Date.Chinese() + "　" + ed.Date.Weekday()
	outer, inner := text.Align(text.Left), text.Align(text.Right)
	if folioRight(p.Number) {
		outer, inner = text.Right, text.Left
	}
	if p.Section != "" {
		if outer == text.Left {
			number += "　" + p.Section
		} else {
			number = p.Section + "　" + number
		}
	}
	for _, part := range []struct {
		s     string
		align text.Align
	}{{number, outer}, {ed.Paper, text.Center}, {date, inner}} {
		sp := ms.set.set(part.s, st, display.RoleFolio, g.area.W, part.align, false)
		ps.lineDiags(sp.diags, "folio")
		if len(sp.lines) > 0 {
			drawLine(out, sp.lines[0], g.area.X, y, "")
		}
	}
	out.Items = append(out.Items, &display.Rule{From: display.Point{X: g.area.X, Y: ry}, To: display.Point{X: g.area.X + g.area.W, Y: ry}, Width: folioRule, Color: display.Black()})
}

// editors draws the page's editors (责任编辑 …) under the type area, at the right.
func (ms *measurer) editors(out *display.Page, p *editions.Page, ps *pageState) {
	if len(p.Editors) == 0 {
		return
	}
	var parts []string
	for _, e := range p.Editors {
		parts = append(parts, e.Role+"："+e.Name)
	}
	g := ms.g
	st := ms.st.folio
	sp := ms.set.set(strings.Join(parts, "　"), st, display.RoleEditors, g.area.W, text.Right, false)
	ps.lineDiags(sp.diags, "editors line")
	if len(sp.lines) > 0 {
		drawLine(out, sp.lines[0], g.area.X, g.area.Y+g.area.H+units.Pt(4)+st.face.TypoAscent(st.Size), "")
	}
}

// folioRight reports whether page n's number stands at the right of its
// folio line: on the outer edge, which is the right of an odd (recto) page.
func folioRight(n int) bool { return n%2 == 1 }
