package editions

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/broadsheet-news/broadsheet/bench/edgen"
)

// sameTree reports where two node trees differ in what decoding reads:
// kind, style, tag, value, anchor, alias and position ("" when nowhere).
func sameTree(a, b *yaml.Node, path string) string {
	switch {
	case a == nil || b == nil:
		if a != b {
			return path + ": one node is nil"
		}
		return ""
	case a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content):
		return fmt.Sprintf("%s: %+v\nvs %+v", path, *a, *b)
	case (a.Alias == nil) != (b.Alias == nil):
		return path + ": alias"
	case a.Alias != nil && (a.Alias.Line != b.Alias.Line || a.Alias.Column != b.Alias.Column):
		return path + ": alias target"
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkSplit: whenever parseSplit takes a file, parsing it whole gives the
// same tree and no problem.
func checkSplit(t *testing.T, data []byte, pieces int) bool {
	t.Helper()
	lfOnly := !bytes.ContainsAny(data, "\r\u0085\u2028\u2029")
	split, ok := parseSplit(data, lfOnly, pieces, 0)
	if !ok {
		return false
	}
	ps := &problems{file: "x.yaml"}
	whole, err := decodeOne("x.yaml", data, ps)
	if err != nil || len(ps.list) > 0 {
		t.Fatalf("%d pieces parsed, but the whole file does not: %v %v", pieces, err, ps.list)
	}
	if d := sameTree(whole, split, ""); d != "" {
		t.Fatalf("%d pieces: the trees differ at %s", pieces, d)
	}
	return true
}

func splitSamples(t testing.TB) [][]byte {
	var out [][]byte
	for _, s := range []struct {
		path  string
		pages int
	}{{"samples/local-news.yaml", 3}, {"samples/four-pages.yaml", 8}} {
		y, err := edgen.GenerateWith(s.path, s.pages, edgen.Options{Vary: true})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, y)
	}
	return out
}

func TestParseSplitMatchesWhole(t *testing.T) {
	for _, y := range splitSamples(t) {
		for _, n := range []int{2, 3, 5} {
			if !checkSplit(t, y, n) {
				t.Fatalf("%d pieces: a generated edition was not split", n)
			}
		}
		// A tail after the list, an alias across pieces, a list at the
		// left edge: parsed whole.
		s := string(y)
		first := strings.Index(s, "\n  - number: 2")
		for _, bad := range []string{
			s + "style: {}\n",
			s[:first] + "\n  - &p {number: 99}" + s[first:] + "  - *p\n",
			strings.ReplaceAll(s, "\n  ", "\n"),
			strings.Replace(s, "pages:", "pages: # the pages", 1),
		} {
			if _, ok := parseSplit([]byte(bad), true, 2, 0); ok {
				t.Errorf("parseSplit took a file it should leave whole:\n%.300s", bad[first-200:])
			}
		}
	}
	for _, name := range []string{"samples/four-pages.yaml", "samples/local-news.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		split := checkSplit(t, b, 2)
		if pages := bytes.Count(b, []byte("\n  - number:")); split != (pages > 1) {
			t.Errorf("%s, %d pages: split %v", name, pages, split)
		}
	}
}

// FuzzParseSplit: parseSplit either leaves a file to decodeOne or gives
// the tree decodeOne gives.
func FuzzParseSplit(f *testing.F) {
	for _, y := range splitSamples(f) {
		f.Add(y, uint8(2))
	}
	for _, name := range []string{"samples/four-pages.yaml", "samples/local-news.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(3))
	}
	f.Add([]byte("paper: x\npages:\n  - a: 1\n  - b\n"), uint8(2))
	f.Add([]byte("a: &x 1\npages:\n - *x\n - \"q\n - r\"\n - [1,\n - 2]\n"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, pieces uint8) {
		checkSplit(t, data, int(pieces%6))
	})
}
