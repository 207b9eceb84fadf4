package pdf

import (
	"fmt"

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
)

// marks draws crop marks at the trim corners, a registration target in the
// middle of each side and a slug line under the page, all in registration
// colour (100% of every ink, so they print on every plate) except the slug
// line, which is black. They lie outside the bleed box and so outside what
// the ink limit governs.
func (d *drawer) marks(p *display.Page, g pageGeom) error {
	w := d.w
	w.lineWidth(pt(markWidth))
	w.strokeColor(display.Color{C: 1000, M: 1000, Y: 1000, K: 1000}) // registration: every ink
	line := func(x1, y1, x2, y2 units.Length) { w.line(pt(x1), pt(y1), pt(x2), pt(y2)) }
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
		w.oval(pt(c.X-regRadius/2), pt(c.Y-regRadius/2), pt(c.X+regRadius/2), pt(c.Y+regRadius/2))
		line(c.X-regRadius, c.Y, c.X+regRadius, c.Y)
		line(c.X, c.Y-regRadius, c.X, c.Y+regRadius)
	}
	face := d.doc.Meta.SlugFace
	if face == "" {
		return nil // no font in the document: marks without a slug line
	}
	family := d.families[face]
	slug := p.Slug
	f, ok := d.faces[face]
	if !ok {
		return fmt.Errorf("slug face %q not loaded", face)
	}
	if err := w.font(family, pt(slugSize)); err != nil {
		return err
	}
	if err := w.spacing(0); err != nil {
		return err
	}
	w.textColor(display.Black())
	asc := ascent(f, pt(slugSize))
	return w.cell(pt(t.X), pt(bottom+markLength+slugInset)-asc+pt(slugSize), pt(slugSize), slug, zeros(nil, slug), false)
}
