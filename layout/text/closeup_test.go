package text

import (
	"strings"
	"testing"
)

// TestSpreadEvenBesidePauses: a stretched line opens the junction after a
// comma no wider than those between Han ("防寒保暖， 设施" showed a quarter
// em hole after the comma when pause gaps stretched first).
func TestSpreadEvenBesidePauses(t *testing.T) {
	// NEWSPAPERING (in capitals: never hyphenated) cannot share the first
	// line, so 国家统计局，今天发布 (10 em) is spread over its 9 junctions:
	// 3/9 em each.
	p := Compose("国家统计局，今天发布NEWSPAPERING", bodyStyle(13))
	wantLines(t, p, "国家统计局，今天发布", "NEWSPAPERING")
	l := p.Lines[0]
	want := em + 3*em/9
	for k := 1; k < len(l.Glyphs); k++ {
		if d := l.Glyphs[k].Box - l.Glyphs[k-1].Box; d < want-1 || d > want+1 {
			t.Fatalf("%s|%s: advance %v, want %v (even)\n%s", l.Glyphs[k-1].Text, l.Glyphs[k].Text, d, want, dump(p))
		}
	}
}

// TestCloseUpNeverParts: closing up takes only junctions set solid: a word
// space keeps 2/9 em at least, however hard the line is squeezed (a
// narrower gap reads as letter-spacing: "Haixin Hydrogen" at 0.087 em),
// and a Han–Latin gap keeps an eighth until the characters have closed up
// all they may (tightGap at every solid junction between Han); only then
// does it give its last eighth.
func TestCloseUpNeverParts(t *testing.T) {
	for _, s := range []string{
		"国家统计局海新Haixin Hydrogen首套车今天发布数据显示全年增长",
		"国家统计局今天发布Go Go数据显示。全年增长国家统计局今天发布",
	} {
		for ems := 10; ems <= 16; ems++ {
			p := Compose(s, bodyStyle(ems))
			for li, l := range p.Lines {
				if l.Natural <= l.Width {
					continue // not squeezed
				}
				closed := true // every junction between two Han closed up by tightGap
				for k := 1; k < len(l.Glyphs); k++ {
					g0, g1 := l.Glyphs[k-1], l.Glyphs[k]
					if classify(firstRune(g0.Text)) == cHan && classify(firstRune(g1.Text)) == cHan && g1.Box-g0.Box-g0.Width != -em/tightDiv {
						closed = false
					}
				}
				for k := 1; k < len(l.Glyphs); k++ {
					g0, g1 := l.Glyphs[k-1], l.Glyphs[k]
					c0, c1 := classify(firstRune(g0.Text)), classify(firstRune(g1.Text))
					switch {
					case c1 == cSpace && g1.Width > 0 && g1.Width < em*2/9:
						t.Errorf("%d em, line %d: word space %v under 2/9 em\n%s", ems, li, g1.Width, dump(p))
					case (c0 == cSpace || c1 == cSpace) && g1.Box < g0.Box+g0.Width:
						t.Errorf("%d em, line %d: junction beside a word space moved by %v\n%s", ems, li, g1.Box-g0.Box-g0.Width, dump(p))
					case hanLike(c0) && c1.alnum() || c0.alnum() && hanLike(c1):
						switch gap := g1.Box - g0.Box - g0.Width; {
						case gap < 0:
							t.Errorf("%d em, line %d: Han–Latin gap %v overlaps\n%s", ems, li, gap, dump(p))
						case gap < em/8 && !closed:
							t.Errorf("%d em, line %d: Han–Latin gap %v under an eighth before the characters closed up\n%s", ems, li, gap, dump(p))
						}
					}
				}
			}
		}
	}
}

// TestDatelineSpaceGives: the space after a run-in dateline (IndentShrink)
// gives only where the first line would otherwise be loose, and only last.
func TestDatelineSpaceGives(t *testing.T) {
	st := bodyStyle(13)
	st.Indent = 64 * em / 10 // indent, a dateline and its space
	// 每周三晚上7点， squeezed as far as it goes without the give (the
	// comma's blank half, the Han–Latin gaps to an eighth, the characters
	// closed up) is 6.75 em: 0.15 em over the 6.6 em left, so without the
	// give 7点， goes down and the line is spread.
	text := "每周三晚上7点，渔港社区党群服务中心二楼的教室里总是座无虚席。"
	p := Compose(text, st)
	if first := lineTexts(p)[0]; strings.HasSuffix(first, "7点，") {
		t.Fatalf("without a give the first line holds 7点，:\n%s", dump(p))
	}
	st.IndentShrink = em / 2
	p = Compose(text, st)
	wantLines(t, p, "每周三晚上7点，", "渔港社区党群服务中心二楼的", "教室里总是座无虚席。")
	if x := p.Lines[0].Glyphs[0].Box; x >= st.Indent || x < st.Indent-em/2 {
		t.Fatalf("first glyph at %v: want the space to give, by half an em at most\n%s", x, dump(p))
	}
	wantNoDiag(t, p)
	// Where the line fits, the space stays whole.
	p = Compose("每周三晚上，渔港社区党群服务中心二楼的教室里总是座无虚席。", st)
	if x := p.Lines[0].Glyphs[0].Box; x != st.Indent {
		t.Fatalf("first glyph at %v, want %v (no give needed)\n%s", x, st.Indent, dump(p))
	}
}
