package text

import (
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
	"pgregory.net/rapid"
)

// realFaces loads the embedded faces the composer sets: body, headline and
// caption faces.
func realFaces(t testing.TB) map[string]Font {
	t.Helper()
	lib := fonts.NewLibrary()
	out := map[string]Font{}
	for _, name := range []string{fonts.Serif, fonts.SansBold, fonts.Kai} {
		f, err := lib.Face(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = f
	}
	return out
}

func TestPropertyRealFonts(t *testing.T) {
	faces := realFaces(t)
	names := []string{fonts.Serif, fonts.SansBold, fonts.Kai}
	c := NewComposer()
	rapid.Check(t, func(t *rapid.T) {
		wild := rapid.Bool().Draw(t, "wild")
		in := genParagraph(t, wild)
		st := genStyleFont(t, wild, faces[rapid.SampledFrom(names).Draw(t, "face")])
		p := c.Compose(in, st)
		checkParagraph(t, in, st, p)
		for _, d := range p.Diagnostics {
			if d.Code == "missing-glyph" {
				t.Fatalf("embedded face misses a glyph: %s", d.Message)
			}
			if !wild && (d.Code == "kinsoku-relaxed" || d.Code == "word-broken" || d.Code == "overfull") {
				t.Fatalf("unexpected diagnostic %s: %s\n%s", d.Code, d.Message, dump(p))
			}
		}
	})
}

func TestRealFontMarks(t *testing.T) {
	faces := realFaces(t)
	const size = 9 * units.Point
	for name, f := range faces {
		st := DefaultStyle(f, size, 30*size)
		st.Align = Left
		st.Indent = 0
		p := Compose("他说：“好。”然后（“走”）。", st)
		a, b := glyph(t, p, 0, "。", 0), glyph(t, p, 0, "”", 0)
		if w := a.Width + b.Width; w != size*3/2 {
			t.Errorf("%s: 。” takes %v, want 1.5 em\n%s", name, w, dump(p))
		}
		// Every mark on the grid's half-em steps, and its ink in its room.
		for _, g := range p.Lines[0].Glyphs {
			if g.Width%(size/2) != 0 {
				t.Errorf("%s: %s is %v wide", name, g.Text, g.Width)
			}
		}
	}
	// LXGW WenKai maps “ ” to narrow Latin quotes: they are padded to an
	// em on their blank side, so the ink hugs the text it quotes.
	f := faces[fonts.Kai]
	st := DefaultStyle(f, size, 30*size)
	st.Align, st.Indent = Left, 0
	p := Compose("他说“好”", st)
	o, cl := glyph(t, p, 0, "“", 0), glyph(t, p, 0, "”", 0)
	lo, ro := f.InkBounds('“', size)
	lc, _ := f.InkBounds('”', size)
	if o.Width != size || o.X+ro < o.Box+size*3/4 {
		t.Errorf("“ %+v, ink to %v: want an em with ink at its right", o, o.X+ro)
	}
	if cl.Width != size || cl.X+lc > cl.Box+size/4 {
		t.Errorf("” %+v, ink from %v: want an em with ink at its left", cl, cl.X+lc)
	}
	_ = lo
}

func TestRealFontArticle(t *testing.T) {
	faces := realFaces(t)
	ps, _ := articleParagraphs()
	st := DefaultStyle(faces[fonts.Serif], 9*units.Point, 13*9*units.Point)
	c := NewComposer()
	offGrid, looseCopy := 0, 0
	for _, par := range ps {
		p := c.Compose(par, st)
		for _, d := range p.Diagnostics {
			switch d.Code {
			case "loose-copy":
				// A line the wording forces loose (a number and its unit,
				// a 禁则 push-out): reported for the editor, bounded below.
				looseCopy++
				t.Logf("%s: %s", d.Code, d.Message)
			case "off-grid", "loose-line", "orphan":
				offGrid++
				t.Logf("%s: %s", d.Code, d.Message)
			default:
				t.Errorf("%s: %s", d.Code, d.Message)
			}
		}
		for i, l := range p.Lines {
			txt := p.Text[l.Start:l.End]
			if i > 0 && strings.ContainsAny(txt[:3], "。，、；：？！）》”") {
				t.Errorf("line starts with a closing mark: %q", txt)
			}
		}
	}
	if offGrid > 2 {
		t.Errorf("%d lines needed warnings in an ordinary article", offGrid)
	}
	// The article's 68 lines hold four that its wording forces loose.
	if looseCopy > 4 {
		t.Errorf("%d lines of an ordinary article loose, want at most the 4 its wording forces", looseCopy)
	}
}

// TestVariationSelectorsDrawNothing: a variation selector after a
// character (U+FE0F pasted from a chat, U+E0100 asking for an ideographic
// variant) is no missing glyph: Unicode calls it a nonspacing mark, but it
// draws nothing, and a face without the variant sets the base alone.
// Before, each was an error that stopped the render. A real combining
// mark the face lacks is still reported.
func TestVariationSelectorsDrawNothing(t *testing.T) {
	f := realFaces(t)[fonts.Serif]
	st := DefaultStyle(f, units.Pt(9), units.Pt(9)*13)
	p := Compose("点赞\uFE0F好，会议\U000E0100指出。", st)
	for _, d := range p.Diagnostics {
		t.Errorf("%s: %s", d.Code, d.Message)
	}
	if got := strings.Join(lineTexts(p), ""); !strings.Contains(got, "赞\uFE0F好") {
		t.Errorf("text %q: the selector is not kept with its base", got)
	}
	p = Compose("港区\u1AB0好", st) // a combining mark the face lacks (U+1AB0)
	if len(p.Diagnostics) == 0 || p.Diagnostics[0].Code != diag.MissingGlyph {
		t.Errorf("a combining mark the face lacks: %v, want missing-glyph", p.Diagnostics)
	}
}
