package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
)

// checkOptions are the check command's flags: render's, but for -o.
type checkOptions struct {
	pdfFlags
	inputs inputOptions
}

func newCheckCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &checkOptions{inputs: defaultInputs()}
	cmd := &cobra.Command{
		Use:   "check EDITION.yaml",
		Short: "Load, validate and compose an edition without writing anything",
		Long: `Check does everything render does except write the PDF, and prints every problem:
input errors at file:line:col, then what composing found — overset and underset
articles, photos under 150 ppi on the page, characters no font covers — each naming
its page and article. It takes render's flags but -o, and with the same flags refuses
what render refuses: --output-profile changes the ink an RGB ad prints with, --marks
adds a slug line whose characters need glyphs, --pdf-standard what the edition must give.

` + exitMessage,
		Example: `  broadsheet check editions/samples/four-pages.yaml
  broadsheet check edition.yaml --marks --output-profile ISOnewspaper26v4.icc`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(opts, args[0], fonts.NewLibrary(), stdout)
		},
	}
	opts.addPDFFlags(cmd.Flags())
	opts.inputs.addInputFlags(cmd.Flags())
	return cmd
}

// runCheck checks the edition at path as render would render it with
// opts, and prints its problems and a summary to stdout. The PDF is
// written as render writes it, to nowhere, so that whatever the writer
// refuses is found too.
func runCheck(opts *checkOptions, path string, lib *fonts.Library, stdout io.Writer) error {
	popts, err := opts.printOptions(&opts.inputs)
	if err != nil {
		return err
	}
	// Optimised photos have the same pixels: nothing refused changes.
	popts.OptimizePhotos = false
	ed, lib, err := loadEditionWith(path, lib, opts.inputs, true)
	if err != nil {
		return err
	}
	doc, n, err := streamEdition(path, "", &fsafe.ErrorKeeper{W: io.Discard}, ed, lib, popts, stdout)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s: %d page(s), no errors (%d warning(s))\n", path, n, len(doc.Diagnostics))
	return err
}
