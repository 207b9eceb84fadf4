package text

import (
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/layout/hyphen"
)

// TestHyphenateAtPatternPoints: on a narrow measure a long Latin word
// breaks only where the hyphenation patterns put a point (package hyphen),
// and the line ends with the added hyphen drawn: never "Broa-dsheet" or
// "Internatio-nalization".
func TestHyphenateAtPatternPoints(t *testing.T) {
	for _, c := range []struct {
		text  string
		ems   int
		lines []string // as set, the added hyphen shown as -
	}{
		{"Internationalization", 5, nil},
		{"港口集团今天推进Internationalization战略，发布数据显示全年增长", 10, []string{"港口集团今天推进In-", "ternationalization战略，", "发布数据显示全年增长"}},
		{"国家统计局今天发布数Broadsheet据全年增长", 13, []string{"国家统计局今天发布数Broad-", "sheet据全年增长"}},
		{"港口集团推进Internationalization战略", 8, nil},
		{"新闻排版characteristically很难", 6, nil},
	} {
		p := Compose(c.text, bodyStyle(c.ems))
		var got []string
		hyphenated := 0
		for i, l := range p.Lines {
			var b strings.Builder
			for k, g := range l.Glyphs {
				if l.Hyphen && k == len(l.Glyphs)-1 {
					if g.Text != "\u00ad" || g.Width <= 0 {
						t.Fatalf("%q line %d: last glyph %q width %v, want the added hyphen drawn\n%s", c.text, i, g.Text, g.Width, dump(p))
					}
					b.WriteByte('-')
					continue
				}
				b.WriteString(g.Text)
			}
			got = append(got, b.String())
			if i == len(p.Lines)-1 {
				continue
			}
			end, next := p.Text[l.End-1], p.Text[l.End]
			if !isASCIILetter(end) || !isASCIILetter(next) {
				if l.Hyphen {
					t.Fatalf("%q line %d: added hyphen not inside a word\n%s", c.text, i, dump(p))
				}
				continue
			}
			if !l.Hyphen {
				t.Fatalf("%q line %d: a word broken without a hyphen\n%s", c.text, i, dump(p))
			}
			hyphenated++
			if w, ok := atHyphenPoint(p.Text, int(l.End)); !ok {
				t.Errorf("%q line %d: %s- is not at a point of %s", c.text, i, p.Text[l.Start:l.End], w)
			}
		}
		if hyphenated == 0 {
			t.Errorf("%q at %d em: no word hyphenated\n%s", c.text, c.ems, dump(p))
		}
		if c.lines != nil && !slices.Equal(got, c.lines) {
			t.Errorf("%q at %d em:\n got %q\nwant %q", c.text, c.ems, got, c.lines)
		}
	}
}

// TestNotHyphenated: words in capitals, with digits or a capital inside,
// compounds, URLs and e-mail addresses never take an added hyphen,
// however narrow the measure.
func TestNotHyphenated(t *testing.T) {
	for _, w := range []string{
		"INTERNATIONALIZATION", "COVID19vaccination", "iPhoneapplication",
		"state-of-the-art", "internationalization's", "newspaper.Internationalization",
		"https://www.example.com/internationalization", "internationalization@example.com",
		"naïvetéinternationalization",
	} {
		for ems := 3; ems <= 8; ems++ {
			p := Compose("港口集团"+w+"战略", bodyStyle(ems))
			for i, l := range p.Lines {
				if l.Hyphen {
					t.Fatalf("%q at %d em: line %d hyphenated\n%s", w, ems, i, dump(p))
				}
			}
		}
	}
}

// atHyphenPoint reports whether a break at byte at of text falls at a
// hyphenation point of the word of ASCII letters around it, and returns
// the word hyphenated.
func atHyphenPoint(text string, at int) (string, bool) {
	a, e := at, at
	for a > 0 && isASCIILetter(text[a-1]) {
		a--
	}
	for e < len(text) && isASCIILetter(text[e]) {
		e++
	}
	h := hyphen.USEnglish()
	word := text[a:e]
	return h.Hyphenate(word), slices.Contains(h.Points(nil, []byte(word), minHyphenLeft, minHyphenRight), at-a)
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// TestHeadlineHyphenatesLast: a headline breaks a Latin word with a hyphen
// as dearly as it breaks a Chinese word (penWordSplit): between words
// when that fits, hyphenated only when nothing else does.
func TestHeadlineHyphenatesLast(t *testing.T) {
	for _, c := range []struct {
		ems    int
		lines  []string
		hyphen bool
	}{
		// Body text would take 港口集团全面推进In-|ternationalization战略.
		{10, []string{"港口集团全面推进", "Internationalization", "战略"}, false},
		{8, []string{"港口集团全面", "推进Interna", "tionalization战略"}, true},
	} {
		st := bodyStyle(c.ems)
		st.Headline, st.Align = true, Center
		p := Compose("港口集团全面推进Internationalization战略", st)
		if got := lineTexts(p); !slices.Equal(got, c.lines) {
			t.Errorf("%d em: %q, want %q\n%s", c.ems, got, c.lines, dump(p))
		}
		hyph := false
		for _, l := range p.Lines {
			hyph = hyph || l.Hyphen
		}
		if hyph != c.hyphen {
			t.Errorf("%d em: hyphenated %v, want %v\n%s", c.ems, hyph, c.hyphen, dump(p))
		}
	}
	if got := lineTexts(Compose("港口集团全面推进Internationalization战略", bodyStyle(10))); got[0] != "港口集团全面推进In" {
		t.Errorf("body text at 10 em: %q, want the word hyphenated after In", got)
	}
}
