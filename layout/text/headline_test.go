package text

import (
	"strings"
	"testing"
	"unicode"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// TestHeadlineNoShortLastLine: a headline that must take two lines never
// leaves a word of one or two characters, or closing punctuation, alone
// on its last line (the samples left "“上岗”" and "46.8%" alone).
func TestHeadlineNoShortLastLine(t *testing.T) {
	f := realFaces(t)[fonts.SansBold]
	size := units.Pt(24)
	for _, tc := range []struct {
		text    string
		measure units.Length
	}{
		{"5G远程操控岸桥正式“上岗”", 10 * size},
		{"家庭医生签约服务覆盖率达到46.8%", 14 * size},
		{"新材料产业产值首次突破300亿元", 13 * size},
		{"渔港社区“海上夜校”为何场场爆满？", 14 * size},
	} {
		st := Style{Font: f, Size: size, Measure: tc.measure, Align: Center, Headline: true}
		p := Compose(tc.text, st)
		if len(p.Lines) < 2 {
			t.Errorf("%s: %d line(s) at %v; the test wants a headline that needs two", tc.text, len(p.Lines), tc.measure)
			continue
		}
		for i, l := range p.Lines {
			n := 0
			for _, c := range p.Text[l.Start:l.End] {
				if unicode.IsLetter(c) || unicode.IsDigit(c) {
					n++
				}
			}
			if n <= 2 || 3*l.Width < tc.measure {
				t.Errorf("%s: line %d %q is too short (%d characters, %v of %v)", tc.text, i+1, p.Text[l.Start:l.End], n, l.Width, tc.measure)
			}
		}
	}
}

// TestPhrasesKeepNames: a byline set with Phrases breaks between names,
// never inside one, and squeezes its name spaces before it breaks.
func TestPhrasesKeepNames(t *testing.T) {
	f := realFaces(t)[fonts.Kai]
	em := units.Pt(9)
	for _, tc := range []struct {
		text  string
		lines []string
	}{
		{"■记者 何嘉禾 通讯员 王立群", []string{"■记者 何嘉禾 通讯员 王立群"}},
		{"■记者 高远 通讯员 丁小满 胡悦", []string{"■记者 高远 通讯员 丁小满 ", "胡悦"}},
	} {
		st := DefaultStyle(f, em, 13*em)
		st.Indent, st.Phrases = 0, true
		p := Compose(tc.text, st)
		var got []string
		for _, l := range p.Lines {
			got = append(got, p.Text[l.Start:l.End])
		}
		if len(got) != len(tc.lines) {
			t.Errorf("%s: lines %q, want %q", tc.text, got, tc.lines)
			continue
		}
		for i := range got {
			if got[i] != tc.lines[i] {
				t.Errorf("%s: lines %q, want %q", tc.text, got, tc.lines)
				break
			}
		}
	}
}

// TestHeadlineLatinClauseSpace: a space typed in a headline between Han
// and Latin parts two clauses, as one between two Han does: an em wide
// (hard-cases' subtitle "集装箱吞吐量21.7万标箱 LNG进口量创历史同期新高"
// read as one phrase with a quarter em there). In body text the same
// space is the Han–Latin gap, a quarter em.
func TestHeadlineLatinClauseSpace(t *testing.T) {
	f := realFaces(t)[fonts.SansBold]
	size := units.Pt(14)
	const text = "集装箱吞吐量21.7万标箱 LNG进口量创历史同期新高"
	for _, c := range []struct {
		headline bool
		want     units.Length
	}{{true, size}, {false, size / 4}} {
		st := Style{Font: f, Size: size, Measure: 40 * size, Align: Left, Headline: c.headline, Normalize: true, Strict: true}
		p := Compose(text, st)
		if len(p.Lines) != 1 {
			t.Fatalf("headline %v: %d lines\n%s", c.headline, len(p.Lines), dump(p))
		}
		gs, found := p.Lines[0].Glyphs, false
		for k := 1; k < len(gs); k++ {
			if gs[k].Text != "L" {
				continue
			}
			j := k - 1
			for j > 0 && strings.TrimSpace(gs[j].Text) == "" {
				j-- // the space, if it is drawn as a glyph
			}
			found = gs[j].Text == "箱"
			if g := gs[k].Box - gs[j].Box - gs[j].Width; g < c.want-1 || g > c.want+1 {
				t.Errorf("headline %v: %s to L %v apart, want %v\n%s", c.headline, gs[j].Text, g, c.want, dump(p))
			}
		}
		if !found {
			t.Errorf("headline %v: no 箱 before L\n%s", c.headline, dump(p))
		}
	}
}
