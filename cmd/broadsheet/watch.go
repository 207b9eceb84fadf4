package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/atomicfile"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/pdf"
	"github.com/broadsheet-news/broadsheet/preview"
	"github.com/broadsheet-news/broadsheet/watch"
)

// defaultServe is where --serve listens when given no address: loopback
// only, so the pages are not on the newsroom network unless asked.
const defaultServe = "127.0.0.1:8080"

// watchOptions are the watch command's flags.
type watchOptions struct {
	edition string
	output  string
	serve   string
	dpi     float64
	show    []string
	pdfFlags
	inputs inputOptions
	// onListen, when set, is told the served page's URL (for tests).
	onListen func(url string)
	// wrapOutput, when set, wraps the writer of the PDF's file (a test's
	// failing disk).
	wrapOutput func(io.Writer) io.Writer
}

func newWatchCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &watchOptions{}
	cmd := &cobra.Command{
		Use:   "watch EDITION.yaml",
		Short: "Render again on every save, and show the pages live in a browser",
		Long: `Watch renders the edition, then renders it again each time the edition or a file
it uses (photos, ads, fonts) is saved, and prints each render's problems. Editors
save by writing a new file and renaming it, so watch follows the folders.

With -o it writes the PDF after every render without errors, as render writes it
(--pdf-standard, --output-profile, --output-condition and --marks as render has
them), after the same checks (the ads' ink against the output profile, the fonts).
It serves a page that shows the pages (drawn as by "broadsheet preview", problems
marked), the problems as a list linked to their place on the page and to
file:line, and updates itself when a render is ready, keeping the scroll position. A save that does not
render leaves the last good pages on screen with the errors above them.

The page is served at ` + defaultServe + ` unless --serve says otherwise: loopback, so only
this computer can open it, at localhost or 127.0.0.1 (a request naming another host
is refused, so no web page can read it by pointing a name of its own at 127.0.0.1);
an address without a host (--serve :9000) is loopback too.
To show it to others on a newsroom network, give an address they can reach, e.g.
--serve 0.0.0.0:8080 or --serve 192.168.1.20:8080. The page has no password: anyone
who can reach the port can read the edition's pages. --serve off serves nothing.

Watch runs until interrupted (Ctrl-C).`,
		Example: `  broadsheet watch editions/samples/local-news.yaml     # then open http://127.0.0.1:8080/
  broadsheet watch edition.yaml -o edition.pdf --serve 127.0.0.1:9000 --show modules
  broadsheet watch edition.yaml --serve 0.0.0.0:8080     # the newsroom network can see it`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.edition = args[0]
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runWatch(ctx, opts, fonts.NewLibrary(), stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "the PDF to write after each render without errors")
	cmd.Flags().StringVar(&opts.serve, "serve", defaultServe, `the address to serve the live page at (loopback unless a host is given; "off": none)`)
	cmd.Flags().Float64Var(&opts.dpi, "dpi", preview.DefaultDPI, "resolution of the served pages in pixels per inch (10–600)")
	cmd.Flags().StringSliceVar(&opts.show, "show", nil, `extra things to draw: "modules" (module frames)`)
	opts.addPDFFlags(cmd.Flags())
	opts.inputs = defaultInputs()
	opts.inputs.addInputFlags(cmd.Flags())
	return cmd
}

func runWatch(ctx context.Context, opts *watchOptions, lib *fonts.Library, stdout, stderr io.Writer) error {
	popts, err := previewFlags(opts.dpi, opts.show)
	if err != nil {
		return err
	}
	pdfOpts, err := opts.printOptions(&opts.inputs)
	if err != nil {
		return err
	}
	if _, err := os.Stat(opts.edition); err != nil {
		return &exitError{exitUsage, err}
	}
	if opts.output != "" {
		// As render: never write over the edition, a link or what is no
		// regular file (watch e.yaml -o e.yaml replaced the edition).
		if err := fsafe.CheckOutput(opts.output, []string{opts.edition}); err != nil {
			return &exitError{exitUsage, err}
		}
		// What a watch or render of the same output killed (kill -9) left.
		atomicfile.RemoveLeftovers(filepath.Dir(opts.output), filepath.Base(opts.output))
	}
	st := watch.NewState()
	if opts.serve != "off" && opts.serve != "" {
		addr := opts.serve
		if host, port, err := net.SplitHostPort(addr); err == nil && host == "" {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return &exitError{exitUsage, fmt.Errorf("--serve: %w", err)}
		}
		handler := watch.Handler(st)
		if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
			fmt.Fprintf(stderr, "watch: serving on %s, which is not loopback: anyone who can reach it can read the pages\n", tcp)
		} else {
			handler = watch.LoopbackOnly(handler) // no page elsewhere may read it by rebinding a name
		}
		srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
		url := "http://" + ln.Addr().String() + "/"
		fmt.Fprintf(stdout, "watch: serving %s\n", url)
		go srv.Serve(ln)
		defer srv.Close()
		if opts.onListen != nil {
			opts.onListen(url)
		}
	}
	// One image cache for the whole session: a save re-validates and
	// redraws only the photos whose content changed.
	cache := images.NewCache(preview.PixelBudget)
	pdfOpts.Images = cache // each photo's optimised bytes made once, not every write
	r := preview.NewRenderer(lib, cache)
	var pending *display.Document // the last render's document, for the PDF
	var pendingLib *fonts.Library
	var pendingOpts pdf.Options // with the files as that render's loading checked them
	var pendingInputs []string  // the files that render read, which the PDF must not replace
	render := func(ctx context.Context) (*watch.Build, error) {
		pending = nil
		b, doc, dlib, ed := renderForWatch(opts.edition, lib, r, cache, popts, opts.inputs, stderr)
		if b != nil && len(b.Errors) == 0 && !hasErrors(doc) {
			// The PDF is written a moment later, from the photos the
			// preview showed, not from whatever an editor saved since.
			pending, pendingLib, pendingOpts = doc, dlib, pdfOpts
			pendingOpts.Files = ed.FileBytes
			pendingInputs = inputFiles(ed)
		}
		return b, nil
	}
	onBuild := func(seq int, b *watch.Build) {
		if len(b.Errors) > 0 {
			fmt.Fprintf(stdout, "render %d: failed (%d problem(s)); the page keeps the last good render\n", seq, len(b.Errors))
			return
		}
		msg := fmt.Sprintf("render %d: %d page(s), %d problem(s), %d ms", seq, len(b.Pages), len(b.Diagnostics), b.Took.Milliseconds())
		if opts.output != "" {
			// The PDF waits until the viewers have the new pages (a
			// second at most): writing it would slow them down.
			select {
			case <-st.Served(seq):
			case <-time.After(time.Second):
			case <-ctx.Done():
			}
			if pending == nil {
				msg += "; errors: PDF not written"
			} else if err := fsafe.CheckOutput(opts.output, pendingInputs); err != nil {
				msg += "; PDF not written: " + err.Error() // a photo or font the edition now names
			} else if err := writeWatched(opts.output, opts.wrapOutput, pending, pendingLib, pendingOpts); err != nil {
				msg += "; PDF not written: " + err.Error()
			} else {
				msg += "; wrote " + opts.output
			}
		}
		fmt.Fprintln(stdout, msg)
	}
	err = watch.Run(ctx, render, st, watch.Options{Log: stderr, OnBuild: onBuild})
	if err != nil && !errors.Is(err, context.Canceled) {
		return &exitError{exitOutput, err}
	}
	return nil
}

// writeWatched writes watch -o's PDF of doc to out, through wrap when it
// is not nil (see watchOptions.wrapOutput). A failed write to the file is
// said as such, "writing OUT: …", as render says it.
func writeWatched(out string, wrap func(io.Writer) io.Writer, doc *display.Document, lib *fonts.Library, po pdf.Options) error {
	return writeAtomically(out, func(w io.Writer) error {
		if wrap != nil {
			w = wrap(w)
		}
		ow := &fsafe.ErrorKeeper{W: w}
		err := pdf.Write(ow, doc, lib, po)
		if ow.Err != nil {
			return fmt.Errorf("writing %s: %w", out, ow.Err)
		}
		return err
	})
}

func hasErrors(doc *display.Document) bool {
	if doc == nil {
		return true
	}
	for _, d := range doc.Diagnostics {
		if d.Severity == display.Error {
			return true
		}
	}
	return false
}

// renderForWatch loads, composes and draws the edition for watch: a Build
// with pages and diagnostics, or with the loading errors. It checks what
// render checks before it writes a PDF (the ads' ink, the user fonts), with
// the inputs given, and prints the problems as check does. With the pages
// come the document, the library it was set with and the edition (whose
// files the PDF embeds).
func renderForWatch(path string, shared *fonts.Library, r *preview.Renderer, cache *images.Cache, popts preview.Options, in inputOptions, stderr io.Writer) (*watch.Build, *display.Document, *fonts.Library, *editions.Edition) {
	start := time.Now()
	b := &watch.Build{Files: []string{path}}
	fail := func(err error) (*watch.Build, *display.Document, *fonts.Library, *editions.Edition) {
		fmt.Fprintln(stderr, err)
		var ps editions.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				b.Errors = append(b.Errors, watch.Diagnostic{Error: true, Code: "input", Article: p.Article, Message: p.Msg,
					File: p.Pos.File, Line: p.Pos.Line, Column: p.Pos.Column})
			}
		} else {
			b.Errors = append(b.Errors, watch.Diagnostic{Error: true, Code: "input", Message: err.Error(), File: path})
		}
		return b, nil, nil, nil
	}
	// Every file the edition reads is followed from the start (render's
	// inputs, editions.Inputs), whatever stops this render: when a photo,
	// a font or an ad fails, mending it must render again. (Listed as each
	// step passed, a photo that did not load, or an ad over the ink
	// limit, was not followed, and its mending went unseen.) Read and
	// ReadFiles are LoadWith, with the edition in hand before its files
	// are checked.
	ed, err := editions.Read(path)
	if ed == nil {
		return fail(err)
	}
	b.Files = inputFiles(ed)
	if err := ed.ReadFiles(editions.LoadOptions{Images: cache, AllowPaths: in.allowPaths}); err != nil {
		return fail(err)
	}
	lib, err := ed.Library(shared)
	if err != nil {
		return fail(err)
	}
	if lib != shared {
		r = preview.NewRenderer(lib, cache) // the edition's own fonts
	}
	// The PDF written after a good render is the print one: what stops
	// render (an ad over the ink limit, a font that cannot be embedded)
	// stops it too.
	if err := checkForPrint(ed, lib, in); err != nil {
		return fail(err)
	}
	doc, err := layout.Compose(ed, lib, layout.Options{})
	if err != nil {
		return fail(fmt.Errorf("%s: %w", path, err))
	}
	printDiagnostics(stderr, path, ed, doc.Diagnostics)
	where := ed.Locate()
	for _, d := range doc.Diagnostics {
		wd := watch.Diagnostic{Error: d.Severity == display.Error, Code: string(d.Code), Page: d.Page, Article: d.Article, Message: d.Message, File: path}
		if d.Article != "" {
			p := where(d.Page, d.Article)
			wd.File, wd.Line, wd.Column = p.File, p.Line, p.Column
		}
		b.Diagnostics = append(b.Diagnostics, wd)
	}
	for i := range doc.Pages {
		pg, err := r.Page(doc, i, popts)
		if err != nil {
			return fail(err)
		}
		var buf bytes.Buffer
		if err := preview.EncodePNG(&buf, pg.Image); err != nil {
			return fail(err)
		}
		wp := watch.Page{Number: pg.Number, PNG: buf.Bytes(), Width: pg.Image.Rect.Dx(), Height: pg.Image.Rect.Dy()}
		for _, m := range pg.Marks {
			wp.Marks = append(wp.Marks, watch.Mark{Diagnostic: m.Diagnostic, Label: m.Label, Code: string(m.Code), Error: m.Severity == display.Error,
				X: m.Rect.Min.X, Y: m.Rect.Min.Y, W: m.Rect.Dx(), H: m.Rect.Dy()})
		}
		b.Pages = append(b.Pages, wp)
	}
	b.Took = time.Since(start)
	return b, doc, lib, ed
}
