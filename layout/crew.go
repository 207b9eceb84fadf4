package layout

import (
	"sync"
	"sync/atomic"
)

// crew lends the workers of one Stream that have no page to compose — the
// edition has fewer pages than workers, its last pages are being composed,
// or a page waits for the page it continues from — to the pages being
// composed: such a worker joins a page's each (setting and measuring its
// articles, one article at a time) with its own setter. A page's articles
// are set the same whoever sets them, so the Document does not depend on
// who helped (TestParallelSameBytes).
type crew struct {
	offers chan *share   // a page's each, handed to one idle worker at a time
	closed chan struct{} // closed when the Stream ends: helpers leave
	once   sync.Once
}

func newCrew() *crew {
	return &crew{offers: make(chan *share), closed: make(chan struct{})}
}

// close sends the crew's helpers home; safe to call more than once.
func (c *crew) close() { c.once.Do(func() { close(c.closed) }) }

// wait blocks until ch is closed, lending the worker (whose setter is set)
// to other pages meanwhile. A nil crew only waits.
func (c *crew) wait(ch <-chan struct{}, set *setter) {
	if c == nil {
		<-ch
		return
	}
	for {
		select {
		case <-ch:
			return
		case s := <-c.offers:
			s.join(set)
		case <-c.closed:
			<-ch
			return
		}
	}
}

// next takes the next page from jobs (ok false once it is closed), lending
// the worker to other pages while none is ready. A nil crew only waits.
func (c *crew) next(jobs <-chan int, set *setter) (k int, ok bool) {
	if c == nil {
		k, ok = <-jobs
		return k, ok
	}
	for {
		select {
		case k, ok = <-jobs:
			return k, ok
		case s := <-c.offers:
			s.join(set)
		}
	}
}

// share is one call of paginator.each open to the crew: fn for every index
// below n, each index taken by whoever comes first.
type share struct {
	ms   *measurer // the page's; a helper works with a copy holding its own setter
	fn   func(ms *measurer, i int)
	n    int64
	next atomic.Int64   // the next index to take
	wg   sync.WaitGroup // helpers that joined
	mu   sync.Mutex
	err  any // the first panic of a helper
}

// work calls fn for the indices it takes, until none is left.
func (s *share) work(ms *measurer) {
	for i := s.next.Add(1) - 1; i < s.n; i = s.next.Add(1) - 1 {
		s.fn(ms, int(i))
	}
}

// stop leaves the indices not yet taken to nobody.
func (s *share) stop() { s.next.Add(s.n) }

// join works on s with a measurer of its own over set. A panic stops s
// and is kept for the page's worker to raise.
func (s *share) join(set *setter) {
	defer s.wg.Done()
	defer func() {
		if v := recover(); v != nil {
			s.stop()
			s.mu.Lock()
			if s.err == nil {
				s.err = v
			}
			s.mu.Unlock()
		}
	}()
	ms := *s.ms
	ms.set = set
	s.work(&ms)
}

// run calls fn(ms, i) for i from 0 to n-1 on the calling goroutine and on
// any idle workers that join, and returns once every call has returned. A
// panic in any call is raised again in the caller's goroutine.
func (c *crew) run(ms *measurer, n int, fn func(ms *measurer, i int)) {
	s := &share{ms: ms, fn: fn, n: int64(n)}
	taken := make(chan struct{}) // the caller has no index left to take
	offering := make(chan struct{})
	go func() { // offers s to idle workers while indices are left
		defer close(offering)
		for s.next.Load() < s.n {
			s.wg.Add(1) // for the helper about to take it; undone if none does
			select {
			case c.offers <- s:
			case <-taken:
				s.wg.Done()
				return
			}
		}
	}()
	finished := false
	defer func() {
		if finished {
			return // a helper's panic, raised below: let it go up
		}
		// A panic of the caller's own call (or runtime.Goexit, v nil):
		// stop the helpers first.
		v := recover()
		s.stop()
		close(taken)
		<-offering
		s.wg.Wait()
		if v != nil {
			panic(v)
		}
	}()
	s.work(ms)
	finished = true
	close(taken)
	<-offering
	s.wg.Wait()
	if s.err != nil {
		panic(s.err)
	}
}
