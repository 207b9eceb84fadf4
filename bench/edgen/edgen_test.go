package edgen

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	return generatedWith(t, sample, n, Options{})
}

// generatedWith is generated with options.
func generatedWith(t *testing.T, sample string, n int, opt Options) (ed, src *editions.Edition) {
	t.Helper()
	b, err := GenerateWith(sample, n, opt)
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

// TestGenerateVaried: with Vary, page 1 is the sample's, and each later
// page's body paragraphs hold the same characters as the sample's (the
// same sentences) in an order no other page has, wherever a paragraph has
// two sentences or more; headlines stay the sample's.
func TestGenerateVaried(t *testing.T) {
	ed, src := generatedWith(t, "../../editions/samples/local-news.yaml", 8, Options{Vary: true})
	sorted := func(s string) string {
		r := []rune(s)
		slices.Sort(r)
		return string(r)
	}
	seen := map[string]int{} // paragraph -> page
	differ := 0
	for i, p := range ed.Pages {
		for j, a := range p.Articles {
			sa := src.Pages[0].Articles[j]
			if a.Headline != sa.Headline || len(a.Body) != len(sa.Body) {
				t.Fatalf("page %d, %s: headline %q with %d paragraphs, want the sample's %q with %d", i+1, a.ID, a.Headline, len(a.Body), sa.Headline, len(sa.Body))
			}
			for k, par := range a.Body {
				want := sa.Body[k]
				if sorted(par) != sorted(want) {
					t.Errorf("page %d, %s, paragraph %d: not the sample's characters:\n%s\n%s", i+1, a.ID, k+1, par, want)
				}
				if i == 0 && par != want {
					t.Errorf("page 1, %s, paragraph %d changed", a.ID, k+1)
				}
				if len(sentences(want)) < 2 {
					continue
				}
				if i > 0 && par != want {
					differ++
				}
				if pg, ok := seen[par]; ok && len(sentences(want)) > 2 && i < 6 {
					// 3! = 6 orderings: the first six pages all differ.
					t.Errorf("page %d, %s, paragraph %d: the same as on page %d", i+1, a.ID, k+1, pg)
				}
				seen[par] = i + 1
			}
		}
	}
	if differ == 0 {
		t.Error("no paragraph varies")
	}
}

// TestPermute: the orderings are counted in lexicographic order from the
// identity, round again after n!.
func TestPermute(t *testing.T) {
	s := []string{"a", "b", "c"}
	want := []string{"abc", "acb", "bac", "bca", "cab", "cba", "abc"}
	for k, w := range want {
		if got := strings.Join(permute(s, k), ""); got != w {
			t.Errorf("permute(abc, %d) = %s, want %s", k, got, w)
		}
	}
	// A paragraph of 70 sentences (70! overflows an int, and was 0 mod
	// 2^64: a division by zero): its 3rd ordering moves the last three as
	// abc's 3rd does (bca).
	long := make([]string, 70)
	for i := range long {
		long[i] = string(rune('A' + i))
	}
	got := permute(long, 3)
	if !slices.Equal(got[:67], long[:67]) || strings.Join(got[67:], "") != long[68]+long[69]+long[67] {
		t.Errorf("permute(70 items, 3) ends %q", got[66:])
	}
	if got := sentences("他说：“好。”我们走吧！还有呢"); !slices.Equal(got, []string{"他说：“好。”", "我们走吧！", "还有呢"}) {
		t.Errorf("sentences: %q", got)
	}
}
