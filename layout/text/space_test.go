package text

import (
	"strings"
	"testing"
)

// TestUncoveredSpaceDrawnAsSpace: a space the face has no glyph for (a
// thin space pasted into the copy) is measured as a word space and drawn
// as an ordinary space, never handed to the writer as a character it
// cannot draw (FuzzPipeline found "0“引号\u2009号0" failing at write time).
func TestUncoveredSpaceDrawnAsSpace(t *testing.T) {
	st := bodyStyle(13)
	st.Font = fakeFont{missing: '\u2009'}
	p := Compose("引号\u2009号Broadsheet\u2009新闻", st)
	if len(p.Diagnostics) != 0 {
		t.Errorf("diagnostics %+v, want none", p.Diagnostics)
	}
	for _, l := range p.Lines {
		for _, g := range l.Glyphs {
			if strings.ContainsRune(g.Text, '\u2009') {
				t.Errorf("glyph %q kept the thin space the face lacks", g.Text)
			}
		}
	}
	// A face that has it draws it as written.
	st.Font = fakeFont{}
	p = Compose("引号\u2009号", st)
	found := false
	for _, g := range p.Lines[0].Glyphs {
		found = found || g.Text == "\u2009"
	}
	if !found {
		t.Errorf("a covered thin space was not drawn as written:\n%s", dump(p))
	}
}
