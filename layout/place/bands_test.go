package place

import (
	"fmt"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// briefs is a page of n briefs on an 8 × 104 grid with a one-line gap,
// with a 4-column ad at the foot when ad is set. Each brief may take any
// span and height (as the composer offers when it relaxes: holes and
// overset at a price), cheapest at its natural area of 3 to 6 lines a
// column.
func briefs(n int, ad bool, seed int) Problem {
	g := Grid{Columns: 8, Lines: 104, Gap: 1}
	p := Problem{Grid: g}
	if ad {
		p.Fixed = []Rect{{Col: 4, Span: 4, Line: 74, Lines: 30}}
	}
	for i := 0; i < n; i++ {
		m := Module{Options: make([][]Option, g.Columns+1)}
		nat := 3 + (i*7+seed)%4
		for s := 1; s <= g.Columns; s++ {
			for h := 1; h <= g.Lines; h++ {
				d := int64(h*s - nat)
				m.Options[s] = append(m.Options[s], Option{h, d * d * int64(10+i%3)})
			}
		}
		p.Modules = append(p.Modules, m)
	}
	return p
}

// TestSolveBands: beyond MaxExact modules Solve still returns a tiling
// that keeps every invariant (whole page, no overlap, options only,
// importance from top-left), with or without an ad, and the same tiling
// every time.
func TestSolveBands(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(MaxExact+1, 120).Draw(t, "modules")
		ad := rapid.Bool().Draw(t, "ad")
		seed := rapid.IntRange(0, 3).Draw(t, "seed")
		p := briefs(n, ad, seed)
		sol, err := Solve(p)
		if err != nil {
			t.Fatalf("%d briefs: %v", n, err)
		}
		check(t, p, sol)
		again, _ := Solve(p)
		if !reflect.DeepEqual(sol, again) {
			t.Fatalf("two solves of one problem differ")
		}
	})
}

// TestSolveBandsNoTiling: when the modules cannot fill the page (too many
// for it), the heuristic says so rather than returning a bad tiling.
func TestSolveBandsNoTiling(t *testing.T) {
	p := briefs(250, true, 0)
	for i := range p.Modules {
		p.Modules[i].Options[2] = nil
		p.Modules[i].Options[1] = []Option{{6, 0}}
	}
	if _, err := Solve(p); err != ErrNoTiling {
		t.Fatalf("250 six-line briefs on a 104-line page: %v, want ErrNoTiling", err)
	}
}

// BenchmarkSolveBriefs places 10 to 200 briefs on a page with an ad: the
// time per solve must grow near-linearly past MaxExact.
func BenchmarkSolveBriefs(b *testing.B) {
	for _, n := range []int{10, 20, 40, 80, 200} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			p := briefs(n, true, 0)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Solve(p); err != nil && n <= 160 {
					b.Fatal(err)
				}
			}
		})
	}
}
