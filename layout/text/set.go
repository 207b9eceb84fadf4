package text

import (
	"fmt"
	"strings"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/units"
)

// setLines turns the chosen breaks into lines of positioned glyphs.
func (c *Composer) setLines(p *Paragraph, st *Style) {
	n := len(c.cl)
	// Walk the chain of breaks back from the end; count the lines (and
	// the hyphens added) first.
	lines, hy := 0, 0
	for b := n; b > 0; b = int(c.from[b]) {
		lines++
		if c.hyphen(b) > 0 {
			hy++
		}
	}
	p.Lines = make([]Line, lines)
	glyphs := make([]Glyph, n+hy)
	i := lines - 1
	for b := n; b > 0; b = int(c.from[b]) {
		a := int(c.from[b])
		last := b == n || c.cl[b].kind == brkMandatory
		g := glyphs[a+hy : b+hy : b+hy]
		if c.hyphen(b) > 0 {
			g = glyphs[a+hy-1 : b+hy : b+hy]
			hy--
		}
		p.Lines[i] = c.setLine(a, b, last, g, p, i, st)
		i--
	}
}

// setLine sets clusters a..b-1 as line li.
func (c *Composer) setLine(a, b int, last bool, glyphs []Glyph, p *Paragraph, li int, st *Style) Line {
	em := st.Size
	var s lineStats
	c.stats(a, b, &s)
	avail := st.avail(a)
	c.adj = grow(c.adj, b-a)
	adj := c.adj
	for k := a; k < b; k++ {
		cl := &c.cl[k]
		x := &adj[k-a]
		*x = adjust{cutL: cl.cutL, cutR: cl.cutR, box: cl.w}
		if k > a && k <= s.e {
			x.gap = cl.gap
		}
		if k > s.e {
			x.box = 0
		}
	}
	D := avail - s.nat
	justify := st.Align == Justify && !st.Headline && !last
	var give units.Length // what the indent gave
	switch {
	case D < 0:
		need := -D
		// Level 1: marks at the line's edges.
		c.elems = c.elems[:0]
		if s.e >= a {
			if ce := &c.cl[s.e]; (ce.cls == cClose || ce.cls == cStop) && ce.sh2 > 0 {
				c.elems = append(c.elems, elem{k: int32(s.e), what: eMarkEnd, cap: ce.sh2})
			}
			if ca := &c.cl[a]; ca.cls == cOpen && a != s.e && ca.sh2 > 0 {
				c.elems = append(c.elems, elem{k: int32(a), what: eMarkStart, cap: ca.sh2})
			}
		}
		need = c.distribute(need, a, true)
		// Level 2: marks in the line, word spaces.
		c.elems = c.elems[:0]
		for k := a; k <= s.e; k++ {
			cl := &c.cl[k]
			if cl.midSh() == 0 || (k == s.e && (cl.cls == cClose || cl.cls == cStop)) || (k == a && cl.cls == cOpen && a != s.e) {
				continue
			}
			what := eMark
			if cl.cls == cSpace {
				what = eBox
			}
			c.elems = append(c.elems, elem{k: int32(k), what: what, cap: cl.midSh()})
		}
		need = c.distribute(need, a, true)
		// Level 3: Han–Latin gaps.
		c.boxesAndGaps(a, s.e, false)
		need = c.distribute(need, a, true)
		// Level 4: the characters close up evenly, by at most tightGap a
		// junction.
		if need > 0 && s.tight > 0 {
			amt := min(need, s.l4)
			need -= amt
			each, extra := amt/units.Length(s.tight), int(amt%units.Length(s.tight))
			for k := a + 1; k <= s.e; k++ {
				if c.cl[k].tight {
					adj[k-a].gap -= each
					if extra > 0 {
						adj[k-a].gap--
						extra--
					}
				}
			}
		}
		// Level 5: the Han–Latin gaps' last eighth.
		c.elems = c.elems[:0]
		for k := a; k <= s.e; k++ {
			cl := &c.cl[k]
			switch {
			case cl.sh4 == 0:
			case cl.gap > 0 && k > a:
				c.elems = append(c.elems, elem{k: int32(k), what: eGap, cap: cl.sh4})
			case cl.gap == 0:
				c.elems = append(c.elems, elem{k: int32(k), what: eBox, cap: cl.sh4})
			}
		}
		need = c.distribute(need, a, true)
		// Last: the space after a run-in dateline.
		if a == 0 && need > 0 {
			give = min(need, c.indentGive)
			need -= give
		}
		if need > 0 {
			p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.Overfull, Line: li, Pos: int(c.cl[a].start),
				Message: fmt.Sprintf("line %d is %v wider than the measure: %q cannot be broken or squeezed", li+1, need, p.Text[c.cl[a].start:c.cl[b-1].end])})
		}
	case D > 0 && justify:
		c.boxesAndGaps(a, s.e, true)
		R := c.distribute(D, a, false)
		if R > 0 {
			if s.spread == 0 {
				p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.LooseLine, Line: li, Pos: int(c.cl[a].start),
					Message: fmt.Sprintf("line %d (%q) has no gap to spread %v over", li+1, p.Text[c.cl[a].start:c.cl[b-1].end], R)})
			} else {
				each, extra := R/units.Length(s.spread), int(R%units.Length(s.spread))
				for k := a + 1; k <= s.e; k++ {
					if c.cl[k].spread {
						adj[k-a].gap += each
						if extra > 0 {
							adj[k-a].gap++
							extra--
						}
					}
				}
				if int64(R)*100 > int64(em)*looseSpread*int64(s.spread) {
					// The breaker prices a loose line above any legal
					// alternative (penLooseLine): this one is forced by the
					// wording, and only an editor can mend it.
					p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.LooseCopy, Line: li, Pos: int(c.cl[a].start),
						Message: fmt.Sprintf("line %d %q is spread %.3f em between characters: no legal break avoids it; rewrite the copy around it", li+1, p.Text[c.cl[a].start:c.cl[b-1].end], float64(R)/float64(s.spread)/float64(em))})
				}
				if each > em/2 {
					p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.LooseLine, Line: li, Pos: int(c.cl[a].start),
						Message: fmt.Sprintf("line %d (%q) is spaced %v between characters", li+1, p.Text[c.cl[a].start:c.cl[b-1].end], each)})
				}
			}
		}
	}
	if s.hanOnly && justify && avail%em == 0 && D != 0 {
		p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.OffGrid, Line: li, Pos: int(c.cl[a].start),
			Message: fmt.Sprintf("line %d (%q) of Han alone needed %v added to fill the measure", li+1, p.Text[c.cl[a].start:c.cl[b-1].end], D)})
	}
	// Width and alignment.
	var width units.Length
	for k := a; k <= s.e; k++ {
		width += adj[k-a].gap + adj[k-a].box
	}
	width += c.hyphen(b)
	x := st.Measure - avail - give // the indent
	if !justify || D <= 0 {
		switch {
		case st.Align == Right:
			x += avail - width
		case st.Align == Center:
			x += (avail - width) / 2
		}
	}
	line := Line{Glyphs: glyphs, Start: int(c.cl[a].start), End: int(c.cl[b-1].end), Last: last, Natural: st.Measure - avail + s.nat}
	for k := a; k < b; k++ {
		cl := &c.cl[k]
		j := &adj[k-a]
		x += j.gap
		t := p.Text[cl.start:cl.end]
		if cl.cls == cSpace {
			t = drawableSpace(t, st.Font)
		}
		glyphs[k-a] = Glyph{Text: t, X: x - j.cutL, Width: j.box, Box: x}
		x += j.box
		if k == s.e {
			line.Width = x
		}
	}
	if s.e < a {
		line.Width = st.Measure - avail - give
	}
	if hw := c.hyphen(b); hw > 0 {
		// The hyphen that shows the word goes on: after the last glyph.
		x = line.Width
		glyphs[b-a] = Glyph{Text: string(addedHyphen), X: x, Width: hw, Box: x}
		line.Width, line.Hyphen = x+hw, true
	}
	c.lineDiagnostics(a, b, li, p, st)
	return line
}

// distribute shares need among c.elems in proportion to their capacities,
// exactly (to the millipoint), and returns what they could not take.
func (c *Composer) distribute(need units.Length, a int, shrink bool) units.Length {
	if need <= 0 || len(c.elems) == 0 {
		return need
	}
	var total units.Length
	for _, e := range c.elems {
		total += e.cap
	}
	if total <= need {
		for i := range c.elems {
			c.elems[i].amt = c.elems[i].cap
		}
		c.apply(a, shrink)
		return need - total
	}
	var given units.Length
	for i := range c.elems {
		e := &c.elems[i]
		e.amt = units.Length(int64(e.cap) * int64(need) / int64(total))
		given += e.amt
	}
	for i := 0; given < need; i = (i + 1) % len(c.elems) {
		if e := &c.elems[i]; e.amt < e.cap {
			e.amt++
			given++
		}
	}
	c.apply(a, shrink)
	return 0
}

// apply writes the elements' amounts into c.adj for the line starting at
// cluster a: cutting when shrinking, adding when stretching.
func (c *Composer) apply(a int, shrink bool) {
	for _, e := range c.elems {
		j := &c.adj[int(e.k)-a]
		cl := &c.cl[e.k]
		x := e.amt
		if !shrink {
			switch e.what {
			case eGap:
				j.gap += x
			default:
				j.box += x
			}
			continue
		}
		switch e.what {
		case eGap:
			j.gap -= x
		case eBox:
			j.box -= x
		case eMarkEnd: // right first
			r := min(x, cl.capR)
			j.cutR += r
			j.cutL += x - r
			j.box -= x
		case eMarkStart: // left first
			l := min(x, cl.capL)
			j.cutL += l
			j.cutR += x - l
			j.box -= x
		default: // in proportion to the blank on each side
			l := units.Length(0)
			if cl.capL+cl.capR > 0 {
				l = units.Length(int64(x) * int64(cl.capL) / int64(cl.capL+cl.capR))
			}
			j.cutL += l
			j.cutR += x - l
			j.box -= x
		}
	}
}

// boxesAndGaps lists in c.elems what of the line's clusters a..e can
// stretch (stretch) or shrink at the last level: boxes (word spaces, and
// the spaces of a Han–Latin junction set as boxes) and the junction gaps
// after the line's first cluster.
func (c *Composer) boxesAndGaps(a, e int, stretch bool) {
	c.elems = c.elems[:0]
	for k := a; k <= e; k++ {
		cl := &c.cl[k]
		box, gap := cl.sh3, cl.gapSh
		if stretch {
			box, gap = cl.st1, cl.gapSt
		}
		if box > 0 {
			what := eBox
			if cl.cls == cDash {
				what = eMark // a range's dash gives its padding from both sides (tightRange)
			}
			c.elems = append(c.elems, elem{k: int32(k), what: what, cap: box})
		}
		if k > a && gap > 0 {
			c.elems = append(c.elems, elem{k: int32(k), what: eGap, cap: gap})
		}
	}
}

// lineDiagnostics reports the rules the chosen break broke.
func (c *Composer) lineDiagnostics(a, b, li int, p *Paragraph, st *Style) {
	if b < len(c.cl) {
		cl := &c.cl[b]
		at := p.Text[max(0, int(cl.start)-6):min(len(p.Text), int(cl.end)+6)]
		switch cl.kind {
		case brkKinsoku:
			p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.KinsokuRelaxed, Line: li, Pos: int(cl.start),
				Message: fmt.Sprintf("line %d ends where 禁则 forbids (…%s…): no other break fits the measure", li+1, at)})
		case brkSplit:
			p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.KinsokuRelaxed, Line: li, Pos: int(cl.start),
				Message: fmt.Sprintf("line %d splits a two-em mark (…%s…): the measure is too narrow", li+1, at)})
		case brkNone:
			p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.WordBroken, Line: li, Pos: int(cl.start),
				Message: fmt.Sprintf("line %d breaks where no break is allowed (…%s…): the word is wider than the measure", li+1, at)})
		}
	}
	if b == len(c.cl) && a > 0 {
		var s lineStats
		if c.stats(a, b, &s); s.chars <= 1 {
			p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.Orphan, Line: li, Pos: int(c.cl[a].start),
				Message: fmt.Sprintf("the last line (%q) is a lone character: no better break keeps the other rules", p.Text[c.cl[a].start:])})
		}
	}
}

// drawableSpace is the text of a space cluster as the face can draw it: a
// space the face has no glyph for (a thin space U+2009 pasted into the
// copy, say) is drawn as an ordinary space. The composer measured it as a
// word space already, so only the character drawn changes, never the
// layout; a face with no space at all draws nothing there.
func drawableSpace(t string, f Font) string {
	ok := true
	for _, r := range t {
		if !f.Covers(r) {
			ok = false
			break
		}
	}
	if ok {
		return t
	}
	var b strings.Builder
	for _, r := range t {
		switch {
		case f.Covers(r):
			b.WriteRune(r)
		case f.Covers(' '):
			b.WriteByte(' ')
		}
	}
	return b.String()
}
