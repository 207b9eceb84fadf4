// Package place tiles a newspaper page with rectangular article modules.
//
// The page's type area is a grid of whole columns and whole baseline-grid
// lines. Each module (an article) can take one of a few heights at each
// column span it may have — heights the caller measured with the real
// composer — and each choice has a cost. Fixed rectangles (ads, the
// masthead, articles placed by hand) are obstacles the tiling must respect.
//
// Solve finds the cheapest guillotine tiling: the area is split, again and
// again, by a full-width horizontal cut (which leaves Grid.Gap lines of
// space between the modules above and below it, where a rule goes) or a
// full-height vertical cut along a gutter, until every piece is exactly one
// module or one obstacle. The modules are kept in importance order: a cut
// gives the first modules of the piece to the part above it or left of it,
// and the rest to the part below or right. So module 0 sits at the top left
// and importance falls from top-left to bottom-right.
//
// The search is a dynamic program. For obstacle-free pieces the answer
// depends only on the piece's width and height and the range of modules it
// holds, so it is memoised on (width, modules i..j, height); which heights
// are reachable at all is computed first as bit sets, so the cost search
// only visits splits that can succeed, with a lower bound of each piece's
// cost, so that it skips the splits that cannot be cheaper than the best
// one found (the answer is the same, ties included). Pieces holding
// obstacles are memoised on their absolute position and pruned by area.
package place

import (
	"fmt"
	"math/bits"
)

// Grid is the type area: Columns columns by Lines grid lines. Gap is the
// number of grid lines left empty by a horizontal cut between modules.
type Grid struct {
	Columns, Lines, Gap int
}

// Rect is a rectangle on the grid: columns Col..Col+Span-1 and lines
// Line..Line+Lines-1, both counted from zero at the top left.
type Rect struct {
	Col, Span, Line, Lines int
}

// Option is one height (in grid lines) a module can take at a span, and
// what it costs (lower is better; costs are summed over the page).
type Option struct {
	Lines int
	Cost  int64
}

// Module is one article to place. Options[s] lists the heights the module
// can take when it spans s columns; a span with no options is not allowed.
// Options[0] is unused.
type Module struct {
	Options [][]Option
}

// Problem is one page to tile: the grid, the modules in order of
// importance, and the fixed rectangles (obstacles) they must flow around.
type Problem struct {
	Grid    Grid
	Modules []Module
	Fixed   []Rect
}

// Cut is a separator between pieces of the tiling, where a rule may be
// drawn. A horizontal cut is the band of Grid.Gap lines starting at Line
// across columns Col..Col+Span-1. A vertical cut is the gutter left of
// column Col, over lines Line..Line+Lines-1 (Span is 0).
type Cut struct {
	Vertical bool
	Col      int
	Span     int
	Line     int
	Lines    int
}

// Solution is a tiling: one rectangle per module (in the order given), the
// cuts between pieces, and the summed cost of the chosen options.
type Solution struct {
	Rects []Rect
	Cuts  []Cut
	Cost  int64
}

// Error is the type of the package's sentinel errors.
type Error string

func (e Error) Error() string { return string(e) }

// ErrNoTiling is returned when the modules cannot tile the page exactly.
const ErrNoTiling Error = "no tiling of the page fits the modules"

const inf = int64(1) << 60

// maxModules bounds the modules on one page so that the memo keys fit.
const maxModules = 250

// Solve finds the cheapest guillotine tiling of p's grid by its modules and
// fixed rectangles, or returns ErrNoTiling.
func Solve(p Problem) (Solution, error) {
	var sv Solver
	return sv.Solve(p)
}

// Solver solves problems one after the other in the same memory: a worker
// that places page after page keeps one, so that the search's tables are
// not allocated (and their fresh memory faulted in) again for every page.
// What it keeps between problems is memory only: each answer is Solve's.
// The zero Solver is ready to use; it is not safe for concurrent use.
type Solver struct {
	s solver
}

// Solve is the package's Solve in sv's memory.
func (sv *Solver) Solve(p Problem) (Solution, error) {
	if err := validate(p); err != nil {
		return Solution{}, err
	}
	if tooLarge(p) {
		return Solution{}, ErrNoTiling
	}
	if !exact(p) {
		return solveBands(p)
	}
	s := &sv.s
	s.reset(p)
	root := region{0, p.Grid.Columns, 0, p.Grid.Lines}
	c := s.best(root, 0, len(p.Modules))
	if c >= inf {
		return Solution{}, ErrNoTiling
	}
	sol := Solution{Rects: make([]Rect, len(p.Modules)), Cost: c}
	s.build(root, 0, len(p.Modules), &sol)
	return sol, nil
}

// tooLarge reports whether p's modules cannot fit by area alone: each
// takes at least its smallest option (span × lines) and the Gap lines of
// the cut below it, unless it stands at the foot of the page; so with
// their gaps, and with the fixed rectangles, they must lie side by side
// inside the grid grown by Gap lines at its foot. (A module's piece ends
// at a horizontal cut, whose gap spans at least its width, or at the foot
// of the page; gaps of different cuts never overlap.) A page offered
// far more briefs than it holds is so refused at once, without a search,
// and with the answer the search would give (the area is a necessary
// condition), so no solution changes.
func tooLarge(p Problem) bool {
	area := int64(p.Grid.Columns) * int64(p.Grid.Lines+p.Grid.Gap)
	for _, f := range p.Fixed {
		area -= int64(f.Span) * int64(f.Lines)
	}
	for _, m := range p.Modules {
		least := int64(-1)
		for s, opts := range m.Options {
			for _, o := range opts {
				if a := int64(s) * int64(o.Lines+p.Grid.Gap); o.Lines > 0 && (least < 0 || a < least) {
					least = a
				}
			}
		}
		if least > 0 {
			area -= least
		}
		if area < 0 {
			return true
		}
	}
	return false
}

func validate(p Problem) error {
	g := p.Grid
	if g.Columns < 1 || g.Lines < 1 || g.Gap < 0 {
		return fmt.Errorf("place: bad grid %d columns × %d lines, gap %d", g.Columns, g.Lines, g.Gap)
	}
	if g.Columns > 64 || g.Lines > 4000 {
		return fmt.Errorf("place: grid %d×%d is too large", g.Columns, g.Lines)
	}
	if len(p.Modules) > maxModules {
		return fmt.Errorf("place: %d modules on one page (at most %d)", len(p.Modules), maxModules)
	}
	for i, f := range p.Fixed {
		if f.Span < 1 || f.Lines < 1 || f.Col < 0 || f.Line < 0 || f.Col+f.Span > g.Columns || f.Line+f.Lines > g.Lines {
			return fmt.Errorf("place: fixed rectangle %d (%+v) lies outside the %d×%d grid", i, f, g.Columns, g.Lines)
		}
		for j := 0; j < i; j++ {
			if f.Overlaps(p.Fixed[j]) {
				return fmt.Errorf("place: fixed rectangles %d and %d overlap", j, i)
			}
		}
	}
	return nil
}

// Overlaps reports whether r and o share a grid cell.
func (r Rect) Overlaps(o Rect) bool {
	return r.Col < o.Col+o.Span && o.Col < r.Col+r.Span && r.Line < o.Line+o.Lines && o.Line < r.Line+r.Lines
}

type region struct{ x, w, y, h int }

// entry is a memoised answer: its cost and how it was reached.
type entry struct {
	cost int64
	kind uint8 // kindH or kindV
	k    int32 // the module split
	a    int32 // the cut: height of the top part or width of the left part (free), or absolute line/column (obstacles)
}

const (
	kindH uint8 = iota + 1
	kindV
)

type solver struct {
	cols, lines, gap, n int
	words               int
	cost                []int64 // per module i: [(i*(cols+1)+span)*(lines+1)+h] (costAt)
	// fbits holds, per (w,i,j) (see fidx), the heights an obstacle-free
	// piece w columns wide holding modules i..j-1 can be tiled at (a set
	// of words bits: feasAt), then the same reversed (bit lines-h set when
	// height h is: rfeasAt), so that the heights a top part and the rest of
	// a piece below it can take together are one shifted AND (solveFree).
	fbits []uint64
	nf    int     // how many (w,i,j)
	runs  []int32 // per (w,i,j): how many runs of consecutive heights it has
	// lb is, per (w,i,j), a lower bound of the cost of an obstacle-free
	// piece w columns wide holding modules i..j-1 at any height: the
	// cheapest guillotine arrangement of their options heights aside. The
	// search skips a split whose parts' bounds already cost as much as the
	// best split found (it could not be cheaper, and only a cheaper one
	// replaces it), so no answer changes.
	lb []int64
	// The memo of bestFree: dense, one entry per height from the lowest
	// feasible to the highest of every piece (w, i..j-1) of two modules
	// or more, when that is small enough (memoAt); else the map free.
	memoBase   []int32  // per (w,i,j): its entry at height h is memoBase+h
	memoCost   []int64  // cost plus one; 0 = not yet known
	memoChoice []uint32 // kind<<30 | k<<20 | a
	free       map[uint64]entry
	obs        map[uint64]entry
	fixed      []Rect
	minArea    []int64 // per (i,j)
	maxArea    []int64
	modMin     []int64 // per module: its least and greatest area
	modMax     []int64
}

// maxMemo bounds the dense memo's entries (a few bytes each).
const maxMemo = 1 << 22

func newSolver(p Problem) *solver {
	s := new(solver)
	s.reset(p)
	return s
}

// resized is b with length n, reusing its array when it is large enough;
// what it holds is left to the caller to set.
func resized[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// reset sets s up for problem p, in the memory of its earlier problems.
func (s *solver) reset(p Problem) {
	g := p.Grid
	n := len(p.Modules)
	n1 := n + 1
	s.cols, s.lines, s.gap, s.n = g.Columns, g.Lines, g.Gap, n
	s.words = (g.Lines + 1 + 63) / 64
	s.nf = (g.Columns + 1) * n1 * n1
	s.fixed = p.Fixed
	if s.obs == nil {
		s.obs = make(map[uint64]entry)
	}
	clear(s.obs)
	s.fbits = resized(s.fbits, 2*s.nf*s.words)
	clear(s.fbits)
	s.runs = resized(s.runs, s.nf)
	s.lb = resized(s.lb, s.nf)
	for x := range s.lb {
		s.lb[x] = inf
	}
	L1 := g.Lines + 1
	s.cost = resized(s.cost, n*(g.Columns+1)*L1)
	for k := range s.cost {
		s.cost[k] = inf
	}
	modMin := resized(s.modMin, n)
	modMax := resized(s.modMax, n)
	s.modMin, s.modMax = modMin, modMax
	for i, m := range p.Modules {
		c := s.cost[i*(g.Columns+1)*L1 : (i+1)*(g.Columns+1)*L1]
		modMin[i], modMax[i] = inf, 0
		for span := 1; span < len(m.Options) && span <= g.Columns; span++ {
			x := s.fidx(span, i, i+1)
			f := s.feasAt(x)
			for _, o := range m.Options[span] {
				if o.Lines < 1 || o.Lines > g.Lines || o.Cost >= inf || o.Cost < 0 {
					continue
				}
				idx := span*L1 + o.Lines
				if o.Cost < c[idx] {
					c[idx] = o.Cost
				}
				f[o.Lines>>6] |= 1 << (uint(o.Lines) & 63)
				s.lb[x] = min(s.lb[x], o.Cost)
				area := int64(span * o.Lines)
				modMin[i] = min(modMin[i], area)
				modMax[i] = max(modMax[i], area)
			}
		}
	}
	s.minArea = resized(s.minArea, n1*n1)
	s.maxArea = resized(s.maxArea, n1*n1)
	clear(s.minArea)
	clear(s.maxArea)
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
	s.buildMemo()
}

// costAt is what module i costs at span w and height h (inf: no option).
func (s *solver) costAt(i, w, h int) int64 {
	return s.cost[(i*(s.cols+1)+w)*(s.lines+1)+h]
}

// feasAt is the set of heights piece x (an fidx) can be tiled at.
func (s *solver) feasAt(x int) []uint64 {
	return s.fbits[x*s.words : (x+1)*s.words : (x+1)*s.words]
}

// rfeasAt is feasAt(x) reversed: bit lines-h for height h.
func (s *solver) rfeasAt(x int) []uint64 {
	o := (s.nf + x) * s.words
	return s.fbits[o : o+s.words : o+s.words]
}

// buildMemo sizes the memo of bestFree: dense over the heights from the
// lowest feasible to the highest of each piece of two modules or more
// when they are at most maxMemo, else a map.
func (s *solver) buildMemo() {
	s.memoBase = resized(s.memoBase, s.nf)
	s.free = nil
	total := 0
	for w := 1; w <= s.cols; w++ {
		for i := 0; i < s.n; i++ {
			for j := i + 2; j <= s.n; j++ {
				x := s.fidx(w, i, j)
				f := s.feasAt(x)
				lo := nextBit(f, 0, false)
				if lo < 0 {
					continue
				}
				hi := lastBit(f)
				if total+hi-lo+1 > maxMemo {
					s.memoBase = s.memoBase[:0]
					s.free = make(map[uint64]entry)
					return
				}
				s.memoBase[x] = int32(total - lo)
				total += hi - lo + 1
			}
		}
	}
	// Entries are read only once their cost is set (not 0).
	s.memoCost = resized(s.memoCost, total)
	clear(s.memoCost)
	s.memoChoice = resized(s.memoChoice, total)
}

// lastBit is the highest set bit of f, or -1.
func lastBit(f []uint64) int {
	for q := len(f) - 1; q >= 0; q-- {
		if f[q] != 0 {
			return q<<6 + 63 - bits.LeadingZeros64(f[q])
		}
	}
	return -1
}

// memoAt is the dense memo's entry of a feasible piece w ≥ 1 columns wide
// holding modules i..j-1 (j ≥ i+2) at height h.
func (s *solver) memoAt(w, i, j, h int) int {
	return int(s.memoBase[s.fidx(w, i, j)]) + h
}

// lookupFree returns a memoised bestFree answer.
func (s *solver) lookupFree(w, i, j, h int) (entry, bool) {
	if s.free == nil {
		k := s.memoAt(w, i, j, h)
		c := s.memoCost[k]
		if c == 0 {
			return entry{}, false
		}
		ch := s.memoChoice[k]
		return entry{cost: c - 1, kind: uint8(ch >> 30), k: int32(ch >> 20 & 0x3ff), a: int32(ch & 0xfffff)}, true
	}
	e, ok := s.free[uint64(w)<<48|uint64(i)<<40|uint64(j)<<32|uint64(h)]
	return e, ok
}

func (s *solver) storeFree(w, i, j, h int, e entry) {
	if s.free == nil {
		k := s.memoAt(w, i, j, h)
		s.memoCost[k] = e.cost + 1
		s.memoChoice[k] = uint32(e.kind)<<30 | uint32(e.k)<<20 | uint32(e.a)
		return
	}
	s.free[uint64(w)<<48|uint64(i)<<40|uint64(j)<<32|uint64(h)] = e
}

func (s *solver) fidx(w, i, j int) int { return (w*(s.n+1)+i)*(s.n+1) + j }

func (s *solver) feasible(w, i, j, h int) bool {
	if h < 0 || h > s.lines {
		return false
	}
	return s.fbits[s.fidx(w, i, j)*s.words+h>>6]&(1<<(uint(h)&63)) != 0
}

// buildFeasible computes, for every width and module range of two modules
// or more, which heights an obstacle-free piece can be tiled at and a
// lower bound of what it costs (lb), from those of one module (newSolver);
// then every set reversed.
func (s *solver) buildFeasible() {
	tmp := make([]uint64, s.words)
	for x := range s.runs {
		s.runs[x] = int32(runCount(s.feasAt(x)))
	}
	for length := 2; length <= s.n; length++ {
		for i := 0; i+length <= s.n; i++ {
			j := i + length
			for w := 1; w <= s.cols; w++ {
				x := s.fidx(w, i, j)
				f := s.feasAt(x)
				lb := inf
				for k := i + 1; k < j; k++ {
					t, b := s.fidx(w, i, k), s.fidx(w, k, j)
					lb = min(lb, s.lb[t]+s.lb[b])
					// The heights a+gap+b: the one set smeared over each
					// run of consecutive heights of the other.
					if s.runs[b] < s.runs[t] {
						t, b = b, t
					}
					orSum(f, s.feasAt(t), s.feasAt(b), tmp, s.gap, s.lines)
					for w1 := 1; w1 < w; w1++ {
						l, r := s.fidx(w1, i, k), s.fidx(w-w1, k, j)
						lb = min(lb, s.lb[l]+s.lb[r])
						lf, rf := s.feasAt(l), s.feasAt(r)
						for q := range f {
							f[q] |= lf[q] & rf[q]
						}
					}
				}
				clearAbove(f, s.lines)
				if popcount(f) > 0 {
					s.lb[x] = min(lb, inf)
				}
				s.runs[x] = int32(runCount(f))
			}
		}
	}
	// Reversed: bit 64·words-1-h of the word-reversed set, shifted down
	// to bit lines-h.
	sh := 64*s.words - 1 - s.lines
	for x := 0; x < s.nf; x++ {
		f, r := s.feasAt(x), s.rfeasAt(x)
		for q := range tmp {
			tmp[q] = bits.Reverse64(f[len(f)-1-q])
		}
		for q := range r {
			r[q] = shiftedWord(tmp, q, sh)
		}
	}
}

func popcount(f []uint64) int {
	n := 0
	for _, w := range f {
		n += bits.OnesCount64(w)
	}
	return n
}

// runCount is how many runs of consecutive set bits f has.
func runCount(f []uint64) int {
	n, carry := 0, uint64(0)
	for _, w := range f {
		n += bits.OnesCount64(w &^ (w<<1 | carry))
		carry = w >> 63
	}
	return n
}

// orSum sets f |= {a+by+b : a in x, b in y}, for the a up to limit: for
// each run of consecutive bits of x, y smeared over the run's length
// (tmp holds it) shifted by its first bit. Bits shifted past f's end are
// lost; the caller clears those above limit.
func orSum(f, x, y, tmp []uint64, by, limit int) {
	for pos := 0; ; {
		a0 := nextBit(x, pos, false)
		if a0 < 0 || a0+by > limit {
			return
		}
		a1 := nextBit(x, a0, true)
		pos = a1
		if a1-a0 == 1 {
			orShifted(f, y, a0+by)
			continue
		}
		copy(tmp, y)
		c := 1
		for ; 2*c <= a1-a0; c *= 2 {
			orShifted(tmp, tmp, c)
		}
		if c < a1-a0 {
			orShifted(tmp, tmp, a1-a0-c)
		}
		orShifted(f, tmp, a0+by)
	}
}

// nextBit is the first bit of f at or after pos that is set (clear:
// false) or clear (true); past the end it is -1 for a set bit and the
// length of f in bits for a clear one.
func nextBit(f []uint64, pos int, clear bool) int {
	for q := pos >> 6; q < len(f); q++ {
		w := f[q]
		if clear {
			w = ^w
		}
		if q == pos>>6 {
			w &= ^uint64(0) << (uint(pos) & 63)
		}
		if w != 0 {
			return q<<6 + bits.TrailingZeros64(w)
		}
	}
	if clear {
		return len(f) << 6
	}
	return -1
}

// orShifted sets dst |= src << by (bits shifted past dst's end are lost).
// dst and src may be the same set.
func orShifted(dst, src []uint64, by int) {
	ws, bs := by>>6, uint(by&63)
	if bs == 0 {
		for q := len(dst) - 1; q >= ws; q-- {
			dst[q] |= src[q-ws]
		}
		return
	}
	for q := len(dst) - 1; q > ws; q-- {
		dst[q] |= src[q-ws]<<bs | src[q-ws-1]>>(64-bs)
	}
	if ws < len(dst) {
		dst[ws] |= src[0] << bs
	}
}

// clearAbove clears the bits of f above limit.
func clearAbove(f []uint64, limit int) {
	last := limit >> 6
	for q := last + 1; q < len(f); q++ {
		f[q] = 0
	}
	if r := uint(limit&63) + 1; r < 64 {
		f[last] &= (1 << r) - 1
	}
}

// shiftedWord is word q of f >> by: bits by+64q .. by+64q+63 of f, zero
// past its end.
func shiftedWord(f []uint64, q, by int) uint64 {
	ws, bs := q+by>>6, uint(by&63)
	if ws >= len(f) {
		return 0
	}
	v := f[ws] >> bs
	if bs != 0 && ws+1 < len(f) {
		v |= f[ws+1] << (64 - bs)
	}
	return v
}

// bestFree is the cheapest tiling of an obstacle-free w×h piece by modules i..j-1.
func (s *solver) bestFree(w, i, j, h int) int64 {
	if j-i < 1 || !s.feasible(w, i, j, h) {
		return inf
	}
	if j-i == 1 {
		return s.costAt(i, w, h)
	}
	if e, ok := s.lookupFree(w, i, j, h); ok {
		return e.cost
	}
	return s.solveFree(w, i, j, h)
}

// part is bestFree for a part of a split that is known to be feasible
// (j > i and feasible(w, i, j, h)): a single module's cost or a memoised
// answer are looked up here, and only an unknown answer costs a call.
func (s *solver) part(w, i, j, h int) int64 {
	if j-i == 1 {
		return s.costAt(i, w, h)
	}
	if s.free == nil {
		if c := s.memoCost[s.memoAt(w, i, j, h)]; c != 0 {
			return c - 1
		}
	} else if e, ok := s.free[uint64(w)<<48|uint64(i)<<40|uint64(j)<<32|uint64(h)]; ok {
		return e.cost
	}
	return s.solveFree(w, i, j, h)
}

// solveFree computes and memoises bestFree for a feasible piece of two
// modules or more. It weighs the splits in a fixed order (module split k,
// then horizontal cuts by the top part's height, then vertical cuts by the
// left part's width) and keeps the first of the cheapest.
func (s *solver) solveFree(w, i, j, h int) int64 {
	e := entry{cost: inf}
	// The bottom part of a horizontal cut under a top part of height a
	// takes b = h-gap-a lines: bit a of its reversed set (rfeasAt) shifted by d.
	d := s.lines - h + s.gap
	for k := i + 1; k < j; k++ {
		t, b := s.fidx(w, i, k), s.fidx(w, k, j)
		lbBot := s.lb[b]
		if s.lb[t]+lbBot < e.cost {
			// Horizontal cuts: the heights the top part can take whose
			// rest the bottom part can take too.
			top, rbot := s.feasAt(t), s.rfeasAt(b)
		words:
			for q, word := range top {
				word &= shiftedWord(rbot, q, d)
				for word != 0 {
					a := q<<6 + bits.TrailingZeros64(word)
					word &= word - 1
					if s.lb[t]+lbBot >= e.cost {
						break words
					}
					c := s.part(w, i, k, a)
					if c+lbBot >= e.cost {
						continue
					}
					c += s.part(w, k, j, h-s.gap-a)
					if c < e.cost {
						e = entry{cost: c, kind: kindH, k: int32(k), a: int32(a)}
					}
				}
			}
		}
		for w1 := 1; w1 < w; w1++ {
			l, r := s.fidx(w1, i, k), s.fidx(w-w1, k, j)
			if s.lb[l]+s.lb[r] >= e.cost || !s.feasible(w1, i, k, h) || !s.feasible(w-w1, k, j, h) {
				continue
			}
			c := s.part(w1, i, k, h)
			if c+s.lb[r] >= e.cost {
				continue
			}
			c += s.part(w-w1, k, j, h)
			if c < e.cost {
				e = entry{cost: c, kind: kindV, k: int32(k), a: int32(w1)}
			}
		}
	}
	s.storeFree(w, i, j, h, e)
	return e.cost
}

// inside is what lies inside a piece: how many obstacles and their area,
// whether one fills it exactly; ok is false when one is cut by its edge.
type inside struct {
	count, area int
	exact, ok   bool
}

// obstaclesIn reports the obstacles wholly inside r.
func (s *solver) obstaclesIn(r region) inside {
	in := inside{ok: true}
	rr := Rect{r.x, r.w, r.y, r.h}
	for _, f := range s.fixed {
		if !f.Overlaps(rr) {
			continue
		}
		if f.Col < r.x || f.Line < r.y || f.Col+f.Span > r.x+r.w || f.Line+f.Lines > r.y+r.h {
			return inside{}
		}
		in.count++
		in.area += f.Span * f.Lines
		if f == rr {
			in.exact = true
		}
	}
	return in
}

// best is the cheapest tiling of piece r by modules i..j-1 (and the obstacles inside r).
func (s *solver) best(r region, i, j int) int64 {
	return s.bestIn(r, s.obstaclesIn(r), i, j)
}

// bestIn is best for a piece r with in inside it.
func (s *solver) bestIn(r region, in inside, i, j int) int64 {
	if r.w < 1 || r.h < 1 || !in.ok {
		return inf
	}
	nobs := in.count
	if nobs == 0 {
		if i == j {
			return inf
		}
		return s.bestFree(r.w, i, j, r.h)
	}
	if in.exact && i == j {
		return 0
	}
	// Area pruning: the modules, obstacles and gaps must fill the piece.
	freeArea := int64(r.w*r.h - in.area)
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
	e := entry{cost: inf}
	// Horizontal cuts: top [y, t), gap [t, t+gap), bottom [t+gap, y+h).
	for t := r.y + 1; t+s.gap < r.y+r.h; t++ {
		if !s.bandClear(r, t) {
			continue
		}
		top := region{r.x, r.w, r.y, t - r.y}
		bot := region{r.x, r.w, t + s.gap, r.y + r.h - t - s.gap}
		tin, bin := s.obstaclesIn(top), s.obstaclesIn(bot)
		if !tin.ok || !bin.ok {
			continue
		}
		s.bestSplit(&e, top, bot, tin, bin, i, j, kindH, t)
	}
	// Vertical cuts along the gutter left of column c.
	for c := r.x + 1; c < r.x+r.w; c++ {
		if !s.gutterClear(r, c) {
			continue
		}
		left := region{r.x, c - r.x, r.y, r.h}
		right := region{c, r.x + r.w - c, r.y, r.h}
		s.bestSplit(&e, left, right, s.obstaclesIn(left), s.obstaclesIn(right), i, j, kindV, c)
	}
	s.obs[key] = e
	return e.cost
}

// bestSplit tries every division of modules [i, j) between the two parts
// a and b of a cut region (ain and bin inside each) and keeps in e the
// cheapest, recorded as a cut of the given kind at position at. A part
// without obstacles must hold at least one module that fits it.
func (s *solver) bestSplit(e *entry, a, b region, ain, bin inside, i, j int, kind uint8, at int) {
	an, bn := ain.count, bin.count
	for k := i; k <= j; k++ {
		if (an == 0 && (k == i || !s.feasible(a.w, i, k, a.h))) || (bn == 0 && (k == j || !s.feasible(b.w, k, j, b.h))) {
			continue
		}
		c := s.bestIn(a, ain, i, k)
		if c >= e.cost {
			continue
		}
		c += s.bestIn(b, bin, k, j)
		if c < e.cost {
			*e = entry{cost: c, kind: kind, k: int32(k), a: int32(at)}
		}
	}
}

// bandClear reports whether a horizontal cut at line t of r (with its gap)
// crosses no obstacle.
func (s *solver) bandClear(r region, t int) bool {
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
func (s *solver) gutterClear(r region, c int) bool {
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
func (s *solver) build(r region, i, j int, sol *Solution) {
	in := s.obstaclesIn(r)
	if in.count == 0 {
		s.buildFree(r, i, j, sol)
		return
	}
	if in.exact && i == j {
		return
	}
	key := uint64(r.x)<<56 | uint64(r.w)<<48 | uint64(r.y)<<36 | uint64(r.h)<<24 | uint64(i)<<12 | uint64(j)
	e := s.obs[key]
	k := int(e.k)
	switch e.kind {
	case kindH:
		t := int(e.a)
		sol.Cuts = append(sol.Cuts, Cut{Col: r.x, Span: r.w, Line: t, Lines: s.gap})
		s.build(region{r.x, r.w, r.y, t - r.y}, i, k, sol)
		s.build(region{r.x, r.w, t + s.gap, r.y + r.h - t - s.gap}, k, j, sol)
	case kindV:
		c := int(e.a)
		sol.Cuts = append(sol.Cuts, Cut{Vertical: true, Col: c, Line: r.y, Lines: r.h})
		s.build(region{r.x, c - r.x, r.y, r.h}, i, k, sol)
		s.build(region{c, r.x + r.w - c, r.y, r.h}, k, j, sol)
	}
}

func (s *solver) buildFree(r region, i, j int, sol *Solution) {
	if j-i == 1 {
		sol.Rects[i] = Rect{r.x, r.w, r.y, r.h}
		return
	}
	e, _ := s.lookupFree(r.w, i, j, r.h)
	k := int(e.k)
	switch e.kind {
	case kindH:
		a := int(e.a)
		sol.Cuts = append(sol.Cuts, Cut{Col: r.x, Span: r.w, Line: r.y + a, Lines: s.gap})
		s.buildFree(region{r.x, r.w, r.y, a}, i, k, sol)
		s.buildFree(region{r.x, r.w, r.y + a + s.gap, r.h - a - s.gap}, k, j, sol)
	case kindV:
		w1 := int(e.a)
		sol.Cuts = append(sol.Cuts, Cut{Vertical: true, Col: r.x + w1, Line: r.y, Lines: r.h})
		s.buildFree(region{r.x, w1, r.y, r.h}, i, k, sol)
		s.buildFree(region{r.x + w1, r.w - w1, r.y, r.h}, k, j, sol)
	}
}
