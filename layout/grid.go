package layout

import (
	"fmt"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// grid is a page's type area: whole columns of whole body characters, and
// a baseline grid of the body leading shared by every column. Everything
// stacked in a column takes whole grid lines, so body baselines line up
// across the page.
type grid struct {
	area    display.Rect // the type area, from the media box's top-left corner
	columns int
	colW    units.Length // one column: a whole number of body characters
	gutter  units.Length
	lines   int          // grid lines in the type area
	lead    units.Length // the body leading: one grid line
	size    units.Length // the body size
	// base is the distance from a grid line's top to the body baseline: the
	// body's ideographic em box sits centred in the line.
	base units.Length
}

// newGrid builds the grid of ed's pages. bleed is added around the trim, so
// the type area is offset by it within the media box.
func newGrid(ed *editions.Edition, body *fonts.Face) (grid, error) {
	geo, st := ed.Page, ed.Styles.Body
	g := grid{
		columns: geo.Columns,
		colW:    geo.ColumnWidth(st.Size),
		gutter:  geo.Gutter,
		lead:    st.Leading,
		size:    st.Size,
	}
	if g.columns < 1 || g.colW <= 0 || g.lead <= 0 {
		return g, fmt.Errorf("page grid: %d columns of %s with leading %s", g.columns, g.colW, g.lead)
	}
	height := geo.Height - geo.Margins.Top - geo.Margins.Bottom
	g.lines = int(height / g.lead)
	if g.lines < 10 {
		return g, fmt.Errorf("page grid: the type area holds only %d lines of %s", g.lines, g.lead)
	}
	// The leftover height (less than a line) goes to the bottom margin.
	g.area = display.Rect{
		X: geo.Bleed + geo.Margins.Inside,
		Y: geo.Bleed + geo.Margins.Top,
		W: geo.TypeWidth(st.Size),
		H: g.lead * units.Length(g.lines),
	}
	g.base = emBaseline(body, st.Size, g.lead)
	return g, nil
}

// emBaseline is where, below the top of a line box of height lead, the
// baseline of type of the given size goes so that its ideographic em box
// (the font's typo ascender and descender) is centred in the box.
func emBaseline(f *fonts.Face, size, lead units.Length) units.Length {
	asc, desc := f.TypoAscent(size), f.TypoDescent(size)
	if asc <= 0 || asc+desc <= 0 {
		asc, desc = size.Scale(88, 100), size.Scale(12, 100)
	}
	// Scale the em box to exactly one em, then centre it.
	a := size.Scale(int64(asc), int64(asc+desc))
	return (lead-size)/2 + a
}

// colX is the left edge of column c (0-based).
func (g grid) colX(c int) units.Length {
	return g.area.X + units.Length(c)*(g.colW+g.gutter)
}

// spanW is the width of s adjacent columns and the gutters between them.
func (g grid) spanW(s int) units.Length {
	return units.Length(s)*g.colW + units.Length(s-1)*g.gutter
}

// lineY is the top of grid line k (0-based; k may be g.lines for the bottom).
func (g grid) lineY(k int) units.Length {
	return g.area.Y + units.Length(k)*g.lead
}

// baseline is the body baseline of grid line k.
func (g grid) baseline(k int) units.Length { return g.lineY(k) + g.base }

// linesFor is the number of whole grid lines that hold a height h.
func (g grid) linesFor(h units.Length) int {
	if h <= 0 {
		return 0
	}
	return int((h + g.lead - 1) / g.lead)
}

// inset is the space above and below an image or a rule's end within its
// grid lines: the space above the em box of body type in a line, so an
// image's top lines up with the tops of the characters beside it.
func (g grid) inset() units.Length { return (g.lead - g.size) / 2 }

// frame is the page rectangle of grid lines [line, line+lines) over columns
// [col, col+span), lines counted from the top of the type area.
func (g grid) frame(col, span, line, lines int) display.Rect {
	return display.Rect{X: g.colX(col), Y: g.lineY(line), W: g.spanW(span), H: units.Length(lines) * g.lead}
}
