package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/fonts"
)

func newFontsCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:     "fonts",
		Short:   "List the embedded font faces and the names styles use for them",
		Example: "  broadsheet fonts",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib := fonts.NewLibrary()
			for _, name := range lib.Names() {
				face, err := lib.Face(name)
				if err != nil {
					return &exitError{exitInput, err}
				}
				fmt.Fprintf(stdout, "%-11s %s (%d glyphs)\n", name, face.PostScriptName(), face.NumGlyphs())
			}
			return nil
		},
	}
}
