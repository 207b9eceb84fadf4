package layout

import (
	"fmt"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/place"
)

// Pagination's obstacles: the ads and the articles placed by hand, each
// at the rectangle its explicit place asks for (one rule for both).

// uncovered counts the grid cells of a module area of cols×lines outside
// the fixed rectangles.
func uncovered(cols, lines int, fixed []place.Rect) int {
	n := cols * lines
	for _, f := range fixed {
		n -= f.Span * f.Lines
	}
	return n
}

// clash reports whether r overlaps any of the fixed rectangles.
func clash(r place.Rect, fixed []place.Rect) bool {
	for _, f := range fixed {
		if r.Overlaps(f) {
			return true
		}
	}
	return false
}

// gridRect is the rectangle an explicit place asks for in a module area
// of area grid lines, lines deep: on the foot when the place says Bottom,
// at the top when its line is unset, else at its line (the rule of
// editions.Place, for articles and ads alike).
func gridRect(p *editions.Place, lines, area int) place.Rect {
	r := place.Rect{Col: p.Column - 1, Span: p.Span, Line: p.Line, Lines: lines}
	switch {
	case p.Bottom:
		r.Line = area - lines
	case p.Line < 0:
		r.Line = 0
	}
	return r
}

// onGrid reports whether p's columns lie on a page of cols columns.
func onGrid(p *editions.Place, cols int) bool {
	return p.Column >= 1 && p.Span >= 1 && p.Column-1+p.Span <= cols
}

// fitsArea reports whether r lies within a module area of area grid lines.
func fitsArea(r place.Rect, area int) bool {
	return r.Line >= 0 && r.Lines >= 1 && r.Line+r.Lines <= area
}

// fixedRect is the grid rectangle of an article placed by hand.
func (pg *paginator) fixedRect(ps *pageState, m *module) (place.Rect, bool) {
	p := m.a.Place
	if !onGrid(p, pg.g.columns) {
		return place.Rect{}, false
	}
	lines := p.Lines
	if lines == 0 {
		pg.buildSpan(m, p.Span, ps.lines, true)
		for _, cf := range m.options[p.Span] {
			if cf.hole == 0 && cf.shown == len(m.flow) {
				lines = cf.lines
				break
			}
		}
		if lines == 0 {
			lines = ps.lines
		}
	}
	r := gridRect(p, lines, ps.lines)
	return r, fitsArea(r, ps.lines)
}

// fixedConfig chooses how to fill a hand-placed rectangle.
func (pg *paginator) fixedConfig(ps *pageState, m *module, r place.Rect) config {
	if len(m.options) <= r.Span || m.options[r.Span] == nil {
		pg.buildSpan(m, r.Span, ps.lines, true)
	}
	if cf := m.option(r.Span, r.Lines); cf.lines != 0 {
		return cf
	}
	pg.buildSpan(m, r.Span, ps.lines, true)
	if cf := m.option(r.Span, r.Lines); cf.lines != 0 {
		return cf
	}
	return config{lines: r.Lines, pcols: photoCols(m, r.Span)[0], shown: 0}
}

// adRect is the grid rectangle of an ad (relative to the module area).
func (pg *paginator) adRect(ps *pageState, ad *editions.Ad) (place.Rect, bool) {
	g := pg.g
	p := &ad.Place
	if !onGrid(p, g.columns) {
		ps.diag(display.Error, "", diag.Placement, fmt.Sprintf("ad %q: columns %d–%d are not on the %d-column page", ad.ID, p.Column, p.Column+p.Span-1, g.columns))
		return place.Rect{}, false
	}
	lines := p.Lines
	if lines == 0 {
		w := g.spanW(p.Span)
		h := w.Scale(3, 4)
		if ad.PixelWidth > 0 && ad.PixelHeight > 0 {
			h = w.Scale(int64(ad.PixelHeight), int64(ad.PixelWidth))
		} else if ad.PageWidth > 0 && ad.PageHeight > 0 {
			h = w.Scale(int64(ad.PageHeight), int64(ad.PageWidth))
		} else {
			ps.diag(display.Warning, "", diag.Placement, fmt.Sprintf("ad %q gives no height (at: {lines: N}); it takes %d lines", ad.ID, g.linesFor(h)))
		}
		lines = max(1, int((h+g.lead/2)/g.lead))
	}
	r := gridRect(p, lines, ps.lines)
	if !fitsArea(r, ps.lines) {
		ps.diag(display.Error, "", diag.Placement, fmt.Sprintf("ad %q: %d lines from line %d do not fit the %d lines of the page", ad.ID, r.Lines, r.Line, ps.lines))
		return r, false
	}
	return r, true
}
