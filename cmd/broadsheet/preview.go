package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/preview"
)

// previewOptions are the preview command's flags.
type previewOptions struct {
	edition string
	dir     string
	dpi     float64
	pages   string
	show    []string
	// allowPaths are folders outside the edition's own it may read, as
	// render's --allow-path. Preview does not check the ads' ink, so it
	// takes no --ink-limit.
	allowPaths []string
}

func newPreviewCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &previewOptions{}
	cmd := &cobra.Command{
		Use:   "preview EDITION.yaml -o DIR",
		Short: "Draw the edition's pages as PNG images, with problems marked",
		Long: `Preview composes the edition and draws each page as a PNG (DIR/page-N.png, N the
folio) from the same display list the PDF is written from, in the same fonts.
Problems are marked in colour and labelled where they are: overset text (red),
underset holes (blue), photos under 150 ppi (orange), characters no font has
(magenta), other warnings (amber). Ads imported from PDF files show as a grey
labelled box: the preview does not draw PDF content.

Unlike render, preview draws the pages even when composing found errors, so they
can be seen; it then exits with status 1.

` + exitMessage,
		Example: `  broadsheet preview editions/samples/local-news.yaml -o preview/
  broadsheet preview edition.yaml -o preview/ --dpi 150 --pages 1,3-4 --show modules`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.edition = args[0]
			return runPreview(opts, fonts.NewLibrary(), stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&opts.dir, "output", "o", "", "the folder to write the PNGs to (made if missing; required)")
	cmd.Flags().Float64Var(&opts.dpi, "dpi", preview.DefaultDPI, "resolution in pixels per inch (10–600)")
	cmd.Flags().StringVar(&opts.pages, "pages", "", `the pages to draw by folio, e.g. "1,3-4" (default: all)`)
	cmd.Flags().StringSliceVar(&opts.show, "show", nil, `extra things to draw: "modules" (module frames)`)
	addAllowPathFlag(cmd.Flags(), &opts.allowPaths)
	return cmd
}

func runPreview(opts *previewOptions, lib *fonts.Library, stdout, stderr io.Writer) error {
	if opts.dir == "" {
		return &exitError{exitUsage, fmt.Errorf("preview needs -o DIR")}
	}
	popts, err := previewFlags(opts.dpi, opts.show)
	if err != nil {
		return err
	}
	sel, err := parsePages(opts.pages)
	if err != nil {
		return &exitError{exitUsage, fmt.Errorf("--pages: %w", err)}
	}
	cache := images.NewCache(preview.PixelBudget) // photos decoded once, for loading and drawing
	ed, doc, lib, err := composeForPreview(opts.edition, lib, cache, opts.allowPaths)
	if err != nil {
		return err
	}
	errs := printDiagnostics(stderr, opts.edition, ed, doc.Diagnostics)
	if err := os.MkdirAll(opts.dir, 0o755); err != nil {
		return &exitError{exitOutput, err}
	}
	r := preview.NewRenderer(lib, cache)
	n := 0
	for i := range doc.Pages {
		if sel != nil && !sel[doc.Pages[i].Number] {
			continue
		}
		pg, err := r.Page(doc, i, popts)
		// Loading left the photos decoding beside composing and drawing:
		// a damaged one is an input error, and no page is written.
		if imgErr := ed.ImagesChecked(); imgErr != nil {
			return &exitError{exitInput, imgErr}
		}
		if err != nil {
			return &exitError{exitOutput, err}
		}
		out := filepath.Join(opts.dir, fmt.Sprintf("page-%d.png", pg.Number))
		if err := writeAtomically(out, func(w io.Writer) error { return preview.EncodePNG(w, pg.Image) }); err != nil {
			return &exitError{exitOutput, err}
		}
		fmt.Fprintf(stdout, "%s\n", out)
		n++
	}
	if err := ed.ImagesChecked(); err != nil { // when no page was drawn
		return &exitError{exitInput, err}
	}
	if sel != nil && n < len(sel) {
		return &exitError{exitUsage, fmt.Errorf("--pages %s: %d of the pages named are not in the edition", opts.pages, len(sel)-n)}
	}
	if errs > 0 {
		return &exitError{exitInput, fmt.Errorf("%s: %d error(s), marked on the pages", opts.edition, errs)}
	}
	return nil
}

// previewFlags turns --dpi and --show into the preview's options.
func previewFlags(dpi float64, show []string) (preview.Options, error) {
	if dpi < 10 || dpi > 600 {
		return preview.Options{}, &exitError{exitUsage, fmt.Errorf("--dpi %g: give a resolution from 10 to 600", dpi)}
	}
	o := preview.Options{DPI: dpi}
	for _, s := range show {
		switch s {
		case "modules":
			o.Modules = true
		default:
			return o, &exitError{exitUsage, fmt.Errorf("--show %q: the choices are \"modules\"", s)}
		}
	}
	return o, nil
}

// composeForPreview loads and composes an edition, keeping the document
// even when composing found errors (they are what a preview shows). Input
// errors come back as an exitError with status 1. Photos are validated
// through cache, which the renderer then draws from, in the background:
// the caller must check ed.ImagesChecked before writing a page. The
// edition may read files in allowPaths, outside its own folder.
func composeForPreview(path string, shared *fonts.Library, cache *images.Cache, allowPaths []string) (*editions.Edition, *display.Document, *fonts.Library, error) {
	ed, err := editions.LoadWith(path, editions.LoadOptions{Images: cache, Background: true, AllowPaths: allowPaths})
	if err != nil {
		return nil, nil, nil, &exitError{exitInput, err}
	}
	lib, err := ed.Library(shared)
	if err != nil {
		return nil, nil, nil, &exitError{exitInput, err}
	}
	doc, err := layout.Compose(ed, lib, layout.Options{})
	if err != nil {
		return nil, nil, nil, &exitError{exitInput, fmt.Errorf("%s: %w", path, err)}
	}
	return ed, doc, lib, nil
}

// parsePages reads a list of folios and ranges ("1,3-4"); nil for "".
func parsePages(s string) (map[int]bool, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	sel := map[int]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(strings.TrimSpace(lo))
		if err != nil || a < 1 {
			return nil, fmt.Errorf("%q is not a page number", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || b < a {
				return nil, fmt.Errorf("%q is not a range of pages", part)
			}
		}
		if b-a > 10000 {
			return nil, fmt.Errorf("%q: too many pages", part)
		}
		for n := a; n <= b; n++ {
			sel[n] = true
		}
	}
	return sel, nil
}
