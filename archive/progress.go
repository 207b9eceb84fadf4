package archive

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Progress follows a run. Done is called from one goroutine at a time.
type Progress interface {
	Start(total int)  // before the first edition
	Done(rec Record)  // as each edition ends, in the order they end
	Finish(s Summary) // after the last
}

type nopProgress struct{}

func (nopProgress) Start(int)      {}
func (nopProgress) Done(Record)    {}
func (nopProgress) Finish(Summary) {}

// QuietProgress prints nothing but the problems of the editions that
// failed.
func QuietProgress(w io.Writer) Progress { return &lineProgress{w: w, quiet: true} }

// LineProgress prints one plain line per edition, with the problems of a
// failed one beneath it: for logs, when standard error is not a terminal.
func LineProgress(w io.Writer) Progress { return &lineProgress{w: w} }

type lineProgress struct {
	w            io.Writer
	quiet        bool
	total, count int
}

func (p *lineProgress) Start(total int) { p.total = total }

func (p *lineProgress) Done(r Record) {
	p.count++
	if p.quiet && r.Status != StatusFailed {
		return
	}
	width := len(fmt.Sprint(p.total))
	fmt.Fprintf(p.w, "[%*d/%d] %s\n", width, p.count, p.total, describe(r))
	printProblems(p.w, r)
}

func (p *lineProgress) Finish(Summary) {}

// describe says in a line what became of an edition.
func describe(r Record) string {
	switch r.Status {
	case StatusOK:
		return fmt.Sprintf("ok       %s: %d page(s) in %.2f s → %s", r.Input, r.Pages, r.DurationMS/1000, r.Output)
	case StatusSkipped:
		return fmt.Sprintf("skipped  %s: up to date (%s)", r.Input, r.Output)
	case StatusInterrupted:
		return fmt.Sprintf("not run  %s: the run was stopped", r.Input)
	}
	return fmt.Sprintf("FAILED   %s: %d error(s)", r.Input, len(r.Errors))
}

func printProblems(w io.Writer, r Record) {
	if r.Status != StatusFailed {
		return
	}
	for _, e := range r.Errors {
		where := e.Pos
		if e.Article != "" {
			where += ": article " + e.Article
		}
		fmt.Fprintf(w, "    %s: error: %s (%s)\n", where, e.Message, e.Code)
	}
}

// BarProgress draws a progress bar on a terminal: editions done of all,
// pages per second, and the time left. The problems of a failed edition
// are printed above it.
func BarProgress(w io.Writer) Progress { return &barProgress{w: w} }

type barProgress struct {
	w     io.Writer
	force bool // draw even when w is not a terminal (tests)
	p     *mpb.Progress
	bar   *mpb.Bar
	start time.Time
	pages atomic.Int64
	once  sync.Once
}

func (b *barProgress) Start(total int) {
	b.start = time.Now()
	opts := []mpb.ContainerOption{mpb.WithOutput(b.w), mpb.WithWidth(100), mpb.WithRefreshRate(150 * time.Millisecond)}
	if b.force {
		opts = append(opts, mpb.ForceTTY(), mpb.ForceAutoRefresh())
	}
	b.p = mpb.New(opts...)
	rate := decor.Any(func(decor.Statistics) string {
		secs := time.Since(b.start).Seconds()
		if secs <= 0 {
			return "0.0 pages/s"
		}
		return fmt.Sprintf("%.1f pages/s", float64(b.pages.Load())/secs)
	}, decor.WCSyncSpace)
	b.bar = b.p.AddBar(int64(total),
		mpb.PrependDecorators(decor.Name("editions", decor.WCSyncSpaceR), decor.CountersNoUnit("%d/%d", decor.WCSyncSpace)),
		mpb.AppendDecorators(rate, decor.Name("  left"), decor.OnComplete(decor.AverageETA(decor.ET_STYLE_GO, decor.WCSyncSpace), "done")),
	)
}

func (b *barProgress) Done(r Record) {
	b.pages.Add(int64(r.Pages * boolInt(r.Status == StatusOK)))
	if r.Status == StatusFailed {
		fmt.Fprintln(b.p, describe(r))
		printProblems(b.p, r)
	}
	b.bar.Increment()
}

func (b *barProgress) Finish(Summary) {
	b.once.Do(func() {
		if !b.bar.Completed() {
			b.bar.Abort(false)
		}
		b.p.Wait()
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
