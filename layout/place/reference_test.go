package place

// This file keeps the solver as it was before the search was sped up
// (commit 3827aa6: layout/place/place.go, and solveBands of bands.go),
// unchanged but for its names, as the oracle of the *SameAsReference
// tests: every change to the search must give the same Solution (the same
// tiling, cuts and cost, ties broken the same way), so the same PDFs.

import "math/bits"

// refSolve is Solve as it was.
func refSolve(p Problem) (Solution, error) {
	if err := validate(p); err != nil {
		return Solution{}, err
	}
	if tooLarge(p) {
		return Solution{}, ErrNoTiling
	}
	if !exact(p) {
		return refSolveBands(p)
	}
	s := newRefSolver(p)
	root := refRegion{0, p.Grid.Columns, 0, p.Grid.Lines}
	c := s.best(root, 0, len(p.Modules))
	if c >= inf {
		return Solution{}, ErrNoTiling
	}
	sol := Solution{Rects: make([]Rect, len(p.Modules)), Cost: c}
	s.build(root, 0, len(p.Modules), &sol)
	return sol, nil
}

type refRegion struct{ x, w, y, h int }

// refEntry is a memoised answer: its cost and how it was reached.
type refEntry struct {
	cost int64
	kind uint8 // refKindH or refKindV
	k    int32 // the module split
	a    int32 // the cut: height of the top part or width of the left part (free), or absolute line/column (obstacles)
}

const (
	refKindH uint8 = iota + 1
	refKindV
)

type refSolver struct {
	cols, lines, gap, n int
	words               int
	cost                [][]int64           // per module: [span*(lines+1)+h]
	feas                [][]uint64          // per (w,i,j): reachable heights of an obstacle-free piece
	free                map[uint64]refEntry // memo of bestFree when the dense one would be too large
	freeCost            []int64             // dense memo of bestFree by (w, i, j, h), plus one; 0 = not yet known
	freeChoice          []uint32            // kind<<30 | k<<20 | a
	obs                 map[uint64]refEntry
	fixed               []Rect
	minArea, maxArea    []int64 // per (i,j)
}

func newRefSolver(p Problem) *refSolver {
	g := p.Grid
	n := len(p.Modules)
	s := &refSolver{
		cols: g.Columns, lines: g.Lines, gap: g.Gap, n: n,
		words: (g.Lines + 1 + 63) / 64,
		free:  make(map[uint64]refEntry),
		obs:   make(map[uint64]refEntry),
		fixed: p.Fixed,
	}
	L1 := g.Lines + 1
	s.cost = make([][]int64, n)
	modMin := make([]int64, n)
	modMax := make([]int64, n)
	for i, m := range p.Modules {
		c := make([]int64, (g.Columns+1)*L1)
		for k := range c {
			c[k] = inf
		}
		modMin[i], modMax[i] = inf, 0
		for span := 1; span < len(m.Options) && span <= g.Columns; span++ {
			for _, o := range m.Options[span] {
				if o.Lines < 1 || o.Lines > g.Lines || o.Cost >= inf || o.Cost < 0 {
					continue
				}
				idx := span*L1 + o.Lines
				if o.Cost < c[idx] {
					c[idx] = o.Cost
				}
				area := int64(span * o.Lines)
				modMin[i] = min(modMin[i], area)
				modMax[i] = max(modMax[i], area)
			}
		}
		s.cost[i] = c
	}
	n1 := n + 1
	s.minArea = make([]int64, n1*n1)
	s.maxArea = make([]int64, n1*n1)
	for i := 0; i < n; i++ {
		var lo, hi int64
		for j := i + 1; j <= n; j++ {
			lo = min(lo+modMin[j-1], inf)
			hi += modMax[j-1]
			s.minArea[i*n1+j] = lo
			s.maxArea[i*n1+j] = hi
		}
	}
	s.buildFeasible()
	if size := g.Columns * (n1 * n / 2) * L1; size <= 1<<22 {
		s.freeCost = make([]int64, size)
		s.freeChoice = make([]uint32, size)
	}
	return s
}

// memoIdx is the index in the dense memo of a piece w ≥ 1 columns wide
// holding modules i..j-1 (i < j) at height h: only those exist, so the
// memo holds columns × (n+1)n/2 module ranges × (lines+1) heights.
func (s *refSolver) memoIdx(w, i, j, h int) int {
	return ((w-1)*((s.n+1)*s.n/2)+j*(j-1)/2+i)*(s.lines+1) + h
}

// lookupFree returns a memoised bestFree answer.
func (s *refSolver) lookupFree(w, i, j, h int) (refEntry, bool) {
	if s.freeCost != nil {
		k := s.memoIdx(w, i, j, h)
		c := s.freeCost[k]
		if c == 0 {
			return refEntry{}, false
		}
		ch := s.freeChoice[k]
		return refEntry{cost: c - 1, kind: uint8(ch >> 30), k: int32(ch >> 20 & 0x3ff), a: int32(ch & 0xfffff)}, true
	}
	e, ok := s.free[uint64(w)<<48|uint64(i)<<40|uint64(j)<<32|uint64(h)]
	return e, ok
}

func (s *refSolver) storeFree(w, i, j, h int, e refEntry) {
	if s.freeCost != nil {
		k := s.memoIdx(w, i, j, h)
		s.freeCost[k] = e.cost + 1
		s.freeChoice[k] = uint32(e.kind)<<30 | uint32(e.k)<<20 | uint32(e.a)
		return
	}
	s.free[uint64(w)<<48|uint64(i)<<40|uint64(j)<<32|uint64(h)] = e
}

func (s *refSolver) fidx(w, i, j int) int { return (w*(s.n+1)+i)*(s.n+1) + j }

func (s *refSolver) feasible(w, i, j, h int) bool {
	if h < 0 || h > s.lines {
		return false
	}
	f := s.feas[s.fidx(w, i, j)]
	return f[h>>6]&(1<<(uint(h)&63)) != 0
}

// buildFeasible computes, for every width and module range, which heights
// an obstacle-free piece can be tiled at.
func (s *refSolver) buildFeasible() {
	n1 := s.n + 1
	s.feas = make([][]uint64, (s.cols+1)*n1*n1)
	backing := make([]uint64, len(s.feas)*s.words)
	for k := range s.feas {
		s.feas[k] = backing[k*s.words : (k+1)*s.words : (k+1)*s.words]
	}
	L1 := s.lines + 1
	for i := 0; i < s.n; i++ {
		for w := 1; w <= s.cols; w++ {
			f := s.feas[s.fidx(w, i, i+1)]
			for h := 1; h <= s.lines; h++ {
				if s.cost[i][w*L1+h] < inf {
					f[h>>6] |= 1 << (uint(h) & 63)
				}
			}
		}
	}
	for length := 2; length <= s.n; length++ {
		for i := 0; i+length <= s.n; i++ {
			j := i + length
			for w := 1; w <= s.cols; w++ {
				f := s.feas[s.fidx(w, i, j)]
				for k := i + 1; k < j; k++ {
					top, bot := s.feas[s.fidx(w, i, k)], s.feas[s.fidx(w, k, j)]
					// Only the heights the top part can take: a few
					// bits of each set.
					for q, word := range top {
						for word != 0 {
							a := q<<6 + bits.TrailingZeros64(word)
							word &= word - 1
							if a+s.gap > s.lines {
								break
							}
							refOrShifted(f, bot, a+s.gap, s.lines)
						}
					}
					for w1 := 1; w1 < w; w1++ {
						l, r := s.feas[s.fidx(w1, i, k)], s.feas[s.fidx(w-w1, k, j)]
						for q := range f {
							f[q] |= l[q] & r[q]
						}
					}
				}
			}
		}
	}
}

// refOrShifted sets dst |= src << by, keeping bits 0..limit.
func refOrShifted(dst, src []uint64, by, limit int) {
	if by > limit {
		return
	}
	ws, bs := by>>6, uint(by&63)
	for q := len(dst) - 1; q >= ws; q-- {
		v := src[q-ws] << bs
		if bs != 0 && q-ws-1 >= 0 {
			v |= src[q-ws-1] >> (64 - bs)
		}
		dst[q] |= v
	}
	// clear bits above limit
	last := limit >> 6
	for q := last + 1; q < len(dst); q++ {
		dst[q] = 0
	}
	if r := uint(limit&63) + 1; r < 64 {
		dst[last] &= (1 << r) - 1
	}
}

// bestFree is the cheapest tiling of an obstacle-free w×h piece by modules i..j-1.
func (s *refSolver) bestFree(w, i, j, h int) int64 {
	if j-i < 1 || !s.feasible(w, i, j, h) {
		return inf
	}
	if j-i == 1 {
		return s.cost[i][w*(s.lines+1)+h]
	}
	if e, ok := s.lookupFree(w, i, j, h); ok {
		return e.cost
	}
	return s.solveFree(w, i, j, h)
}

// part is bestFree for a part of a split that is known to be feasible
// (j > i and feasible(w, i, j, h)): a single module's cost or a memoised
// answer are looked up here, and only an unknown answer costs a call.
func (s *refSolver) part(w, i, j, h int) int64 {
	if j-i == 1 {
		return s.cost[i][w*(s.lines+1)+h]
	}
	if s.freeCost != nil {
		if c := s.freeCost[s.memoIdx(w, i, j, h)]; c != 0 {
			return c - 1
		}
	} else if e, ok := s.free[uint64(w)<<48|uint64(i)<<40|uint64(j)<<32|uint64(h)]; ok {
		return e.cost
	}
	return s.solveFree(w, i, j, h)
}

// solveFree computes and memoises bestFree for a feasible piece of two
// modules or more.
func (s *refSolver) solveFree(w, i, j, h int) int64 {
	e := refEntry{cost: inf}
	for k := i + 1; k < j; k++ {
		// Horizontal cuts: walk the heights the top part can take.
		top := s.feas[s.fidx(w, i, k)]
		bot := s.feas[s.fidx(w, k, j)]
		for q, word := range top {
			for word != 0 {
				a := q<<6 + bits.TrailingZeros64(word)
				word &= word - 1
				b := h - s.gap - a
				if b < 1 {
					break
				}
				if bot[b>>6]&(1<<(uint(b)&63)) == 0 {
					continue
				}
				c := s.part(w, i, k, a)
				if c >= e.cost {
					continue
				}
				c += s.part(w, k, j, b)
				if c < e.cost {
					e = refEntry{cost: c, kind: refKindH, k: int32(k), a: int32(a)}
				}
			}
		}
		for w1 := 1; w1 < w; w1++ {
			if !s.feasible(w1, i, k, h) || !s.feasible(w-w1, k, j, h) {
				continue
			}
			c := s.part(w1, i, k, h)
			if c >= e.cost {
				continue
			}
			c += s.part(w-w1, k, j, h)
			if c < e.cost {
				e = refEntry{cost: c, kind: refKindV, k: int32(k), a: int32(w1)}
			}
		}
	}
	s.storeFree(w, i, j, h, e)
	return e.cost
}

// inside reports the obstacles wholly inside r; ok is false when one is cut by r's edge.
func (s *refSolver) obstaclesIn(r refRegion) (count, area int, exact, ok bool) {
	rr := Rect{r.x, r.w, r.y, r.h}
	for _, f := range s.fixed {
		if !f.Overlaps(rr) {
			continue
		}
		if f.Col < r.x || f.Line < r.y || f.Col+f.Span > r.x+r.w || f.Line+f.Lines > r.y+r.h {
			return 0, 0, false, false
		}
		count++
		area += f.Span * f.Lines
		if f == rr {
			exact = true
		}
	}
	return count, area, exact, true
}

// best is the cheapest tiling of piece r by modules i..j-1 (and the obstacles inside r).
func (s *refSolver) best(r refRegion, i, j int) int64 {
	if r.w < 1 || r.h < 1 {
		return inf
	}
	nobs, oarea, exact, ok := s.obstaclesIn(r)
	if !ok {
		return inf
	}
	if nobs == 0 {
		if i == j {
			return inf
		}
		return s.bestFree(r.w, i, j, r.h)
	}
	if exact && i == j {
		return 0
	}
	// Area pruning: the modules, obstacles and gaps must fill the piece.
	freeArea := int64(r.w*r.h - oarea)
	m := j - i
	if i < j {
		n1 := s.n + 1
		if s.minArea[i*n1+j] > freeArea || s.maxArea[i*n1+j]+int64((m+nobs)*s.gap*r.w) < freeArea {
			return inf
		}
	} else if freeArea > int64(nobs*s.gap*r.w) {
		return inf
	}
	key := uint64(r.x)<<56 | uint64(r.w)<<48 | uint64(r.y)<<36 | uint64(r.h)<<24 | uint64(i)<<12 | uint64(j)
	if e, ok := s.obs[key]; ok {
		return e.cost
	}
	e := refEntry{cost: inf}
	// Horizontal cuts: top [y, t), gap [t, t+gap), bottom [t+gap, y+h).
	for t := r.y + 1; t+s.gap < r.y+r.h; t++ {
		if !s.bandClear(r, t) {
			continue
		}
		top := refRegion{r.x, r.w, r.y, t - r.y}
		bot := refRegion{r.x, r.w, t + s.gap, r.y + r.h - t - s.gap}
		tn, _, _, tok := s.obstaclesIn(top)
		bn, _, _, bok := s.obstaclesIn(bot)
		if !tok || !bok {
			continue
		}
		s.bestSplit(&e, top, bot, tn, bn, i, j, refKindH, t)
	}
	// Vertical cuts along the gutter left of column c.
	for c := r.x + 1; c < r.x+r.w; c++ {
		if !s.gutterClear(r, c) {
			continue
		}
		left := refRegion{r.x, c - r.x, r.y, r.h}
		right := refRegion{c, r.x + r.w - c, r.y, r.h}
		ln, _, _, _ := s.obstaclesIn(left)
		rn, _, _, _ := s.obstaclesIn(right)
		s.bestSplit(&e, left, right, ln, rn, i, j, refKindV, c)
	}
	s.obs[key] = e
	return e.cost
}

// bestSplit tries every division of modules [i, j) between the two parts
// a and b of a cut refRegion (an and bn obstacles in each) and keeps in e the
// cheapest, recorded as a cut of the given kind at position at. A part
// without obstacles must hold at least one module that fits it.
func (s *refSolver) bestSplit(e *refEntry, a, b refRegion, an, bn, i, j int, kind uint8, at int) {
	for k := i; k <= j; k++ {
		if (an == 0 && (k == i || !s.feasible(a.w, i, k, a.h))) || (bn == 0 && (k == j || !s.feasible(b.w, k, j, b.h))) {
			continue
		}
		c := s.best(a, i, k)
		if c >= e.cost {
			continue
		}
		c += s.best(b, k, j)
		if c < e.cost {
			*e = refEntry{cost: c, kind: kind, k: int32(k), a: int32(at)}
		}
	}
}

// bandClear reports whether a horizontal cut at line t of r (with its gap)
// crosses no obstacle.
func (s *refSolver) bandClear(r refRegion, t int) bool {
	for _, f := range s.fixed {
		if f.Col+f.Span <= r.x || f.Col >= r.x+r.w {
			continue
		}
		// The obstacle must lie wholly above t or wholly at or below t+gap.
		if f.Line+f.Lines <= t || f.Line >= t+s.gap {
			continue
		}
		return false
	}
	return true
}

// gutterClear reports whether a vertical cut left of column c in r crosses no obstacle.
func (s *refSolver) gutterClear(r refRegion, c int) bool {
	for _, f := range s.fixed {
		if f.Line+f.Lines <= r.y || f.Line >= r.y+r.h {
			continue
		}
		if f.Col < c && f.Col+f.Span > c {
			return false
		}
	}
	return true
}

// build walks the memo and writes the chosen rectangles and cuts.
func (s *refSolver) build(r refRegion, i, j int, sol *Solution) {
	nobs, _, exact, _ := s.obstaclesIn(r)
	if nobs == 0 {
		s.buildFree(r, i, j, sol)
		return
	}
	if exact && i == j {
		return
	}
	key := uint64(r.x)<<56 | uint64(r.w)<<48 | uint64(r.y)<<36 | uint64(r.h)<<24 | uint64(i)<<12 | uint64(j)
	e := s.obs[key]
	k := int(e.k)
	switch e.kind {
	case refKindH:
		t := int(e.a)
		sol.Cuts = append(sol.Cuts, Cut{Col: r.x, Span: r.w, Line: t, Lines: s.gap})
		s.build(refRegion{r.x, r.w, r.y, t - r.y}, i, k, sol)
		s.build(refRegion{r.x, r.w, t + s.gap, r.y + r.h - t - s.gap}, k, j, sol)
	case refKindV:
		c := int(e.a)
		sol.Cuts = append(sol.Cuts, Cut{Vertical: true, Col: c, Line: r.y, Lines: r.h})
		s.build(refRegion{r.x, c - r.x, r.y, r.h}, i, k, sol)
		s.build(refRegion{c, r.x + r.w - c, r.y, r.h}, k, j, sol)
	}
}

func (s *refSolver) buildFree(r refRegion, i, j int, sol *Solution) {
	if j-i == 1 {
		sol.Rects[i] = Rect{r.x, r.w, r.y, r.h}
		return
	}
	e, _ := s.lookupFree(r.w, i, j, r.h)
	k := int(e.k)
	switch e.kind {
	case refKindH:
		a := int(e.a)
		sol.Cuts = append(sol.Cuts, Cut{Col: r.x, Span: r.w, Line: r.y + a, Lines: s.gap})
		s.buildFree(refRegion{r.x, r.w, r.y, a}, i, k, sol)
		s.buildFree(refRegion{r.x, r.w, r.y + a + s.gap, r.h - a - s.gap}, k, j, sol)
	case refKindV:
		w1 := int(e.a)
		sol.Cuts = append(sol.Cuts, Cut{Vertical: true, Col: r.x + w1, Line: r.y, Lines: r.h})
		s.buildFree(refRegion{r.x, w1, r.y, r.h}, i, k, sol)
		s.buildFree(refRegion{r.x + w1, r.w - w1, r.y, r.h}, k, j, sol)
	}
}

func refSolveBands(p Problem) (Solution, error) {
	n := len(p.Modules)
	groups := (n + bandGroup - 1) / bandGroup
	starts := make([]int, groups+1)
	for g := 0; g <= groups; g++ {
		starts[g] = g * n / groups // sizes differ by at most one
	}
	mods := make([]Module, n)
	for i, m := range p.Modules {
		mods[i] = thin(m, p.Grid.Lines)
	}
	L := p.Grid.Lines
	gap := p.Grid.Gap
	cols := p.Grid.Columns
	// A group's solver is made when a band can first start it: a page
	// offered more modules than it holds fails before reaching the last
	// groups, and never pays for their tables.
	solvers := make([]*refSolver, groups)
	solverOf := func(g int) *refSolver {
		if solvers[g] == nil {
			solvers[g] = newRefSolver(Problem{Grid: p.Grid, Modules: mods[starts[g]:starts[g+1]], Fixed: p.Fixed})
		}
		return solvers[g]
	}
	// An empty solver answers for bands that hold obstacles only.
	empty := newRefSolver(Problem{Grid: p.Grid, Fixed: p.Fixed})

	// dp[g][y]: the least cost of placing groups 0..g-1 in bands above
	// line y, where y is the first line of what follows (after a gap).
	// choice records the band that reached it: its height, and whether it
	// held a group (or obstacles only).
	type step struct {
		h     int32
		group bool
	}
	Y := L + gap + 1
	dp := make([]int64, (groups+1)*Y)
	choice := make([]step, (groups+1)*Y)
	for k := range dp {
		dp[k] = inf
	}
	dp[0] = 0
	for g := 0; g <= groups; g++ {
		reached := false
		for y := 0; y < Y; y++ {
			reached = reached || dp[g*Y+y] < inf
		}
		if !reached { // no band ends where group g could start: nor can the rest
			return Solution{}, ErrNoTiling
		}
		for y := 0; y < L; y++ {
			cur := dp[g*Y+y]
			if cur >= inf {
				continue
			}
			for h := 1; y+h <= L; h++ {
				r := refRegion{0, cols, y, h}
				next := y + h + gap
				if y+h < L {
					if !empty.bandClear(refRegion{0, cols, 0, L}, y+h) {
						continue
					}
				} else {
					next = L + gap
				}
				if next >= Y {
					next = Y - 1
				}
				if g < groups {
					if c := solverOf(g).best(r, 0, starts[g+1]-starts[g]); c < inf && cur+c < dp[(g+1)*Y+next] {
						dp[(g+1)*Y+next] = cur + c
						choice[(g+1)*Y+next] = step{int32(h), true}
					}
				}
				if c := empty.best(r, 0, 0); c < inf && cur+c < dp[g*Y+next] {
					dp[g*Y+next] = cur + c
					choice[g*Y+next] = step{int32(h), false}
				}
			}
		}
	}
	end := groups*Y + L + gap
	if L+gap >= Y {
		end = groups*Y + Y - 1
	}
	if dp[end] >= inf {
		return Solution{}, ErrNoTiling
	}
	// Walk back from the foot of the page, then build top down.
	type band struct {
		g, y, h int
		group   bool
	}
	var bands []band
	g, at := groups, end-groups*Y
	for !(g == 0 && at == 0) {
		st := choice[g*Y+at]
		h := int(st.h)
		y := at - gap - h
		if at == Y-1 || at == L+gap {
			y = L - h
		}
		if st.group {
			g--
			bands = append(bands, band{g, y, h, true})
		} else {
			bands = append(bands, band{-1, y, h, false})
		}
		at = y
	}
	sol := Solution{Rects: make([]Rect, n), Cost: dp[end]}
	for k := len(bands) - 1; k >= 0; k-- {
		b := bands[k]
		r := refRegion{0, cols, b.y, b.h}
		if b.y+b.h < L {
			sol.Cuts = append(sol.Cuts, Cut{Col: 0, Span: cols, Line: b.y + b.h, Lines: gap})
		}
		if !b.group {
			empty.build(r, 0, 0, &sol)
			continue
		}
		s := solvers[b.g]
		part := Solution{Rects: make([]Rect, starts[b.g+1]-starts[b.g])}
		s.best(r, 0, len(part.Rects)) // make sure the memo holds this band
		s.build(r, 0, len(part.Rects), &part)
		copy(sol.Rects[starts[b.g]:], part.Rects)
		sol.Cuts = append(sol.Cuts, part.Cuts...)
	}
	return sol, nil
}
