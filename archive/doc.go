// Package archive runs many editions as one job: the way an archive team
// re-renders years of a paper.
//
// It finds the editions (files, folders searched recursively, or a list of
// paths), gives each an output path that mirrors the input tree, keeps
// only this machine's shard of them, and renders them several at a time
// over one font library. Each edition is isolated: a failure or a panic is
// recorded and the run goes on. Every file is written through a temporary
// file and renamed into place. Beside each PDF a small sidecar file
// (NAME.pdf.key.json) holds the key the PDF was made from — a hash of the
// edition file, every photo, ad and font it uses, the program version and
// the output options — so a rerun skips what is up to date. Each edition
// ends as one line of a JSON Lines report.
//
// The package does the work; cmd/broadsheet only turns flags into Options.
package archive
