package text

import (
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/units"
)

// FuzzCompose feeds arbitrary bytes (invalid UTF-8, controls, any script)
// to the composer: it must never panic, never drop, add or reorder text,
// and never set a line wider than the measure without saying so.
func FuzzCompose(f *testing.F) {
	for _, s := range []string{
		"国家统计局今天发布数据显示，全年经济平稳增长。",
		"他说:\"你好\"(test)!",
		"——……“”（）\n\r\n\t",
		"https://example.com/a-b/c.d",
		"\xff\xfe国\u200b家\u0301e\u00ad",
		"🇨🇳👨‍👩‍👧 emoji 表情",
		" ",
	} {
		f.Add(s, uint8(13), uint8(0))
	}
	c := NewComposer()
	f.Fuzz(func(t *testing.T, s string, chars, flags uint8) {
		st := DefaultStyle(fakeFont{centred: flags&1 != 0, missing: '家'}, 9*units.Point, units.Length(chars%40)*9*units.Point+units.Length(flags)*37)
		st.Normalize = flags&2 != 0
		st.Headline = flags&4 != 0
		st.Punctuation = PunctStyle(flags >> 3 % 3)
		st.Align = Align(flags >> 5 % 4)
		p := c.Compose(s, st)
		if want := setText(s, st); p.Text != want {
			t.Fatalf("Text %q, want %q", p.Text, want)
		}
		var b strings.Builder
		for i, l := range p.Lines {
			for k, g := range l.Glyphs {
				if l.Hyphen && k == len(l.Glyphs)-1 {
					continue // the hyphen added where a word breaks is not in the text
				}
				b.WriteString(g.Text)
			}
			if l.Width > st.Measure && !hasDiag(p, i, "overfull") && !hasDiag(p, -1, "bad-style") {
				t.Fatalf("line %d is %v wide in %v", i, l.Width, st.Measure)
			}
		}
		if b.String() != p.Text {
			t.Fatalf("lines spell %q, text %q", b.String(), p.Text)
		}
	})
}
