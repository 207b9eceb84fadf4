// Command genarchive writes a test archive made from the sample editions
// (see package archivegen).
//
//	go run ./archive/archivegen/genarchive -n 600 -o /tmp/archive
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
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "genarchive: -o DIR is required")
		os.Exit(2)
	}
	es, err := archivegen.Generate(*out, *samples, *n)
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
