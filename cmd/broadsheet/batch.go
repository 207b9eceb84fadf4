package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// batchOptions are the batch command's flags.
type batchOptions struct {
	renderOptions
	outDir string
	jobs   int
}

func newBatchCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch EDITION.yaml... -o DIR",
		Short: "Render many editions at once, sharing one font library",
		Long: `Batch renders each edition to DIR/NAME.pdf (NAME is the edition file's name), several
at a time. The embedded fonts are parsed once for the whole run. An edition that
fails does not stop the others; each one's problems are printed under its name, in
the order the editions were given, and the exit status is 1 if any failed.

` + exitMessage,
		Example: `  broadsheet batch archive/2026-03-*.yaml -o pdf/
  broadsheet batch -j 2 --pdf-standard a-2u archive/*.yaml -o pdf/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(opts, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.outDir, "output", "o", "", "the directory to write the PDFs into (required)")
	f.IntVarP(&opts.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "editions rendered at once")
	opts.addPDFFlags(f)
	return cmd
}

func runBatch(opts *batchOptions, editionPaths []string, stdout, stderr io.Writer) error {
	if opts.outDir == "" {
		return &exitError{exitUsage, fmt.Errorf("batch: -o DIR is required")}
	}
	if opts.jobs < 1 {
		return &exitError{exitUsage, fmt.Errorf("batch: --jobs must be 1 or more")}
	}
	popts, err := opts.pdfOptions()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.outDir, 0o755); err != nil {
		return &exitError{exitOutput, fmt.Errorf("batch: %w", err)}
	}
	outs := make([]string, len(editionPaths))
	seen := map[string]string{}
	for i, p := range editionPaths {
		name := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)) + ".pdf"
		if prev, dup := seen[name]; dup {
			return &exitError{exitUsage, fmt.Errorf("batch: %s and %s would both be written to %s", prev, p, name)}
		}
		seen[name] = p
		outs[i] = filepath.Join(opts.outDir, name)
	}

	shared := fonts.NewLibrary()
	logs := make([]bytes.Buffer, len(editionPaths))
	failed := make([]bool, len(editionPaths))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(opts.jobs, len(editionPaths)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				failed[i] = renderOne(editionPaths[i], outs[i], shared, popts, &logs[i]) != nil
			}
		}()
	}
	for i := range editionPaths {
		work <- i
	}
	close(work)
	wg.Wait()

	nFailed := 0
	for i := range editionPaths {
		stderr.Write(logs[i].Bytes())
		if failed[i] {
			nFailed++
		}
	}
	fmt.Fprintf(stdout, "batch: %d edition(s) rendered, %d failed\n", len(editionPaths)-nFailed, nFailed)
	if nFailed > 0 {
		return &exitError{exitInput, nil}
	}
	return nil
}

// renderOne renders one edition of a batch, logging to log.
func renderOne(path, out string, shared *fonts.Library, popts pdf.Options, log io.Writer) error {
	c, err := loadAndCompose(path, shared, log)
	if err == nil {
		err = writeAtomically(out, func(w io.Writer) error { return pdf.Write(w, c.doc, c.lib, popts) })
	}
	if err != nil {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(log, msg)
		}
		fmt.Fprintf(log, "%s: FAILED\n", path)
		return err
	}
	fmt.Fprintf(log, "%s: %d page(s) written to %s\n", path, len(c.doc.Pages), out)
	return nil
}
