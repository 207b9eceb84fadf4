package layout

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// chain is a style's face followed by its fallback faces: the composer
// measures a character in the first face that has it, and a cluster of
// several (a base and its marks) in the one face that draws it all
// (ForCluster), as splitFallback draws them. What no face has is measured
// in the style's own face, and reported missing as without a fallback.
type chain struct {
	faces []*fonts.Face // faces[0] is the style's own
}

// pick is the face a character is set in.
func (c *chain) pick(r rune) *fonts.Face {
	for _, f := range c.faces {
		if f.Covers(r) {
			return f
		}
	}
	return c.faces[0]
}

// Advance is r's advance in the face that sets it.
func (c *chain) Advance(r rune, size units.Length) units.Length { return c.pick(r).Advance(r, size) }

// InkBounds is r's ink extent in the face that sets it.
func (c *chain) InkBounds(r rune, size units.Length) (left, right units.Length) {
	return c.pick(r).InkBounds(r, size)
}

// Covers reports whether any face of the chain has r.
func (c *chain) Covers(r rune) bool {
	for _, f := range c.faces {
		if f.Covers(r) {
			return true
		}
	}
	return false
}

// ForCluster is the face that draws the cluster g, as fallbackFor
// chooses it: the first that has every character of g that draws, else
// the style's own (which the composer then finds lacking).
func (c *chain) ForCluster(g []rune) text.Font {
	if len(g) == 1 {
		return c // the face pick gives is the one fallbackFor does
	}
	for _, f := range c.faces {
		if coversDrawn(f, string(g)) {
			return f
		}
	}
	return c.faces[0]
}

// font is what the composer measures st in: its face, or the chain of its
// face and fallback faces.
func (st style) font() text.Font {
	if st.chain == nil {
		return st.face
	}
	return st.chain
}

// fallbackFor is the index in st.fallback of the face that draws the
// cluster t, or -1 for the style's own face: a cluster is drawn in one
// face, the first that has every character of it that draws (a base and
// its combining marks; a variation selector or joiner the face lacks draws
// nothing, as the PDF writer leaves it out). A cluster no face has whole
// stays in the style's own face.
func (st style) fallbackFor(t string) int {
	if len(st.fallback) == 0 || coversDrawn(st.face, t) {
		return -1
	}
	for i, f := range st.fallback {
		if coversDrawn(f, t) {
			return i
		}
	}
	return -1
}

// coversDrawn reports whether f has every character of t that draws.
func coversDrawn(f *fonts.Face, t string) bool {
	for _, r := range t {
		if !f.Covers(r) && !fonts.DrawsNothing(r) {
			return false
		}
	}
	return true
}

// fallbackChar is a character set in a fallback face, and that face.
type fallbackChar struct {
	r    rune
	face string
}

// splitFallback cuts r, set in st, into runs of one face each: the style's
// own, and each fallback face where it draws a character the style's face
// lacks. It appends them to runs, and to seen each character it set in a
// fallback face that seen does not hold yet (but for spaces, which show
// no ink).
func splitFallback(runs []run, r run, st style, seen []fallbackChar) ([]run, []fallbackChar) {
	if len(st.fallback) == 0 || len(r.glyphs) == 0 {
		bridgeDashes(&r, st.face)
		return append(runs, r), seen
	}
	start, cur := 0, st.fallbackFor(r.glyphs[0].Text)
	emit := func(end int) {
		part := r
		part.glyphs = r.glyphs[start:end:end]
		face := st.face
		if cur >= 0 {
			part.face, face = st.Fallback[cur], st.fallback[cur]
			for _, g := range part.glyphs {
				for _, c := range g.Text {
					fc := fallbackChar{r: c, face: part.face}
					if !st.face.Covers(c) && !fonts.DrawsNothing(c) && !unicode.IsSpace(c) && !slices.Contains(seen, fc) {
						seen = append(seen, fc)
					}
				}
			}
		}
		bridgeDashes(&part, face)
		runs = append(runs, part)
	}
	for k := 1; k < len(r.glyphs); k++ {
		if fb := st.fallbackFor(r.glyphs[k].Text); fb != cur {
			emit(k)
			start, cur = k, fb
		}
	}
	emit(len(r.glyphs))
	return runs, seen
}

// fallbackDiags are the warnings that name the characters of a text set
// in a fallback face, one for each face: the edition asked for the
// fallback, and an editor or a print shop checks what was set in which
// font. own is the style's own font.
func fallbackDiags(seen []fallbackChar, own string) []text.Diagnostic {
	var out []text.Diagnostic
	done := map[string]bool{}
	for _, fc := range seen {
		if done[fc.face] {
			continue
		}
		done[fc.face] = true
		var b strings.Builder
		for _, o := range seen {
			if o.face != fc.face {
				continue
			}
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%q (U+%04X)", o.r, o.r)
		}
		out = append(out, text.Diagnostic{Code: diag.FontFallback, Line: -1, Pos: -1,
			Message: fmt.Sprintf("set in the fallback font %s, which %s lacks: %s", fc.face, own, b.String())})
	}
	return out
}

// foldFallback merges the font-fallback warnings of one text (a body's
// paragraphs, each converted on its own) into one for each face and own
// font, at the first's place in ds, listing each character once in the
// order met: an editor reads one line for an article, not one for each
// paragraph with a rare name in it.
func foldFallback(ds []text.Diagnostic) []text.Diagnostic {
	n := 0
	for _, d := range ds {
		if d.Code == diag.FontFallback {
			n++
		}
	}
	if n < 2 {
		return ds
	}
	out := make([]text.Diagnostic, 0, len(ds))
	at := map[string]int{} // a message's head: its index in out
	for _, d := range ds {
		head, list, ok := strings.Cut(d.Message, ": ")
		if d.Code != diag.FontFallback || !ok {
			out = append(out, d)
			continue
		}
		i, seen := at[head]
		if !seen {
			at[head] = len(out)
			out = append(out, d)
			continue
		}
		have := out[i].Message
		for _, item := range strings.SplitAfter(list, "), ") {
			item = strings.TrimSuffix(item, ", ")
			if !strings.Contains(have, item) {
				have += ", " + item
			}
		}
		out[i].Message = have
	}
	return out
}
