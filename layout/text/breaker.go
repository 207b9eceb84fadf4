package text

import "github.com/broadsheet-news/broadsheet/units"

// lineStats is what a candidate line from cluster a up to (not including)
// cluster b would be: its natural width and what it can give and take.
type lineStats struct {
	e          int          // last cluster that does not vanish at the line end (a-1 if none)
	nat        units.Length // natural width of clusters a..e
	l1, l2, l3 units.Length // shrink: line-edge marks; mid-line marks, word spaces and a dateline's space; Han–Latin gaps
	l4         units.Length // the junctions that close up, by at most tightGap each
	l5         units.Length // shrink last: what the indent gives (a dateline's space)
	l6         units.Length // the Han–Latin gaps' last eighth (after l4, before l5)
	st1        units.Length // stretch of word spaces and Han–Latin gaps
	n1         int          // how many elements share st1
	spread     int          // junctions open to an even spread
	tight      int          // junctions that may close up (tightGap each)
	hanOnly    bool         // every cluster a..e is Han
	chars      int          // clusters a..e that are characters (not punctuation or space)
}

// vanishes reports whether a cluster takes no room at a line's end.
func vanishes(c class) bool { return c == cSpace || c == cBreak }

// sums are running totals over the clusters, which the breaker reads a
// line's statistics from as the difference of two: the line a..e is
// Composer.ends[e+1] less Composer.starts[a]. The totals of one index sit
// together, so pricing a candidate line reads two records rather than a
// dozen arrays (the breaker prices every candidate line of a paragraph).
type sums struct {
	w, sh2, sh3, sh4, st1 units.Length // width, and the shrink and stretch of lineStats' nat, l2, l3, l6, st1
	// min is w less every shrink but the line's edge marks' and the
	// indent's: w - sh2 - sh3 - sh4 - tight·tightGap (minWidth).
	min                              units.Length
	n1, spread, nonHan, chars, tight int32
}

// prefix computes the totals the breaker reads line statistics from:
// c.ends[k] over the clusters before k, the junction before each counted
// with it; c.starts[k] the same plus cluster k's junction, which a line
// starting at k does not have (its gap, the gap's shrink and stretch,
// whether it may spread or close up). Both hold only integer sums, so a
// line's statistics are exactly what adding up its clusters gives.
func (c *Composer) prefix() {
	n := len(c.cl)
	c.ends, c.starts = grow(c.ends, n+1), grow(c.starts, n+1)
	c.lastVis = grow(c.lastVis, n+1)
	c.ends[0] = sums{}
	c.lastVis[0] = -1
	g := c.tightGap
	for k := range c.cl {
		cl := &c.cl[k]
		e := &c.ends[k]
		n1 := int32(0)
		if cl.st1 > 0 {
			n1++
		}
		if cl.gapSt > 0 {
			n1++
		}
		c.ends[k+1] = sums{
			w:      e.w + cl.w + cl.gap,
			sh2:    e.sh2 + cl.midSh(),
			sh3:    e.sh3 + cl.sh3 + cl.gapSh,
			sh4:    e.sh4 + cl.sh4,
			st1:    e.st1 + cl.st1 + cl.gapSt,
			n1:     e.n1 + n1,
			spread: e.spread + b2i(cl.spread),
			tight:  e.tight + b2i(cl.tight),
			nonHan: e.nonHan + b2i(cl.cls != cHan),
			chars:  e.chars + b2i(cl.cls == cHan || cl.cls == cOther || cl.cls.alnum()),
		}
		x := &c.ends[k+1]
		x.min = x.w - x.sh2 - x.sh3 - x.sh4 - units.Length(x.tight)*g
		s := *e
		s.w += cl.gap
		s.sh3 += cl.gapSh
		s.sh4 += cl.gapSh4()
		s.st1 += cl.gapSt
		s.n1 += b2i(cl.gapSt > 0)
		s.spread += b2i(cl.spread)
		s.tight += b2i(cl.tight)
		s.min = s.w - s.sh2 - s.sh3 - s.sh4 - units.Length(s.tight)*g
		c.starts[k] = s
		c.lastVis[k+1] = c.lastVis[k]
		if !vanishes(cl.cls) {
			c.lastVis[k+1] = int32(k)
		}
	}
	c.starts[n] = c.ends[n]
}

// gapSh4 is the part of sh4 that belongs to the junction before the
// cluster (nothing for a typed space, whose sh4 is its own box's), which a
// line starting at the cluster does not have.
func (cl *cluster) gapSh4() units.Length {
	if cl.gap > 0 {
		return cl.sh4
	}
	return 0
}

func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// lineEndAt is what pricing the lines that end before cluster b needs to
// know of b and of the style: the same for every line start, so fit finds
// it once a b rather than once a candidate line.
type lineEndAt struct {
	b       int
	e       int          // the last cluster before b that does not vanish at a line end (c.lastVis[b]), or -1
	hy      units.Length // what the break adds to the line: an added hyphen (c.hyphen(b))
	last    bool         // the line ends the paragraph or a forced break
	justify bool         // the style justifies
}

// endAt returns what pricing a line that ends before cluster b needs.
func (c *Composer) endAt(b int, last bool, st *Style) lineEndAt {
	return lineEndAt{b: b, e: int(c.lastVis[b]), hy: c.hyphen(b), last: last, justify: st.Align == Justify && !st.Headline}
}

// stats sets s to the statistics of the line a..b-1.
func (c *Composer) stats(a, b int, s *lineStats) {
	at := lineEndAt{b: b, e: int(c.lastVis[b]), hy: c.hyphen(b)}
	c.statsAt(a, &at, s)
}

// statsAt sets s to the statistics of the line from cluster a to the end
// at. (It fills the caller's lineStats rather than returning one:
// lineCost reads them for every candidate line, and a returned struct of
// this size is copied.)
func (c *Composer) statsAt(a int, at *lineEndAt, s *lineStats) {
	e := at.e
	if e < a {
		*s = lineStats{e: a - 1}
		return
	}
	E, S := &c.ends[e+1], &c.starts[a]
	*s = lineStats{e: e}
	s.nat = E.w - S.w
	s.l2 = E.sh2 - S.sh2
	s.l3 = E.sh3 - S.sh3
	s.l6 = E.sh4 - S.sh4
	s.st1 = E.st1 - S.st1
	s.n1 = int(E.n1 - S.n1)
	s.spread = int(E.spread - S.spread)
	s.hanOnly = E.nonHan == S.nonHan
	s.chars = int(E.chars - S.chars)
	// Marks at the line's edges give their blank first.
	if ce := &c.cl[e]; ce.cls == cClose || ce.cls == cStop {
		s.l1 += ce.sh2
		s.l2 -= ce.midSh()
	}
	if ca := &c.cl[a]; ca.cls == cOpen && a != e {
		s.l1 += ca.sh2
		s.l2 -= ca.midSh()
	}
	if a == 0 {
		s.l5 = c.indentGive
	}
	s.tight = int(E.tight - S.tight)
	s.l4 = units.Length(s.tight) * c.tightGap
	s.nat += at.hy
}

// hyphen is the width a break before cluster b adds to the line it ends.
func (c *Composer) hyphen(b int) units.Length {
	if b < len(c.cl) && c.cl[b].hyph {
		return c.hyW
	}
	return 0
}

// avail is the room for the line starting at cluster a.
func (st *Style) avail(a int) units.Length {
	if a == 0 {
		return st.Measure - st.Indent
	}
	return st.Measure
}

// lineCost returns the demerits of the line from cluster a to the end at
// (see endAt), and whether it is feasible.
//
// bound is what the line must cost less than to matter: a stretched line is
// not priced in detail when the fixed charge alone reaches it.
func (c *Composer) lineCost(a int, at *lineEndAt, st *Style, bound int64) (d int64, ok bool) {
	b, last, justify := at.b, at.last, at.justify
	em := st.Size
	avail := st.avail(a)
	// Quick verdicts from the natural width alone, before the full price.
	if e := at.e; e >= a {
		nat := c.ends[e+1].w - c.starts[a].w + at.hy
		switch {
		case nat > avail:
			if b-a > 1 && c.minWidthAt(a, at) > avail {
				return 0, false // cannot be squeezed in
			}
			if linePenalty+shrinkPenalty >= bound {
				return 0, false
			}
		case nat < avail && justify && !last:
			if linePenalty+adjustPenalty >= bound {
				return 0, false
			}
		}
	}
	var s lineStats
	c.statsAt(a, at, &s)
	D := avail - s.nat
	minW := s.nat - s.l1 - s.l2 - s.l3 - s.l4 - s.l5 - s.l6
	var bad int64
	switch {
	case D < 0:
		if minW > avail {
			if b-a > 1 {
				return 0, false
			}
			// One cluster wider than the line: it must go somewhere.
			return penOverfull + int64(minW-avail), true
		}
		need := -D
		u1 := min(need, s.l1)
		need -= u1
		u2 := min(need, s.l2)
		need -= u2
		u3 := min(need, s.l3)
		need -= u3
		bad = (int64(u1)*shrinkWeight1 + int64(u2)*shrinkWeight2 + int64(u3)*shrinkWeight3) * 100 / int64(em)
		if u4 := min(need, s.l4); u4 > 0 {
			// The characters closed up evenly, to squeeze one in (先挤进)
			// where the marks cannot give enough.
			// (⌊u4·1000/em/tight⌋ in one division: see the spread below.)
			bad += int64(u4) * 1000 / (int64(em) * int64(s.tight)) * tightWeight / 10
			need -= u4
		}
		if u6 := min(need, s.l6); u6 > 0 {
			// The Han–Latin gaps close up the rest of the way (5亿元
			// set solid, as many papers set it).
			bad += int64(u6) * shrinkWeight4 * 100 / int64(em)
			need -= u6
		}
		if need > 0 {
			// The dateline's space, rather than a loose line.
			d += penGive + int64(need)*1000/int64(em)*shrinkWeight3
		}
	case last:
		if st.Headline {
			bad = int64(D) * 500 / int64(em)
		}
	case justify:
		if D > 0 {
			u1 := min(D, s.st1)
			if s.n1 > 0 {
				// ⌊u1·1000/em/n1⌋ in one division, as the spread below.
				bad += int64(u1) * 1000 / (int64(em) * int64(s.n1)) * stretchWeight / 10
			}
			if R := D - u1; R > 0 {
				switch {
				case s.spread == 0:
					bad = maxBad
					d += penLoose
				default:
					// The spread a gap, in thousandths of an em (rounded
					// down). One division serves the price and the test for
					// a loose line: for x ≥ 0 and p, q > 0, ⌊⌊x/p⌋/q⌋ =
					// ⌊x/(pq)⌋, so this is the ⌊R·1000/em/spread⌋ the price
					// always took, and its excess over looseSpread is
					// ⌊(⌊R·1000/spread⌋ - em·looseSpread·10)/em⌋ whenever that
					// is positive (divisions are the line price's dearest
					// steps, and it is priced for every candidate line).
					per := int64(R) * 1000 / (int64(em) * int64(s.spread))
					bad += per * spreadWeight / 10
					// A loose line: squeezing elsewhere is better, and of two
					// loose lines the less loose.
					if ex := per - looseSpread*10; ex > 0 {
						d += penLooseLine + ex*1000 // 1000 a thousandth of an em over
					}
				}
			}
			if s.hanOnly && avail%em == 0 {
				d += penOffGrid
			}
		}
	default: // ragged
		bad = int64(D) * 500 / int64(em)
	}
	// Demerits grow linearly with the adjustment, plus a fixed charge for
	// any adjustment at all: so the breaker keeps as many lines as it can
	// exactly on the grid and puts what must give into few lines, rather
	// than spreading a little looseness over many (as squared demerits
	// would). Beyond a quarter-em-like level the charge turns quadratic, so
	// one very loose line still loses to two moderate ones.
	bad = min(bad, maxBad)
	d += linePenalty + bad
	switch {
	case D < 0:
		d += shrinkPenalty
	case D > 0 && justify && !last:
		d += adjustPenalty
	}
	if over := bad - quadFrom; over > 0 {
		d += over * over / 100
	}
	if last && b == len(c.cl) && a > 0 && s.chars <= 1 {
		d += penOrphan
	}
	if st.Headline {
		// A headline's line of a word or two, first line included ("网 /
		// 购海鲜“货不对板”" was cheaper than a break before the quotation),
		// or its last line under a third of the measure: costlier than a
		// break between two Han characters, so the lines are balanced
		// instead.
		whole := a == 0 && b == len(c.cl)
		if !whole && s.chars <= 2 || last && a > 0 && 3*s.nat < avail {
			d += penHeadShort
		}
	}
	return d, true
}

// breakLines chooses the breaks by total fit: the sequence of lines whose
// demerits sum least, over the whole paragraph. It first tries the breaks
// the rules allow; only if no sequence of those avoids an overfull or empty
// line does it run again with the forbidden ones priced in. The first run's
// answer is then exact: any sequence using a forbidden break costs more than
// penKinsoku, which every answer of the first run undercuts.
func (c *Composer) breakLines(st *Style) {
	c.prefix()
	if c.fit(st, false) < penKinsoku {
		return
	}
	c.fit(st, true)
}

// hyEnd reports whether a break before cluster b leaves a hyphen at the
// end of its line: one added to a Latin word, or the word's own.
func (c *Composer) hyEnd(b int) bool {
	if b <= 0 || b >= len(c.cl) {
		return false
	}
	if c.cl[b].hyph {
		return true
	}
	r := c.cl[b-1].r
	return r == '-' || r == '\u2010'
}

// hyStates is how many states the hyphen ladder tells apart: a line that
// does not end with a hyphen, one that ends the first hyphenated line of a
// run, and one that ends the second (or more).
const hyStates = 3

// fit runs the total-fit dynamic programme and returns the least demerits.
// With emergency false, only allowed and forced breaks are candidates.
func (c *Composer) fit(st *Style, emergency bool) int64 {
	for b := 1; b < len(c.cl); b++ {
		if c.hyEnd(b) && (emergency || c.cl[b].kind == brkOK) {
			return c.fitLadder(st, emergency)
		}
	}
	n := len(c.cl)
	c.best = grow(c.best, n+1)
	c.from = grow(c.from, n+1)
	c.best[0] = 0
	lo, floor := 0, 0 // the first start worth trying; the last forced break
	for b := 1; b <= n; b++ {
		c.best[b] = infDemerits
		c.from[b] = -1
		pen, last, ok := c.lineEnd(b, emergency)
		if !ok {
			continue
		}
		at := c.endAt(b, last, st)
		lo = c.firstStart(lo, floor, &at, st)
		// The best way to b so far is kept in locals, written back once
		// b's starts are all tried (nothing in the loop reads c.best[b]):
		// the loop is run for every start of every break.
		bestB, fromB := int64(infDemerits), int32(-1)
		best := c.best[:b]
		for a := lo; a < b; a++ {
			ba := best[a]
			if ba >= infDemerits || ba+linePenalty+pen >= bestB {
				continue
			}
			d, ok := c.lineCost(a, &at, st, bestB-ba-pen)
			if ok {
				if t := ba + d + pen; t < bestB {
					bestB, fromB = t, int32(a)
				}
			}
		}
		c.best[b], c.from[b] = bestB, fromB
		if b < n && c.cl[b].kind == brkMandatory {
			floor = b // no line runs over a forced break
		}
	}
	return c.best[n]
}

// fitLadder is fit for a paragraph with breaks at a hyphen: the state of a
// break is also how many lines in a row up to it end with a hyphen, and a
// third such line costs penHyphenLadder (a hyphen ladder, as TeX's
// \doublehyphendemerits and InDesign's hyphen limit of two keep it short).
// The chosen breaks go to c.from, as fit leaves them.
func (c *Composer) fitLadder(st *Style, emergency bool) int64 {
	const S = hyStates
	n := len(c.cl)
	c.bestH = grow(c.bestH, (n+1)*S)
	c.fromH = grow(c.fromH, (n+1)*S)
	for s := range S {
		c.bestH[s], c.fromH[s] = infDemerits, -1
	}
	c.bestH[0] = 0
	var t [S]int64
	lo, floor := 0, 0
	for b := 1; b <= n; b++ {
		cur := c.bestH[b*S : b*S+S]
		for s := range S {
			cur[s], c.fromH[b*S+s] = infDemerits, -1
		}
		pen, last, ok := c.lineEnd(b, emergency)
		if !ok {
			continue
		}
		hy := b < n && c.hyEnd(b)
		at := c.endAt(b, last, st)
		lo = c.firstStart(lo, floor, &at, st)
		for a := lo; a < b; a++ {
			// What the line a..b must cost less than, over a's states.
			bound := int64(-1)
			for s := range S {
				t[s] = infDemerits
				ba := c.bestH[a*S+s]
				if ba >= infDemerits {
					continue
				}
				ts := 0
				if hy {
					ts = min(s+1, S-1)
					if s == S-1 {
						ba += penHyphenLadder
					}
				}
				t[s] = ba + pen
				bound = max(bound, cur[ts]-t[s])
			}
			if bound <= linePenalty {
				continue
			}
			d, ok := c.lineCost(a, &at, st, bound)
			if !ok {
				continue
			}
			for s := range S {
				if t[s] >= infDemerits {
					continue
				}
				ts := 0
				if hy {
					ts = min(s+1, S-1)
				}
				if v := t[s] + d; v < cur[ts] {
					cur[ts], c.fromH[b*S+ts] = v, int32(a*S+s)
				}
			}
		}
		if b < n && c.cl[b].kind == brkMandatory {
			floor = b
		}
	}
	// The best end state, and its chain of breaks into c.from.
	c.from = grow(c.from, n+1)
	end := n * S
	for s := 1; s < S; s++ {
		if c.bestH[n*S+s] < c.bestH[end] {
			end = n*S + s
		}
	}
	total := c.bestH[end]
	for k := end; k >= S; {
		f := c.fromH[k]
		if f < 0 {
			break
		}
		c.from[k/S] = f / S
		k = int(f)
	}
	return total
}

// lineEnd reports whether a line may end before cluster b (b past the last
// cluster: the paragraph's end), with the penalty of that break and whether
// it ends the paragraph or a forced break. In an emergency any break will
// do.
func (c *Composer) lineEnd(b int, emergency bool) (pen int64, last, ok bool) {
	if b >= len(c.cl) {
		return 0, true, true
	}
	k := c.cl[b].kind
	if !emergency && k != brkOK && k != brkMandatory {
		return 0, false, false
	}
	return c.cl[b].pen, k == brkMandatory, true
}

// firstStart is the first cluster from lo worth starting a line that ends
// at: lines starting earlier are too wide even squeezed (with slack
// for a line-start mark's blank, which makes width not quite monotone in
// the start). No line starts before floor, the last forced break.
func (c *Composer) firstStart(lo, floor int, at *lineEndAt, st *Style) int {
	for lo < at.b-1 && c.minWidthAt(lo, at) > st.Measure+st.Size {
		lo++
	}
	return max(lo, floor)
}

// minWidthAt is the narrowest the line from cluster a to the end at can be
// squeezed to.
func (c *Composer) minWidthAt(a int, at *lineEndAt) units.Length {
	e := at.e
	if e < a {
		return 0
	}
	w := c.ends[e+1].min - c.starts[a].min + at.hy
	if a == 0 {
		w -= c.indentGive
	}
	if ce := &c.cl[e]; ce.cls == cStop || ce.cls == cClose {
		w -= ce.sh2 - ce.midSh()
	}
	if ca := &c.cl[a]; ca.cls == cOpen && a != e {
		w -= ca.sh2 - ca.midSh()
	}
	return w
}
