package text

import (
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/units"
)

// genParagraph draws a random mix of Han, punctuation, Latin words, numbers
// and spaces, roughly as a news paragraph strings them together. wild lets
// through what editors should not type (runs of marks, long words, URLs).
func genParagraph(t *rapid.T, wild bool) string {
	han := []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质治")
	open := []string{"“", "‘", "（", "《", "「", "【", "〔", "〖"}
	closing := map[string]string{"“": "”", "‘": "’", "（": "）", "《": "》", "「": "」", "【": "】", "〔": "〕", "〖": "〗"}
	stops := []string{"，", "。", "、", "；", "：", "！", "？", "，", "。"}
	words := []string{"Go", "AI", "GDP", "iPhone", "Broadsheet", "well-known", "COVID-19", "x", "WiFi", "PDF"}
	if wild {
		words = append(words, "internationalization", "https://example.com/a/b.html", "www.gov.cn", "e.g.")
	}
	var b strings.Builder
	n := rapid.IntRange(1, 120).Draw(t, "tokens")
	var stack []string
	for i := 0; i < n; i++ {
		switch rapid.IntRange(0, 19).Draw(t, "kind") {
		case 0, 1, 2, 3, 4, 5, 6, 7, 8:
			k := rapid.IntRange(1, 6).Draw(t, "hanlen")
			for j := 0; j < k; j++ {
				b.WriteRune(han[rapid.IntRange(0, len(han)-1).Draw(t, "han")])
			}
		case 9, 10:
			b.WriteString(stops[rapid.IntRange(0, len(stops)-1).Draw(t, "stop")])
		case 11:
			o := open[rapid.IntRange(0, len(open)-1).Draw(t, "open")]
			b.WriteString(o)
			stack = append(stack, closing[o])
			b.WriteRune(han[rapid.IntRange(0, len(han)-1).Draw(t, "han")])
		case 12:
			if len(stack) > 0 {
				b.WriteString(stack[len(stack)-1])
				stack = stack[:len(stack)-1]
			}
		case 13:
			if !wild { // tame text never runs words and numbers together
				b.WriteRune(han[rapid.IntRange(0, len(han)-1).Draw(t, "han")])
			}
			w := words[rapid.IntRange(0, len(words)-1).Draw(t, "word")]
			if rapid.Bool().Draw(t, "space") {
				w = " " + w + " "
			}
			b.WriteString(w)
		case 14:
			if !wild {
				b.WriteRune(han[rapid.IntRange(0, len(han)-1).Draw(t, "han")])
			}
			num := []string{"2026", "3", "16", "6.5%", "1,234.5", "¥100", "$5", "50‰", "37℃", "12%"}
			b.WriteString(num[rapid.IntRange(0, len(num)-1).Draw(t, "num")])
		case 15:
			b.WriteString([]string{"——", "……"}[rapid.IntRange(0, 1).Draw(t, "dash")])
		case 16:
			if wild {
				b.WriteString([]string{" ", ",", "\"", "(", ")", "·", "  ", "/"}[rapid.IntRange(0, 7).Draw(t, "ascii")])
			} else {
				b.WriteString("·")
			}
		default:
			b.WriteRune(han[rapid.IntRange(0, len(han)-1).Draw(t, "han")])
		}
	}
	for len(stack) > 0 {
		b.WriteString(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
	}
	return b.String()
}

func genStyle(t *rapid.T, wild bool) Style {
	return genStyleFont(t, wild, fakeFont{centred: rapid.Bool().Draw(t, "centred")})
}

func genStyleFont(t *rapid.T, wild bool, f Font) Style {
	size := units.Length(rapid.SampledFrom([]int64{9000, 10500, 8000, 12000, rapid.Int64Range(5000, 20000).Draw(t, "size")}).Draw(t, "sizepick"))
	var measure units.Length
	minChars := 12
	if wild {
		minChars = 3
	}
	if rapid.Bool().Draw(t, "whole") {
		measure = size * units.Length(rapid.IntRange(minChars, 30).Draw(t, "chars"))
	} else {
		measure = units.Length(rapid.Int64Range(int64(size)*int64(minChars), int64(size)*30).Draw(t, "measure"))
	}
	st := DefaultStyle(f, size, measure)
	st.Punctuation = PunctStyle(rapid.IntRange(0, 2).Draw(t, "punct"))
	st.Strict = rapid.Bool().Draw(t, "strict")
	st.Normalize = rapid.Bool().Draw(t, "normalize")
	if rapid.IntRange(0, 3).Draw(t, "indent") == 0 {
		st.Indent = 0
	}
	return st
}

func hasDiag(p Paragraph, line int, codes ...diag.Code) bool {
	for _, d := range p.Diagnostics {
		if d.Line == line {
			for _, c := range codes {
				if d.Code == c {
					return true
				}
			}
		}
	}
	return false
}

// setText is the text Compose sets for in in style st: in, normalised
// when st asks.
func setText(in string, st Style) string {
	if st.Normalize {
		// A headline keeps a space typed beside a mark: its clause space.
		return normalize(in, st.Headline)
	}
	return in
}

// checkParagraph asserts the composer's invariants on p, set from in with st.
func checkParagraph(t *rapid.T, in string, st Style, p Paragraph) {
	if want := setText(in, st); p.Text != want {
		t.Fatalf("Text = %q, want %q", p.Text, want)
	}
	var all strings.Builder
	pos := 0
	em := st.Size
	for i, l := range p.Lines {
		if l.Start != pos {
			t.Fatalf("line %d starts at %d, want %d", i, l.Start, pos)
		}
		var lt strings.Builder
		for k, g := range l.Glyphs {
			if l.Hyphen && k == len(l.Glyphs)-1 {
				// An added hyphen ends its line, after a letter, before one.
				next, _ := utf8.DecodeRuneInString(p.Text[l.End:])
				if k != len(l.Glyphs)-1 || g.Text != "\u00ad" || k == 0 ||
					classify(firstRune(l.Glyphs[k-1].Text)) != cLetter || classify(next) != cLetter {
					t.Fatalf("line %d: added hyphen %d of %d after %q, before %q", i, k, len(l.Glyphs), l.Glyphs[max(k-1, 0)].Text, next)
				}
				if w, ok := atHyphenPoint(p.Text, int(l.End)); !ok {
					t.Fatalf("line %d %q ends with an added hyphen, not at a point of %s", i, p.Text[l.Start:l.End], w)
				}
				continue
			}
			lt.WriteString(g.Text)
		}
		if lt.String() != p.Text[l.Start:l.End] {
			t.Fatalf("line %d glyphs spell %q, Start:End gives %q", i, lt.String(), p.Text[l.Start:l.End])
		}
		all.WriteString(lt.String())
		pos = l.End
		if l.Last != (i == len(p.Lines)-1) && !strings.ContainsAny(p.Text[l.Start:l.End], "\n\r") {
			t.Fatalf("line %d: Last = %v", i, l.Last)
		}
		overfull := hasDiag(p, i, "overfull")
		// Geometry: boxes in order, none overlapping by more than a
		// squeezed line's closing up, inside the measure.
		prevEnd := units.Length(0)
		lastVis := -1
		for k, g := range l.Glyphs {
			if g.Width < 0 {
				t.Fatalf("line %d glyph %d %q has negative width %v", i, k, g.Text, g.Width)
			}
			// A squeezed line may close its characters up by
			// 1/tightDiv em a junction, never more.
			if g.Box < prevEnd-st.Size/tightDiv-1 {
				t.Fatalf("line %d glyph %d %q at %v overlaps the previous ending at %v", i, k, g.Text, g.Box, prevEnd)
			}
			prevEnd = g.Box + g.Width
			if prevEnd > st.Measure && !overfull {
				t.Fatalf("line %d glyph %d %q ends at %v beyond the measure %v", i, k, g.Text, prevEnd, st.Measure)
			}
			if c := classify(firstRune(g.Text)); !vanishes(c) {
				lastVis = k
			}
			// A mark's ink stays inside its room: only blank was taken.
			if c := classify(firstRune(g.Text)); c.compressible() || c == cMiddle {
				l, r := st.Font.InkBounds(firstRune(g.Text), em)
				if tol := em * 3 / 100; g.X+l < g.Box-tol || g.X+r > g.Box+g.Width+tol {
					t.Fatalf("line %d glyph %d %q: ink [%v,%v] outside its box [%v,%v]", i, k, g.Text, g.X+l, g.X+r, g.Box, g.Box+g.Width)
				}
			}
		}
		if l.Width > st.Measure && !overfull {
			t.Fatalf("line %d is %v wide, measure %v", i, l.Width, st.Measure)
		}
		// Kinsoku.
		if i > 0 && !hasDiag(p, i-1, "kinsoku-relaxed", "word-broken", "overfull") {
			r := firstRune(l.Glyphs[0].Text)
			if noStart(r, st.Strict) {
				t.Fatalf("line %d starts with %q", i, r)
			}
		}
		if !l.Last && lastVis >= 0 && !hasDiag(p, i, "kinsoku-relaxed", "word-broken", "overfull") {
			if r := firstRune(l.Glyphs[lastVis].Text); noEnd(r) {
				t.Fatalf("line %d ends with %q", i, r)
			}
		}
		// Justification never spreads a Latin word or a number.
		if !hasDiag(p, i, "overfull") {
			for k := 1; k < len(l.Glyphs); k++ {
				g0, g1 := l.Glyphs[k-1], l.Glyphs[k]
				if l.Hyphen && k == len(l.Glyphs)-1 {
					continue
				}
				r0, r1 := firstRune(g0.Text), firstRune(g1.Text)
				if latinish(classify(r0)) && latinish(classify(r1)) && g1.Box != g0.Box+g0.Width {
					t.Fatalf("line %d %q: %q and %q are %v apart", i, lt.String(), g0.Text, g1.Text, g1.Box-g0.Box-g0.Width)
				}
			}
		}
		// Flush: every line but the last fills the measure.
		if !l.Last && st.Align == Justify && !st.Headline && !hasDiag(p, i, "loose-line", "overfull") {
			if d := st.Measure - l.Width; d > 10 || d < -10 {
				t.Fatalf("line %d %q is %v wide, not flush with the measure %v", i, lt.String(), l.Width, st.Measure)
			}
		}
		// Han alone on a whole-character measure: exactly on the grid.
		avail := st.Measure
		if i == 0 {
			avail -= st.Indent
		}
		if !l.Last && avail%em == 0 && lastVis >= 0 && !hasDiag(p, i, "off-grid") {
			hanOnly := true
			for _, g := range l.Glyphs[:lastVis+1] {
				if classify(firstRune(g.Text)) != cHan {
					hanOnly = false
				}
			}
			if hanOnly {
				x := st.Measure - avail
				for k, g := range l.Glyphs[:lastVis+1] {
					if g.Box != x || g.Width != em {
						t.Fatalf("line %d %q: Han glyph %d at %v width %v, grid wants %v width %v", i, lt.String(), k, g.Box, g.Width, x, em)
					}
					x += em
				}
			}
		}
	}
	if all.String() != p.Text {
		t.Fatalf("lines spell %q, text is %q", all.String(), p.Text)
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func TestPropertyCompose(t *testing.T) {
	c := NewComposer()
	rapid.Check(t, func(t *rapid.T) {
		wild := rapid.Bool().Draw(t, "wild")
		in := genParagraph(t, wild)
		st := genStyle(t, wild)
		p := c.Compose(in, st)
		checkParagraph(t, in, st, p)
		if !wild {
			// Realistic text on a realistic measure keeps every rule.
			for _, d := range p.Diagnostics {
				switch d.Code {
				case "kinsoku-relaxed", "word-broken", "overfull":
					t.Fatalf("unexpected diagnostic %s: %s\n%s", d.Code, d.Message, dump(p))
				}
			}
		}
	})
}
