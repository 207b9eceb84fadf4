package main

import (
	"bufio"
	"io"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/text"
)

func newTextCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "text EDITION.yaml",
		Short: "Print the edition's text as it is set, one paragraph a line",
		Long: `Text prints every article's kicker, headline, subtitle, byline, paragraphs (the
first with its dateline), photo titles, captions and credits, one a line, in page and
article order, after the same normalisation of punctuation the composer applies. It is
the reference for checking a PDF's text (e.g. typometer --ref) and for search indexes.

` + exitMessage,
		Example: "  broadsheet text editions/samples/local-news.yaml > local-news.txt",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ed, err := editions.Load(args[0])
			if err != nil {
				return &exitError{exitInput, err}
			}
			w := bufio.NewWriter(stdout)
			for _, line := range editionText(ed) {
				w.WriteString(line)
				w.WriteByte('\n')
			}
			return w.Flush()
		},
	}
}

// editionText lists the edition's paragraphs in reading order.
func editionText(ed *editions.Edition) []string {
	var out []string
	add := func(s string, normalize bool) {
		if s == "" {
			return
		}
		if normalize {
			s = text.Normalize(s)
		}
		out = append(out, s)
	}
	for _, pg := range ed.Pages {
		for _, a := range pg.Articles {
			add(a.Kicker, false)
			add(a.Headline, false)
			add(a.Subtitle, false)
			add(a.Byline, false)
			for i, p := range a.Body {
				if i == 0 && a.Dateline != "" {
					p = a.Dateline + "　" + p
				}
				add(p, ed.Styles.Body.Normalize)
			}
			photos := a.Photos
			if a.Story != nil {
				photos = append(append([]editions.Photo(nil), photos...), *a.Story)
			}
			for _, ph := range photos {
				add(ph.Title, false)
				add(ph.Caption, ed.Styles.Caption.Normalize)
				add(ph.Credit, false)
			}
		}
	}
	return out
}
