package layout

import (
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/units"
)

// The cost stage: what each way to build a module costs, by the measurer's
// Policy. Lower is better; the costs rank layouts a layout editor would
// prefer, so only their order matters.

// spanCost is what choosing span s costs m, before heights.
func (ms *measurer) spanCost(m *module, s int) int64 {
	var cost int64
	hint := m.a.Span
	if m.story && m.a.Story.Span > 0 && hint == 0 {
		hint = m.a.Story.Span
	}
	if hint > 0 && m.from == 0 {
		cost += ms.pol.SpanHint * int64(abs(s-hint))
	}
	if m.index == 0 && m.from == 0 {
		cost += ms.pol.LeadNarrow * int64(ms.g.columns-s)
	} else if fit := ms.fitSpan(m); s > fit && !m.story && m.from == 0 {
		cost += ms.pol.SpanFit * int64((s-fit)*(s-fit))
	}
	return cost
}

// fitSpan is the span a layout editor would give m for its length and
// rank: about one column per Policy.FitDepth lines of text (so a short
// story stands two or three columns wide, not across the page), one more
// for a story of rank 2, and never less than the photos need.
func (ms *measurer) fitSpan(m *module) int {
	s := (len(m.flow) + ms.pol.FitDepth - 1) / ms.pol.FitDepth
	if m.rank <= 2 {
		s++
	}
	if len(m.photos) > 0 {
		s = max(s, 3)
	}
	return min(max(s, 1), ms.g.columns)
}

// headCost is what a headline block costs: a headline set a rank larger
// (up), on more than one line, or breaking badly.
func (ms *measurer) headCost(hd *head, up bool) int64 {
	var cost int64
	if up {
		cost += ms.pol.HeadUp
	}
	switch {
	case hd.headLines > 2:
		cost += ms.pol.HeadLine * int64(hd.headLines-2)
	case hd.headLines == 2:
		cost += ms.pol.HeadTwo
	}
	if hd.shortLast {
		cost += ms.pol.HeadShort
	}
	return cost
}

// extraCost is what e grid lines of space added around the headline of a
// module of s columns cost: a little up to MaxExtra, air priced by its
// area beyond, and beyond MaxExtraStrict a hole in all but name.
func (ms *measurer) extraCost(s, e int) int64 {
	p := ms.pol
	cost := p.Extra * int64(e*e)
	if e > p.MaxExtra {
		cost += p.Air * int64(s*(e-p.MaxExtra))
	}
	if e > p.MaxExtraStrict {
		cost += p.Underset/2 + p.HoleLine*int64(s*(e-p.MaxExtraStrict))
	}
	return cost
}

// photoCost is what setting m's first photo k columns wide and pl grid
// lines deep costs when its natural height is nat: the crop away from it,
// any resolution lost under MinPPI, and NarrowPhoto for a photo one column
// wide that was not asked to be.
func (ms *measurer) photoCost(m *module, k, pl, nat int) int64 {
	if len(m.photos) == 0 {
		return 0
	}
	c := ms.pol.Photo*int64(abs(pl-nat)) + ms.ppiCost(m.photos[0], k, pl)
	if k == 1 && m.photos[0].Span != 1 {
		c += ms.pol.NarrowPhoto
	}
	return c
}

// shapeCost is what the shape of a module's body costs: columns too
// shallow to read, or a line or two stranded under a photo.
func (ms *measurer) shapeCost(m *module, s, k, bh, occ, f int) int64 {
	if f == 0 {
		return 0
	}
	var cost int64
	depth := bh
	if k == s {
		depth = bh - occ
	}
	cost += ms.shallowCost(m, s, depth)
	if under := bh - occ; k > 0 && k < s && under > 0 {
		if under < 4 {
			cost += ms.pol.UnderPhoto * int64(k*(4-under))
		}
		// The text that runs on under the photos is a strip k columns
		// wide: it needs depth too (the lead keeps its own rule).
		if m.index != 0 || m.from != 0 {
			cost += ms.shallowCost(m, k, under) / 2
		}
	}
	if free := s - k; k > 0 && free > 0 && bh == occ-clearLines(m) {
		// The text beside the photos ends above their foot: a hole at the
		// foot of those columns, unless a shorter crop takes it up.
		if t := (f + free - 1) / free; t < bh {
			cost += ms.pol.Underset / 10 * int64(free*(bh-t))
		}
	}
	return cost
}

// shallowCost is what it costs to set m's body in columns of depth lines
// at span s. A reader's eye needs a few lines in each column before it
// jumps to the next, and the wider the module the deeper its columns must
// be for it to read as one story rather than a strip: a layout editor sets
// a short story two or three columns wide and deeper, and keeps wide
// shallow spans for the lead (which the page's top band may stretch across).
// So a module of s ≥ 2 columns wants 2s+2 lines (one column: 6), and each
// line short costs more than the one before, so that a story is set
// narrower, with more air around its headline, rather than as a strip.
func (ms *measurer) shallowCost(m *module, s, depth int) int64 {
	if m.index == 0 && m.from == 0 {
		if depth < ms.pol.LeadMinDepth {
			return ms.pol.LeadShallow * int64(s*(ms.pol.LeadMinDepth-depth))
		}
		return 0
	}
	want := 6
	if s >= 2 {
		want = 2*s + 2
	}
	if d := want - depth; d > 0 {
		return ms.pol.Shallow * int64(s*d*(d+1)/2)
	}
	return 0
}

// ppiCost is what printing photo p over k columns and pl grid lines costs
// when that enlarges it below MinPPI.
func (ms *measurer) ppiCost(p *editions.Photo, k, pl int) int64 {
	if p.PixelWidth <= 0 || p.PixelHeight <= 0 {
		return 0
	}
	g := ms.g
	fw := g.spanW(k)
	fh := units.Length(pl)*g.lead - 2*g.inset()
	dw := max(fw, fh.Scale(int64(p.PixelWidth), int64(p.PixelHeight)))
	if dw <= 0 {
		return 0
	}
	ppi := int64(p.PixelWidth) * int64(units.Inch) / int64(dw)
	if ppi >= ms.pol.MinPPI {
		return 0
	}
	return ms.pol.LowPPI * (ms.pol.MinPPI - ppi)
}

// holeCost is what a hole of the given number of grid cells (column-lines) costs.
func (ms *measurer) holeCost(cells int) int64 {
	return ms.pol.Underset + ms.pol.HoleLine*int64(cells)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
