package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
)

// composed is an edition loaded and laid out, with the fonts it was set in.
type composed struct {
	edition *editions.Edition
	doc     *display.Document
	lib     *fonts.Library
}

// loadAndCompose runs the first two stages. Input problems and composition
// errors come back as an exitError with status 1 listing every problem;
// warnings are printed to stderr and kept in the document. The edition is
// set with the shared library unless it declares fonts of its own, which
// get a library of their own so their names cannot clash with another
// edition's in a batch.
func loadAndCompose(path string, shared *fonts.Library, stderr io.Writer) (*composed, error) {
	ed, err := editions.Load(path)
	if err != nil {
		return nil, &exitError{exitInput, err}
	}
	lib := shared
	if len(ed.Fonts) > 0 {
		lib = fonts.NewLibrary()
	}
	for _, f := range ed.Fonts {
		if err := lib.AddFile(f.Name, f.Path); err != nil {
			return nil, &exitError{exitInput, fmt.Errorf("%s: font %s: %w", f.Pos, f.Name, err)}
		}
	}
	doc, err := layout.Compose(ed, lib, layout.Options{})
	if err != nil {
		return nil, &exitError{exitInput, fmt.Errorf("%s: %w", path, err)}
	}
	if n := printDiagnostics(stderr, path, doc.Diagnostics); n > 0 {
		return nil, &exitError{exitInput, fmt.Errorf("%s: %d error(s); nothing written", path, n)}
	}
	return &composed{ed, doc, lib}, nil
}

// printDiagnostics prints every diagnostic, errors first, and returns the
// number of errors.
func printDiagnostics(w io.Writer, path string, ds []display.Diagnostic) int {
	sorted := append([]display.Diagnostic(nil), ds...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Severity > sorted[j].Severity })
	errs := 0
	for _, d := range sorted {
		if d.Severity == display.Error {
			errs++
		}
		where := path
		if d.Page > 0 {
			where += fmt.Sprintf(": page %d", d.Page)
		}
		if d.Article != "" {
			where += ": article " + d.Article
		}
		fmt.Fprintf(w, "%s: %s: %s (%s)\n", where, d.Severity, d.Message, d.Code)
	}
	return errs
}

// writeAtomically writes a file through a temporary file in the same
// directory and renames it into place, so that a failed or interrupted run
// never leaves a half-written PDF where the old one was.
func writeAtomically(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("creating output: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
