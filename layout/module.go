package layout

import (
	"fmt"
	"strings"
	"unicode/utf8"

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
	// feature is true on a literary (副刊) page: see featureStyles.
	feature bool
	// keepText keeps the text of flows and captions as set (for Text);
	// Compose has no use for it.
	keepText bool
}

// byline is an article's byline as its page sets it (see BylineText).
func (ms *measurer) byline(s string) string {
	sec := editions.SectionNews
	if ms.feature {
		sec = editions.SectionFeature
	}
	return BylineText(s, sec)
}

// BylineText is byline s as a page of section style sec prints it: as
// written on a news page; on a feature (副刊) page without the ■ or □ that
// marks a reporter's news byline, since an essay is signed, not filed.
func BylineText(s string, sec editions.Section) string {
	if sec != editions.SectionFeature {
		return s
	}
	return strings.TrimSpace(strings.NewReplacer("■", "", "□", "").Replace(s))
}

// module is one article (or the continued part of one) as a block to place
// on a page: its flow of body lines, set once at the column measure, and
// its headline blocks and photos, set at each span it might take.
type module struct {
	a     *editions.Article
	index int // importance on its page, 0 = lead
	rank  int // headline rank 1..4
	// label is true for a headline that only labels a column (简讯, 快讯):
	// see isLabel.
	label bool
	// flow is the byline and the body, one grid line each, at the column measure.
	flow      []tline
	texts     []string // the flow's paragraphs as set (normalised), one each
	bodyStart int      // index in flow of the first body line
	// bylineDiags and flowDiags are what the composer found in the
	// byline and in the body (with its dateline), reported apart so a
	// message names the text it is about.
	bylineDiags, flowDiags []text.Diagnostic
	// Continuation: from is the page the text comes from (the continued
	// part); to is the page the rest jumps to (the first part).
	from, to int
	story    bool // a photo story: photo, title, caption, no body
	photos   []*editions.Photo
	heads    []*head  // per span, then per span a rank larger (headAt); set on first use
	caps     [][]*cap // per span, per photo: caption set at the photo width
	// capSets are, per photo, its caption as set at each measure: photos
	// wider than the widest caption column (captionColumns) all set it
	// in columns of that measure, so it is set once for them.
	capSets [][]capSet
	options [][]config
	fixed   *place.Rect
}

// head is a headline block set at one span.
type head struct {
	lines     []hline
	height    units.Length // the set height of the text
	gridLines int          // whole grid lines it takes, space below included
	headLines int          // lines of the headline proper (主题)
	shortLast bool         // the headline's last line is under a third of its first
	// diags are what the composer found in each piece — kicker, headline,
	// subtitle — named by it, so a message says which text it is about.
	diags []pieceDiags
}

// pieceDiags are the findings in one piece of a headline block.
type pieceDiags struct {
	what string // "kicker", "headline" or "subtitle"
	ds   []text.Diagnostic
}

// hline is one line of a headline block with its own baseline offset from
// the block's top.
type hline struct {
	tline
	y units.Length
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

// headSize is the size of a headline of the given rank at span s, from
// the headline style's scale (largest first): rank r takes Scale[r-1], so
// a story never has a larger headline than one ranked above it. Only the
// smallest rank (4, or the last step of a shorter scale) varies with the
// span: at a span that holds fewer than Policy.HeadMinChars characters a
// line it takes the next step down, as a layout editor sets a one-column
// brief smaller; that step is below every other rank's size. A headline is
// never shrunk to fit one line: it breaks into lines instead.
func (ms *measurer) headSize(rank, s int) units.Length {
	scale := ms.st.headline.Scale
	if len(scale) == 0 {
		return ms.st.headline.Size
	}
	const lowest = 4
	i := min(max(rank, 1), lowest) - 1
	if i >= len(scale) {
		i = len(scale) - 1
	}
	smallest := rank >= lowest || i == len(scale)-1
	if smallest && i+1 < len(scale) && ms.g.spanW(s) < scale[i]*units.Length(ms.pol.HeadMinChars) {
		i++
	}
	return scale[i]
}

// sideSize is the size of a kicker or subtitle of style st over a headline
// of size head: the style's size, but at most three quarters of the
// headline's (to the half point), so the 主题 always reads as the largest
// line of its block.
func sideSize(st style, head units.Length) style {
	top := head.Scale(3, 4) / 500 * 500
	if st.Size <= top || top <= 0 {
		return st
	}
	st.Leading = st.Leading.Scale(int64(top), int64(st.Size))
	st.Size = top
	return st
}

// maxLabelChars is the longest headline read as a column's label.
const maxLabelChars = 4

// isLabel reports whether a's headline only labels a column of briefs
// (简讯, 快讯, 图片新闻): a headline of at most maxLabelChars characters
// with no kicker or subtitle over a body. A label is set at the smallest
// rank's size and takes no added space: it stands over its text, never
// floating in white above it.
func isLabel(a *editions.Article) bool {
	return a.Story == nil && a.Kicker == "" && a.Subtitle == "" && len(a.Body) > 0 &&
		a.Headline != "" && utf8.RuneCountInString(a.Headline) <= maxLabelChars
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
	if isLabel(a) {
		m.label, m.rank = true, 4
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
		// The byline is flush left and ragged, breaking before a role
		// (记者, 通讯员) and never between a role and its name.
		sp := ms.set.setNames(ms.byline(a.Byline), st.byline, display.RoleByline, ms.g.colW, text.Left)
		m.flow = append(m.flow, ms.g.onGrid(sp.lines, st.byline)...)
		if ms.keepText {
			m.texts = sp.appendTexts(m.texts)
		}
		m.bylineDiags = sp.diags
	}
	m.bodyStart = len(m.flow)
	for i, par := range a.Body {
		var sp setPar
		if i == 0 && a.Dateline != "" {
			sp = ms.set.setDated(par, a.Dateline, st.body, st.dateline, ms.g.colW)
		} else {
			sp = ms.set.set(par, st.body, display.RoleBody, ms.g.colW, text.Justify, false)
		}
		if i < len(a.BodyPos) {
			placeDiags(sp.diags, a.BodyPos[i], i)
		}
		ms.addFlow(m, sp)
	}
	if len(a.Body) == 0 && a.Dateline != "" {
		sp := ms.set.set(a.Dateline, st.dateline, display.RoleDateline, ms.g.colW, text.Left, false)
		ms.addFlow(m, sp)
	}
	return m
}

// placeDiags names, in the findings an editor must act on by changing
// the copy (diag.LooseCopy), the paragraph's place in the edition file:
// "file:line:col: paragraph n: ". It writes ds in place (a set paragraph's
// own slice).
func placeDiags(ds []text.Diagnostic, pos editions.Pos, i int) {
	for k := range ds {
		if ds[k].Code == diag.LooseCopy {
			ds[k].Message = fmt.Sprintf("%s: paragraph %d: %s", pos, i+1, ds[k].Message)
		}
	}
}

// addFlow appends a set paragraph to m's flow.
func (ms *measurer) addFlow(m *module, sp setPar) {
	m.flow = append(m.flow, sp.lines...)
	if ms.keepText {
		m.texts = sp.appendTexts(m.texts)
	}
	m.flowDiags = append(m.flowDiags, sp.diags...)
}

// makeCaches sizes m's caches of headline blocks and captions per span.
func (ms *measurer) makeCaches(m *module) {
	m.heads = make([]*head, 2*(ms.g.columns+1))
	m.caps = make([][]*cap, ms.g.columns+1)
	m.capSets = nil
}

// jumpLine sets a jump line (下转/上接) in the body face at the column
// measure, with what the composer found in it (a character the face
// lacks); ok is false when nothing could be set.
func (ms *measurer) jumpLine(s string, align text.Align) (l tline, diags []text.Diagnostic, ok bool) {
	sp := ms.set.set(s, ms.st.body, display.RoleJump, ms.g.colW, align, false)
	if len(sp.lines) == 0 {
		return tline{}, sp.diags, false
	}
	return sp.lines[0], sp.diags, true
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
	return m.rank >= 4 && !m.label && s <= ms.pol.MaxStepUpSpan && m.from == 0 && !m.story && m.a.Headline != ""
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
	w := ms.g.spanW(s)
	h := &head{}
	y := units.Length(0)
	first := true
	for _, p := range ms.headPieces(m, rank, s) {
		if p.text == "" {
			continue
		}
		sp := ms.set.set(p.text, p.style, p.role, w, text.Center, true)
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
		if len(sp.diags) > 0 {
			what := p.role.String()
			if p.role == display.RoleHeadlineRepeat {
				what = display.RoleHeadline.String()
			}
			h.diags = append(h.diags, pieceDiags{what: what, ds: sp.diags})
		}
	}
	h.height = y
	if y > 0 {
		h.gridLines = ms.g.linesFor(y + ms.g.lead/2)
	}
	m.heads[idx] = h
	return h
}

// piece is one part of a headline block: the kicker, the headline proper
// (main), a subtitle.
type piece struct {
	text  string
	style style
	role  display.Role
	main  bool
}

// headPieces lists the parts of m's headline block at span s, top to
// bottom, its headline at the size of rank; a part may be empty (not set).
func (ms *measurer) headPieces(m *module, rank, s int) (pieces []piece) {
	st := ms.st
	hs := st.headline
	hs.Size = ms.headSize(rank, s)
	hs.Leading = hs.Size.Scale(5, 4)
	kicker, subtitle := sideSize(st.kicker, hs.Size), sideSize(st.subtitle, hs.Size)
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
		pieces = []piece{{m.a.Kicker, kicker, display.RoleKicker, false}, {title, hs, display.RoleHeadline, true}, {sub, subtitle, display.RoleSubtitle, false}, {m.a.Subtitle, subtitle, display.RoleSubtitle, false}}
	default:
		pieces = []piece{{m.a.Kicker, kicker, display.RoleKicker, false}, {m.a.Headline, hs, display.RoleHeadline, true}, {m.a.Subtitle, subtitle, display.RoleSubtitle, false}}
	}
	return pieces
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

// photoCols lists the column spans to try for m's photos in a module of s
// columns, the usual one first: two thirds of the module (at least two
// columns), then the widths around it down to half the module, then the
// whole span. Trying a photo a column narrower or wider keeps it near its
// own shape where a crop (at most Policy.MaxCrop) alone cannot make the
// module fit its place.
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
	out := []int{k}
	if m.photos[0].Span == 0 {
		for j := k - 1; j >= max(2, (s+1)/2); j-- {
			out = append(out, j)
		}
		for j := k + 1; j < s; j++ {
			out = append(out, j)
		}
	}
	return append(out, s)
}
