// Command genarchive writes a test archive made from the sample editions
// (see package archivegen).
//
//	go run ./archive/archivegen/genarchive -n 600 -o /tmp/archive
//
// Issue 12's batch case, 40 one-page editions with photos of their own or
// sharing the samples' (hard links):
//
//	go run ./archive/archivegen/genarchive -n 40 -one-page -o /tmp/b40own
//	go run ./archive/archivegen/genarchive -n 40 -one-page -shared-photos -o /tmp/b40
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/broadsheet-news/broadsheet/archive/archivegen"
)

func main() {
	n := flag.Int("n", 60, "editions to write")
	out := flag.String("o", "", "the folder to write the archive into (required)")
	samples := flag.String("samples", "editions/samples", "the folder of sample editions")
	onePage := flag.Bool("one-page", false, "every edition the one-page sample, none bad on purpose")
	shared := flag.Bool("shared-photos", false, "hard-link every day's photos to the samples' (no bytes of their own)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "genarchive: -o DIR is required")
		os.Exit(2)
	}
	es, err := archivegen.GenerateWith(*out, *samples, *n, archivegen.Options{SharedPhotos: *shared, OnePage: *onePage})
	if err != nil {
		fmt.Fprintln(os.Stderr, "genarchive:", err)
		os.Exit(1)
	}
	bad := 0
	for _, e := range es {
		if e.Bad {
			bad++
		}
	}
	fmt.Printf("genarchive: %d editions (%d bad on purpose) under %s\n", len(es), bad, *out)
}
