package layout

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// The pipeline: pages are composed in parallel, each by a worker with its
// own measurer, and handed on in page order. A page waits only for the
// pages whose stories may continue on it (continue-on): the continued
// parts it receives are theirs. Nothing a worker does depends on another's
// timing: a page's result is a function of the edition, its place in page
// order and the continued parts it receives, which arrive in page order;
// diagnostics are kept per page and joined in page order.

// Stream composes ed as Compose does, and hands each page to emit in page
// order as soon as it and every page before it are composed. Stream keeps
// no page once emit has returned, so an edition of any length is composed
// in memory for a few pages (at most twice the number of workers composed
// ahead of the page being emitted). The Document it returns holds the
// metadata (the slug face included, known only once every page is seen),
// the outline and the diagnostics, in page order, and no pages.
//
// When emit returns an error, Stream stops composing and returns it.
func Stream(ed *editions.Edition, lib *fonts.Library, opt Options, emit func(*display.Page) error) (*display.Document, error) {
	cp, err := newComposition(ed, lib, opt)
	if err != nil {
		return nil, err
	}
	rt := newRoutes(ed)
	n := len(rt.order)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// With SharePages every worker starts, and those without a page to
	// compose help set the articles of the pages being composed (crew.go);
	// without, there are no more workers than pages.
	var cr *crew
	if opt.SharePages && workers > 1 {
		cr = newCrew()
	} else {
		workers = min(workers, n)
	}

	res := make([]*pageResult, n)
	done := make([]chan struct{}, n)
	for k := range done {
		done[k] = make(chan struct{})
	}
	quit := make(chan struct{})
	ahead := make(chan struct{}, 2*workers) // pages dispatched and not yet emitted
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for k := range n {
			select {
			case ahead <- struct{}{}:
			case <-quit:
				return
			}
			select {
			case jobs <- k:
			case <-quit:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pg := cp.paginator(cr)
			set := pg.news.set
			for {
				k, ok := cr.next(jobs, set)
				if !ok {
					break
				}
				for _, j := range rt.deps[k] {
					cr.wait(done[j], set)
				}
				select {
				case <-quit:
				default:
					res[k] = composeSafely(pg, cp, rt, k)
				}
				close(done[k])
			}
			if cr != nil {
				cr.wait(cr.closed, set) // help until the last page is composed
			}
		}()
	}
	// stop ends the workers: on an error (quit), or once every page is
	// composed.
	stop := func(quitting bool) {
		if quitting {
			close(quit)
		}
		if cr != nil {
			cr.close()
		}
		wg.Wait()
	}

	doc := &display.Document{Meta: cp.meta}
	var sf slugFace
	said := map[string]bool{} // page furniture's font-fallback messages, said once an edition
	for k := range n {
		<-done[k]
		pr := res[k]
		res[k] = nil
		if pr == nil || pr.panic != nil {
			// A worker panicked (or stopped after one): stop the others
			// and panic here, in the caller's goroutine, where it can be
			// recovered (archive does, per edition).
			stop(true)
			if pr == nil {
				panic("layout: a page was not composed")
			}
			panic(pr.panic)
		}
		sf.see(pr.page)
		doc.Outline = append(doc.Outline, pr.bm)
		for _, d := range pr.diags {
			if d.Code == diag.FontFallback && d.Article == "" {
				// A folio set partly in a fallback face says so on
				// every page alike: the first page's is enough.
				if said[d.Message] {
					continue
				}
				said[d.Message] = true
			}
			doc.Diagnostics = append(doc.Diagnostics, d)
		}
		if err := emit(pr.page); err != nil {
			stop(true)
			return nil, err
		}
		<-ahead
	}
	stop(false)
	// Continued parts whose page never came (the loader checks continue-on,
	// so this is a safety net): report, never drop silently.
	lost := rt.lost
	sort.SliceStable(lost, func(a, b int) bool { return lost[a].a.ContinueOn < lost[b].a.ContinueOn })
	for _, m := range lost {
		doc.Diagnostics = append(doc.Diagnostics, display.Diagnostic{Severity: display.Error, Page: m.from, Article: m.a.ID, Code: diag.Overset,
			Message: fmt.Sprintf("the rest of %q should continue on page %d, which is not in the edition: %d lines (%d characters) not set",
				m.a.ID, m.a.ContinueOn, len(m.flow), flowChars(m.flow))})
	}
	doc.Meta.SlugFace = sf.face(cp.lib)
	return doc, nil
}

// workerPanic is a panic in a worker, with the worker's stack, carried to
// Stream's caller.
type workerPanic struct {
	value any
	stack []byte
}

func (p *workerPanic) Error() string {
	return fmt.Sprintf("layout: panic composing a page: %v\n%s", p.value, p.stack)
}

// composeSafely composes the k-th page in page order with pg, passing on
// its continued parts; a panic comes back in the result.
func composeSafely(pg *paginator, cp *composition, rt *routes, k int) (pr *pageResult) {
	defer func() {
		if v := recover(); v != nil {
			pr = &pageResult{panic: &workerPanic{value: v, stack: debug.Stack()}}
		}
	}()
	pr = pg.composePage(cp, &cp.ed.Pages[rt.order[k]], k, rt.receive(k))
	rt.send(k, pr.out)
	pr.out = nil
	return pr
}

// routes says which page receives the continued parts of which: pages are
// numbered by their place in page order (the pages sorted by number), and
// a story on page j that continues on page number N goes to the first page
// after j numbered N. It holds the continued parts in flight.
type routes struct {
	order []int   // ed.Pages indices in page order
	deps  [][]int // per page, the earlier pages that may send to it, ascending
	// Guarded by mu: the continued parts each page sent, kept until every
	// page they go to has taken them (pending counts those pages), and the
	// parts no page takes.
	mu      sync.Mutex
	sent    [][]*module
	pending []int
	lost    []*module
	ed      *editions.Edition
	byNum   map[int][]int // page number → places in page order, ascending
}

func newRoutes(ed *editions.Edition) *routes {
	n := len(ed.Pages)
	rt := &routes{order: make([]int, n), deps: make([][]int, n), sent: make([][]*module, n), pending: make([]int, n), ed: ed, byNum: map[int][]int{}}
	for i := range rt.order {
		rt.order[i] = i
	}
	sort.SliceStable(rt.order, func(a, b int) bool { return ed.Pages[rt.order[a]].Number < ed.Pages[rt.order[b]].Number })
	for k, i := range rt.order {
		num := ed.Pages[i].Number
		rt.byNum[num] = append(rt.byNum[num], k)
	}
	for j, i := range rt.order {
		for _, a := range ed.Pages[i].Articles {
			k := rt.target(j, a.ContinueOn)
			if k < 0 {
				continue
			}
			if d := rt.deps[k]; len(d) == 0 || d[len(d)-1] != j {
				rt.deps[k] = append(d, j)
				rt.pending[j]++
			}
		}
	}
	return rt
}

// target is the place of the page after place j numbered num, or -1.
func (rt *routes) target(j, num int) int {
	if num == 0 {
		return -1
	}
	for _, k := range rt.byNum[num] {
		if k > j {
			return k
		}
	}
	return -1
}

// send records the continued parts page j sends on, in the order they were
// planned; those no later page takes are lost.
func (rt *routes) send(j int, out []*module) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	for _, m := range out {
		if rt.target(j, m.a.ContinueOn) < 0 {
			rt.lost = append(rt.lost, m)
		}
	}
	if rt.pending[j] > 0 {
		rt.sent[j] = out
	}
}

// receive takes the continued parts sent to page k, from earlier pages in
// page order. Every page in deps[k] has sent.
func (rt *routes) receive(k int) []*module {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	var in []*module
	for _, j := range rt.deps[k] {
		for _, m := range rt.sent[j] {
			if rt.target(j, m.a.ContinueOn) == k {
				in = append(in, m)
			}
		}
		if rt.pending[j]--; rt.pending[j] == 0 {
			rt.sent[j] = nil
		}
	}
	return in
}
