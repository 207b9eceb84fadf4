package images

import "sync"

// DecodeBudget is the memory a Cache's decodes may hold at once. Decoding
// takes far more than the pixels (a 16-bit RGBA PNG of 80 megapixels took
// 1.9 GB; a progressive JPEG of that size 1.2 GB), and loading checks as
// many images at once as there are cores — in a batch, for every edition
// in flight — so a folder of such images asked for tens of gigabytes on a
// large machine. Past the budget a decode waits for others to end.
const DecodeBudget = 2 << 30

// decodeCost is what decoding data may hold, by its header: 16 bytes a
// pixel (the cost measured above, rounded up), or nothing for data whose
// header does not read (it is refused before any decoding).
func decodeCost(data []byte) int64 {
	info, err := Header(data)
	if err != nil {
		return 0
	}
	return int64(info.Width) * int64(info.Height) * 16
}

// memGate holds decodes to a budget of bytes: acquire waits until its
// cost is free, and a cost over the whole budget waits for every other
// decode to end and then runs alone, so every decode runs in the end.
// The zero value lets everything through.
type memGate struct {
	mu     sync.Mutex
	cond   *sync.Cond
	budget int64
	used   int64
	peak   int64 // the most held at once (for tests)
}

func newMemGate(budget int64) *memGate {
	g := &memGate{budget: budget}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// acquire waits until cost bytes are free and takes them; it returns what
// release must give back.
func (g *memGate) acquire(cost int64) int64 {
	if g == nil || g.budget <= 0 || cost <= 0 {
		return 0
	}
	cost = min(cost, g.budget)
	g.mu.Lock()
	for g.used+cost > g.budget {
		g.cond.Wait()
	}
	g.used += cost
	g.peak = max(g.peak, g.used)
	g.mu.Unlock()
	return cost
}

// release gives back what acquire took.
func (g *memGate) release(cost int64) {
	if g == nil || cost == 0 {
		return
	}
	g.mu.Lock()
	g.used -= cost
	g.mu.Unlock()
	g.cond.Broadcast()
}
