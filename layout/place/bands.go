package place

import "sort"

// MaxExact is the most modules Solve places with the exact search. The
// exact search visits every module range, split and height: its cost grows
// with the cube of the modules and more (40 modules took seconds, 200 took
// minutes), while a page of 40 briefs is ordinary. Beyond MaxExact modules
// Solve uses solveBands, which is bounded and as deterministic.
const MaxExact = 16

// bandGroup is the most modules in one band of solveBands: a band's exact
// search weighs every height of the page, so its groups are kept smaller
// than MaxExact.
const bandGroup = 10

// MaxExactOptions bounds the options (heights over all spans and modules)
// the exact search weighs: modules that may take almost any height (the
// composer's relaxed options, empty fillers) make it cost seconds at a
// dozen modules. Past this, Solve uses solveBands too.
const MaxExactOptions = 2000

// exact reports whether Solve may use the exact search for p.
func exact(p Problem) bool {
	if len(p.Modules) > MaxExact {
		return false
	}
	n := 0
	for _, m := range p.Modules {
		for _, o := range m.Options {
			n += len(o)
		}
	}
	return n <= MaxExactOptions
}

// A module in solveBands keeps at most bandCheapest+bandBuckets heights at
// each span: its cheapest few, and the cheapest in each of bandBuckets
// equal ranges of the page's heights, so that a module that may take
// almost any height (relaxed, or a filler) can still be short or tall.
// Modules with many heights would make each band's exact search cost as
// much as a whole page's.
const (
	bandCheapest = 3
	bandBuckets  = 3
)

// thin returns m with its options thinned for solveBands, in a
// deterministic order.
func thin(m Module, lines int) Module {
	out := Module{Options: make([][]Option, len(m.Options))}
	for s, opts := range m.Options {
		if len(opts) <= bandCheapest+bandBuckets {
			out.Options[s] = opts
			continue
		}
		sorted := append([]Option(nil), opts...)
		sort.SliceStable(sorted, func(a, b int) bool {
			if sorted[a].Cost != sorted[b].Cost {
				return sorted[a].Cost < sorted[b].Cost
			}
			return sorted[a].Lines < sorted[b].Lines
		})
		kept := append([]Option(nil), sorted[:bandCheapest]...)
		taken := map[int]bool{}
		for _, o := range kept {
			taken[o.Lines] = true
		}
		bucket := make([]bool, bandBuckets)
		for _, o := range sorted[bandCheapest:] {
			k := min(bandBuckets-1, max(0, (o.Lines-1)*bandBuckets/max(1, lines)))
			if !bucket[k] && !taken[o.Lines] {
				bucket[k], taken[o.Lines] = true, true
				kept = append(kept, o)
			}
		}
		out.Options[s] = kept
	}
	return out
}

func solveBands(p Problem) (Solution, error) {
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
	solvers := make([]*solver, groups)
	solverOf := func(g int) *solver {
		if solvers[g] == nil {
			solvers[g] = newSolver(Problem{Grid: p.Grid, Modules: mods[starts[g]:starts[g+1]], Fixed: p.Fixed})
		}
		return solvers[g]
	}
	// An empty solver answers for bands that hold obstacles only.
	empty := newSolver(Problem{Grid: p.Grid, Fixed: p.Fixed})

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
				r := region{0, cols, y, h}
				next := y + h + gap
				if y+h < L {
					if !empty.bandClear(region{0, cols, 0, L}, y+h) {
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
		r := region{0, cols, b.y, b.h}
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
