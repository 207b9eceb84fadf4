package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/editions"
)

func newSchemaCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the edition format",
		Long: `Schema prints the JSON Schema (draft 2020-12) of the edition format, generated from
the types the loader reads: every key with its description, the choices of preset,
fit, punctuation and kinsoku, the pattern of lengths and dates, and no other key,
so a misspelt key is marked. Editors that use yaml-language-server (VS Code's YAML
extension, Neovim, Helix, …) complete and check an edition that starts with

  # yaml-language-server: $schema=edition.schema.json

The samples name the copy kept in the repository, editions/edition.schema.json.`,
		Example: "  broadsheet schema > edition.schema.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := stdout.Write(editions.Schema())
			return err
		},
	}
}
