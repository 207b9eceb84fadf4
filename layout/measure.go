package layout

import (
	"cmp"
	"slices"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/units"
)

// The measure stage: every height a module can take at every span, and
// what each costs (cost.go), for the placement search (paginate.go).

// buildOptions computes, for every span, the module's possible heights in
// a module area of lines grid lines (strict: balanced, no hole, nothing
// overset) and, when relaxed, the heights it could take with a hole or
// with overset text.
func (ms *measurer) buildOptions(m *module, lines int, relaxed bool) {
	m.options = make([][]config, ms.g.columns+1)
	byHeight := make([]config, lines+1)
	for s := 1; s <= ms.g.columns; s++ {
		ms.buildSpanIn(m, s, lines, relaxed, byHeight)
	}
}

// buildSpan computes m's options at span s alone (see buildOptions), as an
// article placed by hand needs.
func (ms *measurer) buildSpan(m *module, s, lines int, relaxed bool) {
	ms.buildSpanIn(m, s, lines, relaxed, make([]config, lines+1))
}

// buildSpanIn is buildSpan working in byHeight, lines+1 configs long:
// the cheapest option of each height is found there, then m keeps those
// found, lowest first.
func (ms *measurer) buildSpanIn(m *module, s, lines int, relaxed bool, byHeight []config) {
	if len(m.options) != ms.g.columns+1 {
		m.options = make([][]config, ms.g.columns+1)
	}
	opts := byHeight[:lines+1]
	clear(opts)
	keep := func(cf config) {
		if cf.lines < 1 || cf.lines > lines {
			return
		}
		if o := opts[cf.lines]; o.lines == 0 || cf.cost < o.cost {
			opts[cf.lines] = cf
		}
	}
	for _, up := range []bool{false, true} {
		if !up || ms.canStepUp(m, s) {
			ms.spanOptions(m, s, up, relaxed, keep)
		}
	}
	if relaxed {
		ms.relax(m, s, opts)
	}
	n := 0
	for _, cf := range opts {
		if cf.lines != 0 {
			n++
		}
	}
	kept := make([]config, 0, n) // not nil: the span is measured
	for _, cf := range opts {
		if cf.lines != 0 {
			kept = append(kept, cf)
		}
	}
	m.options[s] = kept
}

// option is m's option of height h at span s (the zero config, lines 0,
// when it has none).
func (m *module) option(s, h int) config {
	if s < 0 || s >= len(m.options) {
		return config{}
	}
	opts := m.options[s]
	k, ok := slices.BinarySearchFunc(opts, h, func(cf config, h int) int { return cmp.Compare(cf.lines, h) })
	if !ok {
		return config{}
	}
	return opts[k]
}

// spanOptions passes to keep every way to build m at span s with its
// headline at its rank's size or, when up, a rank larger: each photo width
// and crop, and for each the headline spaces and cuts of cuts.
func (ms *measurer) spanOptions(m *module, s int, up, relaxed bool, keep func(config)) {
	hd := ms.headAt(m, s, up)
	base := ms.spanCost(m, s) + ms.headCost(hd, up)
	extraMax := ms.pol.MaxExtraStrict
	if relaxed {
		extraMax = ms.pol.MaxExtraRelaxed
	}
	if m.label {
		extraMax = 0
	}
	for _, k := range photoCols(m, s) {
		nat, occ0 := ms.photoStack(m, k)
		lo, hi := ms.cropRange(m, k, nat)
		// The photos' heights of every crop, in one array.
		np := len(nat)
		heights := make([]int, (hi-lo+1)*np)
		for pl := lo; pl <= hi; pl++ {
			occ := occ0
			var plines []int
			if np > 0 {
				at := (pl - lo) * np
				plines = heights[at : at+np : at+np]
				copy(plines, nat)
			}
			if len(m.photos) > 0 {
				occ += pl - nat[0]
				plines[0] = pl
			}
			body := frame{s: s, k: k, occ: occ, plines: plines, head: hd.gridLines, up: up,
				cost: base + ms.photoCost(m, k, pl, firstOr0(nat))}
			ms.cuts(m, body, extraMax, keep)
		}
	}
}

// frame is a module's frame at one span with its photos set: what cuts
// varies the headline space and the cut of the text in.
type frame struct {
	s, k   int   // span; columns the photos take at the right
	occ    int   // grid lines the photos and captions take in those columns
	plines []int // grid lines of each photo's image
	head   int   // grid lines of the headline block
	up     bool  // the headline is set a rank larger
	cost   int64 // span, headline and photo costs
}

// cuts passes to keep each height of m in the frame sh: headline space
// added up to extraMax lines and, for a story that jumps, each cut of its
// text (at least three body lines stay).
func (ms *measurer) cuts(m *module, sh frame, extraMax int, keep func(config)) {
	n := len(m.flow)
	jumps := m.to > 0 && m.from == 0
	shownMin := n
	if jumps {
		shownMin = min(n, m.bodyStart+3)
	}
	// The body's shape with every line shown does not depend on the
	// headline space: work it out once.
	all := ms.bodyFit(m, sh, n)
	for e := 0; e <= extraMax; e++ {
		for shown := n; shown >= shownMin; shown-- {
			b, jcost := all, int64(0)
			if shown < n {
				b = ms.bodyFit(m, sh, shown+1) // and the jump line
				jcost = ms.pol.Jump + ms.pol.JumpLine*int64(n-shown)
			}
			if !b.ok {
				continue
			}
			cost := sh.cost + ms.extraCost(sh.s, e) + jcost + b.cost
			keep(config{lines: sh.head + e + b.lines, cost: cost, extra: e, pcols: sh.k, plines: sh.plines, shown: shown, up: sh.up})
			if e > 0 && shown < n {
				break // shorter cuts with extra space are never better
			}
		}
		if jumps && e == 0 {
			break // a jumping story absorbs slack by jumping
		}
	}
}

// fit is how f flow lines fill a frame's body: its depth in lines, whether
// they fill it acceptably, and what its shape costs.
type fit struct {
	lines int
	ok    bool
	cost  int64
}

// bodyFit balances f flow lines in the body of frame sh.
func (ms *measurer) bodyFit(m *module, sh frame, f int) fit {
	bh, ok := bodyHeight(sh.s, sh.k, sh.occ, clearLines(m), f)
	ok = ok && !emptyColumn(sh.s, sh.k, sh.occ, bh, f)
	b := fit{lines: bh, ok: ok}
	if ok {
		b.cost = ms.shapeCost(m, sh.s, sh.k, bh, sh.occ, f)
	}
	return b
}

// photoStack is the natural height in grid lines of each of m's photos at
// k columns, and the lines the photos and their caption blocks take.
func (ms *measurer) photoStack(m *module, k int) (nat []int, occ int) {
	for i, p := range m.photos {
		nl := ms.photoLines(p, ms.g.spanW(k))
		nat = append(nat, nl)
		occ += nl + ms.captionLines(m, k, i)
	}
	return nat, occ
}

// cropRange is the range of heights m's first photo may be cropped to from
// its natural height nat[0]: none for a photo shown whole (fit: contain);
// for one the editor said how to crop (Photo.Cropped) two thirds to three
// halves, a half to double for a photo story; otherwise no more than
// Policy.MaxCrop percent of the image may be cropped away, so the photo
// keeps near its own shape and a page short of copy reports a hole rather
// than blowing a photo up.
func (ms *measurer) cropRange(m *module, k int, nat []int) (lo, hi int) {
	if len(m.photos) == 0 {
		return 0, 0
	}
	return ms.cropLimits(m.photos[0], k, nat[0], m.story)
}

// cropLimits is cropRange for photo p set k columns wide, of natural height
// nat grid lines, in a photo story (story) or an article.
func (ms *measurer) cropLimits(p *editions.Photo, k, nat int, story bool) (lo, hi int) {
	switch {
	case p.Fit == editions.FitContain:
		return nat, nat
	case p.Cropped && story:
		return max(2, nat/2), nat * 2
	case p.Cropped:
		return max(2, nat*2/3), nat * 3 / 2
	case p.PixelWidth <= 0 || p.PixelHeight <= 0:
		return nat, nat
	}
	g := ms.g
	ih := int64(g.spanW(k).Scale(int64(p.PixelHeight), int64(p.PixelWidth)))
	keep := int64(100 - min(max(ms.pol.MaxCrop, 0), 99))
	fh := func(n int) int64 { return int64(units.Length(n)*g.lead - 2*g.inset()) }
	// A shorter frame shows fh/ih of the image's height, a taller one
	// ih/fh of its width: each at least keep percent.
	lo, hi = nat, nat
	for lo > 2 && fh(lo-1)*100 >= ih*keep {
		lo--
	}
	for fh(hi+1)*keep <= ih*100 {
		hi++
	}
	return lo, hi
}

func firstOr0(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	return xs[0]
}

// relax fills the heights a module cannot take exactly: taller ones with a
// hole at the bottom (underset), shorter ones with overset text.
func (ms *measurer) relax(m *module, s int, opts []config) {
	L := len(opts) - 1
	lowest := -1
	var last config
	for h := 1; h <= L; h++ {
		if opts[h].lines != 0 && opts[h].hole == 0 && opts[h].shown == len(m.flow) {
			if lowest < 0 {
				lowest = h
			}
			last = opts[h]
			continue
		}
		if lowest >= 0 && opts[h].lines == 0 {
			cf := last
			cf.lines = h
			cf.hole = h - last.lines + last.hole
			cf.cost = last.cost + ms.holeCost(cf.hole*s)
			opts[h] = cf
		}
	}
	// Overset: heights below the lowest exact one, with natural photos.
	hd := ms.head(m, s)
	k := photoCols(m, s)[0]
	plines, occ := ms.photoStack(m, k)
	top := L
	if lowest > 0 {
		top = lowest - 1
	}
	n := len(m.flow)
	for h := top; h >= 1; h-- {
		if opts[h].lines != 0 {
			continue
		}
		bh := h - hd.gridLines
		if bh < occ || bh < 1 {
			break
		}
		capacity := s*bh - k*occ
		if m.story {
			capacity = 0
			if bh < occ {
				break
			}
		}
		shown := min(capacity, n)
		cf := config{lines: h, pcols: k, plines: plines, shown: shown, hole: 0}
		cf.cost = ms.spanCost(m, s) + ms.pol.Overset + ms.pol.OversetLine*int64(n-shown)
		if shown == n {
			cf.cost = ms.spanCost(m, s) + ms.holeCost(s*bh-k*occ-n)
			cf.hole = 1
		}
		opts[h] = cf
	}
}

// bodyHeight is the height in lines of the body area of a module of s
// columns whose k right columns carry occ lines of photos, holding f flow
// lines balanced; ok is false when the text beside the photos would end
// more than a line above them. occ counts clear lines below the captions
// (see captionLines); the last, clear, is dropped when no text runs under
// the photos, as nothing follows the caption block then.
func bodyHeight(s, k, occ, clear, f int) (int, bool) {
	if k == 0 || occ == 0 {
		return (f + s - 1) / s, true
	}
	free := s - k
	if free == 0 {
		if f == 0 {
			return occ - clear, true
		}
		return occ + (f+s-1)/s, true
	}
	if beside := occ - clear; f <= free*beside {
		t := (f + free - 1) / free
		return beside, t >= beside-1
	}
	return (f + k*occ + s - 1) / s, true
}

// columnCounts is how many of f flow lines each of a module's s columns
// takes, balanced: the body is as deep as the text needs (at most bh
// lines), earlier columns take a line more than later ones, and the k
// columns at the right start occ lines down, under the photos. total is
// what the columns hold at that depth (less than f only when they cannot
// hold the text); depth is the body's depth in lines.
func columnCounts(s, k, occ, bh, f int) (counts []int, total, depth int) {
	occOf := func(col int) int {
		if k > 0 && col >= s-k {
			return occ
		}
		return 0
	}
	capAt := func(b int) int {
		t := 0
		for col := 0; col < s; col++ {
			t += max(0, b-occOf(col))
		}
		return t
	}
	b := 0
	for b < bh && capAt(b) < f {
		b++
	}
	total = capAt(b)
	short := total - f // the last `short` columns with room take a line less
	counts = make([]int, s)
	for col := s - 1; col >= 0; col-- {
		counts[col] = max(0, b-occOf(col))
		if short > 0 && counts[col] > 0 {
			counts[col]--
			short--
		}
	}
	return counts, total, b
}

// emptyColumn reports whether flowing f lines through a module of s
// columns (k of them under photos occ lines deep, the body bh lines) leaves
// a column with room for text empty: a hole, as when three lines are
// spread over four columns.
func emptyColumn(s, k, occ, bh, f int) bool {
	if f >= s || f == 0 {
		return false // every column gets a line, or there is no text
	}
	counts, _, _ := columnCounts(s, k, occ, bh, f)
	for col, n := range counts {
		room := bh
		if k > 0 && col >= s-k {
			room -= occ
		}
		if n == 0 && room > 0 {
			return true
		}
	}
	return false
}
