package images

import (
	"sync"
	"testing"
)

// TestMemGate: however many take from the gate at once, what they hold
// together never passes the budget, a cost over the whole budget runs
// alone, and every one of them runs.
func TestMemGate(t *testing.T) {
	g := newMemGate(100)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ran, alone := 0, true
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cost := int64(1 + i%70)
			if i%50 == 0 {
				cost = 1000 // dearer than the budget
			}
			got := g.acquire(cost)
			g.mu.Lock()
			held := g.used
			g.mu.Unlock()
			mu.Lock()
			ran++
			if cost > 100 && held != 100 {
				alone = false
			}
			mu.Unlock()
			g.release(got)
		}()
	}
	wg.Wait()
	if ran != 200 || g.peak > 100 || g.used != 0 || !alone {
		t.Errorf("ran %d of 200, peak %d of 100, %d left held, a dear cost alone: %v", ran, g.peak, g.used, alone)
	}
}

// TestCacheDecodesWithinBudget: a cache decodes as many images at once as
// its callers ask, up to its memory budget (DecodeBudget; here a small
// one), and no further: the PNGs of 64 × 64 pixels cost 64 KiB each, so
// a budget of 200 KiB lets three through at a time.
func TestCacheDecodesWithinBudget(t *testing.T) {
	c := NewCache(0)
	c.gate = newMemGate(200 << 10)
	var wg sync.WaitGroup
	for i := range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := c.Decode(pngOf(t, 64, 64, byte(i))); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if c.gate.peak > 200<<10 || c.gate.peak < 64<<10 || c.gate.used != 0 {
		t.Errorf("peak %d bytes held at once, want 64 KiB to 200 KiB; %d left held", c.gate.peak, c.gate.used)
	}
	if n := c.decodes.Load(); n != 24 {
		t.Errorf("%d decodes, want 24", n)
	}
}
