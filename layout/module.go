package layout

import (
	"fmt"
	"github.com/broadsheet-news/broadsheet/display"
	"unicode"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/place"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// Costs of the placement search (lower is better). They rank layouts a
// layout editor would prefer; only their order matters.
const (
	costSpanHint    = 200 // per column away from the article's span hint
	costLeadNarrow  = 12  // per column the lead story is narrower than the page
	costHeadLine    = 300 // per headline line beyond two
	costHeadTwo     = 15  // for a headline on two lines rather than one
	costHeadShort   = 400 // for a headline that breaks badly (poorBreak)
	costHeadUp      = 30  // for a headline set a rank larger to take up space (canStepUp)
	maxStepUpSpan   = 4   // the widest span at which canStepUp
	costUnderPhoto  = 20  // per column per line when only 1–3 lines stand under a photo
	costLowPPI      = 10  // per ppi a photo prints under minPPI
	costNarrowPhoto = 400 // for a photo one column wide (issue 4: two or more) unless asked for
	costExtra       = 3   // × extra² for headline space added to absorb slack
	costPhoto       = 2   // per grid line a photo is cropped away from its natural height
	costShallow     = 40  // × span × d(d+1)/2 for body columns d lines shallower than the span asks (shallowCost)
	costLeadShallow = 8   // per column per line the lead's body columns are shallower than leadMinDepth
	leadMinDepth    = 10
	costSpanFit     = 30     // × (columns beyond fitSpan)²
	fitDepth        = 16     // lines of text per column fitSpan aims at
	costJump        = 40     // for jumping to a later page at all
	costJumpLine    = 1      // per line that jumps
	costUnderset    = 3000   // for leaving a hole
	costHoleLine    = 15     // per column-line of hole
	costOverset     = 100000 // for not setting every line
	costOversetLine = 1000   // per line overset
	maxExtra        = 4      // headline space added to absorb slack, in grid lines, at costExtra
	maxExtraStrict  = 8      // the most added before the page counts as short of copy, beyond maxExtra also at costAir
	costAir         = 10     // per column per line of headline space beyond maxExtra
	maxExtraRelaxed = 12     // the same when the page is short of copy (reported)
)

// newModule sets an article's flow (byline and body at the column measure)
// and gathers what the module needs. It returns nil when the article cannot
// be set at all (reported).
func (c *composer) newModule(a *editions.Article, index int) *module {
	st := c.ed.Styles
	m := &module{a: a, index: index, rank: a.Rank, to: a.ContinueOn}
	if m.rank == 0 {
		m.rank = defaultRank(index)
	}
	m.heads = make([]*head, 2*(c.g.columns+1))
	m.caps = make([][]*cap, c.g.columns+1)
	if a.Story != nil {
		m.story = true
		m.to = 0
		m.photos = []*editions.Photo{a.Story}
		return m
	}
	for i := range a.Photos {
		m.photos = append(m.photos, &a.Photos[i])
	}
	if a.Byline != "" {
		// The byline is justified like the body (no indent), so a byline
		// that runs over two lines fills the first by its name spaces.
		bs := st.Byline
		bs.Indent = 0
		sp, err := c.set.set(a.Byline, bs, "byline", c.g.colW, text.Justify, false)
		if err != nil {
			c.diag(display.Error, c.page.Number, a.ID, "font", err.Error())
			return nil
		}
		m.flow = append(m.flow, sp.lines...)
		m.flowDiags = append(m.flowDiags, sp.diags...)
	}
	m.bodyStart = len(m.flow)
	for i, par := range a.Body {
		var sp setPar
		var err error
		if i == 0 && a.Dateline != "" {
			sp, err = c.set.setDated(par, a.Dateline, st.Body, st.Dateline, c.g.colW)
		} else {
			sp, err = c.set.set(par, st.Body, "body", c.g.colW, text.Justify, false)
		}
		if err != nil {
			c.diag(display.Error, c.page.Number, a.ID, "font", err.Error())
			return nil
		}
		m.flow = append(m.flow, sp.lines...)
		m.flowDiags = append(m.flowDiags, sp.diags...)
	}
	if len(a.Body) == 0 && a.Dateline != "" {
		sp, err := c.set.set(a.Dateline, st.Dateline, "dateline", c.g.colW, text.Left, false)
		if err == nil {
			m.flow = append(m.flow, sp.lines...)
		}
	}
	return m
}

// continuation makes the module that carries the rest of m's flow on page to.
func (c *composer) continuation(m *module, rest []tline) *module {
	cm := &module{a: m.a, rank: 4, from: c.page.Number, bodyStart: 1}
	cm.heads = make([]*head, 2*(c.g.columns+1))
	cm.caps = make([][]*cap, c.g.columns+1)
	jl := c.jumpLine(fmt.Sprintf("（上接第%d版）", c.page.Number), text.Left, m.a.ID)
	cm.flow = append([]tline{jl}, rest...)
	return cm
}

// jumpLine sets a jump line (下转/上接) in the body face at the column measure.
func (c *composer) jumpLine(s string, align text.Align, article string) tline {
	sp, err := c.set.set(s, c.ed.Styles.Body, "jump", c.g.colW, align, false)
	if err != nil || len(sp.lines) == 0 {
		c.diag(display.Error, c.page.Number, article, "font", fmt.Sprintf("jump line %s could not be set", s))
		return tline{}
	}
	return sp.lines[0]
}

// head returns m's headline block set at span s at its rank's size.
func (c *composer) head(m *module, s int) *head { return c.headAt(m, s, false) }

// canStepUp reports whether m's headline may be set a rank larger to take
// up space on a page short of copy, as a layout editor would rather than
// leave air around it: only a story of the smallest rank (4), so a
// headline never grows to the size that marks the page's leading stories,
// and only at the narrow spans (up to maxStepUpSpan) a short story takes.
func canStepUp(m *module, s int) bool {
	return m.rank >= 4 && s <= maxStepUpSpan && m.from == 0 && !m.story && m.a.Headline != ""
}

// headAt returns m's headline block set at span s, a rank larger when up.
func (c *composer) headAt(m *module, s int, up bool) *head {
	idx := s
	rank := m.rank
	if up {
		idx += c.g.columns + 1
		rank--
	}
	if h := m.heads[idx]; h != nil {
		return h
	}
	st := c.ed.Styles
	w := c.g.spanW(s)
	h := &head{}
	type piece struct {
		text  string
		style editions.Style
		role  string
		main  bool
	}
	var pieces []piece
	hs := st.Headline
	hs.Size = rankSize(st.Headline.Size, rank)
	hs.Leading = hs.Size.Scale(5, 4)
	switch {
	case m.from != 0:
		pieces = []piece{{m.a.Headline, hs, "headline-repeat", true}}
	case m.story:
		title := m.a.Headline
		sub := ""
		if title == "" {
			title = m.a.Story.Title
		} else {
			sub = m.a.Story.Title
		}
		pieces = []piece{{m.a.Kicker, st.Kicker, "kicker", false}, {title, hs, "headline", true}, {sub, st.Subtitle, "subtitle", false}, {m.a.Subtitle, st.Subtitle, "subtitle", false}}
	default:
		pieces = []piece{{m.a.Kicker, st.Kicker, "kicker", false}, {m.a.Headline, hs, "headline", true}, {m.a.Subtitle, st.Subtitle, "subtitle", false}}
	}
	y := units.Length(0)
	first := true
	for _, p := range pieces {
		if p.text == "" {
			continue
		}
		sp, err := c.set.set(p.text, p.style, p.role, w, text.Center, true)
		if err != nil {
			c.diag(display.Error, c.page.Number, m.a.ID, "font", err.Error())
			continue
		}
		if p.main && len(sp.lines) > 1 {
			sp, p.style = c.fitHeadline(p.text, p.style, p.role, w, sp)
		}
		if !first {
			y += c.g.lead / 3
		}
		first = false
		f, _ := c.set.face(p.style.Font)
		lead := p.style.Leading
		if lead < p.style.Size {
			lead = p.style.Size
		}
		if lead > p.style.Size.Scale(5, 4) {
			lead = p.style.Size.Scale(5, 4)
		}
		base := emBaseline(f, p.style.Size, lead)
		for _, ln := range sp.lines {
			h.lines = append(h.lines, hline{tline: ln, y: y + base})
			y += lead
		}
		if p.main {
			h.headLines = len(sp.lines)
			h.shortLast = poorBreak(sp.lines)
		}
		h.diags = append(h.diags, sp.diags...)
	}
	h.height = y
	if y > 0 {
		h.gridLines = c.g.linesFor(y + c.g.lead/2)
	}
	m.heads[idx] = h
	return h
}

// fitHeadline chooses the size of a headline that does not fit on one line
// at its rank's size, as a layout editor would: one line at a slightly
// smaller size (down to four fifths, or to two thirds when the two-line
// break is poor or falls between two Han characters) rather than two
// lines; two lines only when they break well (see poorBreak, hanBreak). A headline made to fit keeps at least half an em
// of space at each side, so it does not run edge to edge into the gutters.
func (c *composer) fitHeadline(s string, st editions.Style, role string, w units.Length, sp setPar) (setPar, editions.Style) {
	floor := st.Size.Scale(4, 5)
	if poorBreak(sp.lines) || hanBreak(sp.lines) {
		floor = st.Size.Scale(2, 3)
	}
	// Never below the smallest headline size (18 pt): a smaller headline
	// no longer reads as one.
	floor = max(floor, min(st.Size, units.Pt(18)))
	for size := st.Size - units.Pt(1); size >= floor; size -= units.Pt(1) {
		t := st
		t.Size, t.Leading = size, size.Scale(5, 4)
		one, err := c.set.set(s, t, role, w, text.Center, true)
		if err == nil && len(one.lines) == 1 && one.lines[0].width <= w-size && !hasCode(one.diags, "overfull") {
			return one, t
		}
	}
	return sp, st
}

func hasCode(ds []text.Diagnostic, code string) bool {
	for _, d := range ds {
		if d.Code == code {
			return true
		}
	}
	return false
}

// poorBreak reports whether a headline's lines break badly: a line of one
// or two characters, or a last line under two fifths as wide as the first.
func poorBreak(lines []tline) bool {
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		if headChars(l) <= 2 {
			return true
		}
	}
	return lines[len(lines)-1].width*5 < lines[0].width*2
}

// hanBreak reports whether a headline breaks between two Han characters,
// which may split a word: without a dictionary the composer cannot tell
// 首|次 (a word split) from 服务|覆盖 (a phrase boundary).
func hanBreak(lines []tline) bool {
	for i := 1; i < len(lines); i++ {
		if isHan(lastRune(lines[i-1])) && isHan(firstRune(lines[i])) {
			return true
		}
	}
	return false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// firstRune and lastRune are the first and last characters set on a line.
func firstRune(l tline) rune {
	for _, r := range l.runs {
		for _, g := range r.glyphs {
			for _, c := range g.Text {
				return c
			}
		}
	}
	return 0
}

func lastRune(l tline) rune {
	var last rune
	for _, r := range l.runs {
		for _, g := range r.glyphs {
			for _, c := range g.Text {
				if !unicode.IsSpace(c) {
					last = c
				}
			}
		}
	}
	return last
}

// headChars counts the characters of a line that are not punctuation.
func headChars(l tline) int {
	n := 0
	for _, r := range l.runs {
		for _, g := range r.glyphs {
			for _, c := range g.Text {
				if unicode.IsLetter(c) || unicode.IsDigit(c) {
					n++
				}
			}
		}
	}
	return n
}

// caption returns the caption (with the credit) of m's photo i set at width s columns.
func (c *composer) caption(m *module, s, i int) *cap {
	if m.caps[s] == nil {
		m.caps[s] = make([]*cap, len(m.photos))
	}
	if cp := m.caps[s][i]; cp != nil {
		return cp
	}
	p := m.photos[i]
	cp := &cap{}
	st := c.ed.Styles
	w := c.g.spanW(s)
	if p.Caption != "" {
		cs := st.Caption
		cs.Indent = 0
		sp, err := c.set.set(p.Caption, cs, "caption", w, text.Justify, false)
		if err == nil {
			cp.lines = append(cp.lines, sp.lines...)
			cp.diags = append(cp.diags, sp.diags...)
		}
	}
	if p.Credit != "" {
		sp, err := c.set.set(p.Credit, st.Credit, "credit", w, text.Right, false)
		if err == nil {
			cp.lines = append(cp.lines, sp.lines...)
			cp.diags = append(cp.diags, sp.diags...)
		}
	}
	m.caps[s][i] = cp
	return cp
}

// captionLines is the grid lines photo i's caption block takes at span k:
// the caption and credit lines, and one clear line below them that keeps
// the body text continuing under the photo apart from its caption (空一行:
// a caption is not the first line of the text below it). A photo story
// has no text below its caption.
func (c *composer) captionLines(m *module, k, i int) int {
	return len(c.caption(m, k, i).lines) + c.clearLines(m)
}

// clearLines is the clear space under each caption block of m, in grid lines.
func (c *composer) clearLines(m *module) int {
	if m.story {
		return 0
	}
	return 1
}

// photoLines is the natural height in grid lines of photo p at width w
// (the image's height plus the inset that keeps it off the caption).
func (c *composer) photoLines(p *editions.Photo, w units.Length) int {
	if p.PixelWidth <= 0 || p.PixelHeight <= 0 {
		return c.g.linesFor(w.Scale(2, 3) + c.inset()*2)
	}
	ih := w.Scale(int64(p.PixelHeight), int64(p.PixelWidth))
	n := int((ih + 2*c.inset() + c.g.lead/2) / c.g.lead)
	return max(n, 2)
}

// inset is the space above and below an image within its grid lines: the
// space above the em box of body type, so the image's top lines up with
// the tops of the characters beside it.
func (c *composer) inset() units.Length { return (c.g.lead - c.g.size) / 2 }

// photoCols lists the column spans to try for m's photos in a module of s columns.
func (c *composer) photoCols(m *module, s int) []int {
	if len(m.photos) == 0 {
		return []int{0}
	}
	if m.story {
		return []int{s}
	}
	k := 0
	if h := m.photos[0].Span; h > 0 {
		k = min(h, s)
	} else if s <= 2 {
		k = s
	} else {
		k = max(2, (2*s+2)/3)
		if k >= s {
			k = s - 1
		}
	}
	if k == s {
		return []int{s}
	}
	return []int{k, s}
}

// bodyHeight is the height in lines of the body area of a module of s
// columns whose k right columns carry occ lines of photos, holding f flow
// lines balanced; ok is false when the text beside the photos would end
// more than a line above them. occ counts clear lines below the captions
// (see captionLines); the last, clear, is dropped when no text runs under
// the photos, as nothing follows the caption block then.
func bodyHeight(s, k, occ, clear, f int) (int, bool) {
	if k == 0 || occ == 0 {
		return (f + s - 1) / s, true
	}
	free := s - k
	if free == 0 {
		if f == 0 {
			return occ - clear, true
		}
		return occ + (f+s-1)/s, true
	}
	if beside := occ - clear; f <= free*beside {
		t := (f + free - 1) / free
		return beside, t >= beside-1
	}
	return (f + k*occ + s - 1) / s, true
}

// spanCost is what choosing span s costs m, before heights.
func (c *composer) spanCost(m *module, s int) int64 {
	var cost int64
	hint := m.a.Span
	if m.story && m.a.Story.Span > 0 && hint == 0 {
		hint = m.a.Story.Span
	}
	if hint > 0 && m.from == 0 {
		cost += costSpanHint * int64(abs(s-hint))
	}
	if m.index == 0 && m.from == 0 {
		cost += costLeadNarrow * int64(c.g.columns-s)
	} else if fit := c.fitSpan(m); s > fit && !m.story && m.from == 0 {
		cost += costSpanFit * int64((s-fit)*(s-fit))
	}
	return cost
}

// fitSpan is the span a layout editor would give m for its length and
// rank: about one column per fitDepth lines of text (so a short story
// stands two or three columns wide, not across the page), one more for a
// story of rank 2, and never less than the photos need.
func (c *composer) fitSpan(m *module) int {
	s := (len(m.flow) + fitDepth - 1) / fitDepth
	if m.rank <= 2 {
		s++
	}
	if len(m.photos) > 0 {
		s = max(s, 3)
	}
	return min(max(s, 1), c.g.columns)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// buildOptions computes, for every span, the module's possible heights on
// the current page (strict: balanced, no hole, nothing overset) and, when
// relaxed, the heights it could take with a hole or with overset text.
func (c *composer) buildOptions(m *module, relaxed bool) {
	m.options = make([][]config, c.g.columns+1)
	for s := 1; s <= c.g.columns; s++ {
		c.buildSpan(m, s, relaxed)
	}
}

// buildSpan computes m's options at span s alone (see buildOptions), as an
// article placed by hand needs.
func (c *composer) buildSpan(m *module, s int, relaxed bool) {
	if len(m.options) != c.g.columns+1 {
		m.options = make([][]config, c.g.columns+1)
	}
	L := c.dpLines
	opts := make([]config, L+1)
	m.options[s] = opts
	keep := func(cf config) {
		if cf.lines < 1 || cf.lines > L {
			return
		}
		if o := opts[cf.lines]; o.lines == 0 || cf.cost < o.cost {
			opts[cf.lines] = cf
		}
	}
	for _, up := range []bool{false, true} {
		if !up || canStepUp(m, s) {
			c.spanOptions(m, s, up, relaxed, keep)
		}
	}
	if relaxed {
		c.relax(m, s, opts)
	}
}

// spanOptions passes to keep every way to build m at span s with its
// headline at its rank's size or, when up, a rank larger: each photo width
// and crop, headline space (up to maxExtraStrict, or maxExtraRelaxed when
// relaxed) and, for a story that jumps, each cut.
func (c *composer) spanOptions(m *module, s int, up, relaxed bool, keep func(config)) {
	hd := c.headAt(m, s, up)
	base := c.spanCost(m, s)
	if up {
		base += costHeadUp
	}
	switch {
	case hd.headLines > 2:
		base += costHeadLine * int64(hd.headLines-2)
	case hd.headLines == 2:
		base += costHeadTwo
	}
	if hd.shortLast {
		base += costHeadShort
	}
	extraMax := maxExtraStrict
	if relaxed {
		extraMax = maxExtraRelaxed
	}
	n := len(m.flow)
	for _, k := range c.photoCols(m, s) {
		var nat, capl []int
		occ0 := 0
		for i, p := range m.photos {
			nl := c.photoLines(p, c.g.spanW(k))
			cl := c.captionLines(m, k, i)
			nat, capl = append(nat, nl), append(capl, cl)
			occ0 += nl + cl
		}
		lo, hi := 0, 0
		if len(m.photos) > 0 {
			lo, hi = nat[0], nat[0]
			if m.photos[0].Fit != editions.FitContain {
				lo, hi = max(2, nat[0]*2/3), nat[0]*3/2
				if m.story {
					lo, hi = max(2, nat[0]/2), nat[0]*2
				}
			}
		}
		for pl := lo; pl <= hi; pl++ {
			occ := occ0
			if len(m.photos) > 0 {
				occ += pl - nat[0]
			}
			pcost := int64(0)
			if k == 1 && len(m.photos) > 0 && m.photos[0].Span != 1 {
				pcost += costNarrowPhoto
			}
			plines := append([]int(nil), nat...)
			if len(plines) > 0 {
				plines[0] = pl
				pcost = int64(costPhoto*abs(pl-nat[0])) + c.ppiCost(m.photos[0], k, pl)
			}
			shownMin := n
			if m.to > 0 && m.from == 0 {
				shownMin = min(n, m.bodyStart+3)
			}
			// The body's shape with every line shown does not depend on
			// the headline space: work it out once.
			bhAll, okAll := bodyHeight(s, k, occ, c.clearLines(m), n)
			okAll = okAll && !emptyColumn(s, k, occ, bhAll, n)
			var shapeAll int64
			if okAll {
				shapeAll = c.shapeCost(m, s, k, bhAll, occ, n)
			}
			for e := 0; e <= extraMax; e++ {
				for shown := n; shown >= shownMin; shown-- {
					f := shown
					jcost := int64(0)
					bh, ok, shape := bhAll, okAll, shapeAll
					if shown < n {
						f++ // the jump line
						jcost = costJump + costJumpLine*int64(n-shown)
						bh, ok = bodyHeight(s, k, occ, c.clearLines(m), f)
						ok = ok && !emptyColumn(s, k, occ, bh, f)
						if ok {
							shape = c.shapeCost(m, s, k, bh, occ, f)
						}
					}
					if !ok {
						continue
					}
					cost := base + costExtra*int64(e*e) + pcost + jcost + shape
					if e > maxExtra {
						// Air beyond maxExtra shows: price it by its area.
						cost += costAir * int64(s*(e-maxExtra))
					}
					if e > maxExtraStrict {
						// Space beyond maxExtraStrict is a hole in all but name: price it by area.
						cost += costUnderset/2 + costHoleLine*int64(s*(e-maxExtraStrict))
					}
					keep(config{lines: hd.gridLines + e + bh, cost: cost, extra: e, pcols: k, plines: plines, shown: shown, up: up})
					if e > 0 && shown < n {
						break // shorter cuts with extra space are never better
					}
				}
				if m.to > 0 && m.from == 0 && e == 0 {
					break // a jumping story absorbs slack by jumping
				}
			}
		}
	}
}

// shapeCost is what the shape of a module's body costs: columns too
// shallow to read, or a line or two stranded under a photo.
func (c *composer) shapeCost(m *module, s, k, bh, occ, f int) int64 {
	if f == 0 {
		return 0
	}
	var cost int64
	depth := bh
	if k == s {
		depth = bh - occ
	}
	cost += c.shallowCost(m, s, depth)
	if under := bh - occ; k > 0 && k < s && under > 0 {
		if under < 4 {
			cost += costUnderPhoto * int64(k*(4-under))
		}
		// The text that runs on under the photos is a strip k columns
		// wide: it needs depth too (the lead keeps its own rule).
		if m.index != 0 || m.from != 0 {
			cost += c.shallowCost(m, k, under) / 2
		}
	}
	if free := s - k; k > 0 && free > 0 && bh == occ-c.clearLines(m) {
		// The text beside the photos ends above their foot: a hole at the
		// foot of those columns, unless a shorter crop takes it up.
		if t := (f + free - 1) / free; t < bh {
			cost += costUnderset / 10 * int64(free*(bh-t))
		}
	}
	return cost
}

// shallowCost is what it costs to set m's body in columns of depth lines
// at span s. A reader's eye needs a few lines in each column before it
// jumps to the next, and the wider the module the deeper its columns must
// be for it to read as one story rather than a strip: a layout editor sets
// a short story two or three columns wide and deeper, and keeps wide
// shallow spans for the lead (which the page's top band may stretch across).
// So a module of s ≥ 2 columns wants 2s+2 lines (one column: 6), and each
// line short costs more than the one before, so that a story is set
// narrower, with more air around its headline, rather than as a strip.
func (c *composer) shallowCost(m *module, s, depth int) int64 {
	if m.index == 0 && m.from == 0 {
		if depth < leadMinDepth {
			return costLeadShallow * int64(s*(leadMinDepth-depth))
		}
		return 0
	}
	want := 6
	if s >= 2 {
		want = 2*s + 2
	}
	if d := want - depth; d > 0 {
		return costShallow * int64(s*d*(d+1)/2)
	}
	return 0
}

// ppiCost is what printing photo p over k columns and pl grid lines costs
// when that enlarges it below minPPI.
func (c *composer) ppiCost(p *editions.Photo, k, pl int) int64 {
	if p.PixelWidth <= 0 || p.PixelHeight <= 0 {
		return 0
	}
	fw := c.g.spanW(k)
	fh := units.Length(pl)*c.g.lead - 2*c.inset()
	dw := max(fw, fh.Scale(int64(p.PixelWidth), int64(p.PixelHeight)))
	if dw <= 0 {
		return 0
	}
	ppi := int64(p.PixelWidth) * int64(units.Inch) / int64(dw)
	if ppi >= minPPI {
		return 0
	}
	return costLowPPI * (minPPI - ppi)
}

// relax fills the heights a module cannot take exactly: taller ones with a
// hole at the bottom (underset), shorter ones with overset text.
func (c *composer) relax(m *module, s int, opts []config) {
	L := len(opts) - 1
	lowest := -1
	var last config
	for h := 1; h <= L; h++ {
		if opts[h].lines != 0 && opts[h].hole == 0 && opts[h].shown == len(m.flow) {
			if lowest < 0 {
				lowest = h
			}
			last = opts[h]
			continue
		}
		if lowest >= 0 && opts[h].lines == 0 {
			cf := last
			cf.lines = h
			cf.hole = h - last.lines + last.hole
			cf.cost = last.cost + costUnderset + costHoleLine*int64(cf.hole*s)
			opts[h] = cf
		}
	}
	// Overset: heights below the lowest exact one, with natural photos.
	hd := c.head(m, s)
	k := c.photoCols(m, s)[0]
	occ := 0
	var plines []int
	for i, p := range m.photos {
		nl := c.photoLines(p, c.g.spanW(k))
		plines = append(plines, nl)
		occ += nl + c.captionLines(m, k, i)
	}
	top := L
	if lowest > 0 {
		top = lowest - 1
	}
	n := len(m.flow)
	for h := top; h >= 1; h-- {
		if opts[h].lines != 0 {
			continue
		}
		bh := h - hd.gridLines
		if bh < occ || bh < 1 {
			break
		}
		capacity := s*bh - k*occ
		if m.story {
			capacity = 0
			if bh < occ {
				break
			}
		}
		shown := min(capacity, n)
		cf := config{lines: h, pcols: k, plines: plines, shown: shown, hole: 0}
		cf.cost = c.spanCost(m, s) + costOverset + costOversetLine*int64(n-shown)
		if shown == n {
			cf.cost = c.spanCost(m, s) + costUnderset + costHoleLine*int64(s*bh-k*occ-n)
			cf.hole = 1
		}
		opts[h] = cf
	}
}

// placeModules tiles the page's module area with the automatic modules,
// around the fixed rectangles. It tries, in turn: exact heights only; heights
// with holes or overset; then empty fillers (holes the size of a module,
// after the last module); and last, leaving out the least important modules.
// placed[i] is false for a module that could not be placed at all
// (reported as overset). Holes are reported as underset.
func (c *composer) placeModules(mods []*module, fixed []place.Rect) (place.Solution, []bool) {
	placed := make([]bool, len(mods))
	grid := place.Grid{Columns: c.g.columns, Lines: c.dpLines, Gap: gapLines}
	problem := func(mods []*module, fillers int) place.Problem {
		p := place.Problem{Grid: grid, Fixed: fixed}
		for _, m := range mods {
			pm := place.Module{Options: make([][]place.Option, c.g.columns+1)}
			for s := 1; s <= c.g.columns; s++ {
				for h, cf := range m.options[s] {
					if cf.lines != 0 {
						pm.Options[s] = append(pm.Options[s], place.Option{Lines: h, Cost: cf.cost})
					}
				}
			}
			p.Modules = append(p.Modules, pm)
		}
		for f := 0; f < fillers; f++ {
			pm := place.Module{Options: make([][]place.Option, c.g.columns+1)}
			for s := 1; s <= c.g.columns; s++ {
				for h := 1; h <= c.dpLines; h++ {
					pm.Options[s] = append(pm.Options[s], place.Option{Lines: h, Cost: costUnderset + costHoleLine*int64(s*h)})
				}
			}
			p.Modules = append(p.Modules, pm)
		}
		return p
	}
	if len(mods) == 0 {
		if len(fixed) == 0 || c.uncovered(fixed) > 0 {
			c.diag(display.Warning, c.page.Number, "", "underset", fmt.Sprintf("page %d has no articles to fill its type area", c.page.Number))
		}
		return place.Solution{}, placed
	}
	for _, m := range mods {
		c.buildOptions(m, false)
	}
	sol, err := place.Solve(problem(mods, 0))
	if err != nil {
		for _, m := range mods {
			c.buildOptions(m, true)
		}
		sol, err = place.Solve(problem(mods, 0))
	}
	for fillers := 1; err != nil && fillers <= 2; fillers++ {
		sol, err = place.Solve(problem(mods, fillers))
	}
	// Still nothing: leave out the least important modules one by one.
	for err != nil && len(mods) > 1 {
		last := mods[len(mods)-1]
		c.diag(display.Error, c.page.Number, last.a.ID, "overset", fmt.Sprintf("no room on the page for %q: %d lines (%d characters) not set", last.a.ID, len(last.flow), flowChars(last.flow)))
		mods = mods[:len(mods)-1]
		sol, err = place.Solve(problem(mods, 1))
	}
	if err != nil {
		for _, m := range mods {
			c.diag(display.Error, c.page.Number, m.a.ID, "overset", fmt.Sprintf("no room on the page for %q: %d lines (%d characters) not set", m.a.ID, len(m.flow), flowChars(m.flow)))
		}
		return place.Solution{}, placed
	}
	sol = c.leadWidest(sol, mods, func(fillers int) place.Problem { return problem(mods, fillers) })
	for i := range mods {
		placed[i] = true
	}
	for _, r := range sol.Rects[len(mods):] {
		c.diag(display.Warning, c.page.Number, "", "underset", fmt.Sprintf("no article fills columns %d–%d, grid lines %d–%d of page %d",
			r.Col+1, r.Col+r.Span, c.top+r.Line, c.top+r.Line+r.Lines-1, c.page.Number))
	}
	return sol, placed
}

// leadOf is the index in mods of the page's lead story (importance 0, not a
// continued part), or -1.
func leadOf(mods []*module) int {
	for i, m := range mods {
		if m.index == 0 && m.from == 0 {
			return i
		}
	}
	return -1
}

// leadWidest makes the lead story the widest module on its page, as
// importance falling from top-left to bottom-right asks: when the cheapest
// tiling gives another module (a continued story, say) a wider span than
// the lead, it re-solves with the lead at least L columns and every other
// module at most L, for L from the lead's span upward, then downward, and
// keeps the first tiling found (the original when none is). A lead placed
// by hand keeps its span and caps the others'.
func (c *composer) leadWidest(sol place.Solution, mods []*module, problem func(fillers int) place.Problem) place.Solution {
	n := len(mods)
	lead := leadOf(mods)
	L0 := 0
	switch {
	case lead >= 0:
		L0 = sol.Rects[lead].Span
	case c.fixedLead != nil:
		L0 = c.fixedLead.fixed.Span
	}
	if L0 == 0 {
		return sol
	}
	widest := 0
	for i, r := range sol.Rects[:n] {
		if i != lead {
			widest = max(widest, r.Span)
		}
	}
	if widest <= L0 {
		return sol
	}
	fillers := len(sol.Rects) - n
	try := func(L int) (place.Solution, bool) {
		p := problem(fillers)
		for i := range p.Modules[:n] {
			opts := make([][]place.Option, len(p.Modules[i].Options))
			for s := range opts {
				if (i == lead && s >= L) || (i != lead && s <= L) {
					opts[s] = p.Modules[i].Options[s]
				}
			}
			p.Modules[i].Options = opts
		}
		got, err := place.Solve(p)
		return got, err == nil
	}
	if lead < 0 {
		if got, ok := try(L0); ok {
			return got
		}
		return sol
	}
	for L := L0; L <= c.g.columns; L++ {
		if got, ok := try(L); ok {
			return got
		}
	}
	for L := L0 - 1; L >= 1; L-- {
		if got, ok := try(L); ok {
			return got
		}
	}
	return sol
}

// uncovered counts the grid cells of the module area outside the fixed rectangles.
func (c *composer) uncovered(fixed []place.Rect) int {
	n := c.g.columns * c.dpLines
	for _, f := range fixed {
		n -= f.Span * f.Lines
	}
	return n
}

// fixedRect is the grid rectangle of an article placed by hand.
func (c *composer) fixedRect(m *module) (place.Rect, bool) {
	p := m.a.Place
	r := place.Rect{Col: p.Column - 1, Span: p.Span, Line: p.Line, Lines: p.Lines}
	if r.Col < 0 || r.Span < 1 || r.Col+r.Span > c.g.columns {
		return r, false
	}
	if r.Lines == 0 {
		c.buildSpan(m, r.Span, true)
		for h, cf := range m.options[r.Span] {
			if cf.lines != 0 && cf.hole == 0 && cf.shown == len(m.flow) {
				r.Lines = h
				break
			}
		}
		if r.Lines == 0 {
			r.Lines = c.dpLines
		}
	}
	if p.Bottom || r.Line < 0 {
		if p.Bottom {
			r.Line = c.dpLines - r.Lines
		} else {
			r.Line = 0
		}
	}
	if r.Line < 0 || r.Lines < 1 || r.Line+r.Lines > c.dpLines {
		return r, false
	}
	return r, true
}

// fixedConfig chooses how to fill a hand-placed rectangle.
func (c *composer) fixedConfig(m *module, r place.Rect) config {
	if len(m.options) <= r.Span || m.options[r.Span] == nil {
		c.buildSpan(m, r.Span, true)
	}
	if cf := m.options[r.Span][r.Lines]; cf.lines != 0 {
		return cf
	}
	c.buildSpan(m, r.Span, true)
	if cf := m.options[r.Span][r.Lines]; cf.lines != 0 {
		return cf
	}
	return config{lines: r.Lines, pcols: c.photoCols(m, r.Span)[0], shown: 0}
}
