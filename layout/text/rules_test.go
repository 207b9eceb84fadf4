package text

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/units"
)

const em = 10 * units.Point // the tables' em: numbers read as tenths of an em

func dump(p Paragraph) string {
	var b strings.Builder
	for _, l := range p.Lines {
		var t strings.Builder
		for _, g := range l.Glyphs {
			t.WriteString(g.Text)
		}
		fmt.Fprintf(&b, "%-30s w=%v nat=%v last=%v\n", t.String(), l.Width, l.Natural, l.Last)
	}
	for _, d := range p.Diagnostics {
		fmt.Fprintf(&b, "diag %s (line %d): %s\n", d.Code, d.Line, d.Message)
	}
	return b.String()
}

// bodyStyle is a body style on the fake font: chars characters wide, no indent.
func bodyStyle(chars int) Style {
	st := DefaultStyle(fakeFont{}, em, units.Length(chars)*em)
	st.Indent = 0
	st.Normalize = false
	return st
}

func lineTexts(p Paragraph) []string {
	var out []string
	for _, l := range p.Lines {
		out = append(out, p.Text[l.Start:l.End])
	}
	return out
}

// glyph returns the n-th glyph spelling s (0-based) in line li.
func glyph(t *testing.T, p Paragraph, li int, s string, n int) Glyph {
	t.Helper()
	for _, g := range p.Lines[li].Glyphs {
		if g.Text == s {
			if n == 0 {
				return g
			}
			n--
		}
	}
	t.Fatalf("no %q in line %d:\n%s", s, li, dump(p))
	return Glyph{}
}

func wantLines(t *testing.T, p Paragraph, want ...string) {
	t.Helper()
	got := lineTexts(p)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("lines:\n got %q\nwant %q\n%s", got, want, dump(p))
	}
}

func wantNoDiag(t *testing.T, p Paragraph) {
	t.Helper()
	if len(p.Diagnostics) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", dump(p))
	}
}

func wantDiag(t *testing.T, p Paragraph, code diag.Code) {
	t.Helper()
	for _, d := range p.Diagnostics {
		if d.Code == code {
			return
		}
	}
	t.Fatalf("no %s diagnostic:\n%s", code, dump(p))
}

// onGrid asserts that line li's glyphs sit one em apart from x.
func onGrid(t *testing.T, p Paragraph, li int, x units.Length) {
	t.Helper()
	for k, g := range p.Lines[li].Glyphs {
		if g.Box != x || g.Width != em || g.X != x {
			t.Fatalf("line %d glyph %d %q at box %v (x %v) width %v, want %v width %v\n%s", li, k, g.Text, g.Box, g.X, g.Width, x, em, dump(p))
		}
		x += em
	}
}

func TestGrid(t *testing.T) {
	p := Compose(strings.Repeat("国家统计局今天发布数据显示", 2)+"全年增长", bodyStyle(13))
	wantLines(t, p, "国家统计局今天发布数据显示", "国家统计局今天发布数据显示", "全年增长")
	wantNoDiag(t, p)
	onGrid(t, p, 0, 0)
	onGrid(t, p, 1, 0)
	onGrid(t, p, 2, 0)
	// The two-em indent keeps the first line on the grid too.
	st := bodyStyle(13)
	st.Indent = 2 * em
	p = Compose("国家统计局今天发布数据显示全年经济平稳增长，", st)
	wantLines(t, p, "国家统计局今天发布数据", "显示全年经济平稳增长，")
	onGrid(t, p, 0, 2*em)
	if p.Lines[0].Width != 13*em {
		t.Fatalf("first line width %v", p.Lines[0].Width)
	}
}

func TestKinsokuSqueezeBeforePush(t *testing.T) {
	// 12 Han + ， + 。 is 14 em; squeezing both marks to half an em fits the
	// 13-em line, so 。 does not start the next line and no line is stretched.
	p := Compose("国家统计局，今天发布数据示。全年增长", bodyStyle(13))
	wantLines(t, p, "国家统计局，今天发布数据示。", "全年增长")
	wantNoDiag(t, p)
	if g := glyph(t, p, 0, "，", 0); g.Width != em/2 || g.X != g.Box {
		t.Fatalf("， %+v: want half an em cut from the right", g)
	}
	if g := glyph(t, p, 0, "。", 0); g.Width != em/2 || g.Box+g.Width != 13*em {
		t.Fatalf("。 %+v: want half an em, flush right", g)
	}
}

func TestKinsokuPushOut(t *testing.T) {
	// No mark to squeeze but the line-end 。: the thirteen junctions close
	// up by 1/26 em each and take 示。 in (先挤进), rather than push 示 down and
	// spread the line by 1/11 em a character (a loose line, off the grid).
	p := Compose("国家统计局今天发布数据显示。全年增长", bodyStyle(13))
	wantLines(t, p, "国家统计局今天发布数据显示。", "全年增长")
	wantNoDiag(t, p)
	l := p.Lines[0]
	if w := l.Width; w != 13*em {
		t.Fatalf("line 0 width %v", w)
	}
	for k := 1; k < 14; k++ {
		if d := l.Glyphs[k].Box - l.Glyphs[k-1].Box; d < em-em/26-1 || d > em-em/26+1 {
			t.Fatalf("junction %d: advance %v, want %v (evenly closed up)\n%s", k, d, em-em/26, dump(p))
		}
	}
	// Two marks (。” take an em at the line end) need a whole em: more
	// than closing up may take (1/20 em a junction), so 示 is pushed down
	// with them (后推出), and the Han-only line is reported off-grid.
	p = Compose("国家统计局今天发布数据显示。”全年增长", bodyStyle(13))
	wantLines(t, p, "国家统计局今天发布数据显", "示。”全年增长")
	wantDiag(t, p, "off-grid")
	if w := p.Lines[0].Width; w != 13*em {
		t.Fatalf("line 0 width %v", w)
	}
	// The opening quote may not end a line: it goes down with its word.
	p = Compose("国家统计局今天，发布数据显“示”全年增长", bodyStyle(13))
	for i, l := range lineTexts(p) {
		if strings.HasSuffix(l, "“") {
			t.Fatalf("line %d ends with “:\n%s", i, dump(p))
		}
	}
	wantNoDiag(t, p)
}

// The kinsoku tables (no-line-start, no-line-end) and the strict and basic
// tables are checked case by case in testdata/clreq.tsv (TestClreqCases).

func TestDashesNeverSplit(t *testing.T) {
	for _, c := range []struct{ name, mark string }{{"two-em dash", "——"}, {"ellipsis", "……"}} {
		t.Run(c.name, func(t *testing.T) {
			mark := c.mark
			// The pair would straddle the line end at a 13-em measure.
			p := Compose("国家统计局今天，发布数据显示"+mark+"全年增长", bodyStyle(13))
			for i, l := range lineTexts(p) {
				if strings.HasPrefix(l, mark[:3]) || (strings.HasSuffix(l, mark[:3]) && !strings.HasSuffix(l, mark)) {
					t.Fatalf("%s split or starts line %d:\n%s", mark, i, dump(p))
				}
			}
			// Spread never opens the pair: its halves stay one em apart.
			for li, l := range p.Lines {
				for k := 1; k < len(l.Glyphs); k++ {
					if l.Glyphs[k].Text == mark[:3] && l.Glyphs[k-1].Text == mark[:3] && l.Glyphs[k].Box != l.Glyphs[k-1].Box+em {
						t.Fatalf("%s opened on line %d:\n%s", mark, li, dump(p))
					}
				}
			}
		})
	}
}

// TestWholeWordsAndNumbers: numbers and short words stay whole wherever
// they fall; a long Latin word is kept whole or broken with a hyphen
// shown, never silently.
func TestWholeWordsAndNumbers(t *testing.T) {
	for _, c := range []struct{ name, word string }{
		{"grouped decimal percent", "1,234.5%"},
		{"currency prefix", "¥1,200"},
		{"latin word", "Broadsheet"},
		{"unit suffix", "37.5℃"},
		{"signed per mille", "-12.5‰"},
		{"hyphenated code", "COVID-19"},
		{"acronym", "LNG"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// At every position across the line end, the word stays whole,
			// or (a Latin word only) breaks with an added hyphen.
			for pad := 8; pad <= 12; pad++ {
				text := strings.Repeat("国", pad) + c.word + "全年增长数据显示统计局今天发布"
				p := Compose(text, bodyStyle(13))
				if strings.Contains(strings.Join(lineTexts(p), "\n"), c.word) {
					continue
				}
				for i, l := range p.Lines[:len(p.Lines)-1] {
					end := p.Text[l.End-1]
					next := p.Text[l.End]
					if end < 0x80 && next < 0x80 && !l.Hyphen {
						t.Fatalf("%q broken without a hyphen after line %d:\n%s", c.word, i, dump(p))
					}
					if strings.ContainsAny(c.word, "0123456789") && end < 0x80 && next < 0x80 {
						t.Fatalf("number %q broken:\n%s", c.word, dump(p))
					}
				}
			}
		})
	}
}

func TestURLBreaks(t *testing.T) {
	// A URL breaks only after a slash or a dot: never before a dot (a line
	// may not start with "."), nor at its own hyphens, which a reader
	// would take for the word going on.
	for _, url := range []string{"https://www.example.com/news/2026/report.html", "https://port-authority.example.gov.cn/zhi-neng/gang-kou/index.html", "www.gkxw-news.cn/2026/spring-fair.html"} {
		p := Compose("详见"+url+"，欢迎访问", bodyStyle(8))
		lines := lineTexts(p)
		if len(lines) < 3 {
			t.Fatalf("%s: want the URL broken:\n%s", url, dump(p))
		}
		for i, l := range lines[:len(lines)-1] {
			last, next := l[len(l)-1], lines[i+1][0]
			if last < 0x80 && next < 0x80 && last != '/' && last != '.' || next == '.' {
				t.Errorf("line %d %q breaks the URL between %q and %q", i, l, last, next)
			}
		}
		for _, d := range p.Diagnostics {
			if d.Code != diag.LooseLine && d.Code != diag.LooseCopy {
				t.Fatalf("diagnostic %s", d.Message)
			}
		}
	}
	// A word wider than the measure is broken with hyphens shown.
	p := Compose("Pneumonoultramicroscopicsilicovolcanoconiosis", bodyStyle(5))
	if len(p.Lines) < 3 {
		t.Fatalf("want the word broken:\n%s", dump(p))
	}
	for i, l := range p.Lines[:len(p.Lines)-1] {
		if g := l.Glyphs[len(l.Glyphs)-1]; !l.Hyphen || g.Text != "\u00ad" {
			t.Errorf("line %d ends with %+v, want an added hyphen:\n%s", i, g, dump(p))
		}
	}
}

func TestPairCompression(t *testing.T) {
	st := bodyStyle(30)
	st.Align = Left
	cases := []struct {
		name       string
		text, a, b string
		width      units.Length // of the pair
	}{
		{"stop then closing quote", "他说：“好。”然后", "。", "”", 15 * em / 10},
		{"closing quote then comma", "他说：“好”，然后", "”", "，", 15 * em / 10},
		{"two opening marks", "（“好”）", "（", "“", 15 * em / 10},
		{"closing then opening quote", "好”“坏", "”", "“", 15 * em / 10},
		{"comma then opening quote", "好，“坏", "，", "“", 15 * em / 10},
		{"colon then opening quote", "好：“坏", "：", "“", 15 * em / 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkPair(t, st, c.text, c.a, c.b, c.width) })
	}
}

// checkPair checks that marks a and b, adjacent in text, are compressed
// to width together and lose only blank.
func checkPair(t *testing.T, st Style, text, a, b string, width units.Length) {
	t.Helper()
	p := Compose(text, st)
	ga, gb := glyph(t, p, 0, a, 0), glyph(t, p, 0, b, 0)
	if gb.Box != ga.Box+ga.Width {
		t.Fatalf("%s: %q and %q not adjacent", text, a, b)
	}
	if w := ga.Width + gb.Width; w != width {
		t.Errorf("%s: %s%s takes %v, want %v\n%s", text, a, b, w, width, dump(p))
	}
	// Only blank went: the inks keep their places relative to each other.
	l1, r1 := st.Font.InkBounds(firstRune(a), em)
	l2, _ := st.Font.InkBounds(firstRune(b), em)
	if ga.X+r1 > gb.X+l2 || ga.X+l1 < ga.Box || ga.X+r1 > ga.Box+ga.Width {
		t.Errorf("%s: ink of %s%s overlaps or leaves its box: %+v %+v", text, a, b, ga, gb)
	}
}

func TestLineEdgeMarks(t *testing.T) {
	// （ + 12 Han + ） is 14 em: both edge marks lose their blank half.
	p := Compose("（国家统计局今天发布数据显）", bodyStyle(13))
	wantLines(t, p, "（国家统计局今天发布数据显）")
	o := glyph(t, p, 0, "（", 0)
	if o.Box != 0 || o.Width != em/2 || o.X != -em/2 {
		t.Fatalf("opening bracket at line start: %+v, want box 0, width half, drawn half an em left", o)
	}
	c := glyph(t, p, 0, "）", 0)
	if c.Width != em/2 || c.Box+c.Width != 13*em || c.X != c.Box {
		t.Fatalf("closing bracket at line end: %+v", c)
	}
	// With room to spare, nothing is compressed.
	p = Compose("（国家统计局今天发布数据）", bodyStyle(13))
	if g := glyph(t, p, 0, "（", 0); g.Width != em {
		t.Fatalf("compressed without need: %+v", g)
	}
}

func TestCentredPunctuation(t *testing.T) {
	// A font that centres its marks loses blank on both sides.
	st := bodyStyle(13)
	st.Font = fakeFont{centred: true}
	p := Compose("国家统计局，今天发布数据示。全年增长", st)
	wantLines(t, p, "国家统计局，今天发布数据示。", "全年增长")
	g := glyph(t, p, 0, "，", 0)
	if g.Width != em/2 || g.X != g.Box-em/4 {
		t.Fatalf("centred ， %+v: want a quarter em off each side", g)
	}
}

func TestFixedHalfMarks(t *testing.T) {
	st := bodyStyle(30)
	st.Align = Left
	for _, c := range []struct{ name, mark string }{{"middle dot", "·"}, {"full-width solidus", "／"}, {"en dash", "–"}} {
		t.Run(c.name, func(t *testing.T) {
			m := c.mark
			p := Compose("马克"+m+"吐温", st)
			g := glyph(t, p, 0, m, 0)
			if g.Width != em/2 {
				t.Errorf("%s width %v, want half an em", m, g.Width)
			}
			l, r := st.Font.InkBounds(firstRune(m), em)
			if mid := g.X + (l+r)/2; mid != g.Box+em/4 {
				t.Errorf("%s ink centred at %v, box centre %v", m, mid, g.Box+em/4)
			}
		})
	}
}

func TestPunctuationStyles(t *testing.T) {
	text := "他说：“好。”我们，走吧！"
	for _, c := range []struct {
		name  string
		style PunctStyle
		width map[string]units.Length
	}{
		{"全角式 full", Full, map[string]units.Length{"：": em / 2, "“": em, "。": em / 2, "”": em, "，": em, "！": em}},
		{"半角式 half", Half, map[string]units.Length{"：": em / 2, "“": em / 2, "。": em / 2, "”": em / 2, "，": em / 2, "！": em / 2}},
		{"开明式 kaiming", Kaiming, map[string]units.Length{"：": em / 2, "“": em / 2, "。": em, "”": em / 2, "，": em / 2, "！": em}},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := bodyStyle(30)
			st.Align = Left
			st.Punctuation = c.style
			p := Compose(text, st)
			for m, w := range c.width {
				if g := glyph(t, p, 0, m, 0); g.Width != w {
					t.Errorf("%s width %v, want %v\n%s", m, g.Width, w, dump(p))
				}
			}
		})
	}
}

func TestHanLatinGap(t *testing.T) {
	st := bodyStyle(30)
	st.Align = Left
	p := Compose("用Go语言写3个程序", st)
	g := glyph(t, p, 0, "G", 0)
	if g.Box != em+em/4 {
		t.Fatalf("G at %v, want a quarter em after 用", g.Box)
	}
	if y := glyph(t, p, 0, "语", 0); y.Box != glyph(t, p, 0, "o", 0).Box+em/2+em/4 {
		t.Fatalf("语 at %v", y.Box)
	}
	// A typed space is the gap, not a word space added to it.
	q := Compose("用 Go 语言写 3 个程序", st)
	if a, b := glyph(t, q, 0, "个", 0).Box, glyph(t, p, 0, "个", 0).Box; a != b {
		t.Fatalf("typed spaces set %v, automatic gaps %v", a, b)
	}
	// None beside punctuation, none at a line's edge.
	p = Compose("“Go”语言", st)
	if g := glyph(t, p, 0, "G", 0); g.Box != em {
		t.Fatalf("gap beside “: G at %v", g.Box)
	}
	p = Compose("国家统计局今天发布数据显示Go语言", bodyStyle(13))
	wantLines(t, p, "国家统计局今天发布数据显示", "Go语言")
	if g := p.Lines[1].Glyphs[0]; g.Box != 0 {
		t.Fatalf("gap at line start: %+v", g)
	}
}

func TestHanLatinGapShrinks(t *testing.T) {
	// 10 Han + ¼ + "Aoo" (1.65 em) + ¼ + 1 Han = 13.15 em: the gaps give 0.15 em.
	p := Compose("国家统计局今天发布数Aoo据显示全年", bodyStyle(13))
	wantLines(t, p, "国家统计局今天发布数Aoo据", "显示全年")
	a := glyph(t, p, 0, "A", 0)
	if gap := a.Box - 10*em; gap != em/4-em*15/200 {
		t.Fatalf("gap %v, want %v", gap, em/4-em*15/200)
	}
	if gap := glyph(t, p, 0, "据", 0).Box - (glyph(t, p, 0, "o", 1).Box + em/2); gap < em/8 {
		t.Fatalf("gap %v below an eighth of an em", gap)
	}
}

func TestStretchOrder(t *testing.T) {
	// A line of Latin words and Han: word spaces and gaps stretch first,
	// Han-to-Han junctions only once they are used up.
	p := Compose("国家统计局 Go Go 今天发布数据显示全年增长数据", bodyStyle(13))
	l := p.Lines[0]
	if l.Width != 13*em {
		t.Fatalf("not flush:\n%s", dump(p))
	}
	for k := 1; k < len(l.Glyphs); k++ {
		a, b := l.Glyphs[k-1], l.Glyphs[k]
		if classify(firstRune(a.Text)) == cHan && classify(firstRune(b.Text)) == cHan && b.Box != a.Box+em {
			t.Fatalf("Han pair %s%s spread before spaces:\n%s", a.Text, b.Text, dump(p))
		}
	}
}

func TestOrphan(t *testing.T) {
	// Filling lines in turn gives 12+，|5+，+5+，|好。 and leaves 好 alone;
	// squeezing the second line's two commas pulls 好 up with its 。.
	p := Compose("我们今天在北京召开会议了，讨论新工作，安排新任务，好。", bodyStyle(13))
	wantLines(t, p, "我们今天在北京召开会议了，", "讨论新工作，安排新任务，好。")
	wantNoDiag(t, p)
	// Where a line can stretch (it holds Latin), a character is pulled down.
	p = Compose("我们今天在北京召开会议了，讨论AI安排全年的任务，好。", bodyStyle(13))
	last := lineTexts(p)[len(p.Lines)-1]
	if n := len([]rune(strings.TrimRight(last, "。"))); n < 2 {
		t.Fatalf("孤字 %q:\n%s", last, dump(p))
	}
	wantNoDiag(t, p)
	// Han alone, no mark to squeeze: a 孤字 is the worse breach (issue 9:
	// an editor sends it back; a line spread by 1/12 em is barely seen),
	// so one line leaves the grid to pull a character down, and says so.
	p = Compose(strings.Repeat("国", 27), bodyStyle(13))
	wantLines(t, p, strings.Repeat("国", 12), strings.Repeat("国", 13), "国国")
	wantDiag(t, p, "off-grid")
}

func TestMandatoryBreak(t *testing.T) {
	p := Compose("第一行\n第二行文字", bodyStyle(13))
	wantLines(t, p, "第一行\n", "第二行文字")
	if !p.Lines[0].Last || p.Lines[0].Width != 3*em {
		t.Fatalf("forced line is set ragged and marked Last:\n%s", dump(p))
	}
}

func TestMissingGlyph(t *testing.T) {
	st := bodyStyle(13)
	st.Font = fakeFont{missing: '𠀀'}
	p := Compose("国家𠀀统计局", st)
	wantDiag(t, p, "missing-glyph")
	wantLines(t, p, "国家𠀀统计局")
	if g := glyph(t, p, 0, "𠀀", 0); g.Width <= 0 {
		t.Fatalf("missing glyph takes no room: %+v", g)
	}
}

func TestAlignments(t *testing.T) {
	st := bodyStyle(13)
	text := "国家统计局今天发布数据显示全年增长"
	for _, c := range []struct {
		align Align
		x     units.Length // of the last line's first glyph
	}{{Justify, 0}, {Left, 0}, {Right, 9 * em}, {Center, 9 * em / 2}} {
		st.Align = c.align
		p := Compose(text, st)
		if g := p.Lines[1].Glyphs[0]; g.Box != c.x {
			t.Errorf("align %d: last line starts at %v, want %v", c.align, g.Box, c.x)
		}
	}
}

func TestHeadline(t *testing.T) {
	st := bodyStyle(12)
	st.Headline = true
	st.Indent = 2 * em // ignored for headlines
	p := Compose("开发区召开工作会议 部署全年重点任务", st)
	wantLines(t, p, "开发区召开工作会议 ", "部署全年重点任务")
	if g := p.Lines[0].Glyphs[0]; g.Box != 0 {
		t.Fatalf("headline indented: %+v", g)
	}
	if p.Lines[0].Width != 9*em {
		t.Fatalf("headline justified:\n%s", dump(p))
	}
	wantNoDiag(t, p)
	p = Compose("开发区召开工作会议。", st)
	wantDiag(t, p, "headline-punctuation")
	p = Compose("开发区召开工作会议？", st)
	wantNoDiag(t, p)
}

func TestHanSpaceHan(t *testing.T) {
	st := bodyStyle(30)
	st.Align = Left
	p := Compose("■记者 张三 通讯员 李四", st)
	if g := glyph(t, p, 0, "张", 0); g.Box != 3*em+em/2 {
		t.Fatalf("张 at %v: a space between Han is half an em\n%s", g.Box, dump(p))
	}
}

func TestBadStyle(t *testing.T) {
	p := Compose("国家统计局", Style{})
	wantDiag(t, p, "bad-style")
	wantLines(t, p, "国", "家", "统", "计", "局")
}
