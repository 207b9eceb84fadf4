package layout

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestEachSpreadsAndRaises: paginator.each calls fn once for every index,
// gives the goroutines other than the first measurers of their own (a
// setter is not safe to share), and raises a panic from any of them in
// the caller's goroutine, where composeSafely can recover it.
func TestEachSpreadsAndRaises(t *testing.T) {
	cp, err := newComposition(loadSample(t, sampleEditions()[0]), fonts.NewLibrary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pg := cp.paginator(4)
	pg.measurer = pg.news
	const n = 50
	seen := make([]int, n)
	setters := make([]*setter, n)
	pg.each(n, func(ms *measurer, i int) {
		seen[i]++
		setters[i] = ms.set
	})
	distinct := map[*setter]bool{}
	for i, c := range seen {
		if c != 1 {
			t.Fatalf("index %d called %d times", i, c)
		}
		distinct[setters[i]] = true
	}
	if len(pg.spare) != 3 {
		t.Fatalf("%d spare setters for 4 goroutines, want 3", len(pg.spare))
	}
	own := map[*setter]bool{pg.news.set: true}
	for _, s := range pg.spare {
		if own[s] {
			t.Fatal("two goroutines share a setter")
		}
		own[s] = true
	}
	for s := range distinct {
		if !own[s] {
			t.Error("a call ran with a setter that is neither the page's nor a spare")
		}
	}

	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the panic of a call on another goroutine", r)
		}
	}()
	pg.each(n, func(ms *measurer, i int) {
		if i == n-1 {
			panic("boom")
		}
	})
	t.Error("each returned after a call panicked")
}
