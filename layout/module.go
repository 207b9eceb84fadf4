package layout

import (
	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/place"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// measurer is the measure stage: it sets an article's text into a module
// (its flow, and its headline blocks and captions at each span) and works
// out the module's options at every span (measure.go) and what they cost
// (cost.go). What it holds is fixed for the run; what a page adds (the
// height of its module area) is passed in.
type measurer struct {
	set *setter
	st  *styles
	g   grid
	pol *Policy
}

// module is one article (or the continued part of one) as a block to place
// on a page: its flow of body lines, set once at the column measure, and
// its headline blocks and photos, set at each span it might take.
type module struct {
	a     *editions.Article
	index int // importance on its page, 0 = lead
	rank  int // headline rank 1..4
	// flow is the byline and the body, one grid line each, at the column measure.
	flow      []tline
	bodyStart int // index in flow of the first body line
	flowDiags []text.Diagnostic
	// Continuation: from is the page the text comes from (the continued
	// part); to is the page the rest jumps to (the first part).
	from, to int
	story    bool // a photo story: photo, title, caption, no body
	photos   []*editions.Photo
	heads    []*head  // per span, then per span a rank larger (headAt); set on first use
	caps     [][]*cap // per span, per photo: caption set at the photo width
	options  [][]config
	fixed    *place.Rect
}

// head is a headline block set at one span.
type head struct {
	lines     []hline
	height    units.Length // the set height of the text
	gridLines int          // whole grid lines it takes, space below included
	headLines int          // lines of the headline proper (主题)
	shortLast bool         // the headline's last line is under a third of its first
	diags     []text.Diagnostic
}

// hline is one line of a headline block with its own baseline offset from
// the block's top.
type hline struct {
	tline
	y units.Length
}

// cap is a photo caption (with its credit) set at one width.
type cap struct {
	lines []tline
	diags []text.Diagnostic
}

// config is one way to build a module at a span and height: the chosen
// extra headline space, photo columns and heights, and how many flow lines
// are shown.
type config struct {
	lines  int // module height in grid lines; 0 = no config
	cost   int64
	extra  int   // grid lines added to the headline block
	pcols  int   // columns the photos span (at the module's right)
	plines []int // grid lines of each photo's image
	shown  int   // flow lines shown (the rest jumps or is overset)
	hole   int   // grid lines left empty at the bottom (underset)
	up     bool  // the headline is set a rank larger (canStepUp)
}

// rankSize is the size of a headline of rank 1..4: sizes step down by rank
// from the style's size to 18 pt.
func rankSize(top units.Length, rank int) units.Length {
	low := units.Pt(18)
	if top < low {
		return top
	}
	return top - (top-low).Scale(int64(rank-1), 3)
}

// defaultRank is the headline rank by importance order.
func defaultRank(index int) int {
	switch {
	case index == 0:
		return 1
	case index == 1:
		return 2
	case index <= 3:
		return 3
	}
	return 4
}

// newModule sets an article's flow (byline and body at the column measure)
// and gathers what the module needs.
func (ms *measurer) newModule(a *editions.Article, index int) *module {
	st := ms.st
	m := &module{a: a, index: index, rank: a.Rank, to: a.ContinueOn}
	if m.rank == 0 {
		m.rank = defaultRank(index)
	}
	ms.makeCaches(m)
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
		bs := st.byline
		bs.Indent = 0
		sp := ms.set.set(a.Byline, bs, display.RoleByline, ms.g.colW, text.Justify, false)
		m.flow = append(m.flow, sp.lines...)
		m.flowDiags = append(m.flowDiags, sp.diags...)
	}
	m.bodyStart = len(m.flow)
	for i, par := range a.Body {
		var sp setPar
		if i == 0 && a.Dateline != "" {
			sp = ms.set.setDated(par, a.Dateline, st.body, st.dateline, ms.g.colW)
		} else {
			sp = ms.set.set(par, st.body, display.RoleBody, ms.g.colW, text.Justify, false)
		}
		m.flow = append(m.flow, sp.lines...)
		m.flowDiags = append(m.flowDiags, sp.diags...)
	}
	if len(a.Body) == 0 && a.Dateline != "" {
		sp := ms.set.set(a.Dateline, st.dateline, display.RoleDateline, ms.g.colW, text.Left, false)
		m.flow = append(m.flow, sp.lines...)
	}
	return m
}

// makeCaches sizes m's caches of headline blocks and captions per span.
func (ms *measurer) makeCaches(m *module) {
	m.heads = make([]*head, 2*(ms.g.columns+1))
	m.caps = make([][]*cap, ms.g.columns+1)
}

// jumpLine sets a jump line (下转/上接) in the body face at the column
// measure; ok is false when nothing could be set.
func (ms *measurer) jumpLine(s string, align text.Align) (tline, bool) {
	sp := ms.set.set(s, ms.st.body, display.RoleJump, ms.g.colW, align, false)
	if len(sp.lines) == 0 {
		return tline{}, false
	}
	return sp.lines[0], true
}

// head returns m's headline block set at span s at its rank's size.
func (ms *measurer) head(m *module, s int) *head { return ms.headAt(m, s, false) }

// canStepUp reports whether m's headline may be set a rank larger to take
// up space on a page short of copy, as a layout editor would rather than
// leave air around it: only a story of the smallest rank (4), so a
// headline never grows to the size that marks the page's leading stories,
// and only at the narrow spans (up to Policy.MaxStepUpSpan) a short story
// takes.
func (ms *measurer) canStepUp(m *module, s int) bool {
	return m.rank >= 4 && s <= ms.pol.MaxStepUpSpan && m.from == 0 && !m.story && m.a.Headline != ""
}

// headAt returns m's headline block set at span s, a rank larger when up.
func (ms *measurer) headAt(m *module, s int, up bool) *head {
	idx := s
	rank := m.rank
	if up {
		idx += ms.g.columns + 1
		rank--
	}
	if h := m.heads[idx]; h != nil {
		return h
	}
	st := ms.st
	w := ms.g.spanW(s)
	h := &head{}
	type piece struct {
		text  string
		style style
		role  display.Role
		main  bool
	}
	var pieces []piece
	hs := st.headline
	hs.Size = rankSize(st.headline.Size, rank)
	hs.Leading = hs.Size.Scale(5, 4)
	switch {
	case m.from != 0:
		pieces = []piece{{m.a.Headline, hs, display.RoleHeadlineRepeat, true}}
	case m.story:
		title := m.a.Headline
		sub := ""
		if title == "" {
			title = m.a.Story.Title
		} else {
			sub = m.a.Story.Title
		}
		pieces = []piece{{m.a.Kicker, st.kicker, display.RoleKicker, false}, {title, hs, display.RoleHeadline, true}, {sub, st.subtitle, display.RoleSubtitle, false}, {m.a.Subtitle, st.subtitle, display.RoleSubtitle, false}}
	default:
		pieces = []piece{{m.a.Kicker, st.kicker, display.RoleKicker, false}, {m.a.Headline, hs, display.RoleHeadline, true}, {m.a.Subtitle, st.subtitle, display.RoleSubtitle, false}}
	}
	y := units.Length(0)
	first := true
	for _, p := range pieces {
		if p.text == "" {
			continue
		}
		sp := ms.set.set(p.text, p.style, p.role, w, text.Center, true)
		if p.main && len(sp.lines) > 1 {
			sp, p.style = ms.fitHeadline(p.text, p.style, p.role, w, sp)
		}
		if !first {
			y += ms.g.lead / 3
		}
		first = false
		lead := p.style.Leading
		if lead < p.style.Size {
			lead = p.style.Size
		}
		if lead > p.style.Size.Scale(5, 4) {
			lead = p.style.Size.Scale(5, 4)
		}
		base := emBaseline(p.style.face, p.style.Size, lead)
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
		h.gridLines = ms.g.linesFor(y + ms.g.lead/2)
	}
	m.heads[idx] = h
	return h
}

// fitHeadline chooses the size of a headline that does not fit on one line
// at its rank's size, as a layout editor would: one line at a slightly
// smaller size (down to four fifths, or to two thirds when the two-line
// break is poor or falls between two Han characters) rather than two
// lines; two lines only when they break well (see poorBreak, hanBreak). A
// headline made to fit keeps at least half an em of space at each side, so
// it does not run edge to edge into the gutters.
func (ms *measurer) fitHeadline(s string, st style, role display.Role, w units.Length, sp setPar) (setPar, style) {
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
		one := ms.set.set(s, t, role, w, text.Center, true)
		if len(one.lines) == 1 && one.lines[0].width <= w-size && !hasCode(one.diags, diag.Overfull) {
			return one, t
		}
	}
	return sp, st
}

// caption returns the caption (with the credit) of m's photo i set at width s columns.
func (ms *measurer) caption(m *module, s, i int) *cap {
	if m.caps[s] == nil {
		m.caps[s] = make([]*cap, len(m.photos))
	}
	if cp := m.caps[s][i]; cp != nil {
		return cp
	}
	p := m.photos[i]
	cp := &cap{}
	w := ms.g.spanW(s)
	if p.Caption != "" {
		cs := ms.st.caption
		cs.Indent = 0
		sp := ms.set.set(p.Caption, cs, display.RoleCaption, w, text.Justify, false)
		cp.lines = append(cp.lines, sp.lines...)
		cp.diags = append(cp.diags, sp.diags...)
	}
	if p.Credit != "" {
		sp := ms.set.set(p.Credit, ms.st.credit, display.RoleCredit, w, text.Right, false)
		cp.lines = append(cp.lines, sp.lines...)
		cp.diags = append(cp.diags, sp.diags...)
	}
	m.caps[s][i] = cp
	return cp
}

// captionLines is the grid lines photo i's caption block takes at span k:
// the caption and credit lines, and one clear line below them that keeps
// the body text continuing under the photo apart from its caption (空一行:
// a caption is not the first line of the text below it). A photo story
// has no text below its caption.
func (ms *measurer) captionLines(m *module, k, i int) int {
	return len(ms.caption(m, k, i).lines) + clearLines(m)
}

// clearLines is the clear space under each caption block of m, in grid lines.
func clearLines(m *module) int {
	if m.story {
		return 0
	}
	return 1
}

// photoLines is the natural height in grid lines of photo p at width w
// (the image's height plus the inset that keeps it off the caption).
func (ms *measurer) photoLines(p *editions.Photo, w units.Length) int {
	g := ms.g
	if p.PixelWidth <= 0 || p.PixelHeight <= 0 {
		return g.linesFor(w.Scale(2, 3) + g.inset()*2)
	}
	ih := w.Scale(int64(p.PixelHeight), int64(p.PixelWidth))
	n := int((ih + 2*g.inset() + g.lead/2) / g.lead)
	return max(n, 2)
}

// photoCols lists the column spans to try for m's photos in a module of s columns.
func photoCols(m *module, s int) []int {
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
