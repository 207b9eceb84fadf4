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
	ed, src := generated(t, sample, 8)
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
	ed, src := generated(t, "../../editions/samples/local-news.yaml", 8)
	for i, p := range ed.Pages {
		if p.Number != i+1 || len(p.Articles) != len(src.Pages[0].Articles) {
			t.Errorf("page %d (number %d): %d articles, want %d", i+1, p.Number, len(p.Articles), len(src.Pages[0].Articles))
		}
	}
}

// generated writes the edition Generate makes of sample at n pages and
// loads it (the loader checks ids, files and continue-on), with the sample.
func generated(t *testing.T, sample string, n int) (ed, src *editions.Edition) {
	t.Helper()
	b, err := Generate(sample, n)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "generated.yaml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ed, err = editions.LoadWith(path, editions.LoadOptions{AllowPaths: []string{"../../editions/samples"}}) // absolute paths into the samples
	if err != nil {
		t.Fatal(err)
	}
	if src, err = editions.Load(sample); err != nil {
		t.Fatal(err)
	}
	if len(ed.Pages) != n {
		t.Fatalf("%d pages, want %d", len(ed.Pages), n)
	}
	return ed, src
}
