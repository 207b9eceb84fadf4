package main

import (
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
)

// TestGenerateLoads repeats the four-page sample to eight pages in another
// directory and loads the result: ids stay unique, files are found, and
// the jump from page 1 to 4 becomes one from 5 to 8 in the second copy.
func TestGenerateLoads(t *testing.T) {
	out := filepath.Join(t.TempDir(), "e8.yaml")
	if err := generate("../../editions/samples/four-pages.yaml", 8, out); err != nil {
		t.Fatal(err)
	}
	ed, err := editions.LoadWith(out, editions.LoadOptions{AllowPaths: []string{"../../editions/samples"}}) // absolute paths into the samples
	if err != nil {
		t.Fatalf("loading the generated edition: %v", err)
	}
	if len(ed.Pages) != 8 {
		t.Fatalf("%d pages, want 8", len(ed.Pages))
	}
	jumps := map[int]int{}
	for _, p := range ed.Pages {
		for _, a := range p.Articles {
			if a.ContinueOn != 0 {
				jumps[p.Number] = a.ContinueOn
			}
		}
	}
	if jumps[1] != 4 || jumps[5] != 8 || len(jumps) != 2 {
		t.Errorf("jumps %v, want page 1 to 4 and 5 to 8", jumps)
	}
	if err := generate("../../editions/samples/four-pages.yaml", 6, out); err == nil {
		t.Error("6 pages from a 4-page sample: no error")
	}
}
