package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/hyphen"
)

// TestSamplesHyphenateAtPatternPoints: wherever a sample's line ends with
// the hyphen the composer adds (U+00AD), the word it splits breaks at a
// point of the hyphenation patterns (never Broa-dsheet), with TeX's two
// letters before and three after; and the hard cases, which carry long
// Latin words in 13-em columns, do hyphenate some.
func TestSamplesHyphenateAtPatternPoints(t *testing.T) {
	lib := fonts.NewLibrary()
	h := hyphen.USEnglish()
	seen := 0
	for path, doc := range sampleDocs(t, lib) {
		open := map[string]string{} // article -> the letters before its added hyphen
		for _, pg := range doc.Pages {
			for _, it := range pg.Items {
				r, ok := it.(*display.GlyphRun)
				if !ok || len(r.Glyphs) == 0 {
					continue
				}
				text := runText(r)
				if before, ok := open[r.Article]; ok {
					delete(open, r.Article)
					after := leadingLetters(text)
					word := before + after
					pts := h.Points(nil, []byte(word), hyphen.TeXLeftMin, hyphen.TeXRightMin)
					if !slices.Contains(pts, len(before)) {
						t.Errorf("%s p%d %s: %s-%s is not a point of %s", path, pg.Number, r.Article, before, after, h.Hyphenate(word))
					}
					seen++
				}
				if strings.HasSuffix(text, "\u00ad") {
					before := trailingLetters(strings.TrimSuffix(text, "\u00ad"))
					if before == "" {
						t.Errorf("%s p%d %s: added hyphen after %q, not after a letter", path, pg.Number, r.Article, text)
						continue
					}
					open[r.Article] = before
				}
			}
		}
		for a := range open {
			t.Errorf("%s %s: a line ends with an added hyphen and no line follows", path, a)
		}
	}
	if seen == 0 {
		t.Error("no word hyphenated in the samples: the hard cases' long Latin words should be")
	}
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func trailingLetters(s string) string {
	i := len(s)
	for i > 0 && isLetter(s[i-1]) {
		i--
	}
	return s[i:]
}

func leadingLetters(s string) string {
	i := 0
	for i < len(s) && isLetter(s[i]) {
		i++
	}
	return s[:i]
}
