package main

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/editions/samples/scenes"
)

// newEdition is the edition "broadsheet new" writes: one 四开 page with a
// lead and its photo, two shorter stories and a photo story, which sets
// without a warning (a test checks it).
//
//go:embed new-edition.yaml
var newEdition []byte

// newPhotos are the scaffold's photos, drawn by the sample generator.
var newPhotos = []string{"photos/harbour-dusk.jpg", "photos/flower-field.jpg"}

func newNewCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "new [DIR]",
		Short: "Start a new edition: a page to edit that renders at once",
		Long: `New writes a new edition into DIR (default: the current folder, made if missing):
edition.yaml with one page — a lead story with a photo, two shorter stories and a
photo story — that renders without a warning, its two photos (drawn by the sample
generator), and edition.schema.json, which the edition's first line names so that
an editor with yaml-language-server completes and checks it. It never overwrites:
if any of these files exists, nothing is written.

` + exitMessage,
		Example: `  broadsheet new my-edition
  broadsheet watch my-edition/edition.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runNew(dir, stdout)
		},
	}
}

func runNew(dir string, stdout io.Writer) error {
	files := map[string]func() ([]byte, error){
		"edition.yaml":        func() ([]byte, error) { return newEdition, nil },
		"edition.schema.json": func() ([]byte, error) { return editions.Schema(), nil },
	}
	names := []string{"edition.yaml", "edition.schema.json"}
	for _, p := range newPhotos {
		files[p] = func() ([]byte, error) { return scenes.Build(p) }
		names = append(names, p)
	}
	for _, n := range names {
		path := filepath.Join(dir, filepath.FromSlash(n))
		if _, err := os.Lstat(path); err == nil {
			return &exitError{exitOutput, fmt.Errorf("%s already exists: nothing written (new never overwrites)", path)}
		}
	}
	for _, n := range names {
		path := filepath.Join(dir, filepath.FromSlash(n))
		b, err := files[n]()
		if err != nil {
			return &exitError{exitOutput, fmt.Errorf("%s: %w", path, err)}
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return &exitError{exitOutput, err}
		}
		if err := writeAtomically(path, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return &exitError{exitOutput, err}
		}
	}
	ed := filepath.Join(dir, "edition.yaml")
	fmt.Fprintf(stdout, "wrote %s and its photos; next:\n  broadsheet watch %s\n", ed, ed)
	return nil
}
