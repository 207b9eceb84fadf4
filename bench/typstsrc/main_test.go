package main

import (
	"bytes"
	"os"
	"testing"
)

// TestKeptSourceIsCurrent regenerates the Typst source of the one-page
// sample and wants the copy bench/run.sh uses to match: the side-by-side
// figures are only fair while both set the same text.
func TestKeptSourceIsCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := write(&b, "../../editions/samples/local-news.yaml", ".."); err != nil {
		t.Fatal(err)
	}
	kept, err := os.ReadFile("../local-news.typ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), kept) {
		t.Error("bench/local-news.typ is not what bench/typstsrc writes: run\n" +
			"  go run ./bench/typstsrc editions/samples/local-news.yaml bench > bench/local-news.typ")
	}
}
