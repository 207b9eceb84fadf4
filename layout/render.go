package layout

import (
	"fmt"
	"github.com/broadsheet-news/broadsheet/display"
	"strings"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/place"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// Rule widths.
const (
	moduleRule   = 500  // between modules
	folioRule    = 750  // under the folio line
	mastheadRule = 2000 // under the masthead
)

// drawLine adds the runs of l with its left edge at x and baseline y.
func drawLine(pg *display.Page, l tline, x, y units.Length, article string) {
	for _, r := range l.runs {
		gs := make([]display.Glyph, len(r.glyphs))
		for i, g := range r.glyphs {
			gs[i] = display.Glyph{Text: g.Text, X: x + g.X}
		}
		pg.Items = append(pg.Items, &display.GlyphRun{Face: r.face, Size: r.size, Baseline: y, Glyphs: gs, Color: display.Black(), Article: article, Role: r.role})
		for _, b := range r.bars {
			ink := display.Black()
			pg.Items = append(pg.Items, &display.Box{Frame: display.Rect{X: x + b.x0, Y: y - b.y1, W: b.x1 - b.x0, H: b.y1 - b.y0}, Fill: &ink})
		}
	}
}

// render draws module m in grid rectangle r (relative to the module area)
// as cf says, and returns its bookmark.
func (c *composer) render(pg *display.Page, m *module, r place.Rect, cf config) display.Bookmark {
	g := c.g
	id := m.a.ID
	s := r.Span
	top := c.top + r.Line
	x0 := g.colX(r.Col)
	hd := c.headAt(m, s, cf.up)
	c.textDiags(hd.diags, id, "headline")

	// The headline block, centred in its grid lines.
	band := units.Length(hd.gridLines+cf.extra) * g.lead
	off := (band - hd.height) / 2
	for _, hl := range hd.lines {
		drawLine(pg, hl.tline, x0, g.lineY(top)+off+hl.y, id)
	}
	title := m.a.Headline
	if title == "" && m.a.Story != nil {
		title = m.a.Story.Title
	}
	if m.from != 0 {
		title += fmt.Sprintf("（上接第%d版）", m.from)
	}
	bm := display.Bookmark{Title: title, Page: len(c.doc.Pages), Y: g.lineY(top)}

	if cf.extra > maxExtraStrict {
		c.diag(display.Warning, c.page.Number, id, "underset", fmt.Sprintf("the page is short of copy: %d grid lines of space added around the headline of %q (columns %d–%d)",
			cf.extra, id, r.Col+1, r.Col+s))
	}
	bodyTop := top + hd.gridLines + cf.extra
	bh := r.Lines - hd.gridLines - cf.extra

	// Photos, stacked at the module's right.
	k := cf.pcols
	occ := 0
	if len(m.photos) > 0 && k > 0 {
		pc := r.Col + s - k
		pw := g.spanW(k)
		y := bodyTop
		for i, p := range m.photos {
			pl := c.photoLines(p, pw)
			if i < len(cf.plines) {
				pl = cf.plines[i]
			}
			frame := display.Rect{X: g.colX(pc), Y: g.lineY(y) + c.inset(), W: pw, H: units.Length(pl)*g.lead - 2*c.inset()}
			c.drawPhoto(pg, m, p, frame)
			y += pl
			cp := c.caption(m, k, i)
			c.textDiags(cp.diags, id, "caption")
			for _, ln := range cp.lines {
				drawLine(pg, ln, g.colX(pc), g.baseline(y), id)
				y++
			}
			y += c.captionLines(m, k, i) - len(cp.lines) // the clear line
		}
		occ = y - bodyTop
		if y-c.clearLines(m) > top+r.Lines {
			c.diag(display.Error, c.page.Number, id, "overset", fmt.Sprintf("photos and captions of %q run %d lines below the module", id, y-top-r.Lines))
		}
	}

	// The flow: byline, body, jump line.
	shown := min(cf.shown, len(m.flow))
	if m.story {
		shown = 0
	}
	lines := m.flow[:shown:shown]
	if shown < len(m.flow) && m.to > 0 && m.from == 0 {
		lines = append(lines, c.jumpLine(fmt.Sprintf("（下转第%d版）", m.to), text.Right, id))
		cm := c.continuation(m, m.flow[shown:])
		cm.index = 1000 + len(c.pending[m.to])
		c.pending[m.to] = append(c.pending[m.to], cm)
	} else if shown < len(m.flow) && !m.story {
		rest := m.flow[shown:]
		c.diag(display.Error, c.page.Number, id, "overset", fmt.Sprintf("%q is overset: %d lines (%d characters) do not fit its %d×%d module; shorten it, give it more room or continue it on a later page (continue-on)",
			id, len(rest), flowChars(rest), s, r.Lines))
	}
	if shown > 0 || m.from == 0 {
		c.textDiags(m.flowDiags, id, "body")
	}
	c.flowColumns(pg, m, lines, r, bodyTop, bh, k, occ)
	return bm
}

// columnCounts is how many of f flow lines each of a module's s columns
// takes, balanced: the body is as deep as the text needs (at most bh
// lines), earlier columns take a line more than later ones, and the k
// columns at the right start occ lines down, under the photos. total is
// what the columns hold at that depth (less than f only when they cannot
// hold the text); depth is the body's depth in lines.
func columnCounts(s, k, occ, bh, f int) (counts []int, total, depth int) {
	occOf := func(col int) int {
		if k > 0 && col >= s-k {
			return occ
		}
		return 0
	}
	capAt := func(b int) int {
		t := 0
		for col := 0; col < s; col++ {
			t += max(0, b-occOf(col))
		}
		return t
	}
	b := 0
	for b < bh && capAt(b) < f {
		b++
	}
	total = capAt(b)
	short := total - f // the last `short` columns with room take a line less
	counts = make([]int, s)
	for col := s - 1; col >= 0; col-- {
		counts[col] = max(0, b-occOf(col))
		if short > 0 && counts[col] > 0 {
			counts[col]--
			short--
		}
	}
	return counts, total, b
}

// emptyColumn reports whether flowing f lines through a module of s
// columns (k of them under photos occ lines deep, the body bh lines) leaves
// a column with room for text empty: a hole, as when three lines are
// spread over four columns.
func emptyColumn(s, k, occ, bh, f int) bool {
	if f >= s || f == 0 {
		return false // every column gets a line, or there is no text
	}
	counts, _, _ := columnCounts(s, k, occ, bh, f)
	for col, n := range counts {
		room := bh
		if k > 0 && col >= s-k {
			room -= occ
		}
		if n == 0 && room > 0 {
			return true
		}
	}
	return false
}

// flowColumns sets lines through the module's columns, balanced: the body
// area is as deep as the text needs, earlier columns take a line more than
// later ones, and columns under photos start below them.
func (c *composer) flowColumns(pg *display.Page, m *module, lines []tline, r place.Rect, bodyTop, bh, k, occ int) {
	s := r.Span
	occOf := func(col int) int {
		if k > 0 && col >= s-k {
			return occ
		}
		return 0
	}
	f := len(lines)
	if f == 0 {
		return
	}
	counts, total, b := columnCounts(s, k, occ, bh, f)
	if total < f {
		// Cannot happen for a configuration that fits; never drop text.
		counts[s-1] += f - total
		c.diag(display.Error, c.page.Number, m.a.ID, "overset", fmt.Sprintf("%q: %d lines run below its module", m.a.ID, f-total))
	}
	if hole := bh - b; hole > 0 {
		c.diag(display.Warning, c.page.Number, m.a.ID, "underset", fmt.Sprintf("%q leaves %d empty lines at the foot of its module (columns %d–%d, grid lines %d–%d)",
			m.a.ID, hole, r.Col+1, r.Col+s, c.top+r.Line+r.Lines-hole, c.top+r.Line+r.Lines-1))
	}
	i := 0
	for col := 0; col < s; col++ {
		x := c.g.colX(r.Col + col)
		y := bodyTop + occOf(col)
		for n := 0; n < counts[col] && i < f; n++ {
			drawLine(pg, lines[i], x, c.g.baseline(y), m.a.ID)
			i++
			y++
		}
	}
}

// drawPhoto places photo p in frame: cropped to fill it around the focal
// point (cover), or whole inside it (contain). It reports a resolution
// under minPPI.
func (c *composer) drawPhoto(pg *display.Page, m *module, p *editions.Photo, frame display.Rect) {
	pw, ph := int64(p.PixelWidth), int64(p.PixelHeight)
	img := &display.Image{Source: p.File, Frame: frame, Draw: frame, Article: m.a.ID}
	if pw > 0 && ph > 0 && frame.W > 0 && frame.H > 0 {
		d := coverRect(frame, pw, ph, p.FocusX, p.FocusY)
		if p.Fit == editions.FitContain {
			d = containRect(frame, pw, ph)
			img.Frame = d
		}
		img.Draw = d
		if ppi := pw * int64(units.Inch) / int64(d.W); ppi < minPPI {
			c.diag(display.Warning, c.page.Number, m.a.ID, "low-ppi", lowPPIMessage(p.File, pw, ph, img.Frame, d, ppi))
		}
	}
	pg.Items = append(pg.Items, img)
}

// lowPPIMessage tells an editor why a photo is too coarse for print in
// the terms of the page: the pixels that show in the photo's frame (a
// cover crop shows only part of the image), the frame's size on the page,
// and the resolution that gives. draw is where the whole image is drawn.
func lowPPIMessage(file string, pw, ph int64, frame, draw display.Rect, ppi int64) string {
	cw, ch := pw, ph
	if draw.W > frame.W {
		cw = (pw*int64(frame.W) + int64(draw.W)/2) / int64(draw.W)
	}
	if draw.H > frame.H {
		ch = (ph*int64(frame.H) + int64(draw.H)/2) / int64(draw.H)
	}
	shows := fmt.Sprintf("shows its %d×%d pixels", pw, ph)
	if cw != pw || ch != ph {
		shows = fmt.Sprintf("shows %d×%d of its %d×%d pixels", cw, ch, pw, ph)
	}
	return fmt.Sprintf("photo %s %s in a %.0f×%.0f mm frame: %d ppi; newsprint needs %d",
		file, shows, frame.W.Millimetres(), frame.H.Millimetres(), ppi, minPPI)
}

// coverRect is where an image of pw×ph pixels is drawn to fill frame,
// keeping its aspect ratio, cropped so the focal point (thousandths) lies
// as near the frame's centre as the image allows.
func coverRect(frame display.Rect, pw, ph int64, fx, fy int) display.Rect {
	d := display.Rect{X: frame.X, Y: frame.Y}
	if int64(frame.W)*ph >= int64(frame.H)*pw {
		d.W = frame.W
		d.H = frame.W.Scale(ph, pw)
		dy := frame.H/2 - d.H.Scale(int64(fy), 1000)
		d.Y += clamp(dy, frame.H-d.H, 0)
	} else {
		d.H = frame.H
		d.W = frame.H.Scale(pw, ph)
		dx := frame.W/2 - d.W.Scale(int64(fx), 1000)
		d.X += clamp(dx, frame.W-d.W, 0)
	}
	return d
}

// containRect is the largest rectangle of the image's aspect inside frame, centred.
func containRect(frame display.Rect, pw, ph int64) display.Rect {
	d := frame
	if int64(frame.W)*ph >= int64(frame.H)*pw {
		d.W = frame.H.Scale(pw, ph)
		d.X += (frame.W - d.W) / 2
	} else {
		d.H = frame.W.Scale(ph, pw)
		d.Y += (frame.H - d.H) / 2
	}
	return d
}

func clamp(v, lo, hi units.Length) units.Length {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// drawCut draws the rule of a cut between modules.
func (c *composer) drawCut(pg *display.Page, cut place.Cut) {
	g := c.g
	if cut.Vertical {
		x := g.colX(cut.Col) - g.gutter/2
		y0 := g.lineY(c.top+cut.Line) + c.inset()
		y1 := g.lineY(c.top+cut.Line+cut.Lines) - c.inset()
		pg.Items = append(pg.Items, &display.Rule{From: display.Point{X: x, Y: y0}, To: display.Point{X: x, Y: y1}, Width: moduleRule, Color: display.Black()})
		return
	}
	y := g.lineY(c.top+cut.Line) + units.Length(cut.Lines)*g.lead/2
	x0 := g.colX(cut.Col)
	x1 := g.colX(cut.Col+cut.Span-1) + g.colW
	pg.Items = append(pg.Items, &display.Rule{From: display.Point{X: x0, Y: y}, To: display.Point{X: x1, Y: y}, Width: moduleRule, Color: display.Black()})
}

// adRect is the grid rectangle of an ad (relative to the module area).
func (c *composer) adRect(ad *editions.Ad) (place.Rect, bool) {
	p := ad.Place
	r := place.Rect{Col: p.Column - 1, Span: p.Span, Line: p.Line, Lines: p.Lines}
	if r.Col < 0 || r.Span < 1 || r.Col+r.Span > c.g.columns {
		c.diag(display.Error, c.page.Number, "", "placement", fmt.Sprintf("ad %q: columns %d–%d are not on the %d-column page", ad.ID, p.Column, p.Column+p.Span-1, c.g.columns))
		return r, false
	}
	if r.Lines == 0 {
		w := c.g.spanW(r.Span)
		h := w.Scale(3, 4)
		if ad.PixelWidth > 0 && ad.PixelHeight > 0 {
			h = w.Scale(int64(ad.PixelHeight), int64(ad.PixelWidth))
		} else if ad.PageWidth > 0 && ad.PageHeight > 0 {
			h = w.Scale(int64(ad.PageHeight), int64(ad.PageWidth))
		} else {
			c.diag(display.Warning, c.page.Number, "", "placement", fmt.Sprintf("ad %q gives no height (at: {lines: N}); it takes %d lines", ad.ID, c.g.linesFor(h)))
		}
		r.Lines = max(1, int((h+c.g.lead/2)/c.g.lead))
	}
	if p.Bottom || r.Line < 0 {
		r.Line = c.dpLines - r.Lines
	}
	if r.Line < 0 || r.Line+r.Lines > c.dpLines {
		c.diag(display.Error, c.page.Number, "", "placement", fmt.Sprintf("ad %q: %d lines from line %d do not fit the %d lines of the page", ad.ID, r.Lines, r.Line, c.dpLines))
		return r, false
	}
	return r, true
}

// drawAd places an ad in its rectangle: a PDF page as vectors, an image whole.
func (c *composer) drawAd(pg *display.Page, ad *editions.Ad, r place.Rect) {
	g := c.g
	frame := display.Rect{X: g.colX(r.Col), Y: g.lineY(c.top+r.Line) + c.inset(), W: g.spanW(r.Span), H: units.Length(r.Lines)*g.lead - 2*c.inset()}
	if ad.Format == "pdf" {
		pg.Items = append(pg.Items, &display.PDFPage{Source: ad.File, Frame: frame})
		return
	}
	d := frame
	if ad.PixelWidth > 0 && ad.PixelHeight > 0 {
		d = containRect(frame, int64(ad.PixelWidth), int64(ad.PixelHeight))
	}
	pg.Items = append(pg.Items, &display.Image{Source: ad.File, Frame: d, Draw: d})
}

// masthead draws page 1's masthead at the top of the type area and returns
// the grid lines it takes.
func (c *composer) masthead(pg *display.Page) int {
	g := c.g
	ed := c.ed
	st := ed.Styles
	name := st.Headline
	name.Size = units.Pt(72)
	if name.Size*units.Length(len([]rune(ed.Paper))) > g.area.W/2 {
		name.Size = g.area.W / 2 / units.Length(max(1, len([]rune(ed.Paper))))
	}
	lines := g.linesFor(name.Size.Scale(13, 10))
	sp, err := c.set.set(ed.Paper, name, "masthead", g.area.W/2, text.Left, true)
	if err != nil {
		c.diag(display.Error, 1, "", "font", err.Error())
		return lines
	}
	nf, _ := c.set.face(name.Font)
	band := units.Length(lines) * g.lead
	y := g.area.Y + emBaseline(nf, name.Size, band)
	if len(sp.lines) > 0 {
		drawLine(pg, sp.lines[0], g.area.X, y, "")
	}
	// Date, weekday and issue at the right, in the folio face.
	info := st.Folio
	info.Size = units.Pt(11)
	right := []string{ed.Date.Chinese() + "　" + ed.Date.Weekday(), fmt.Sprintf("第%d期", ed.Issue)}
	ff, _ := c.set.face(info.Font)
	ly := g.area.Y + band - units.Length(len(right))*info.Size.Scale(3, 2)
	for _, s := range right {
		sp, err := c.set.set(s, info, "masthead", g.area.W/2, text.Right, false)
		if err == nil && len(sp.lines) > 0 {
			drawLine(pg, sp.lines[0], g.area.X+g.area.W/2, ly+emBaseline(ff, info.Size, info.Size.Scale(3, 2)), "")
		}
		ly += info.Size.Scale(3, 2)
	}
	ry := g.lineY(lines) + g.lead/2
	pg.Items = append(pg.Items, &display.Rule{From: display.Point{X: g.area.X, Y: ry}, To: display.Point{X: g.area.X + g.area.W, Y: ry}, Width: mastheadRule, Color: display.Black()})
	return lines
}

// folio draws the folio line above the type area: page and section at the
// left, the paper's name in the middle, the date at the right, over a rule.
func (c *composer) folio(pg *display.Page) {
	g := c.g
	ed := c.ed
	st := ed.Styles.Folio
	f, _ := c.set.face(st.Font)
	ry := g.area.Y - g.inset()
	y := ry - units.Pt(3) - f.TypoDescent(st.Size)
	left := fmt.Sprintf("第%d版", c.page.Number)
	if c.page.Section != "" {
		left += "　" + c.page.Section
	}
	for _, part := range []struct {
		s     string
		align text.Align
	}{{left, text.Left}, {ed.Paper, text.Center}, {ed.Date.Chinese() + "　" + ed.Date.Weekday(), text.Right}} {
		sp, err := c.set.set(part.s, st, "folio", g.area.W, part.align, false)
		if err == nil && len(sp.lines) > 0 {
			drawLine(pg, sp.lines[0], g.area.X, y, "")
		}
	}
	pg.Items = append(pg.Items, &display.Rule{From: display.Point{X: g.area.X, Y: ry}, To: display.Point{X: g.area.X + g.area.W, Y: ry}, Width: folioRule, Color: display.Black()})
}

// editors draws the page's editors (责任编辑 …) under the type area, at the right.
func (c *composer) editors(pg *display.Page) {
	if len(c.page.Editors) == 0 {
		return
	}
	var parts []string
	for _, e := range c.page.Editors {
		parts = append(parts, e.Role+"："+e.Name)
	}
	g := c.g
	st := c.ed.Styles.Folio
	f, _ := c.set.face(st.Font)
	sp, err := c.set.set(strings.Join(parts, "　"), st, "editors", g.area.W, text.Right, false)
	if err == nil && len(sp.lines) > 0 {
		drawLine(pg, sp.lines[0], g.area.X, g.area.Y+g.area.H+units.Pt(4)+f.TypoAscent(st.Size), "")
	}
}

// inset of the grid: the space above the body em box in a line.
func (g grid) inset() units.Length { return (g.lead - g.size) / 2 }
