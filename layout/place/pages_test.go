package place

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// pageProblems are the placement problems of real pages, as the composer
// posed them (the options measured with the real faces): the one-page
// sample's page (12 modules, 97 lines under the masthead), a page of the
// eight-page edition made from it (bench/genpages -vary: 105 lines), and
// a page of the four-page sample with an ad.
var pageProblems = []string{"local-news-p1", "local-news-p105", "four-pages-ad"}

func loadProblem(tb testing.TB, name string) Problem {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	var p Problem
	if err := json.Unmarshal(b, &p); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return p
}

// BenchmarkSolvePage solves real pages' placement problems (see
// pageProblems): one op solves each of them once, with Solve (fresh) or
// with one Solver for all (reused), as a worker placing page after page.
func BenchmarkSolvePage(b *testing.B) {
	ps := make([]Problem, len(pageProblems))
	for i, name := range pageProblems {
		ps[i] = loadProblem(b, name)
	}
	for _, reuse := range []bool{false, true} {
		name := "fresh"
		if reuse {
			name = "reused"
		}
		b.Run(name, func(b *testing.B) {
			var sv Solver
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range ps {
					var err error
					if reuse {
						_, err = sv.Solve(p)
					} else {
						_, err = Solve(p)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// sameSolution fails t unless got and want are the same tiling, cuts
// and cost.
func sameSolution(t interface {
	Helper()
	Fatalf(string, ...any)
}, what string, got, want Solution, gotErr, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
		t.Fatalf("%s: error %v, the reference says %v", what, gotErr, wantErr)
	}
	if got.Cost != want.Cost || !slices.Equal(got.Rects, want.Rects) || !slices.Equal(got.Cuts, want.Cuts) {
		t.Fatalf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

// TestPagesSameAsReference: the real pages' problems get the very tiling
// the reference solver (reference_test.go) gives.
func TestPagesSameAsReference(t *testing.T) {
	for _, name := range pageProblems {
		p := loadProblem(t, name)
		want, wantErr := refSolve(p)
		got, err := Solve(p)
		sameSolution(t, name, got, want, err, wantErr)
	}
}

// drawTies draws a problem the exact search takes whose options cost
// little, so that many tilings tie and the order the search weighs them
// in decides: a planted tiling (so that one exists; see drawPlanted) on a
// grid of up to maxLines lines (past 63, the sets of heights take more
// than a word), with extra options and sometimes fixed rectangles.
func drawTies(t *rapid.T, maxLines int) Problem {
	g := Grid{
		Columns: rapid.IntRange(1, 8).Draw(t, "columns"),
		Lines:   rapid.IntRange(2, maxLines).Draw(t, "lines"),
		Gap:     rapid.IntRange(0, 2).Draw(t, "gap"),
	}
	n := rapid.IntRange(1, min(8, capacity(g.Columns, g.Lines, g.Gap))).Draw(t, "slots")
	pl := planted{grid: g}
	plant(t, g, Rect{0, g.Columns, 0, g.Lines}, n, "", &pl)
	p := Problem{Grid: g, Fixed: pl.fixed}
	for _, r := range pl.rects {
		m := Module{Options: make([][]Option, g.Columns+1)}
		m.Options[r.Span] = []Option{{r.Lines, rapid.Int64Range(0, 3).Draw(t, "cost")}}
		for e := rapid.IntRange(0, 12).Draw(t, "more"); e > 0; e-- {
			s := rapid.IntRange(1, g.Columns).Draw(t, "mspan")
			lo := rapid.IntRange(1, g.Lines).Draw(t, "mlines")
			// A run of heights, as the composer's options come.
			for h := lo; h <= min(g.Lines, lo+rapid.IntRange(0, 6).Draw(t, "mrun")); h++ {
				m.Options[s] = append(m.Options[s], Option{Lines: h, Cost: rapid.Int64Range(0, 3).Draw(t, "mcost")})
			}
		}
		p.Modules = append(p.Modules, m)
	}
	return p
}

// TestSolveSameAsReference: on random problems with many ties, Solve
// gives exactly what the reference solver gives.
func TestSolveSameAsReference(t *testing.T) { checkSameAsReference(t, 70) }

// TestSolveSameAsReferenceTall is TestSolveSameAsReference on grids of up
// to 300 lines.
func TestSolveSameAsReferenceTall(t *testing.T) { checkSameAsReference(t, 300) }

// checkSameAsReference compares Solve with refSolve on random problems
// drawn with many ties, on grids of up to maxLines lines.
func checkSameAsReference(t *testing.T, maxLines int) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawTies(t, maxLines)
		want, wantErr := refSolve(p)
		got, err := Solve(p)
		sameSolution(t, "Solve", got, want, err, wantErr)
	})
}

// TestSolverReuse: a Solver that solved other problems before, larger and
// smaller, with and without obstacles, answers each as a fresh Solve does.
func TestSolverReuse(t *testing.T) {
	var sv Solver
	rapid.Check(t, func(t *rapid.T) {
		for k := rapid.IntRange(1, 4).Draw(t, "problems"); k > 0; k-- {
			p := drawTies(t, rapid.SampledFrom([]int{20, 70, 300}).Draw(t, "maxLines"))
			want, wantErr := Solve(p)
			got, err := sv.Solve(p)
			sameSolution(t, "Solver.Solve", got, want, err, wantErr)
		}
	})
	for _, name := range pageProblems {
		p := loadProblem(t, name)
		want, wantErr := refSolve(p)
		got, err := sv.Solve(p)
		sameSolution(t, name, got, want, err, wantErr)
	}
}

// TestBandsSameAsReference: past MaxExact modules or MaxExactOptions
// heights (the banded search, each band exact), Solve gives what the
// reference gives: pages of briefs with and without an ad, and modules
// that may take almost any height.
func TestBandsSameAsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := briefs(rapid.IntRange(MaxExact+1, 60).Draw(t, "modules"), rapid.Bool().Draw(t, "ad"), rapid.IntRange(0, 3).Draw(t, "seed"))
		want, wantErr := refSolve(p)
		got, err := Solve(p)
		sameSolution(t, "Solve", got, want, err, wantErr)
	})
	p := denseProblem()
	if exact(p) {
		t.Fatal("the dense problem should take the banded search")
	}
	want, wantErr := refSolve(p)
	got, err := Solve(p)
	sameSolution(t, "dense", got, want, err, wantErr)
}
