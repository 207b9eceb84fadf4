// Command gen writes the photos and ads of the sample editions, as drawn by
// package scenes.
//
// Nothing is downloaded: every picture is drawn from simple shapes and
// gradients with integer arithmetic and fixed seeds, so each run writes the
// same bytes on every machine. A test regenerates everything and compares it
// with the committed files. Run it from the repository root:
//
//	go run ./editions/samples/internal/gen
//
// It writes photos/, ads/ and testdata/photos/ under editions/samples (or
// under the directory given with -out).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/broadsheet-news/broadsheet/editions/samples/scenes"
)

// generate writes every asset below dir, each through a temporary file
// renamed into place so that no half-written picture is left behind.
func generate(dir string) error {
	for _, a := range scenes.Assets() {
		b, err := a.Build()
		if err != nil {
			return fmt.Errorf("%s: %w", a.Path, err)
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(a.Path)), b); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".gen-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}

func main() {
	out := flag.String("out", filepath.Join("editions", "samples"), "the samples directory to write into")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
