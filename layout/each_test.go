package layout

import (
	"sync"
	"testing"
	"time"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestEachSharesWithTheCrew: paginator.each calls fn once for every index,
// lets the crew's idle workers take indices with measurers of their own (a
// setter is not safe to share), and raises a panic from any call, the
// page's or a helper's, in the caller's goroutine, where composeSafely can
// recover it. Without a crew every call runs on the caller's goroutine.
func TestEachSharesWithTheCrew(t *testing.T) {
	lib := fonts.NewLibrary()
	cp, err := newComposition(loadSample(t, sampleEditions()[0]), lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const n, helpers = 50, 3

	alone := cp.paginator(nil)
	alone.measurer = alone.news
	alone.each(n, func(ms *measurer, i int) {
		if ms.set != alone.news.set {
			t.Fatalf("index %d ran with another setter without a crew", i)
		}
	})

	cr := newCrew()
	var wg sync.WaitGroup
	own := map[*setter]bool{}
	for range helpers {
		set := newSetter(lib)
		own[set] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			cr.wait(cr.closed, set)
		}()
	}
	defer func() {
		cr.close()
		wg.Wait()
	}()
	pg := cp.paginator(cr)
	pg.measurer = pg.news
	own[pg.news.set] = true

	var mu sync.Mutex
	seen := make([]int, n)
	setters := make([]*setter, n)
	pg.each(n, func(ms *measurer, i int) {
		time.Sleep(200 * time.Microsecond) // long enough for the helpers to join
		mu.Lock()
		defer mu.Unlock()
		seen[i]++
		setters[i] = ms.set
	})
	helped := 0
	for i, c := range seen {
		if c != 1 {
			t.Fatalf("index %d called %d times", i, c)
		}
		if !own[setters[i]] {
			t.Fatalf("index %d ran with a setter that is neither the page's nor a helper's", i)
		}
		if setters[i] != pg.news.set {
			helped++
		}
	}
	if helped == 0 {
		t.Fatal("no idle worker joined")
	}

	for _, who := range []string{"helper", "page"} {
		func() {
			defer func() {
				if r := recover(); r != "boom" {
					t.Errorf("%s panicked: recovered %v, want boom", who, r)
				}
			}()
			pg.each(n, func(ms *measurer, i int) {
				time.Sleep(200 * time.Microsecond)
				if (who == "page") == (ms.set == pg.news.set) {
					panic("boom")
				}
			})
			t.Errorf("each returned after a %s's call panicked", who)
		}()
	}
}
