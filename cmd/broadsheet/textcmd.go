package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
)

func newTextCmd(stdout io.Writer) *cobra.Command {
	in := defaultInputs()
	cmd := &cobra.Command{
		Use:   "text EDITION.yaml",
		Short: "Print the edition's text as it is set, one paragraph a line",
		Long: `Text prints every article's text as the composer sets it, one paragraph a line,
in page and article order: kicker, headline, subtitle (a photo story's title among
them), byline, paragraphs (the first opening with its dateline and the space set after
it), captions and credits, normalised as they are set. It is the reference for checking
a PDF's text (e.g. typometer --ref) and for search indexes.

` + exitMessage,
		Example: "  broadsheet text editions/samples/local-news.yaml > local-news.txt",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := in.check(); err != nil {
				return err
			}
			ed, lib, err := loadEditionWith(args[0], fonts.NewLibrary(), in, false)
			if err != nil {
				return err
			}
			lines, err := layout.Text(ed, lib)
			if err != nil {
				return &exitError{exitInput, fmt.Errorf("%s: %w", args[0], err)}
			}
			w := bufio.NewWriter(stdout)
			for _, line := range lines {
				w.WriteString(line)
				w.WriteByte('\n')
			}
			return w.Flush()
		},
	}
	// Loading checks what render's does, the ads' ink too: the same
	// --allow-path and --ink-limit.
	in.addInputFlags(cmd.Flags())
	return cmd
}
