package edgen

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
)

// TestGenerate: an 8-page edition loads without problems (the loader
// checks ids, files and continue-on), page N carries the sample's page
// (N-1)%4+1, and each block's lead jumps within its block.
func TestGenerate(t *testing.T) {
	const sample = "../../editions/samples/four-pages.yaml"
	b, err := Generate(sample, 8)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "e8.yaml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ed, err := editions.LoadWith(path, editions.LoadOptions{AllowPaths: []string{"../../editions/samples"}}) // absolute paths into the samples
	if err != nil {
		t.Fatal(err)
	}
	src, err := editions.Load(sample)
	if err != nil {
		t.Fatal(err)
	}
	if len(ed.Pages) != 8 {
		t.Fatalf("%d pages, want 8", len(ed.Pages))
	}
	for i, p := range ed.Pages {
		tp := src.Pages[i%4]
		if p.Number != i+1 || len(p.Articles) != len(tp.Articles) || len(p.Ads) != len(tp.Ads) {
			t.Fatalf("page %d (number %d): %d articles, %d ads; want the sample's page %d (%d, %d)", i+1, p.Number, len(p.Articles), len(p.Ads), tp.Number, len(tp.Articles), len(tp.Ads))
		}
		for j, a := range p.Articles {
			if want := tp.Articles[j].ContinueOn; want != 0 && a.ContinueOn != i-i%4+want {
				t.Errorf("page %d: %s continues on %d, want %d", p.Number, a.ID, a.ContinueOn, i-i%4+want)
			}
		}
	}
	for _, n := range []int{0, 6, -4} {
		if _, err := Generate(sample, n); err == nil {
			t.Errorf("Generate(%d) gave no error", n)
		}
	}
}

// TestGenerateOnePage repeats the one-page sample, as bench/run.sh sets
// eight pages against Typst: every page carries the sample's articles, ids
// stay unique (the loader checks), and page 1 alone has the masthead.
func TestGenerateOnePage(t *testing.T) {
	const sample = "../../editions/samples/local-news.yaml"
	b, err := Generate(sample, 8)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "one-x8.yaml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ed, err := editions.LoadWith(path, editions.LoadOptions{AllowPaths: []string{"../../editions/samples"}})
	if err != nil {
		t.Fatal(err)
	}
	src, err := editions.Load(sample)
	if err != nil {
		t.Fatal(err)
	}
	if len(ed.Pages) != 8 {
		t.Fatalf("%d pages, want 8", len(ed.Pages))
	}
	for i, p := range ed.Pages {
		if p.Number != i+1 || len(p.Articles) != len(src.Pages[0].Articles) {
			t.Errorf("page %d (number %d): %d articles, want %d", i+1, p.Number, len(p.Articles), len(src.Pages[0].Articles))
		}
	}
}
