package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "broadsheet",
		Short: "Lay out a Chinese newspaper edition from YAML into a print-ready PDF",
		Long: `Broadsheet flows an edition written in YAML — pages, articles with kicker (引题),
headline (主题), subtitle (副题), byline, dateline (本报讯), body, photos, ads — into
multi-column newspaper pages set in embedded Chinese fonts, and writes a PDF for the
print shop (PDF/X-4) and the archive (PDF/A-2u).

` + exitMessage,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newRenderCmd(stdout, stderr), newCheckCmd(stdout, stderr), newBatchCmd(stdout, stderr),
		newTextCmd(stdout), newFontsCmd(stdout), newVersionCmd(stdout),
		newPreviewCmd(stdout, stderr), newSchemaCmd(stdout), newWatchCmd(stdout, stderr), newNewCmd(stdout))
	return root
}
