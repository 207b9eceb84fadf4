package pdf

import (
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/units"
)

// Printer's marks, drawn outside the bleed when Options.Marks is set.
const (
	markGap    = 3 * units.Point  // between the bleed box and a crop mark
	markLength = 18 * units.Point // length of a crop mark
	markWidth  = units.Point / 4  // line width of all marks
	regRadius  = 6 * units.Point  // radius of a registration target
	slugInset  = 3 * units.Point  // slug line baseline below the crop marks' end
	slugSize   = 6 * units.Point  // the slug line's text size
)

// marks draws crop marks at the trim corners, a registration target in the
// middle of each side and a slug line under the page (in face slug, nil
// for none), all in registration colour (100% of every ink, so they print
// on every plate) except the slug line, which is black. They lie outside
// the bleed box and so outside what the ink limit governs. They are a
// content stream of their own, written at Close, when the slug face is
// known.
func (pw *Writer) marks(e *pageEnc, p pageRec, slug *fontUse) error {
	g := p.geom
	// The geometry is already in written coordinates: no shift.
	e.dx, e.dy = 0, 0
	e.setGS(gsOff)
	e.b = append(e.b, "q\n"...)
	e.cmyk(display.Color{C: 1000, M: 1000, Y: 1000, K: 1000}, "K") // registration: every ink
	e.op("w", pt(markWidth))
	line := func(x1, y1, x2, y2 units.Length) {
		e.op("m", e.x(x1), e.y(y1))
		e.op("l", e.x(x2), e.y(y2))
		e.b = append(e.b, "S\n"...)
	}
	b, t := g.bleed, g.trim
	left, right := b.X-markGap, b.X+b.W+markGap
	top, bottom := b.Y-markGap, b.Y+b.H+markGap
	for _, y := range []units.Length{t.Y, t.Y + t.H} {
		line(left-markLength, y, left, y)
		line(right, y, right+markLength, y)
	}
	for _, x := range []units.Length{t.X, t.X + t.W} {
		line(x, top-markLength, x, top)
		line(x, bottom, x, bottom+markLength)
	}
	cx, cy := t.X+t.W/2, t.Y+t.H/2
	off := markGap + markLength/2
	for _, c := range []display.Point{{X: cx, Y: top - off + markGap}, {X: cx, Y: bottom + off - markGap},
		{X: left - off + markGap, Y: cy}, {X: right + off - markGap, Y: cy}} {
		e.oval(e.x(c.X-regRadius/2), e.y(c.Y-regRadius/2), e.x(c.X+regRadius/2), e.y(c.Y+regRadius/2))
		line(c.X-regRadius, c.Y, c.X+regRadius, c.Y)
		line(c.X, c.Y-regRadius, c.X, c.Y+regRadius)
	}
	e.b = append(e.b, "Q\n"...)
	if slug == nil || p.slug == "" {
		return nil // no font in the document: marks without a slug line
	}
	run := &display.GlyphRun{Face: slug.name, Size: slugSize, Baseline: bottom + markLength + slugInset + slugSize, Color: display.Black()}
	x := t.X
	for _, r := range p.slug {
		run.Glyphs = append(run.Glyphs, display.Glyph{Text: string(r), X: x})
		x += slug.face.Advance(r, slugSize)
	}
	return e.text(slug, run, func(r rune) { pw.noGlyph(slug.name, r) })
}
