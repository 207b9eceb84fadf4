package layout

import (
	"fmt"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/place"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// The paginate stage: where each module goes on its page (placement), how
// it is built there, what jumps to a later page (continuations) and what
// does not fit (overset). Draw (draw.go) then only draws what it decided.

// paginator is the paginate stage of one worker (see stream.go): it keeps
// nothing from page to page but memory (the placement search's, in
// solver); the continued parts a page sends to later pages leave it in
// its pageState.
type paginator struct {
	*measurer // the page's: news or feature
	// news and feature measure the pages of each section style (feature
	// is nil when the edition has no feature page); they share one setter.
	news, feature *measurer
	// crew, when not nil, lends idle workers to the page's each (see
	// crew.go).
	crew *crew
	// solver places the worker's pages one after the other in the same
	// memory (see place.Solver).
	solver place.Solver
}

// each calls fn(ms, i) for i from 0 to n-1: on the calling goroutine, with
// the page's measurer, and on any idle workers of the crew that join, each
// with a measurer of its own (a setter is not safe to share). The calls
// must touch only what belongs to i. A panic in any call is raised again in
// the caller's goroutine, once all have stopped.
func (pg *paginator) each(n int, fn func(ms *measurer, i int)) {
	if pg.crew == nil || n <= 1 {
		for i := range n {
			fn(pg.measurer, i)
		}
		return
	}
	pg.crew.run(pg.measurer, n, fn)
}

// pageState is what one page's pagination works with; it is passed
// explicitly, never kept on the run's state.
type pageState struct {
	p     *editions.Page
	index int // the page's index in Document.Pages
	// top is the first grid line of the page's module area (below the
	// masthead on page 1); lines its height in grid lines.
	top, lines int
	// fixedLead is the page's lead story when it is placed by hand.
	fixedLead *module
	log       *diagLog
	// out are the continued parts of the page's stories that jump to a
	// later page, in the order they were planned.
	out []*module
}

// diag reports a problem on the page.
func (ps *pageState) diag(sev display.Severity, article string, code diag.Code, msg string) {
	ps.log.add(sev, ps.p.Number, article, code, msg)
}

// diagAt is diag with the place on the page the problem is at, for a
// preview to mark.
func (ps *pageState) diagAt(frame display.Rect, sev display.Severity, article string, code diag.Code, msg string) {
	ps.diag(sev, article, code, msg)
	ps.log.list[len(ps.log.list)-1].Frame = &frame
}

// textDiags reports what the paragraph composer found in text of the
// article, what naming the text ("headline", "body", …): a glyph the font
// lacks or bytes that are not text as errors, OffGrid and LooseLine not at
// all, and every other code, one added to layout/text later included, as
// a warning, so no finding of the composer is ever dropped unseen.
func (ps *pageState) textDiags(ds []text.Diagnostic, article, what string) {
	for _, d := range foldFallback(ds) {
		switch d.Code {
		case diag.MissingGlyph, diag.InvalidUTF8:
			ps.diag(display.Error, article, d.Code, what+": "+d.Message)
		case diag.OffGrid, diag.LooseLine:
			// Left out: a line pushed out to keep 禁则 (先挤进，后推出) is
			// spread by design, and saying so on every such line would bury
			// the warnings an editor must act on.
		default:
			ps.diag(display.Warning, article, d.Code, what+": "+d.Message)
		}
	}
}

// diagLog collects the diagnostics of a run in the order they are found.
type diagLog struct {
	list []display.Diagnostic
}

func (l *diagLog) add(sev display.Severity, page int, article string, code diag.Code, msg string) {
	l.list = append(l.list, display.Diagnostic{Severity: sev, Page: page, Article: article, Code: code, Message: msg})
}

func flowChars(ls []tline) int {
	n := 0
	for _, l := range ls {
		n += l.chars()
	}
	return n
}

// placeModules tiles the page's module area with the automatic modules,
// around the fixed rectangles. It tries, in turn: exact heights only; heights
// with holes or overset; then empty fillers (holes the size of a module,
// after the last module); and last, leaving out the least important modules.
// placed[i] is false for a module that could not be placed at all
// (reported as overset). Holes are reported as underset.
func (pg *paginator) placeModules(ps *pageState, mods []*module, fixed []place.Rect) (place.Solution, []bool) {
	placed := make([]bool, len(mods))
	cols := pg.g.columns
	grid := place.Grid{Columns: cols, Lines: ps.lines, Gap: gapLines}
	problem := func(mods []*module, fillers int) place.Problem {
		p := place.Problem{Grid: grid, Fixed: fixed}
		for _, m := range mods {
			pm := place.Module{Options: make([][]place.Option, cols+1)}
			for s := 1; s <= cols; s++ {
				opts := make([]place.Option, len(m.options[s]))
				for k, cf := range m.options[s] {
					opts[k] = place.Option{Lines: cf.lines, Cost: cf.cost}
				}
				pm.Options[s] = opts
			}
			p.Modules = append(p.Modules, pm)
		}
		for f := 0; f < fillers; f++ {
			pm := place.Module{Options: make([][]place.Option, cols+1)}
			for s := 1; s <= cols; s++ {
				for h := 1; h <= ps.lines; h++ {
					pm.Options[s] = append(pm.Options[s], place.Option{Lines: h, Cost: pg.holeCost(s * h)})
				}
			}
			p.Modules = append(p.Modules, pm)
		}
		return p
	}
	if len(mods) == 0 {
		if len(fixed) == 0 || uncovered(cols, ps.lines, fixed) > 0 {
			ps.diag(display.Warning, "", diag.Underset, fmt.Sprintf("page %d has no articles to fill its type area", ps.p.Number))
		}
		return place.Solution{}, placed
	}
	pg.each(len(mods), func(ms *measurer, i int) { ms.buildOptions(mods[i], ps.lines, false) })
	sol, err := pg.solver.Solve(problem(mods, 0))
	if err != nil {
		pg.each(len(mods), func(ms *measurer, i int) { ms.buildOptions(mods[i], ps.lines, true) })
		sol, err = pg.solver.Solve(problem(mods, 0))
	}
	for fillers := 1; err != nil && fillers <= 2; fillers++ {
		sol, err = pg.solver.Solve(problem(mods, fillers))
	}
	// Still nothing: leave out the least important modules one by one.
	// Past place.MaxExact modules, by bisection (see mostThatFit).
	if err != nil && len(mods) > 1 {
		var k int
		k, sol, err = mostThatFit(len(mods), func(k int) (place.Solution, error) { return pg.solver.Solve(problem(mods[:k], 1)) })
		for i := len(mods) - 1; i >= k; i-- {
			last := mods[i]
			ps.diag(display.Error, last.a.ID, diag.Overset, fmt.Sprintf("no room on the page for %q: %d lines (%d characters) not set", last.a.ID, len(last.flow), flowChars(last.flow)))
		}
		mods = mods[:k]
	}
	if err != nil {
		for _, m := range mods {
			ps.diag(display.Error, m.a.ID, diag.Overset, fmt.Sprintf("no room on the page for %q: %d lines (%d characters) not set", m.a.ID, len(m.flow), flowChars(m.flow)))
		}
		return place.Solution{}, placed
	}
	sol = pg.leadWidest(ps, sol, mods, func(fillers int) place.Problem { return problem(mods, fillers) })
	for i := range mods {
		placed[i] = true
	}
	for _, r := range sol.Rects[len(mods):] {
		ps.diagAt(pg.g.frame(r.Col, r.Span, ps.top+r.Line, r.Lines), display.Warning, "", diag.Underset, fmt.Sprintf("no article fills columns %d–%d, grid lines %d–%d of page %d",
			r.Col+1, r.Col+r.Span, ps.top+r.Line, ps.top+r.Line+r.Lines-1, ps.p.Number))
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
func (pg *paginator) leadWidest(ps *pageState, sol place.Solution, mods []*module, problem func(fillers int) place.Problem) place.Solution {
	n := len(mods)
	lead := leadOf(mods)
	L0 := 0
	switch {
	case lead >= 0:
		L0 = sol.Rects[lead].Span
	case ps.fixedLead != nil:
		L0 = ps.fixedLead.fixed.Span
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
		got, err := pg.solver.Solve(p)
		return got, err == nil
	}
	if lead < 0 {
		if got, ok := try(L0); ok {
			return got
		}
		return sol
	}
	for L := L0; L <= pg.g.columns; L++ {
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

// placement is a module placed on its page and built as pagination
// decided: everything draw needs, in absolute grid lines.
type placement struct {
	m     *module
	r     place.Rect // in the module area
	cf    config
	head  *head
	top   int // the module's first grid line on the page
	title string
	// photos are the module's photos as drawn, with their captions.
	photos []placedPhoto
	// lines are the flow lines shown, with the jump line; counts how many
	// go in each column.
	lines   []tline
	counts  []int
	bodyTop int // the grid line the body starts on
	occ     int // grid lines the photos and captions take at the right
}

// placedPhoto is a photo as drawn and its caption block.
type placedPhoto struct {
	img    *display.Image
	cap    *cap
	capTop int // the grid line of the caption's first line
	capX   units.Length
}

// plan builds m in grid rectangle r (relative to the module area) as cf
// says: it queues the rest of a story that jumps for its page and reports
// what does not fit, the short of copy and the composer's findings.
func (pg *paginator) plan(ps *pageState, m *module, r place.Rect, cf config) placement {
	g := pg.g
	id := m.a.ID
	s := r.Span
	top := ps.top + r.Line
	hd := pg.headAt(m, s, cf.up)
	for _, pd := range hd.diags {
		ps.textDiags(pd.ds, id, pd.what)
	}
	pl := placement{m: m, r: r, cf: cf, head: hd, top: top}
	pl.title = m.a.Headline
	if pl.title == "" && m.a.Story != nil {
		pl.title = m.a.Story.Title
	}
	if m.from != 0 {
		pl.title += fmt.Sprintf("（上接第%d版）", m.from)
	}
	if cf.extra > pg.pol.MaxExtraStrict {
		ps.diagAt(g.frame(r.Col, s, top, r.Lines), display.Warning, id, diag.Underset, fmt.Sprintf("the page is short of copy: %d grid lines of space added around the headline of %q (columns %d–%d)",
			cf.extra, id, r.Col+1, r.Col+s))
	}
	pl.bodyTop = top + hd.gridLines + cf.extra
	bh := r.Lines - hd.gridLines - cf.extra

	// Photos, stacked at the module's right.
	k := cf.pcols
	if len(m.photos) > 0 && k > 0 {
		pc := r.Col + s - k
		pw := g.spanW(k)
		y := pl.bodyTop
		for i, p := range m.photos {
			n := pg.photoLines(p, pw)
			if i < len(cf.plines) {
				n = cf.plines[i]
			}
			frame := display.Rect{X: g.colX(pc), Y: g.lineY(y) + g.inset(), W: pw, H: units.Length(n)*g.lead - 2*g.inset()}
			img := pg.photoImage(ps, m, p, frame)
			y += n
			cp := pg.caption(m, k, i)
			ps.textDiags(cp.diags, id, "caption")
			pl.photos = append(pl.photos, placedPhoto{img: img, cap: cp, capTop: y, capX: g.colX(pc)})
			y += pg.captionLines(m, k, i)
		}
		pl.occ = y - pl.bodyTop
		if y-clearLines(m) > top+r.Lines {
			ps.diagAt(g.frame(r.Col, s, top, r.Lines), display.Error, id, diag.Overset, fmt.Sprintf("photos and captions of %q run %d lines below the module", id, y-top-r.Lines))
		}
	}

	// The flow: byline, body, jump line.
	shown := min(cf.shown, len(m.flow))
	if m.story {
		shown = 0
	}
	lines := m.flow[:shown:shown]
	if shown < len(m.flow) && m.to > 0 && m.from == 0 {
		lines = append(lines, pg.jumpLineOn(ps, fmt.Sprintf("（下转第%d版）", m.to), text.Right, id))
		ps.out = append(ps.out, pg.continuation(ps, m, m.flow[shown:]))
	} else if shown < len(m.flow) && !m.story {
		rest := m.flow[shown:]
		ps.diagAt(g.frame(r.Col, s, top, r.Lines), display.Error, id, diag.Overset, fmt.Sprintf("%q is overset: %d lines (%d characters) do not fit its %d×%d module; shorten it, give it more room or continue it on a later page (continue-on)",
			id, len(rest), flowChars(rest), s, r.Lines))
	}
	if shown > 0 || m.from == 0 {
		ps.textDiags(m.bylineDiags, id, "byline")
		ps.textDiags(m.flowDiags, id, "body")
	}
	pl.lines = lines
	pl.counts = pg.flowCounts(ps, pl, bh)
	return pl
}

// flowCounts balances the placement's flow lines over its columns (see
// columnCounts) and reports lines that run below the module or a hole at
// its foot.
func (pg *paginator) flowCounts(ps *pageState, pl placement, bh int) []int {
	m, r := pl.m, pl.r
	s := r.Span
	f := len(pl.lines)
	if f == 0 {
		return nil
	}
	counts, total, b := columnCounts(s, pl.cf.pcols, pl.occ, bh, f)
	if total < f {
		// Cannot happen for a configuration that fits; never drop text.
		counts[s-1] += f - total
		ps.diagAt(pg.g.frame(r.Col, s, ps.top+r.Line, r.Lines), display.Error, m.a.ID, diag.Overset, fmt.Sprintf("%q: %d lines run below its module", m.a.ID, f-total))
	}
	if hole := bh - b; hole > 0 {
		ps.diagAt(pg.g.frame(r.Col, s, ps.top+r.Line+r.Lines-hole, hole), display.Warning, m.a.ID, diag.Underset, fmt.Sprintf("%q leaves %d empty lines at the foot of its module (columns %d–%d, grid lines %d–%d)",
			m.a.ID, hole, r.Col+1, r.Col+s, ps.top+r.Line+r.Lines-hole, ps.top+r.Line+r.Lines-1))
	} else {
		// Too few lines to reach every column (one line over five): a
		// column of the module stays empty from top to foot, a hole the
		// editor must hear of as much as one at the foot.
		for col, n := range counts {
			under := 0
			if k := pl.cf.pcols; k > 0 && col >= s-k {
				under = pl.occ
			}
			if n == 0 && under < bh {
				ps.diagAt(pg.g.frame(r.Col+col, 1, ps.top+r.Line+r.Lines-bh+under, bh-under), display.Warning, m.a.ID, diag.Underset, fmt.Sprintf("%q has too few lines to reach column %d of its module (columns %d–%d): it stays empty",
					m.a.ID, r.Col+col+1, r.Col+1, r.Col+s))
			}
		}
	}
	return counts
}

// photoImage is photo p placed in frame: cropped to fill it around the
// focal point (cover), or whole inside it (contain). It reports a
// resolution under MinPPI.
func (pg *paginator) photoImage(ps *pageState, m *module, p *editions.Photo, frame display.Rect) *display.Image {
	pw, ph := int64(p.PixelWidth), int64(p.PixelHeight)
	img := &display.Image{Source: p.File, Frame: frame, Draw: frame, Article: m.a.ID}
	if pw > 0 && ph > 0 && frame.W > 0 && frame.H > 0 {
		d := coverRect(frame, pw, ph, p.FocusX, p.FocusY)
		if p.Fit == editions.FitContain {
			d = containRect(frame, pw, ph)
			img.Frame = d
		}
		img.Draw = d
		if ppi := pw * int64(units.Inch) / int64(d.W); ppi < pg.pol.MinPPI {
			ps.diagAt(img.Frame, display.Warning, m.a.ID, diag.LowPPI, lowPPIMessage(p.File, pw, ph, img.Frame, d, ppi, pg.pol.MinPPI))
		}
	}
	return img
}

// continuation makes the module that carries the rest of m's flow on a
// later page.
func (pg *paginator) continuation(ps *pageState, m *module, rest []tline) *module {
	cm := &module{a: m.a, rank: 4, from: ps.p.Number, bodyStart: 1}
	pg.makeCaches(cm)
	jl := pg.jumpLineOn(ps, fmt.Sprintf("（上接第%d版）", ps.p.Number), text.Left, m.a.ID)
	cm.flow = append([]tline{jl}, rest...)
	return cm
}

// jumpLineOn sets a jump line of article, reporting what the composer
// found in it as it does for the article's own text (a character the body
// face lacks is an error, as it is in the body: the PDF would otherwise
// fail at writing, which check does not reach), and a line that could not
// be set at all.
func (pg *paginator) jumpLineOn(ps *pageState, s string, align text.Align, article string) tline {
	l, diags, ok := pg.jumpLine(s, align)
	ps.textDiags(diags, article, "jump line "+s)
	if !ok {
		ps.diag(display.Error, article, diag.Font, fmt.Sprintf("jump line %s could not be set", s))
	}
	return l
}
