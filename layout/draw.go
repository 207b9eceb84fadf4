package layout

import (
	"fmt"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/place"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// The draw stage: pure functions from what pagination decided to display
// list items. Nothing here reports a problem or changes what goes where.

// Rule widths.
const (
	moduleRule   = 500  // between modules
	folioRule    = 750  // under the folio line
	mastheadRule = 2000 // under the masthead
)

// drawLine adds the runs of l with its left edge at x and baseline y.
func drawLine(out *display.Page, l tline, x, y units.Length, article string) {
	for _, r := range l.runs {
		gs := make([]display.Glyph, len(r.glyphs))
		for i, g := range r.glyphs {
			gs[i] = display.Glyph{Text: g.Text, X: x + g.X}
		}
		out.Items = append(out.Items, &display.GlyphRun{Face: r.face, Size: r.size, Baseline: y, Glyphs: gs, Color: display.Black(), Article: article, Role: r.role})
		for _, b := range r.bars {
			ink := display.Black()
			out.Items = append(out.Items, &display.Box{Frame: display.Rect{X: x + b.x0, Y: y - b.y1, W: b.x1 - b.x0, H: b.y1 - b.y0}, Fill: &ink})
		}
	}
}

// drawModule draws a placed module on page out (the index-th page of the
// document) and returns its bookmark.
func drawModule(out *display.Page, index int, g grid, pl placement) display.Bookmark {
	m, r, id := pl.m, pl.r, pl.m.a.ID
	x0 := g.colX(r.Col)
	out.Modules = append(out.Modules, display.Module{Article: id, Frame: g.frame(r.Col, r.Span, pl.top, r.Lines)})
	hd := pl.head
	// The headline block, centred in its grid lines.
	band := units.Length(hd.gridLines+pl.cf.extra) * g.lead
	off := (band - hd.height) / 2
	for _, hl := range hd.lines {
		drawLine(out, hl.tline, x0, g.lineY(pl.top)+off+hl.y, id)
	}
	// Photos, stacked at the module's right, each over its caption.
	for _, ph := range pl.photos {
		out.Items = append(out.Items, ph.img)
		for _, ln := range ph.cap.lines {
			drawLine(out, ln.tline, ph.capX+ln.x, g.baseline(ph.capTop+ln.row), id)
		}
	}
	// The flow, balanced through the columns; columns under the photos
	// start below them.
	i := 0
	for col, n := range pl.counts {
		x := g.colX(r.Col + col)
		y := pl.bodyTop
		if pl.cf.pcols > 0 && col >= r.Span-pl.cf.pcols {
			y += pl.occ
		}
		for ; n > 0 && i < len(pl.lines); n-- {
			drawLine(out, pl.lines[i], x, g.baseline(y), m.a.ID)
			i++
			y++
		}
	}
	return display.Bookmark{Title: pl.title, Page: index, Y: g.lineY(pl.top)}
}

// drawCut draws the rule of a cut between modules in a module area that
// starts at grid line top.
func drawCut(out *display.Page, g grid, top int, cut place.Cut) {
	if cut.Vertical {
		x := g.colX(cut.Col) - g.gutter/2
		y0 := g.lineY(top+cut.Line) + g.inset()
		y1 := g.lineY(top+cut.Line+cut.Lines) - g.inset()
		out.Items = append(out.Items, &display.Rule{From: display.Point{X: x, Y: y0}, To: display.Point{X: x, Y: y1}, Width: moduleRule, Color: display.Black()})
		return
	}
	y := g.lineY(top+cut.Line) + units.Length(cut.Lines)*g.lead/2
	x0 := g.colX(cut.Col)
	x1 := g.colX(cut.Col+cut.Span-1) + g.colW
	out.Items = append(out.Items, &display.Rule{From: display.Point{X: x0, Y: y}, To: display.Point{X: x1, Y: y}, Width: moduleRule, Color: display.Black()})
}

// adLabelBand is the height of the band an ad's label takes at the top of
// its rectangle, in sizes of the label: the ad is drawn below it.
const adLabelBand = 13 // tenths

// drawAd draws ad in its grid rectangle r under its label: the mark
// (广告, ad.Label) that China's Advertising Law asks of an ad in a paper,
// set small and flush right in the credit face at the top of the
// rectangle, the ad scaled into what is left. A character of the label no
// font has is an error, as in the folio.
func (ms *measurer) drawAd(out *display.Page, ps *pageState, ad *editions.Ad, r place.Rect) {
	g := ms.g
	band := units.Length(0)
	if ad.Label != "" {
		st := ms.st.credit
		sp := ms.set.set(ad.Label, st, display.RoleAdLabel, g.spanW(r.Span), text.Right, false)
		ps.lineDiags(sp.diags, "ad "+ad.ID+": label")
		if len(sp.lines) > 0 {
			band = st.Size.Scale(adLabelBand, 10)
			y := g.lineY(ps.top+r.Line) + g.inset() + emBaseline(st.face, st.Size, st.Size)
			drawLine(out, sp.lines[0], g.colX(r.Col), y, "")
		}
	}
	drawAd(out, g, ps.top, ad, r, band)
}

// drawAd places an ad in its rectangle r of a module area that starts at
// grid line top, band below the rectangle's top (its label): a PDF page as
// vectors, an image whole.
func drawAd(out *display.Page, g grid, top int, ad *editions.Ad, r place.Rect, band units.Length) {
	frame := display.Rect{X: g.colX(r.Col), Y: g.lineY(top+r.Line) + g.inset(), W: g.spanW(r.Span), H: units.Length(r.Lines)*g.lead - 2*g.inset()}
	if band > 0 && band < frame.H/2 {
		frame.Y, frame.H = frame.Y+band, frame.H-band // under its label
	}
	out.Modules = append(out.Modules, display.Module{Frame: g.frame(r.Col, r.Span, top+r.Line, r.Lines)})
	if ad.Format == editions.PDF {
		out.Items = append(out.Items, &display.PDFPage{Source: ad.File, Frame: frame})
		return
	}
	d := frame
	if ad.PixelWidth > 0 && ad.PixelHeight > 0 {
		d = containRect(frame, int64(ad.PixelWidth), int64(ad.PixelHeight))
	}
	out.Items = append(out.Items, &display.Image{Source: ad.File, Frame: d, Draw: d})
}

// lowPPIMessage tells an editor why a photo is too coarse for print in
// the terms of the page: the pixels that show in the photo's frame (a
// cover crop shows only part of the image), the frame's size on the page,
// and the resolution that gives against minPPI. draw is where the whole
// image is drawn.
func lowPPIMessage(file string, pw, ph int64, frame, draw display.Rect, ppi, minPPI int64) string {
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
