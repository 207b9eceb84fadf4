// Command genpages writes a long edition for the speed and memory
// benchmarks: a sample repeated page for page, by default the four-page
// one (see package edgen).
//
//	go run ./bench/genpages -pages 400 -o /tmp/e400.yaml
//	go run ./bench/genpages -sample editions/samples/local-news.yaml -pages 8 -o /tmp/one-x8.yaml
//	go run ./bench/genpages -sample editions/samples/local-news.yaml -pages 8 -vary -o /tmp/one-x8v.yaml
//
// With -vary, each repetition after the first sets the sample's body
// paragraphs with their sentences in another order (edgen.Options.Vary):
// eight pages of one kind, no two the same.
//
// The edition names the sample's photos and ads by absolute path: render
// it with --allow-path editions/samples.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/broadsheet-news/broadsheet/bench/edgen"
)

func main() {
	pages := flag.Int("pages", 8, "pages, a multiple of the sample's")
	sample := flag.String("sample", "editions/samples/four-pages.yaml", "the sample edition to repeat")
	out := flag.String("o", "", "output file (default: standard output)")
	vary := flag.Bool("vary", false, "give each repetition after the first its own order of sentences")
	flag.Parse()
	b, err := edgen.GenerateWith(*sample, *pages, edgen.Options{Vary: *vary})
	if err == nil {
		if *out == "" {
			_, err = os.Stdout.Write(b)
		} else {
			err = os.WriteFile(*out, b, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genpages:", err)
		os.Exit(1)
	}
}
