package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

func newCheckCmd(stdout, stderr io.Writer) *cobra.Command {
	in := defaultInputs()
	cmd := &cobra.Command{
		Use:   "check EDITION.yaml",
		Short: "Load, validate and compose an edition without writing anything",
		Long: `Check does everything render does except write the PDF, and prints every problem:
input errors at file:line:col, then what composing found — overset and underset
articles, photos under 150 ppi on the page, characters no font covers — each naming
its page and article.

` + exitMessage,
		Example: "  broadsheet check editions/samples/four-pages.yaml",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := in.check(); err != nil {
				return err
			}
			ed, lib, err := loadEditionWith(args[0], fonts.NewLibrary(), in, false)
			if err != nil {
				return err
			}
			doc, n, err := compose(args[0], ed, lib, func(*display.Page) error { return nil }, stdout)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(stdout, "%s: %d page(s), no errors (%d warning(s))\n", args[0], n, len(doc.Diagnostics))
			return err
		},
	}
	in.addInputFlags(cmd.Flags())
	return cmd
}
