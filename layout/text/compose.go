package text

import (
	"fmt"
	"reflect"
	"slices"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/layout/hyphen"
	"github.com/broadsheet-news/broadsheet/layout/words"
	"github.com/broadsheet-news/broadsheet/units"
)

// cluster is one grapheme cluster of the paragraph with everything the line
// breaker needs to know about it and about the junction before it.
type cluster struct {
	start, end int32 // byte offsets in the paragraph
	ri         int32 // index of the first rune
	spaces     int32 // how many spaces a space cluster holds
	r          rune  // first rune
	cls        class
	adv        units.Length // the font's advance (sum over the cluster)
	// cutL and cutR are what is taken off (negative: added to) the advance on
	// each side in the line's middle; w = adv - cutL - cutR is the natural
	// width. capL and capR are what may still be cut on each side (the blank
	// half of a full-width mark).
	cutL, cutR, capL, capR units.Length
	w                      units.Length
	sh2, sh3, st1          units.Length // own shrink (marks, word spaces: level 2; Han–Latin spaces: level 3) and stretch
	// sh4 is what a Han–Latin gap (or a typed space standing for one)
	// gives last, after the characters have closed up: its last eighth
	// of an em, down to no gap at all, as many Chinese papers set it.
	sh4 units.Length
	// The junction before the cluster: a Han–Latin gap and its shrink and
	// stretch; whether an even spread may open it.
	gap, gapSh, gapSt units.Length
	spread            bool
	tight             bool  // a squeezed line may close the junction up (by tightGap at most)
	fullMid           bool  // 开明式 keeps this 。！？ full width in mid-line: only a line's edge trims it
	hyph              bool  // a break before the cluster ends the line with an added hyphen
	kind              uint8 // break before the cluster: see brk*
	pen               int64 // demerits for breaking before the cluster
}

// Kinds of break before a cluster.
const (
	brkOK        uint8 = iota // allowed
	brkNone                   // forbidden by UAX #14 or the Latin-word rule: used only in emergencies
	brkKinsoku                // allowed by UAX #14, forbidden by 禁则: used only in emergencies
	brkSplit                  // inside —— or ……: used only in emergencies
	brkMandatory              // a forced break (newline)
)

// Demerits. Rules are ranked by these: a rule whose breach costs less is
// broken first when not all can be kept.
const (
	penHyphen    int64 = 3000     // break after a hyphen in a Latin word
	penURL       int64 = 3000     // break inside a URL after /
	penGive      int64 = 20000    // the space after a dateline given up, at all (Style.IndentShrink)
	penURLDot    int64 = 300000   // break inside a URL after a dot: dearer than a line stretched under looseSpread, so a domain that fits stays whole, cheaper than a loose line
	penHyphenate int64 = 100000   // a Latin word broken with an added hyphen
	penHeadSplit int64 = 1000000  // a byline broken between two Han characters
	penHeadWord  int64 = 2000000  // a headline broken between words, not at a clause space or stop
	penHeadPred  int64 = 500000   // a headline broken before its predicate (a verb, preposition, adverb)
	penWordSplit int64 = 20000000 // a headline broken inside a word, or before a particle
	penCaption   int64 = 100000   // a caption broken inside a word, or before a particle
	penBodyWord  int64 = 1        // body text broken inside a word: only a tie-break
	// A third line in a row ending with a hyphen (a hyphen ladder): dearer
	// than a loose line, cheaper than a 孤字.
	penHyphenLadder int64 = 5000000
	// A line spread by more than looseSpread a gap: dearer than any
	// paragraph's worth of legal squeezes (a squeezed line costs well under
	// 50000 even with its dateline's space given), so a loose line stays
	// only where the wording leaves no other way, and is then reported
	// (diag.LooseCopy); cheaper than a 孤字.
	penLooseLine  int64 = 1000000
	looseSpread   int64 = 8       // hundredths of an em: more spread makes a loose line
	penHeadShort  int64 = 3000000 // a headline's line of one or two characters, or its last line under a third of the measure
	penOrphan     int64 = 10000000
	penOffGrid    int64 = 100000    // a Han-only line given added space on a whole-character measure (on top of penLooseLine when it is loose)
	penLoose      int64 = 100000000 // a line that cannot be stretched to the measure
	penKinsoku    int64 = 100000000000
	penSplit      int64 = 1000000000000
	penNone       int64 = 1000000000000
	penOverfull   int64 = 10000000000000
	linePenalty   int64 = 100
	adjustPenalty int64 = 1000 // any line stretched
	quadFrom      int64 = 100  // badness beyond which demerits grow quadratically
	maxBad        int64 = 100000
	infDemerits   int64 = 1 << 62
	// Squeezing in comes before pushing out (先挤进，后推出): taking the
	// blank half off a mark is cheap, so the breaker squeezes a character in
	// before it stretches a line to push one out.
	shrinkWeight1 int64 = 1   // line-edge punctuation (tenths per thousandth of an em)
	shrinkWeight2 int64 = 2   // mid-line punctuation, word spaces
	shrinkWeight3 int64 = 8   // Han–Latin gaps, to an eighth of an em
	shrinkWeight4 int64 = 16  // Han–Latin gaps, from an eighth of an em to none
	shrinkPenalty int64 = 200 // any line squeezed
	tightWeight   int64 = 40  // inter-character tightening, per gap (dearer than a spread of the same size)
	stretchWeight int64 = 5   // word spaces and Han–Latin gaps, per element
	spreadWeight  int64 = 20  // inter-character spread, per gap
)

// tightDiv sets how far a squeezed line may close up its characters: by
// at most 1/tightDiv em at each junction open to spread (the junctions an
// even spread would open: never inside a Latin word or a number). A 13-em
// line of Han can so take half an em more (a line-end mark after twelve
// characters), never a whole character.
const tightDiv = 20

// A Composer sets paragraphs, reusing its buffers so that composing
// allocates little: only the returned Paragraph's lines and glyphs, and
// the segmentation of a text it has not seen (it remembers up to
// maxSegmentations texts, as the same paragraph is set at several
// measures). A Composer is not safe for concurrent use; give each
// goroutine its own.
type Composer struct {
	seg   segmenter.Segmenter
	ws    *words.Segmenter
	segs  map[string]*segmentation // by text: see segment
	wst   []words.Mark             // the current text's word starts, by rune (shared with segs)
	hyW   units.Length             // the width of an added hyphen
	runes []rune                   // the current text's (shared with segs: read only)
	roff  []int32                  // byte offset of each rune, and the text's length
	ubrk  []uint8                  // UAX #14 at each rune boundary: 0 none, 1 allowed, 2 mandatory
	cl    []cluster
	// analyses is the memory of analyse, by text and style; clKept says
	// that cl is one of its arrays (read only).
	analyses map[analysisKey]*analysis
	clKept   bool
	// Running totals over clusters (see sums and prefix): ends[k] over the
	// clusters before k, the junction before cluster k counted with
	// cluster k; starts[k] that and cluster k's junction.
	ends, starts []sums
	lastVis      []int32      // last cluster before k that does not vanish at a line end, or -1
	tightGap     units.Length // the most a junction open to spread closes up in a squeezed line
	indentGive   units.Length // what the first line's indent may give (Style.IndentShrink)
	best         []int64
	from         []int32
	bestH        []int64 // fitLadder's best and from, hyStates a break
	fromH        []int32
	// setting scratch
	adj   []adjust
	elems []elem

	// Hyphenation (see hyphenate): Latin words' points, from package
	// hyphen, taken on first use; the word and its points as scratch.
	hy     *hyphen.Hyphenator
	hyWord []byte
	hyPts  []int
}

// adjust holds the changes made to one cluster of a line being set.
type adjust struct {
	cutL, cutR units.Length // total cuts
	box        units.Length // width on the line
	gap        units.Length // space before it
}

// elem is one adjustable thing while setting a line.
type elem struct {
	k    int32 // cluster index
	what uint8
	cap  units.Length
	amt  units.Length
}

const (
	eMarkEnd   uint8 = iota // a mark at the line end: cut right first
	eMarkStart              // a mark at the line start: cut left first
	eMark                   // a mark in the line: cut both blank sides
	eBox                    // a space's box
	eGap                    // a junction gap
)

// NewComposer returns a Composer.
func NewComposer() *Composer { return &Composer{} }

// Compose sets the paragraph par in style st. The paragraph is normalised
// first if st.Normalize is set; Paragraph.Text holds what was set, and the
// lines' glyphs, in order, spell it exactly. Problems are reported in
// Paragraph.Diagnostics, never by dropping text.
func (c *Composer) Compose(par string, st Style) Paragraph {
	text := par
	if st.Normalize {
		text = normalize(par, st.Headline)
	}
	p := Paragraph{Text: text}
	if st.Font == nil {
		p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.BadStyle, Message: "no font given: set in a fixed-width stand-in", Line: -1, Pos: -1})
		st.Font = fixedFont{}
	}
	if st.Size <= 0 {
		p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.BadStyle, Message: fmt.Sprintf("font size %v is not positive: set at 10pt", st.Size), Line: -1, Pos: -1})
		st.Size = 10 * units.Point
	}
	if st.Headline {
		st.Indent = 0
	}
	if st.Measure < st.Size || st.Indent < 0 || st.Indent >= st.Measure {
		p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.BadStyle, Message: fmt.Sprintf("measure %v with indent %v leaves less than one em (%v)", st.Measure, st.Indent, st.Size), Line: -1, Pos: -1})
		if st.Indent < 0 || st.Indent >= st.Measure {
			st.Indent = 0
		}
	}
	if st.IndentShrink < 0 || st.IndentShrink > st.Indent {
		st.IndentShrink = max(0, min(st.IndentShrink, st.Indent))
	}
	if text == "" {
		return p
	}
	c.tightGap, c.indentGive = st.Size/tightDiv, st.IndentShrink
	if st.Headline {
		// A headline's size is chosen from a scale by what fits: closing
		// its characters up would pick sizes by a hair.
		c.tightGap = 0
	}
	c.analyse(text, &st, &p.Diagnostics)
	c.breakLines(&st)
	c.setLines(&p, &st)
	if st.Headline {
		if e := c.lastVis[len(c.cl)]; e >= 0 && c.cl[e].cls == cStop && c.cl[e].r != '？' && c.cl[e].r != '！' {
			p.Diagnostics = append(p.Diagnostics, Diagnostic{Code: diag.HeadlinePunctuation, Line: len(p.Lines) - 1, Pos: int(c.cl[e].start),
				Message: fmt.Sprintf("headline %q ends with %q: headlines take no closing punctuation but ？ and ！", text, c.cl[e].r)})
		}
	}
	return p
}

// segmentation is what analyse finds in a text that depends on the text
// alone: its runes, their byte offsets, the UAX #14 break opportunities and
// the grapheme clusters. Layout composes each paragraph at several measures
// (one per span it might take), so a Composer keeps it per text.
type segmentation struct {
	runes []rune
	roff  []int32      // byte offset of each rune, and the text's length
	ubrk  []uint8      // UAX #14 at each rune boundary: 0 none, 1 allowed, 2 mandatory
	gb    []int32      // rune index where each grapheme cluster starts, and the rune count
	wst   []words.Mark // where dictionary words start, by rune
	bad   []int        // byte offsets of bytes that are not UTF-8
}

// maxSegmentations bounds the texts a Composer remembers; when it is
// reached the memory starts over.
const maxSegmentations = 1024

// segment returns text's segmentation, from memory when the Composer has
// seen text before. The slices are shared and must not be written to.
func (c *Composer) segment(text string) *segmentation {
	if sg, ok := c.segs[text]; ok {
		return sg
	}
	n := utf8.RuneCountInString(text)
	// The runes, their offsets and the cluster starts are all int32: one
	// array holds the three (each slice capped at its part, so an append
	// never runs into the next), one allocation where there were three.
	block := make([]int32, 3*n+2)
	sg := &segmentation{runes: block[:0:n], roff: block[n : n : 2*n+1], gb: block[2*n+1 : 2*n+1 : 3*n+2]}
	for i, r := range text {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(text[i:]); size == 1 {
				sg.bad = append(sg.bad, i)
			}
		}
		sg.runes = append(sg.runes, r)
		sg.roff = append(sg.roff, int32(i))
	}
	sg.roff = append(sg.roff, int32(len(text)))
	c.seg.Init(sg.runes)
	sg.ubrk = make([]uint8, n+1)
	for it := c.seg.LineIterator(); it.Next(); {
		l := it.Line()
		if end := l.Offset + len(l.Text); end < n {
			sg.ubrk[end] = 1
			if l.IsMandatoryBreak {
				sg.ubrk[end] = 2
			}
		}
	}
	for it := c.seg.GraphemeIterator(); it.Next(); {
		sg.gb = append(sg.gb, int32(it.Grapheme().Offset))
	}
	sg.gb = append(sg.gb, int32(n))
	if c.ws == nil {
		c.ws = words.NewSegmenter(words.Default())
	}
	sg.wst = make([]words.Mark, n)
	c.ws.CutHan(sg.runes, sg.wst)
	if c.segs == nil || len(c.segs) >= maxSegmentations {
		c.segs = make(map[string]*segmentation)
	}
	c.segs[text] = sg
	return sg
}

// analysis is what analyse finds in a text set in a style, which does not
// depend on the measure: the clusters with their widths, compression and
// break opportunities, the added hyphen's width and the diagnostics of the
// text. Layout sets each paragraph at several measures while it places the
// articles (a measure per span it tries) and again to draw it, so a
// Composer keeps the analysis per text and style; the clusters are read
// only once kept.
type analysis struct {
	cl    []cluster
	hyW   units.Length
	diags []Diagnostic
}

// analysisKey names an analysis: the text, and the style with the fields
// analyse does not read (the measure, the indent and what it may give)
// zeroed.
type analysisKey struct {
	text string
	st   Style
}

// maxAnalyses bounds the analyses a Composer keeps (a paragraph's clusters
// take 136 bytes a character); when it is reached the memory starts over.
const maxAnalyses = 128

// analyse splits text into clusters and finds their widths and the break
// opportunities between them, or takes them from the Composer's memory
// when it has analysed text in this style before (see analysis).
func (c *Composer) analyse(text string, st *Style, diags *[]Diagnostic) {
	sg := c.segment(text)
	c.runes, c.roff, c.ubrk, c.wst = sg.runes, sg.roff, sg.ubrk, sg.wst
	key := analysisKey{text: text, st: *st}
	key.st.Measure, key.st.Indent, key.st.IndentShrink = 0, 0, 0
	// A font whose value cannot be a map key (none of ours) is not kept.
	keep := st.Font == nil || reflect.TypeOf(st.Font).Comparable()
	if keep {
		if a, ok := c.analyses[key]; ok {
			c.cl, c.hyW, c.clKept = a.cl, a.hyW, true
			*diags = append(*diags, a.diags...)
			return
		}
	}
	before := len(*diags)
	c.analyseAnew(sg, st, diags)
	if keep {
		if c.analyses == nil || len(c.analyses) >= maxAnalyses {
			c.analyses = make(map[analysisKey]*analysis)
		}
		c.analyses[key] = &analysis{cl: c.cl, hyW: c.hyW, diags: slices.Clone((*diags)[before:])}
		c.clKept = true
	}
}

// analyseAnew is analyse without the memory.
func (c *Composer) analyseAnew(sg *segmentation, st *Style, diags *[]Diagnostic) {
	for _, i := range sg.bad {
		*diags = append(*diags, Diagnostic{Code: diag.InvalidUTF8, Message: fmt.Sprintf("byte %d is not UTF-8: set as U+FFFD", i), Line: -1, Pos: i})
	}
	// One cluster a grapheme at most: allocated once at its final size
	// (appending would copy a long paragraph's clusters, 136 bytes each,
	// again at every growth). Clusters kept in the memory are never
	// written again: a new array then.
	if m := len(sg.gb) - 1; cap(c.cl) < m || c.clKept {
		c.cl = make([]cluster, 0, m)
		c.clKept = false
	}
	c.cl = c.cl[:0]
	em := st.Size
	cf, byCluster := st.Font.(ClusterFont)
	for gi := 0; gi+1 < len(sg.gb); gi++ {
		first, last := int(sg.gb[gi]), int(sg.gb[gi+1])
		g := c.runes[first:last]
		font := st.Font
		if byCluster {
			font = cf.ForCluster(g)
		}
		cl := cluster{start: c.roff[first], end: c.roff[last], ri: int32(first), r: g[0]}
		cl.cls = classify(cl.r)
		if cl.r == '\u3000' && st.Headline {
			cl.cls = cSpace // a headline's clause space: breaks, and vanishes at a line's end
		}
		for _, r := range g {
			k := classify(r)
			// A combining mark is drawn (on its base), so a mark the font
			// lacks is reported like any other character; format
			// characters and variation selectors are not drawn.
			if (k == cIgnorable && !isMark(r)) || k == cBreak || k == cSpace {
				continue
			}
			if !font.Covers(r) {
				*diags = append(*diags, Diagnostic{Code: diag.MissingGlyph, Message: fmt.Sprintf("the font has no glyph for %q (U+%04X)", r, r), Line: -1, Pos: int(c.roff[first])})
			}
			cl.adv += font.Advance(r, em)
		}
		if n := len(c.cl); cl.cls == cSpace && n > 0 && c.cl[n-1].cls == cSpace && c.ubrk[first] == 0 {
			// A run of spaces is one cluster: the breaker never parts it,
			// and a long run costs no more than one space.
			c.cl[n-1].end = cl.end
			c.cl[n-1].spaces++
			continue
		}
		cl.spaces = 1
		c.cl = append(c.cl, cl)
	}
	c.measure(st)
	c.breaks(st)
}

// measure sets natural widths, compression capacities and junction gaps.
func (c *Composer) measure(st *Style) {
	em := st.Size
	cls := c.cl
	c.hyW = st.Font.Advance(addedHyphen, em)
	if c.hyW <= 0 {
		c.hyW = em / 3
	}
	for k := range cls {
		cl := &cls[k]
		switch cl.cls {
		case cOpen, cClose, cStop:
			target := em
			if st.Punctuation == Half || (st.Punctuation == Kaiming && !sentenceEnd(cl.r)) {
				target = em / 2
			}
			c.fitMark(cl, target, st)
			c.caps(cl, st)
		case cMiddle:
			c.fitMark(cl, em/2, st)
		case cDash, cEllipsis:
			target := em
			if cl.r == '⸺' {
				target = 2 * em
			} else if cl.r == '⸻' {
				target = 3 * em
			}
			c.fitMark(cl, target, st)
			// A narrow dash in a pair is padded on its inner side only: the
			// pair's glyphs reach its outer edges (a —— ending a line ends
			// flush with the measure), and what is left between their inks
			// is bridged by whoever draws the line (layout draws a bar of
			// the dash's own ink), so the two halves of —— join.
			if d := cl.adv - target; d < 0 {
				if k+1 < len(cls) && cls[k+1].cls == cl.cls {
					cl.cutL, cl.cutR = 0, d
				} else if k > 0 && cls[k-1].cls == cl.cls {
					cl.cutL, cl.cutR = d, 0
				}
			}
		case cSpace:
			cl.w = wordSpace(st)
		case cBreak, cIgnorable:
			cl.w = 0
		default:
			cl.w = cl.adv
			if cl.w <= 0 && !st.Font.Covers(cl.r) {
				// An uncovered rune with no advance still takes an em, so
				// the missing glyph shows as a hole, not an overprint.
				cl.w = em
				cl.cutL, cl.cutR = -em/2, -em/2
			}
		}
	}
	// Adjacent marks compress: the blank between their inks loses half an
	// em. (半角式 and 开明式 have set the pauses half width already.)
	if st.Punctuation == Full {
		for k := 1; k < len(cls); k++ {
			p, q := &cls[k-1], &cls[k]
			if !p.cls.compressible() || !q.cls.compressible() {
				continue
			}
			need := em / 2
			a := min(need, p.capR)
			p.cutR += a
			p.capR -= a
			p.w -= a
			need -= a
			b := min(need, q.capL)
			q.cutL += b
			q.capL -= b
			q.w -= b
		}
	}
	// Spaces, gaps, shrink and stretch.
	for k := range cls {
		cl := &cls[k]
		if cl.cls.compressible() {
			cl.sh2 = cl.capL + cl.capR
			cl.fullMid = st.Punctuation == Kaiming && sentenceEnd(cl.r)
		}
		if cl.cls == cSpace {
			pv, nx := c.visNeighbours(k)
			switch {
			case pv >= 0 && nx >= 0 && hanLike(cls[pv].cls) && hanLike(cls[nx].cls) && st.Headline:
				cl.w = em // a phrase gap in a headline: one em
			case pv >= 0 && nx >= 0 && st.Headline && (cls[pv].cls.compressible() || cls[nx].cls.compressible()):
				cl.w = em / 2 // with the mark's blank half, one em
			case pv >= 0 && nx >= 0 && st.Headline && (hanLike(cls[pv].cls) || hanLike(cls[nx].cls)):
				// Beside Han on one side, Latin on the other: a clause
				// space as well (…21.7万标箱 LNG进口量…). The Han–Latin gap
				// needs no typed space; a headline's typed one parts clauses.
				cl.w = em
			case pv >= 0 && nx >= 0 && hanLike(cls[pv].cls) && hanLike(cls[nx].cls):
				// Between two Han a space parts names or phrases (记者 张三):
				// half an em, down to a quarter.
				cl.w, cl.sh3, cl.st1 = em/2, em/4, em/4
			case pv >= 0 && nx >= 0 && (hanLike(cls[pv].cls) && latinSide(&cls[nx]) || latinSide(&cls[pv]) && hanLike(cls[nx].cls)):
				// A typed space between Han and Latin is the Han–Latin gap.
				cl.w, cl.sh3, cl.sh4, cl.st1 = em/4, em/8, em/8, em/8
			default:
				// Between Latin words: down to 2/9 em, never less (a
				// narrower gap reads as a word spread letter by letter).
				cl.sh2, cl.st1 = max(0, cl.w-fixedSpaceMin(em)), em/4
			}
			cl.w += units.Length(cl.spaces-1) * wordSpace(st) // extra spaces typed

		}
		if k > 0 {
			p := &cls[k-1]
			if (hanLike(p.cls) && latinSide(cl) || latinSide(p) && hanLike(cl.cls)) && !unitSign(p.r) && !unitSign(cl.r) ||
				hanLike(p.cls) && !unitSign(p.r) && (cl.r == '-' || cl.r == '+' || cl.r == '−') && k+1 < len(cls) && isDigit(cls[k+1].r) {
				// A quarter em, down to an eighth (JIS X 4051 §4.5) and,
				// after the characters have closed up, to none, up to half
				// an em before inter-character spread takes over. A
				// unit or sign sits tight against its digits (15℃, 65％,
				// 8～10); a number's sign takes the quarter em before it
				// (气温 -2℃).
				cl.gap, cl.gapSh, cl.sh4, cl.gapSt = em/4, em/8, em/8, em/4
			}
			// Beside a pause or a bracket the line opens no wider than
			// between two Han: a quarter em there first ("防寒保暖， 设施")
			// reads as a hole after the mark, so the even spread below
			// takes those junctions with the rest.
			cl.spread = !(p.cls == cDash && cl.cls == cDash) && !(p.cls == cEllipsis && cl.cls == cEllipsis) &&
				cl.cls != cIgnorable && cl.cls != cBreak && p.cls != cBreak &&
				!inNumber(p, cl)
			// Closing up takes only what is set solid: never a word
			// space's side (Haixin Hydrogen would read as one word) nor a
			// Han–Latin gap, which has its own shrink down to an eighth.
			cl.tight = cl.spread && cl.gap == 0 && p.cls != cSpace && cl.cls != cSpace
		}
	}
}

// midSh is what a cluster may shrink by in mid-line (sh2 is at a line's edge).
func (cl *cluster) midSh() units.Length {
	if cl.fullMid {
		return 0
	}
	return cl.sh2
}

// inNumber reports whether the junction between p and q is inside a Latin
// word or a number, or between a number and its unit or sign: justification
// never spreads it (3 1 2 . 4, L N G, 15 ℃).
func inNumber(p, q *cluster) bool {
	switch {
	case latinish(p.cls) && latinish(q.cls):
		return true
	case isDigit(p.r) && (unitSign(q.r) || isDigit(q.r)):
		return true
	case isDigit(q.r) && (unitSign(p.r) || numberSign(p.r)):
		return true
	}
	return false
}

// isIdeograph reports whether r is a Han ideograph: the runes the word
// segmenter cuts.
func isIdeograph(r rune) bool { return words.Han(r) }

// latinSide reports whether a cluster is a Latin letter or digit, or a
// number's ASCII sign (5% $5): the side of a Han–Latin gap.
func latinSide(cl *cluster) bool {
	return cl.cls.alnum() || cl.r == '%' || cl.r == '$'
}

// wordSpace is the width of a space between Latin words: the font's, kept
// between an eighth and half an em.
func wordSpace(st *Style) units.Length {
	w := st.Font.Advance(' ', st.Size)
	if w < st.Size/8 || w > st.Size/2 {
		w = st.Size / 4
	}
	return w
}

// hanLike reports whether c is set like Han for spacing (Han and symbols).
func hanLike(c class) bool { return c == cHan || c == cOther }

// visNeighbours returns the nearest clusters before and after k that are not spaces, or -1.
func (c *Composer) visNeighbours(k int) (int, int) {
	p, n := -1, -1
	for j := k - 1; j >= 0; j-- {
		if c.cl[j].cls != cSpace {
			p = j
			break
		}
	}
	for j := k + 1; j < len(c.cl); j++ {
		if c.cl[j].cls != cSpace {
			n = j
			break
		}
	}
	return p, n
}

const (
	sideBoth  = 0
	sideLeft  = 1 // blank on the left (ink on the right)
	sideRight = 2 // blank on the right (ink on the left)
)

// blankSide says which side of a mark is blank, from where the font draws its ink.
func (c *Composer) blankSide(cl *cluster, st *Style) int {
	l, r := st.Font.InkBounds(cl.r, st.Size)
	a := cl.adv
	if r <= l || a <= 0 {
		return sideBoth
	}
	c2 := l + r // twice the ink's centre
	switch {
	case c2 < a-a/8:
		return sideRight
	case c2 > a+a/8:
		return sideLeft
	}
	return sideBoth
}

// caps finds what may still be cut off a mark without touching its ink:
// the blank on each side of the ink within the mark's room, down to half an
// em in all, from one side when that side's blank suffices. Blank narrower than an eighth of an em is not worth cutting (the
// side with ink keeps its small margin), and ink that overhangs half an em by
// a fiftieth of an em or less is let overhang, so marks stay on half-em steps.
func (c *Composer) caps(cl *cluster, st *Style) {
	em := st.Size
	spare := cl.w - em/2
	if spare <= 0 {
		return
	}
	l, r := st.Font.InkBounds(cl.r, em)
	var bl, br units.Length
	if r <= l { // no ink: all blank
		bl, br = cl.w/2, cl.w-cl.w/2
	} else {
		bl = l - cl.cutL          // from the room's left edge to the ink
		br = cl.w - (r - cl.cutL) // from the ink to the room's right edge
	}
	near := func(b units.Length) units.Length {
		switch {
		case b < em/8:
			return 0
		case b >= spare-em/50:
			return spare
		}
		return b
	}
	cl.capL, cl.capR = near(bl), near(br)
	switch t := cl.capL + cl.capR; {
	case t <= spare:
	case cl.capR == spare && cl.capL < spare: // ink on the left: cut the right
		cl.capL = 0
	case cl.capL == spare && cl.capR < spare:
		cl.capR = 0
	default: // ink in the middle: cut both sides alike
		l := units.Length(int64(spare) * int64(cl.capL) / int64(t))
		cl.capL, cl.capR = l, spare-l
	}
}

// fitMark sets a mark's natural width to target, cutting or padding its blank
// side(s) as its ink shows.
func (c *Composer) fitMark(cl *cluster, target units.Length, st *Style) {
	cl.w = target
	d := cl.adv - target // >0: cut; <0: pad
	if d == 0 {
		return
	}
	side := c.blankSide(cl, st)
	if d < 0 && side == sideBoth {
		// A narrow glyph with centred ink: pad where the class puts blank.
		switch cl.cls {
		case cOpen:
			side = sideLeft
		case cClose, cStop:
			side = sideRight
		}
	}
	switch side {
	case sideRight:
		cl.cutR = d
	case sideLeft:
		cl.cutL = d
	default:
		cl.cutL = d / 2
		cl.cutR = d - d/2
	}
}

// breaks decides the kind and cost of a break before each cluster.
func (c *Composer) breaks(st *Style) {
	cls := c.cl
	n := len(cls)
	// Latin runs: letters, digits and half-width punctuation without spaces.
	for s := 0; s < n; {
		if !latinish(cls[s].cls) {
			s++
			continue
		}
		t := s
		for t < n && latinish(cls[t].cls) {
			t++
		}
		url := c.isURL(s, t)
		for k := s + 1; k < t; k++ {
			prev, cur := cls[k-1].r, cls[k].r
			ok := c.ubrk[c.runeIndex(k)] != 0
			cls[k].kind, cls[k].pen = brkNone, penNone
			switch {
			case url:
				// A URL breaks after a slash (after the // of its scheme
				// too) or, dearer, after a dot: never before one, for a
				// line may not start with "." (禁则), and in Chinese text,
				// whose sentences end with 。, a line ending "gkxw." is
				// not taken for a sentence's end; never at its own hyphens
				// (which a reader would take for breaks).
				switch {
				case k >= t-1:
				case prev == '/' && cur != '/':
					cls[k].kind, cls[k].pen = brkOK, penURL
				case prev == '.' && cur != '.' && k > s+1:
					cls[k].kind, cls[k].pen = brkOK, penURLDot
				}
			case ok && (prev == '-' || prev == '\u2010') && !(k >= 2 && isDigit(cls[k-2].r) && isDigit(cur)):
				cls[k].kind, cls[k].pen = brkOK, penHyphen
			}
		}
		if !url {
			c.hyphenate(s, t)
		}
		s = t
	}
	for k := 1; k < n; k++ {
		if latinish(cls[k].cls) && latinish(cls[k-1].cls) {
			continue
		}
		c.uaxKind(k, st)
	}
	c.bondNumbers(st)
	c.wordBreaks(st)
	if n > 0 {
		cls[0].kind, cls[0].pen, cls[0].hyph = brkOK, 0, false
	}
}

// addedHyphen is the character of a hyphen the composer adds where it
// breaks a Latin word: the soft hyphen, which fonts draw as a hyphen and
// PDF text extraction drops (PDF 32000-1 §14.8.2.2.3), so the word reads
// whole when copied or searched.
const addedHyphen = '\u00ad'

// The fewest letters before and after an added hyphen: TeX's for English
// (\lefthyphenmin, \righthyphenmin), for which its patterns were made.
// Two letters may end a line (re-, un-) but a line never starts with
// fewer than three.
const (
	minHyphenLeft  = hyphen.TeXLeftMin
	minHyphenRight = hyphen.TeXRightMin
)

// hyphenate lets the Latin run s..t-1 break with an added hyphen where
// hyphenation patterns put a point (package hyphen: Plain TeX's US English
// patterns and exceptions): Broad-sheet, In-ter-na-tion-al-iza-tion. Only
// a run that is one word of letters, with punctuation at most before and
// after it ("Broadsheet," "(Internationalization)"), written in lower case
// or with one capital first, one ASCII letter a cluster, is hyphenated.
// Words in capitals (LNG), with digits (COVID19), with a capital inside
// (iPhone), with a letter outside a-z (naïve), compounds (well-known,
// which break at their own hyphen), contractions and abbreviations
// (e.g.) stay whole; URLs and e-mail addresses never reach here.
func (c *Composer) hyphenate(s, t int) {
	cls := c.cl
	a := s
	for a < t && cls[a].cls == cLatinPunct {
		a++
	}
	e := a
	for e < t && cls[e].cls == cLetter {
		e++
	}
	if e-a < minHyphenLeft+minHyphenRight {
		return
	}
	for k := e; k < t; k++ {
		if cls[k].cls != cLatinPunct {
			return
		}
	}
	w := c.hyWord[:0]
	for k := a; k < e; k++ {
		r := cls[k].r
		if cls[k].end-cls[k].start != 1 || (k > a || r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return
		}
		w = append(w, byte(r))
	}
	c.hyWord = w
	if c.hy == nil {
		h := hyphen.USEnglish()
		c.hy = &h
	}
	c.hyPts = c.hy.Points(c.hyPts[:0], w, minHyphenLeft, minHyphenRight)
	for _, p := range c.hyPts {
		cls[a+p].kind, cls[a+p].pen, cls[a+p].hyph = brkOK, penHyphenate, true
	}
}

// wordBreaks prices breaks by the words of the text (package words):
// headlines break at a clause space or after a stop mark first, between
// words next, inside a word or before a particle standing alone (的 了 着
// 地 得) only when nothing else fits; captions avoid breaking inside a
// word; body text takes a word boundary when it costs no more.
func (c *Composer) wordBreaks(st *Style) {
	cls := c.cl
	n := len(cls)
	var quoted []bool
	if st.Headline || st.Words {
		quoted = c.shortQuotes()
	}
	for k := 1; k < n; k++ {
		cl := &cls[k]
		if cl.kind != brkOK {
			continue
		}
		p := &cls[k-1]
		split := isIdeograph(p.r) && isIdeograph(cl.r) && c.wst[cl.ri] == words.Inside ||
			isIdeograph(cl.r) && c.particleAt(k) ||
			cl.hyph || // a Latin word hyphenated is split too
			quoted != nil && quoted[k] // and a short quotation or title
		switch {
		case st.Headline:
			switch {
			case split:
				cl.pen += penWordSplit
			case p.cls == cSpace || p.cls == cStop || p.cls == cBreak:
				// a clause space or a stop: where a headline breaks
			case c.wst[cl.ri] == words.Predicate:
				// before its predicate: 港区人民医院胸痛中心|通过国家认证
				cl.pen += penHeadPred
			default:
				cl.pen += penHeadWord
			}
		case st.Phrases && split:
			cl.pen = max(cl.pen, penHeadSplit)
		case st.Words && split:
			cl.pen += penCaption
		case split:
			cl.pen += penBodyWord
		}
	}
}

// particleAt reports whether cluster k is a particle that is a word of its
// own (他 的 书, not 的确): a line must not start with it.
// maxQuoted is the most characters a quotation or a title may hold for a
// headline or a caption to keep it on one line, as one word: “货不对板”,
// 《潮起东澜湾》.
const maxQuoted = 8

// shortQuotes marks the breaks inside each quotation or title of at most
// maxQuoted characters, marks included (before its first character and
// before its closing mark): a typesetter keeps such a term whole in a
// headline, where a dictionary may cut it (jieba cuts 货不对板 into
// 货 / 不对 / 板).
func (c *Composer) shortQuotes() []bool {
	cls := c.cl
	in := make([]bool, len(cls))
	for k := 0; k < len(cls); k++ {
		end, ok := closingMark(cls[k].r)
		if !ok {
			continue
		}
		for j := k + 1; j < len(cls) && j-k-1 <= maxQuoted; j++ {
			if cls[j].r == end {
				for i := k + 1; i <= j; i++ {
					in[i] = true
				}
				k = j
				break
			}
		}
	}
	return in
}

// closingMark returns the mark that closes a quotation or title opened
// by r.
func closingMark(r rune) (rune, bool) {
	switch r {
	case '“':
		return '”', true
	case '‘':
		return '’', true
	case '《':
		return '》', true
	case '〈':
		return '〉', true
	case '「':
		return '」', true
	case '『':
		return '』', true
	}
	return 0, false
}

func (c *Composer) particleAt(k int) bool {
	switch c.cl[k].r {
	case '的', '了', '着', '地', '得':
	default:
		return false
	}
	return c.wst[c.cl[k].ri] != words.Inside && (k+1 >= len(c.cl) || c.wst[c.cl[k+1].ri] != words.Inside)
}

// uaxKind sets the break before cluster k from UAX #14 and the kinsoku table.
func (c *Composer) uaxKind(k int, st *Style) {
	if k <= 0 || k >= len(c.cl) {
		return
	}
	cl := &c.cl[k]
	switch c.ubrk[c.runeIndex(k)] {
	case 0:
		cl.kind, cl.pen = brkNone, penNone
		if (cl.cls == cDash && c.cl[k-1].cls == cDash) || (cl.cls == cEllipsis && c.cl[k-1].cls == cEllipsis) {
			cl.kind, cl.pen = brkSplit, penSplit
		}
		return
	case 2:
		cl.kind, cl.pen = brkMandatory, 0
		return
	}
	if (cl.cls == cDash && c.cl[k-1].cls == cDash) || (cl.cls == cEllipsis && c.cl[k-1].cls == cEllipsis) {
		cl.kind, cl.pen = brkSplit, penSplit
		return
	}
	end := -1
	for j := k - 1; j >= 0; j-- {
		if c.cl[j].cls != cSpace {
			end = j
			break
		}
	}
	if noStart(cl.r, st.Strict) || (end >= 0 && noEnd(c.cl[end].r)) {
		cl.kind, cl.pen = brkKinsoku, penKinsoku
		return
	}
	cl.kind, cl.pen = brkOK, 0
	if st.Phrases && end == k-1 && hanLike(c.cl[k-1].cls) && hanLike(cl.cls) {
		cl.pen = penHeadSplit
	}
}

// runeIndex is the index of cluster k's first rune.
func (c *Composer) runeIndex(k int) int { return int(c.cl[k].ri) }

func latinish(c class) bool { return c == cLetter || c == cDigit || c == cLatinPunct }

// isURL reports whether clusters s..t-1 look like a URL or e-mail address.
func (c *Composer) isURL(s, t int) bool {
	for k := s; k+2 < t; k++ {
		if c.cl[k].r == ':' && c.cl[k+1].r == '/' && c.cl[k+2].r == '/' {
			return true
		}
		if c.cl[k].r == '@' && k > s {
			return true
		}
		if c.cl[k].r == '.' {
			// a domain: example.gov.cn, www.example.com
			for _, d := range [...]string{"com", "cn", "net", "org", "gov", "edu", "htm", "php", "io"} {
				if c.spells(k+1, t, d) {
					return true
				}
			}
		}
	}
	if t-s > 4 {
		r := func(i int) rune { return c.cl[s+i].r | 0x20 }
		if r(0) == 'w' && r(1) == 'w' && r(2) == 'w' && c.cl[s+3].r == '.' {
			return true
		}
	}
	return false
}

// spells reports whether clusters k.. (before t) begin with s, and s is
// not followed by another letter.
func (c *Composer) spells(k, t int, s string) bool {
	for _, r := range s {
		if k >= t || c.cl[k].r|0x20 != r {
			return false
		}
		k++
	}
	return k >= t || c.cl[k].cls != cLetter
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}
