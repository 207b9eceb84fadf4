package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/atomicfile"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// loadEditionWith runs the first stage: it loads the edition and returns
// it with the font library to set it with, the shared one unless the
// edition declares fonts of its own, which get a library of their own so
// their names cannot clash with another edition's in a batch. Input
// problems come back as an exitError with status 1 listing every problem.
// The input options are the render and check flags: the folders it may
// read outside its own, the ink limit of its ads. User fonts are parsed and checked for embedding here, so that a
// font the writer would refuse is an input error at the line naming it.
// With background, photos are decoded while the caller goes on
// (editions.LoadOptions.Background): it must call ed.ImagesChecked before
// keeping any output.
func loadEditionWith(path string, shared *fonts.Library, in inputOptions, background bool) (*editions.Edition, *fonts.Library, error) {
	ed, err := editions.LoadWith(path, editions.LoadOptions{AllowPaths: in.allowPaths, Background: background, Images: in.images})
	if err != nil {
		return nil, nil, &exitError{exitInput, err}
	}
	lib, err := ed.Library(shared)
	if err != nil {
		return nil, nil, &exitError{exitInput, err}
	}
	if err := checkForPrint(ed, lib, in); err != nil {
		// The edition's problems are Problems; anything else is rgbInk's,
		// which CheckInk returns as it is: the --output-profile given.
		if ps := (editions.Problems)(nil); errors.As(err, &ps) {
			return nil, nil, &exitError{exitInput, err}
		}
		return nil, nil, &exitError{exitUsage, err}
	}
	return ed, lib, nil
}

// checkForPrint checks what a loaded edition must pass before its PDF may
// be written, beyond loading: the ads' ink against in's limit, and the
// user fonts in lib. render and watch -o both write the print PDF, and
// both call it. Its errors are Problems, but for an output profile that
// cannot convert RGB (rgbInk's).
func checkForPrint(ed *editions.Edition, lib *fonts.Library, in inputOptions) error {
	if err := ed.CheckInk(in.inkLimit, func() (int, error) { return rgbInk(in.profile) }); err != nil {
		return err
	}
	return checkFonts(ed, lib)
}

// compose runs the second stage, handing each page to page in page order
// as soon as it is composed (layout.Stream, a page per core at once).
// Composition errors come back as an exitError with status 1 listing every
// problem, once every page is composed; warnings are printed to stderr. It returns the document without its pages, and how
// many there were.
func compose(path string, ed *editions.Edition, lib *fonts.Library, page func(*display.Page) error, stderr io.Writer) (*display.Document, int, error) {
	n := 0
	// Idle cores set the articles of the pages being composed: nothing
	// else needs them once the photos are checked (layout.Options.SharePages).
	doc, err := layout.Stream(ed, lib, layout.Options{SharePages: true}, func(p *display.Page) error {
		n++
		return page(p)
	})
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return nil, 0, err
		}
		return nil, 0, &exitError{exitInput, fmt.Errorf("%s: %w", path, err)}
	}
	if errs := printDiagnostics(stderr, path, ed, doc.Diagnostics); errs > 0 {
		return nil, 0, &exitError{exitInput, fmt.Errorf("%s: %d error(s); nothing written", path, errs)}
	}
	return doc, n, nil
}

// renderWith runs every stage on the edition at path and writes its PDF to
// out (through fsafe.WriteFile: on any error or interruption nothing is
// written). Pages go from the composer to the PDF writer one at a time. It
// returns the number of pages written; errors are exitErrors (status 1 for
// the input, 3 for the output). in holds the render flags' input options,
// temps the run's temporary files (removed on a signal; nil for none),
// stdout where "-" as out writes the PDF. An output that
// would destroy a file — an input of the run, a symbolic link, something
// not a regular file — is refused with status 2 before anything is
// written (see fsafe.CheckOutput). wrap, when not nil, wraps the output
// file's writer (a test's failing disk).
func renderWith(path, out string, shared *fonts.Library, popts pdf.Options, in inputOptions, temps *fsafe.Temps, wrap func(io.Writer) io.Writer, stdout, stderr io.Writer) (int, error) {
	if err := fsafe.CheckOutput(out, []string{path}); err != nil {
		return 0, &exitError{exitUsage, err}
	}
	if popts.OptimizePhotos && in.images == nil && popts.Images == nil {
		// The walk that checks each photo, beside composing, optimises it
		// for the PDF writer too (see pdf.Options.OptimizePhotos).
		in.images = images.NewOptimizingCache(images.OptimizedKeep)
		popts.Images = in.images
	}
	ed, lib, err := loadEditionWith(path, shared, in, true)
	if err != nil {
		return 0, err
	}
	if err := fsafe.CheckOutput(out, inputFiles(ed)); err != nil {
		return 0, &exitError{exitUsage, err}
	}
	return writeEdition(path, out, ed, lib, popts, temps, wrap, stdout, stderr)
}

// writeEdition runs the last two stages of renderWith on an edition that
// loadEditionWith returned: it composes it and writes its PDF to out, with
// the photos and ads as loading read them (whatever their files hold by
// now), and returns the number of pages written (see streamEdition).
func writeEdition(path, out string, ed *editions.Edition, lib *fonts.Library, popts pdf.Options, temps *fsafe.Temps, wrap func(io.Writer) io.Writer, stdout, stderr io.Writer) (int, error) {
	if out != fsafe.Stdout {
		// What a render of the same output killed (kill -9) left.
		atomicfile.RemoveLeftovers(filepath.Dir(out), filepath.Base(out))
	}
	pages := 0
	err := fsafe.WriteFile(temps, stdout, out, func(w io.Writer) error {
		if wrap != nil {
			w = wrap(w)
		}
		_, n, err := streamEdition(path, out, &fsafe.ErrorKeeper{W: w}, ed, lib, popts, stderr)
		pages = n
		return err
	})
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return 0, err
		}
		return 0, &exitError{exitOutput, err}
	}
	return pages, nil
}

// streamEdition composes ed and writes its PDF to w, page by page, and
// returns the number of pages. render writes to the output file's
// temporary file, check to nowhere: what the writer refuses, check
// refuses as render does. With the number of pages comes the document
// without its pages (its diagnostics). Errors are exitErrors: a damaged photo is
// status 1 whatever else went wrong; a failed write to w (a full disk, an
// I/O error, a file too large: out is the file's name) is 3, whichever
// page or photo the writer was at; anything else the composer or the
// writer refuses (a character the slug line's face lacks, an edition
// without the date the standards need) is the edition's, 1.
func streamEdition(path, out string, w *fsafe.ErrorKeeper, ed *editions.Edition, lib *fonts.Library, popts pdf.Options, stderr io.Writer) (*display.Document, int, error) {
	// The writer embeds the photos and ads as loading read them: the
	// bytes being checked, not what an editor may have saved since.
	// Each is let go once written.
	popts.Files = ed.TakeFileBytes
	pw := pdf.NewWriter(w, lib, popts)
	doc, n, err := compose(path, ed, lib, pw.Page, stderr)
	if err == nil {
		err = pw.Close(doc)
	}
	// The photos were decoded beside composing and writing: a damaged
	// one is an input error (status 1), whatever else went wrong, and
	// the file written so far is discarded.
	if imgErr := ed.ImagesChecked(); imgErr != nil {
		return nil, 0, &exitError{exitInput, imgErr}
	}
	// The pages stream to the file as they are composed, so a failed
	// write comes back through the composer and the PDF writer, in the
	// words of the page and item being written: it is the output's
	// failure all the same, not the edition's.
	if w.Err != nil {
		return nil, 0, &exitError{exitOutput, fmt.Errorf("writing %s: %w", out, w.Err)}
	}
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return nil, 0, err
		}
		return nil, 0, &exitError{exitInput, fmt.Errorf("%s: %w", path, err)}
	}
	return doc, n, nil
}

// printDiagnostics prints every diagnostic, errors first, each at the
// place in ed's file it is about (see editions.Edition.Locate; path when ed
// is nil), and returns the number of errors.
func printDiagnostics(w io.Writer, path string, ed *editions.Edition, ds []display.Diagnostic) int {
	sorted := foldDiagnostics(ds)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Severity > sorted[j].Severity })
	errs, missing := 0, false
	var locate func(int, string) editions.Pos
	if ed != nil {
		locate = ed.Locate()
	}
	for _, d := range sorted {
		if d.Severity == display.Error {
			errs++
		}
		where := path
		if locate != nil && (d.Article != "" || d.Page > 0) {
			// The article's place in the file (else the page's), as input
			// errors give theirs and batch's report does: an editor's jump
			// to the text.
			if p := locate(d.Page, d.Article); p.Line > 0 {
				where = p.String()
			}
		}
		if d.Page > 0 {
			where += fmt.Sprintf(": page %d", d.Page)
		}
		if d.Article != "" {
			where += ": article " + d.Article
		}
		fmt.Fprintf(w, "%s: %s: %s (%s)\n", where, d.Severity, d.Message, d.Code)
		missing = missing || d.Code == diag.MissingGlyph
	}
	if missing {
		// What to do is not in the messages, which name only characters.
		fmt.Fprintf(w, "%s: to set characters no font has, declare a font that has them under fonts: and name it in fallback:\n", path)
	}
	return errs
}

// writeAtomically writes a file through a temporary file in the same
// directory and renames it into place (atomicfile.Write), so that a failed
// or interrupted run never leaves a half-written PDF where the old one was.
func writeAtomically(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, write, atomicfile.Hooks{})
}
