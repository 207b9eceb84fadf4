package archive

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/atomicfile"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/internal/icc"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// Options say how to run.
type Options struct {
	OutDir  string      // the PDFs go here, mirroring the input tree
	Jobs    int         // editions rendered at once (1 or more); one being synced to disk does not count
	Force   bool        // render even what is up to date
	PDF     pdf.Options // how each PDF is written
	Program string      // the program's identity for the key (its version)
	Shard   Shard       // recorded in the report
	// Report receives one JSON line per edition; nil for none.
	Report io.Writer
	// Progress is told of the run's start, each edition, and its end; nil
	// for none.
	Progress Progress
	// Fonts is the library shared by every edition that declares no fonts
	// of its own; nil makes one.
	Fonts *fonts.Library
	// Images remembers the photos and ads validated so far, by content,
	// so that one the run's editions share (an ad, a logo, a photo used
	// again) is decoded once; nil makes one that keeps no pixels, and
	// that optimises each JPEG as it checks it for PDF.Images to take
	// with PDF.OptimizePhotos (images.NewOptimizingCache).
	Images *images.Cache
	// AllowPaths are folders outside each edition's own from which its
	// photos, ads and fonts may be read (see editions.LoadOptions): an
	// archive whose photos sit in a shared folder.
	AllowPaths []string
	// InkLimit is the most total ink, in percent, a placed ad may reach
	// (see editions.Edition.CheckInk; RGB image ads are measured through
	// PDF.OutputProfile, else the default profile); 0 checks nothing.
	InkLimit int

	// compose lays an edition out; nil is layout.Compose. Tests replace it
	// to make an edition panic.
	compose func(*editions.Edition, *fonts.Library) (*display.Document, error)
	// synced, when set, is called where the PDF written at out is handed
	// over to be synced to disk (finishAll). Tests make it slow.
	synced func(out string)
	// keyed, when set, is called once an edition's key is made. Tests
	// save over its photos there.
	keyed func(ed *editions.Edition)
	// wrapOutput, when set, wraps the writer of each PDF's temporary
	// file. Tests make it fail as a full disk does.
	wrapOutput func(io.Writer) io.Writer
	// rgbInk is the most ink an RGB image prints with through the output
	// profile, found by Run when InkLimit is set (or why it could not be).
	rgbInk    int
	rgbInkErr error
}

// Summary counts what became of the editions of a run.
type Summary struct {
	OK, Failed, Skipped, Interrupted int
	Pages                            int // in the PDFs written
	Elapsed                          time.Duration
}

// Run renders jobs. Cancelling stop (a first SIGINT or SIGTERM) starts no
// new edition and lets those in flight finish; cancelling abandon (a
// second signal) stops at once, removing the temporary files of the
// editions in flight, so that no partial file is left. Either way every
// edition gets its report line (those not finished are "interrupted").
// The error is only for a report that could not be written.
func Run(stop, abandon context.Context, jobs []Job, opt Options) (Summary, error) {
	start := time.Now()
	if opt.Jobs < 1 {
		opt.Jobs = 1
	}
	if opt.Fonts == nil {
		opt.Fonts = fonts.NewLibrary()
	}
	switch {
	case opt.Images != nil:
	case opt.PDF.OptimizePhotos && opt.PDF.Images == nil:
		// The walk that checks each photo optimises it too, for the
		// writer to take (as render does): one walk of its codes, not two.
		opt.Images = images.NewOptimizingCache(images.OptimizedKeep)
		opt.PDF.Images = opt.Images
	default:
		opt.Images = images.NewCache(0)
	}
	if opt.PDF.Compressors == nil {
		// The editions' writers share their compressors (about 1 MB of
		// tables each), made once for the run.
		opt.PDF.Compressors = pdf.NewCompressors()
	}
	if opt.InkLimit > 0 {
		profile := opt.PDF.OutputProfile
		if profile == nil {
			profile = pdf.DefaultOutputProfile()
		}
		opt.rgbInk, opt.rgbInkErr = icc.TotalInk(profile)
	}
	if opt.compose == nil {
		// The run's jobs share the cores: each edition composes its pages
		// on its share of them, so -j N does not start N × cores page
		// workers that only fight for the same cores. The bytes do not
		// depend on the worker count (layout's TestParallelSameBytes).
		workers := max(1, runtime.GOMAXPROCS(0)/opt.Jobs)
		opt.compose = func(ed *editions.Edition, lib *fonts.Library) (*display.Document, error) {
			return layout.Compose(ed, lib, layout.Options{Workers: workers})
		}
	}
	prog := opt.Progress
	if prog == nil {
		prog = nopProgress{}
	}
	rep := &reportWriter{w: opt.Report}
	tmp := &fsafe.Temps{} // abandoning removes them and starts and renames none after
	prog.Start(len(jobs))

	// The feeder hands out jobs until stop; the workers render them; the
	// finisher puts the PDFs written in place (finishAll); this goroutine
	// records each result as it comes, so memory does not grow with the
	// archive.
	//
	// A worker renders only while it holds one of opt.Jobs turns, and gives
	// its turn up once its PDF is written, before the file is synced to
	// disk and renamed and the sidecar written (the disk's work, which left
	// a core idle: 2 to 3 ms an edition here, 8% of a batch's time). Twice
	// as many workers as turns let the next edition start meanwhile, so -j
	// N renders N editions at once however slow the disk; the finisher
	// syncs up to 2 × opt.Jobs PDFs with one wait for the disk.
	work := make(chan int)
	results := make(chan *Record)
	fins := make(chan *finish, 2*opt.Jobs)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		finishAll(fins, results, 2*opt.Jobs, tmp, opt.synced)
	}()
	turns := make(chan struct{}, opt.Jobs)
	var wg sync.WaitGroup
	for w := 0; w < min(2*opt.Jobs, len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// The turn is taken before the job, so that a stopped run
				// starts nothing more than the editions in flight.
				turns <- struct{}{}
				i, ok := <-work
				if !ok {
					<-turns
					return
				}
				rec, fin := renderJob(jobs[i], &opt, tmp, sync.OnceFunc(func() { <-turns }))
				if fin != nil {
					fins <- fin
				} else {
					results <- rec
				}
			}
		}()
	}
	started := make([]bool, len(jobs))
	fed := make(chan struct{})
	go func() {
		defer close(fed)
		defer close(work)
		for i := range jobs {
			select {
			case <-stop.Done():
				return
			case <-abandon.Done():
				return
			default:
			}
			select {
			case work <- i:
				started[i] = true
			case <-stop.Done():
				return
			case <-abandon.Done():
				return
			}
		}
	}()
	allDone := make(chan struct{})
	go func() {
		wg.Wait()
		close(fins)
		<-finished
		close(allDone)
	}()

	var sum Summary
	record := func(rec *Record) {
		switch rec.Status {
		case StatusOK:
			sum.OK++
			sum.Pages += rec.Pages
		case StatusFailed:
			sum.Failed++
		case StatusSkipped:
			sum.Skipped++
		case StatusInterrupted:
			sum.Interrupted++
		}
		rep.write(rec)
		prog.Done(*rec)
	}
	done := map[string]bool{}
	abandoned := false
loop:
	for {
		select {
		case rec := <-results:
			done[rec.Input] = true
			record(rec)
		case <-allDone:
			break loop
		case <-abandon.Done():
			tmp.RemoveAll()
			abandoned = true
			break loop
		}
	}
	<-fedOrAbandon(fed, abandoned)
	for i, j := range jobs {
		if done[j.Input] || (!abandoned && started[i]) {
			continue
		}
		record(&Record{Input: j.Input, Output: j.Output(opt.OutDir), Status: StatusInterrupted, Shard: opt.Shard.String()})
	}
	sum.Elapsed = time.Since(start)
	prog.Finish(sum)
	return sum, rep.err
}

// fedOrAbandon waits for the feeder unless the run was abandoned, when the
// feeder may be blocked on a worker that will never come back.
func fedOrAbandon(fed chan struct{}, abandoned bool) <-chan struct{} {
	if abandoned {
		c := make(chan struct{})
		close(c)
		return c
	}
	return fed
}

// renderJob renders one edition and says what became of it: its record,
// and for an edition whose PDF is written, what is left to put it in place
// (finishAll), nil otherwise. A panic anywhere in it is recovered and
// recorded as the edition's error. It calls done, once, when what is left
// is the disk's work, and at the latest when it returns.
func renderJob(j Job, opt *Options, tmp *fsafe.Temps, done func()) (rec *Record, fin *finish) {
	start := time.Now()
	out := j.Output(opt.OutDir)
	rec = &Record{Input: j.Input, Output: out, Shard: opt.Shard.String()}
	defer done()
	defer func() {
		if r := recover(); r != nil {
			rec.Status = StatusFailed
			rec.SHA256 = ""
			rec.Errors = append(rec.Errors, Problem{
				Code:    CodePanic,
				Message: fmt.Sprintf("internal error: %v\n%s", r, firstLines(string(debug.Stack()), 16)),
				Pos:     j.Input,
			})
		}
		rec.DurationMS = float64(time.Since(start).Microseconds()) / 1000
	}()

	// The key needs only the edition's text and the files it names: an
	// edition that is up to date is skipped without checking its photos.
	// One to be rendered (forced, or without a key kept) keeps the photos
	// and ads the key read, for loading.
	ed, err := editions.Read(j.Input)
	if err != nil {
		if ed != nil {
			// The problems are in what the edition says: its photos, ads
			// and fonts are checked too, so that every problem is
			// reported at once, as LoadWith lists them, from the edition
			// Read parsed (parsing it again was as long as the rest).
			err = ed.ReadFiles(editions.LoadOptions{Images: opt.Images, AllowPaths: opt.AllowPaths})
		}
		rec.Status, rec.Errors = StatusFailed, inputProblems(j.Input, err)
		return rec, nil
	}
	// Its files must lie in its folder or one allowed, as loading checks,
	// before the key reads them: the folders allowed are not in the key
	// (they do not change the PDF), so an edition a run with
	// --allow-path rendered is refused, not skipped, by one without.
	if err := ed.CheckConfined(opt.AllowPaths); err != nil {
		// With every other problem of its files, as loading lists them.
		if lerr := ed.ReadFiles(editions.LoadOptions{Images: opt.Images, AllowPaths: opt.AllowPaths}); lerr != nil {
			err = lerr
		}
		rec.Status, rec.Errors = StatusFailed, inputProblems(j.Input, err)
		return rec, nil
	}
	_, noKey := os.Stat(out + SidecarSuffix)
	key, read, err := keyAndFiles(ed, opt.Program, opt.PDF, opt.InkLimit, opt.Force || noKey != nil)
	if err != nil {
		// A file the key cannot read (missing, not a file): loading says
		// what is wrong with it, at the line that names it, as render
		// does, with every other file's problem. ("open …: no such file
		// or directory" at the edition was all a batch said.)
		if lerr := ed.ReadFiles(editions.LoadOptions{Images: opt.Images, AllowPaths: opt.AllowPaths}); lerr != nil {
			err = lerr
		}
		rec.Status, rec.Errors = StatusFailed, inputProblems(j.Input, err)
		return rec, nil
	}
	rec.Key = key
	if opt.keyed != nil {
		opt.keyed(ed)
	}
	if !opt.Force {
		if sc, ok := upToDate(out, key); ok {
			rec.Status, rec.Pages, rec.SHA256 = StatusSkipped, sc.Pages, sc.SHA256
			return rec, nil
		}
	}

	// The edition read for the key is the one rendered: its file is parsed
	// once (a second parse was 1.6% of a batch's CPU).
	// Its photos and ads too: loading takes them as the key read and
	// hashed them, and the image cache files them by that hash.
	err = ed.ReadFiles(editions.LoadOptions{Images: opt.Images, AllowPaths: opt.AllowPaths, Read: read.read})
	if err == nil && opt.InkLimit > 0 {
		err = ed.CheckInk(opt.InkLimit, func() (int, error) {
			if opt.rgbInkErr != nil {
				return 0, fmt.Errorf("output profile: %w", opt.rgbInkErr)
			}
			return opt.rgbInk, nil
		})
	}
	if err != nil {
		rec.Status, rec.Errors = StatusFailed, inputProblems(j.Input, err)
		return rec, nil
	}
	lib, err := ed.Library(opt.Fonts) // an edition's own fonts get a library of their own
	if err != nil {
		p := Problem{Code: CodeFont, Message: err.Error(), Pos: j.Input}
		var fe *editions.FontError
		if errors.As(err, &fe) {
			p.Message, p.Pos = fmt.Sprintf("font %s: %v", fe.Font.Name, fe.Err), fe.Font.Pos.String()
		}
		rec.Status, rec.Errors = StatusFailed, []Problem{p}
		return rec, nil
	}
	doc, err := opt.compose(ed, lib)
	if err != nil {
		rec.Status, rec.Errors = StatusFailed, []Problem{{Code: CodeCompose, Message: err.Error(), Pos: j.Input}}
		return rec, nil
	}
	rec.Warnings, rec.Errors = diagnosticProblems(ed, doc.Diagnostics)
	if len(rec.Errors) > 0 {
		rec.Status = StatusFailed
		return rec, nil
	}

	fail := func(err error) *Record {
		rec.Status = StatusFailed
		rec.Errors = append(rec.Errors, Problem{Code: CodeWrite, Message: err.Error(), Pos: out})
		return rec
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fail(err), nil
	}
	// What a killed run left for this edition's files; another shard's
	// work in the same folder is safe.
	atomicfile.RemoveLeftovers(filepath.Dir(out), filepath.Base(out), filepath.Base(out)+SidecarSuffix)
	// Page by page into the temporary file, which atomicfile discards on an
	// error: no copy of the whole file in memory (pdf.Write's).
	// The photos and ads are embedded as loading read and checked them,
	// not read again: an archive may be changing under the run. Each is
	// let go once written.
	po := opt.PDF
	po.Files = ed.TakeFileBytes
	var written pdf.Written
	var refused error // what the PDF writer refused of the edition, not a failed write
	pending, err := atomicfile.Begin(out, func(w io.Writer) error {
		if opt.wrapOutput != nil {
			w = opt.wrapOutput(w)
		}
		fw := &fsafe.ErrorKeeper{W: w}
		var err error
		written, err = pdf.Stream(fw, doc, lib, po)
		if err != nil && fw.Err == nil {
			refused = err
		}
		return err
	}, tmp.Hooks())
	done() // the file's bytes are written: syncing and renaming are the disk's
	if refused != nil {
		// The writer refused the edition (a character the slug line of
		// --marks has no glyph for): the edition's problem, as render
		// says it (status 1 there), not the disk's.
		rec.Status = StatusFailed
		rec.Errors = append(rec.Errors, Problem{Code: CodeInput, Message: refused.Error(), Pos: j.Input})
		return rec, nil
	}
	if err != nil {
		return fail(err), nil
	}
	rec.Status, rec.Pages, rec.SHA256 = StatusOK, len(doc.Pages), hex.EncodeToString(written.SHA256[:])
	sc, err := json.MarshalIndent(sidecar{Format: keyFormat, Key: key, SHA256: rec.SHA256, Size: written.Size, Pages: rec.Pages}, "", "  ")
	fin = &finish{rec: rec, pdf: pending, sidecar: append(sc, '\n')}
	if err != nil {
		keyLost(rec, err)
		fin.sidecar = nil
	}
	return rec, fin
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
