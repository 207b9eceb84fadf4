package place

import (
	"errors"
	"testing"

	"pgregory.net/rapid"
)

// planted is a random guillotine tiling made first, so that the problem
// derived from it is known to have a solution.
type planted struct {
	grid    Grid
	rects   []Rect // modules, in order
	fixed   []Rect
	cost    int64
	modules []Module
}

// capacity is how many pieces a w×h area can be cut into.
func capacity(w, h, gap int) int { return w * ((h + gap) / (1 + gap)) }

// plant cuts r into n slots (modules or obstacles) in order.
func plant(t *rapid.T, g Grid, r Rect, n int, label string, out *planted) {
	if n == 1 {
		if len(out.fixed) < 3 && rapid.IntRange(0, 6).Draw(t, label+"obstacle") == 0 {
			out.fixed = append(out.fixed, r)
			return
		}
		out.rects = append(out.rects, r)
		return
	}
	vertical := r.Span >= 2 && (r.Lines < 2+g.Gap || rapid.Bool().Draw(t, label+"v"))
	if vertical {
		w1 := rapid.IntRange(1, r.Span-1).Draw(t, label+"w1")
		c1, c2 := capacity(w1, r.Lines, g.Gap), capacity(r.Span-w1, r.Lines, g.Gap)
		lo, hi := max(1, n-c2), min(n-1, c1)
		if lo > hi { // fall back to the always-possible split of one column
			w1 = 1
			c1 = capacity(1, r.Lines, g.Gap)
			lo, hi = max(1, n-capacity(r.Span-1, r.Lines, g.Gap)), min(n-1, c1)
		}
		k := rapid.IntRange(lo, hi).Draw(t, label+"k")
		plant(t, g, Rect{r.Col, w1, r.Line, r.Lines}, k, label+"l", out)
		plant(t, g, Rect{r.Col + w1, r.Span - w1, r.Line, r.Lines}, n-k, label+"r", out)
		return
	}
	a := rapid.IntRange(1, r.Lines-g.Gap-1).Draw(t, label+"a")
	b := r.Lines - g.Gap - a
	c1, c2 := capacity(r.Span, a, g.Gap), capacity(r.Span, b, g.Gap)
	lo, hi := max(1, n-c2), min(n-1, c1)
	if lo > hi {
		a, b = 1, r.Lines-g.Gap-1
		lo, hi = max(1, n-capacity(r.Span, b, g.Gap)), min(n-1, capacity(r.Span, 1, g.Gap))
	}
	k := rapid.IntRange(lo, hi).Draw(t, label+"k")
	plant(t, g, Rect{r.Col, r.Span, r.Line, a}, k, label+"t", out)
	plant(t, g, Rect{r.Col, r.Span, r.Line + a + g.Gap, b}, n-k, label+"b", out)
}

func drawPlanted(t *rapid.T) planted {
	g := Grid{
		Columns: rapid.IntRange(1, 8).Draw(t, "columns"),
		Lines:   rapid.IntRange(2, 70).Draw(t, "lines"),
		Gap:     rapid.IntRange(0, 1).Draw(t, "gap"),
	}
	n := rapid.IntRange(1, min(7, capacity(g.Columns, g.Lines, g.Gap))).Draw(t, "slots")
	p := planted{grid: g}
	plant(t, g, Rect{0, g.Columns, 0, g.Lines}, n, "", &p)
	p.modules = make([]Module, len(p.rects))
	for i, r := range p.rects {
		m := Module{Options: make([][]Option, g.Columns+1)}
		c := rapid.Int64Range(0, 20).Draw(t, "cost")
		p.cost += c
		m.Options[r.Span] = append(m.Options[r.Span], Option{r.Lines, c})
		extra := rapid.IntRange(0, 4).Draw(t, "extra")
		for e := 0; e < extra; e++ {
			s := rapid.IntRange(1, g.Columns).Draw(t, "xspan")
			m.Options[s] = append(m.Options[s], Option{
				Lines: rapid.IntRange(1, g.Lines).Draw(t, "xlines"),
				Cost:  rapid.Int64Range(0, 20).Draw(t, "xcost"),
			})
		}
		p.modules[i] = m
	}
	return p
}

// check asserts every invariant of a solution to p.
func check(t *rapid.T, p Problem, sol Solution) {
	g := p.Grid
	if len(sol.Rects) != len(p.Modules) {
		t.Fatalf("%d rects for %d modules", len(sol.Rects), len(p.Modules))
	}
	owner := make([]int, g.Columns*g.Lines)
	mark := func(r Rect, who int, what string) {
		if r.Col < 0 || r.Line < 0 || r.Span < 0 || r.Lines < 0 || r.Col+r.Span > g.Columns || r.Line+r.Lines > g.Lines {
			t.Fatalf("%s %+v lies outside the %d×%d grid", what, r, g.Columns, g.Lines)
		}
		for y := r.Line; y < r.Line+r.Lines; y++ {
			for x := r.Col; x < r.Col+r.Span; x++ {
				if o := owner[y*g.Columns+x]; o != 0 {
					t.Fatalf("%s %+v overlaps owner %d at column %d line %d", what, r, o, x, y)
				}
				owner[y*g.Columns+x] = who
			}
		}
	}
	var cost int64
	for i, r := range sol.Rects {
		if r.Span < 1 || r.Lines < 1 {
			t.Fatalf("module %d has empty rect %+v", i, r)
		}
		mark(r, i+1, "module")
		best := inf
		if r.Span < len(p.Modules[i].Options) {
			for _, o := range p.Modules[i].Options[r.Span] {
				if o.Lines == r.Lines && o.Cost < best {
					best = o.Cost
				}
			}
		}
		if best == inf {
			t.Fatalf("module %d got %+v, not one of its options", i, r)
		}
		cost += best
	}
	if cost != sol.Cost {
		t.Fatalf("reported cost %d, options sum to %d", sol.Cost, cost)
	}
	for i, f := range p.Fixed {
		mark(f, 1000+i, "fixed")
	}
	for _, c := range sol.Cuts {
		if !c.Vertical {
			mark(Rect{c.Col, c.Span, c.Line, c.Lines}, 5000, "gap")
		}
	}
	for k, o := range owner {
		if o == 0 {
			t.Fatalf("hole at column %d line %d", k%g.Columns, k/g.Columns)
		}
	}
	// Importance: every earlier module lies above or left of every later one.
	for i := range sol.Rects {
		for j := i + 1; j < len(sol.Rects); j++ {
			a, b := sol.Rects[i], sol.Rects[j]
			if a.Line+a.Lines > b.Line && a.Col+a.Span > b.Col {
				t.Fatalf("module %d %+v is neither above nor left of module %d %+v", i, a, j, b)
			}
		}
	}
	if len(p.Fixed) == 0 && len(sol.Rects) > 0 && (sol.Rects[0].Col != 0 || sol.Rects[0].Line != 0) {
		t.Fatalf("lead module at %+v, not top left", sol.Rects[0])
	}
}

// TestSolvePlanted: whenever a tiling exists, Solve finds one at least as
// cheap, and it keeps every invariant.
func TestSolvePlanted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pl := drawPlanted(t)
		p := Problem{Grid: pl.grid, Modules: pl.modules, Fixed: pl.fixed}
		sol, err := Solve(p)
		if err != nil {
			t.Fatalf("Solve: %v (a tiling of cost %d exists: %+v fixed %+v)", err, pl.cost, pl.rects, pl.fixed)
		}
		if sol.Cost > pl.cost {
			t.Fatalf("cost %d, but the planted tiling costs %d", sol.Cost, pl.cost)
		}
		check(t, p, sol)
	})
}

// TestSolveRandom: on arbitrary problems Solve either says no or gives a
// valid tiling; it never panics.
func TestSolveRandom(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := Grid{
			Columns: rapid.IntRange(1, 6).Draw(t, "columns"),
			Lines:   rapid.IntRange(1, 40).Draw(t, "lines"),
			Gap:     rapid.IntRange(0, 2).Draw(t, "gap"),
		}
		n := rapid.IntRange(0, 5).Draw(t, "n")
		p := Problem{Grid: g}
		for i := 0; i < n; i++ {
			m := Module{Options: make([][]Option, g.Columns+1)}
			for e := rapid.IntRange(0, 8).Draw(t, "opts"); e > 0; e-- {
				s := rapid.IntRange(1, g.Columns).Draw(t, "span")
				m.Options[s] = append(m.Options[s], Option{
					Lines: rapid.IntRange(-1, g.Lines+1).Draw(t, "h"),
					Cost:  rapid.Int64Range(0, 9).Draw(t, "c"),
				})
			}
			p.Modules = append(p.Modules, m)
		}
		if rapid.Bool().Draw(t, "fixed") {
			w := rapid.IntRange(1, g.Columns).Draw(t, "fw")
			h := rapid.IntRange(1, g.Lines).Draw(t, "fh")
			p.Fixed = append(p.Fixed, Rect{
				Col: rapid.IntRange(0, g.Columns-w).Draw(t, "fx"), Span: w,
				Line: rapid.IntRange(0, g.Lines-h).Draw(t, "fy"), Lines: h,
			})
		}
		sol, err := Solve(p)
		if err != nil {
			if !errors.Is(err, ErrNoTiling) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		check(t, p, sol)
	})
}

func TestSolveBadInput(t *testing.T) {
	for _, p := range []Problem{
		{Grid: Grid{Columns: 0, Lines: 10}},
		{Grid: Grid{Columns: 4, Lines: 10}, Fixed: []Rect{{Col: 3, Span: 2, Line: 0, Lines: 1}}},
		{Grid: Grid{Columns: 4, Lines: 10}, Fixed: []Rect{{0, 2, 0, 2}, {1, 2, 1, 2}}},
	} {
		if _, err := Solve(p); err == nil || errors.Is(err, ErrNoTiling) {
			t.Errorf("Solve(%+v) = %v, want a validation error", p, err)
		}
	}
}

// TestSolvePrefersCheap: the lead story given a cheap wide option takes the
// full width at the top; an ad at the bottom right is flowed around.
func TestSolveAdAndLead(t *testing.T) {
	g := Grid{Columns: 8, Lines: 100, Gap: 1}
	opt := func(span, lines int, cost int64) Module {
		m := Module{Options: make([][]Option, 9)}
		m.Options[span] = []Option{{lines, cost}}
		return m
	}
	lead := opt(8, 40, 0)
	lead.Options[4] = []Option{{79, 50}}
	p := Problem{
		Grid:    g,
		Modules: []Module{lead, opt(4, 59, 0), opt(4, 13, 0), opt(4, 14, 0)},
		Fixed:   []Rect{{Col: 4, Span: 4, Line: 70, Lines: 30}},
	}
	sol, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []Rect{{0, 8, 0, 40}, {0, 4, 41, 59}, {4, 4, 41, 13}, {4, 4, 55, 14}}
	for i, w := range want {
		if sol.Rects[i] != w {
			t.Errorf("module %d at %+v, want %+v", i, sol.Rects[i], w)
		}
	}
}

func BenchmarkSolve(b *testing.B) {
	// A realistic page: 8 columns, 100 lines, seven articles, one ad, each
	// article with a few heights at each of several spans.
	g := Grid{Columns: 8, Lines: 100, Gap: 1}
	need := []int{900, 420, 300, 260, 200, 160, 120} // body lines
	var mods []Module
	for _, n := range need {
		m := Module{Options: make([][]Option, 9)}
		for s := 1; s <= 8; s++ {
			h := (n+s-1)/s + 6
			for e := 0; e < 4 && h+e <= g.Lines; e++ {
				m.Options[s] = append(m.Options[s], Option{h + e, int64(e * 3)})
			}
		}
		mods = append(mods, m)
	}
	p := Problem{Grid: g, Modules: mods, Fixed: []Rect{{Col: 4, Span: 4, Line: 70, Lines: 30}}}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Solve(p)
	}
}

// BenchmarkSolveDense is the relaxed case: every module may take almost any
// height (overset or underset at a price).
func BenchmarkSolveDense(b *testing.B) {
	p := denseProblem()
	sol, err := Solve(p)
	b.Logf("%v %+v", err, sol.Rects)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Solve(p)
	}
}

// denseProblem is an 8-column, 100-line page with an ad at its bottom
// right and seven stories of 900 to 120 units that may take almost any
// height (each squared line away from its natural height costs).
func denseProblem() Problem {
	g := Grid{Columns: 8, Lines: 100, Gap: 1}
	p := Problem{Grid: g, Fixed: []Rect{{Col: 4, Span: 4, Line: 70, Lines: 30}}}
	for _, n := range []int{900, 420, 300, 260, 200, 160, 120} {
		m := Module{Options: make([][]Option, 9)}
		for s := 1; s <= 8; s++ {
			h := (n+s-1)/s + 6
			for l := 8; l <= g.Lines; l++ {
				d := int64(l - h)
				m.Options[s] = append(m.Options[s], Option{l, d * d})
			}
		}
		p.Modules = append(p.Modules, m)
	}
	return p
}
