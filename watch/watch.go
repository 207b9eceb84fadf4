// Package watch keeps an edition's preview live: it re-renders when the
// edition or a file it uses is saved, and serves a local page that shows
// the pages with their problems and updates itself after each render.
//
// It knows nothing of how an edition is rendered: the caller gives a Render
// function that returns the pages (PNG), the diagnostics and the files the
// edition uses. Files are watched through their folders (fsnotify), because
// editors save by writing a new file and renaming it over the old one,
// which a watch on the file itself loses.
package watch

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Build is the result of one render.
type Build struct {
	Pages       []Page
	Diagnostics []Diagnostic
	// Errors are problems that stopped the render (the edition does not
	// load): with them the page keeps showing the last good pages.
	Errors []Diagnostic
	// Files are the files the edition uses, the edition first; a save of
	// any of them starts a new render.
	Files []string
	// Took is how long the render took.
	Took time.Duration
}

// Page is one page drawn.
type Page struct {
	Number        int
	PNG           []byte
	Width, Height int    // pixels
	Marks         []Mark // the diagnostics marked on it
}

// Mark is a diagnostic's place on a page, in pixels.
type Mark struct {
	Diagnostic int // index into Build.Diagnostics; -1: found by the preview (a missing glyph)
	Label      string
	Code       string
	Error      bool
	X, Y, W, H int
}

// Diagnostic is a problem, with where it is in the edition file.
type Diagnostic struct {
	Error   bool
	Code    string
	Page    int
	Article string
	Message string
	// File, Line and Column are where the problem is in the edition (the
	// article's place for a composing problem), when known.
	File         string
	Line, Column int
}

// Render renders the edition. An error means the edition did not render at
// all; a Build with Errors means it did not load.
type Render func(ctx context.Context) (*Build, error)

// Options configure Run.
type Options struct {
	// Debounce is how long to wait after a change for more (default 30 ms):
	// a save is often several events.
	Debounce time.Duration
	// Log receives a line per render and each diagnostic.
	Log io.Writer
	// OnBuild is called after each build is published, with its number.
	OnBuild func(seq int, b *Build)
}

// Run renders once, then again after every save of a file the last render
// used, publishing each build to st, until ctx is done.
func Run(ctx context.Context, render Render, st *State, opts Options) error {
	if opts.Debounce <= 0 {
		opts.Debounce = 30 * time.Millisecond
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching files: %w", err)
	}
	defer w.Close()
	watched := map[string]bool{} // files, absolute
	dirs := map[string]bool{}
	build := func() {
		b, err := render(ctx)
		if err != nil {
			b = &Build{Errors: []Diagnostic{{Error: true, Code: "render", Message: err.Error()}}}
		}
		if len(b.Files) > 0 {
			if len(b.Errors) == 0 {
				watched = map[string]bool{} // a failed render keeps watching what the last good one used
			}
			for _, f := range b.Files {
				abs, err := filepath.Abs(f)
				if err != nil {
					continue
				}
				watched[abs] = true
				d := filepath.Dir(abs)
				if !dirs[d] {
					if err := w.Add(d); err != nil {
						fmt.Fprintf(logOf(opts), "watch: %s: %v\n", d, err)
						continue
					}
					dirs[d] = true
				}
			}
		}
		seq := st.publish(b)
		if opts.OnBuild != nil {
			opts.OnBuild(seq, b)
		}
	}
	build()
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if watched[filepath.Clean(ev.Name)] {
				timer = time.After(opts.Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(logOf(opts), "watch: %v\n", err)
		case <-timer:
			timer = nil
			build()
		}
	}
}

func logOf(o Options) io.Writer {
	if o.Log == nil {
		return io.Discard
	}
	return o.Log
}

// State is the latest build for the page to show: the last good pages and
// the latest problems. It is safe for concurrent use.
type State struct {
	mu      sync.Mutex
	seq     int    // the latest build's number, from 1
	good    *Build // the last build with pages
	goodSeq int
	errors  []Diagnostic // the latest build's errors (empty when it rendered)
	subs    map[chan int]bool
	// unserved are the pages of the good build no viewer has fetched yet;
	// served is closed when there are none left.
	unserved map[int]bool
	served   chan struct{}
}

// NewState returns an empty state.
func NewState() *State { return &State{subs: map[chan int]bool{}} }

// publish records a build and tells the subscribers; it returns the
// build's number.
func (s *State) publish(b *Build) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	if len(b.Errors) == 0 {
		s.good, s.goodSeq = b, s.seq
		if s.served != nil && len(s.unserved) > 0 {
			close(s.served) // the older build's pages will not be asked for
		}
		s.served, s.unserved = make(chan struct{}), map[int]bool{}
		for _, p := range b.Pages {
			s.unserved[p.Number] = true
		}
		if len(s.subs) == 0 || len(s.unserved) == 0 {
			close(s.served) // nobody is watching: nothing to wait for
			s.unserved = nil
		}
	}
	s.errors = b.Errors
	for ch := range s.subs {
		select {
		case ch <- s.seq:
		default: // the subscriber has an update pending; it reads the latest state
		}
	}
	return s.seq
}

// Served returns a channel that is closed once a viewer has fetched every
// page of build seq (at once when no viewer is connected, or seq is not the
// last good build). A writer of slower output (the PDF) waits for it, so as
// not to slow the page down.
func (s *State) Served(seq int) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq != s.goodSeq || s.served == nil {
		ch := make(chan struct{})
		close(ch)
		return ch
	}
	return s.served
}

// markServed records that page n of build seq was sent to a viewer.
func (s *State) markServed(seq, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq != s.goodSeq || !s.unserved[n] {
		return
	}
	delete(s.unserved, n)
	if len(s.unserved) == 0 {
		close(s.served)
		s.unserved = nil
	}
}

// subscribe returns a channel told the number of each new build.
func (s *State) subscribe() chan int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := make(chan int, 1)
	s.subs[ch] = true
	return ch
}

func (s *State) unsubscribe(ch chan int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.subs, ch)
}

// snapshot is the state at one moment.
type snapshot struct {
	Seq     int
	GoodSeq int
	Good    *Build
	Errors  []Diagnostic
}

func (s *State) snapshot() snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return snapshot{Seq: s.seq, GoodSeq: s.goodSeq, Good: s.good, Errors: s.errors}
}
