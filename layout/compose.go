// Package layout composes an edition into pages: the display list
// (Document) that the PDF writer draws.
//
// Each page has a type area of whole columns, each a whole number of body
// characters wide, and a baseline grid of the body leading shared by all
// columns. Articles are rectangular modules on that grid: a headline block,
// then the byline and body flowing through the module's columns, balanced
// so that the columns end within a line of each other, with photos and
// their captions at the module's right. The modules' heights at every span
// are measured with the real paragraph composer (layout/text), and the page
// is tiled with them by layout/place (a guillotine layout found by dynamic
// programming), around ads and explicitly placed articles. The tiling is
// the cheapest by costs that stand for a layout editor's judgement: body
// columns too shallow for the module's width (a short story goes two or
// three columns wide and deeper, never as a strip across the page), a span
// wider than the story's length asks, air added around a headline (a
// smaller story's headline may instead be set a rank larger), holes and
// overset. Everything
// stacked in a column takes whole grid lines, so every body baseline lies on
// the page's grid; a caption block is followed by a clear grid line when the
// text continues under the photo, so no caption reads as a line of the text.
//
// The dateline (本报讯) is set in its own face as a fixed box after the
// first line's indent, followed by a fixed one-em space (the 全角空格 Chinese
// papers use), which keeps the body's first character on the character
// grid. Headlines that would break badly are set on one line a little
// smaller; the lead story is the widest module on its page.
//
// Text that does not fit is never dropped silently: an article may jump to
// a later page (with jump lines 下转/上接), or its overset is reported as an
// error diagnostic naming the article and what did not fit.
//
// Compose does no I/O: the edition carries the photos' pixel sizes.
package layout

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/place"
)

// Options adjust a composition.
type Options struct {
	// Creator names the program in the document's metadata, e.g.
	// "Broadsheet 0.1.0"; empty gives "Broadsheet".
	Creator string
	// Policy is the layout editor's judgement the placement search weighs;
	// nil gives DefaultPolicy.
	Policy *Policy
}

// gapLines is the space between modules stacked in a column, in grid lines.
// A 0.5 pt rule runs through its middle.
const gapLines = 1

// composer is what one Compose call holds for the whole run. Each stage
// keeps its own state: measure (module.go, measure.go, cost.go) what is
// fixed for the run, paginate (paginate.go) the continued parts waiting
// for their page, draw (draw.go, furniture.go) nothing; what a page adds is
// passed explicitly as a pageState.
type composer struct {
	ed  *editions.Edition
	pg  *paginator
	doc *display.Document
	log *diagLog
}

// Compose lays out every page of ed. It returns an error only when the
// edition cannot be composed at all (no pages, a font that cannot be
// loaded); problems on a page (overset, underset, low-resolution photos,
// missing glyphs) are Diagnostics in the Document, each naming its page and
// article.
func Compose(ed *editions.Edition, lib *fonts.Library, opt Options) (*display.Document, error) {
	if ed == nil || lib == nil {
		return nil, errors.New("layout: nil edition or font library")
	}
	if len(ed.Pages) == 0 {
		return nil, errors.New("layout: the edition has no pages")
	}
	set := newSetter(lib)
	st, err := set.resolveStyles(ed.Styles)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	g, err := newGrid(ed, st.body.face)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	pol := DefaultPolicy()
	if opt.Policy != nil {
		pol = *opt.Policy
	}
	creator := opt.Creator
	if creator == "" {
		creator = "Broadsheet"
	}
	c := &composer{
		ed: ed,
		pg: &paginator{measurer: &measurer{set: set, st: st, g: g, pol: &pol}, pending: make(map[int][]*module)},
		doc: &display.Document{Meta: display.Meta{
			Title:   fmt.Sprintf("%s %s 第%d期", ed.Paper, ed.Date.Chinese(), ed.Issue),
			Paper:   ed.Paper,
			Date:    ed.Date.String(),
			Issue:   ed.Issue,
			Subject: subject(ed),
			Creator: creator,
		}},
		log: &diagLog{},
	}
	order := make([]int, len(ed.Pages))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ed.Pages[order[a]].Number < ed.Pages[order[b]].Number })
	for _, i := range order {
		c.composePage(&ed.Pages[i])
	}
	// Continued parts whose page never came (the loader checks continue-on,
	// so this is a safety net): report, never drop silently.
	var left []int
	for n := range c.pg.pending {
		left = append(left, n)
	}
	sort.Ints(left)
	for _, n := range left {
		for _, m := range c.pg.pending[n] {
			c.log.add(display.Error, m.from, m.a.ID, diag.Overset, fmt.Sprintf("the rest of %q should continue on page %d, which is not in the edition: %d lines (%d characters) not set",
				m.a.ID, n, len(m.flow), flowChars(m.flow)))
		}
	}
	c.doc.Diagnostics = c.log.list
	c.doc.Meta.SlugFace = slugFace(c.doc)
	return c.doc, nil
}

// slug is the slug line of page number n named name.
func (c *composer) slug(n int, name string) string {
	m := c.doc.Meta
	s := fmt.Sprintf("%s  %s  第%d期  第%d版", m.Paper, m.Date, m.Issue, n)
	if name != "" {
		s += "  " + name
	}
	return s
}

// slugFace picks the face of the slug line: the folio's, else the first
// run's.
func slugFace(doc *display.Document) string {
	first := ""
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*display.GlyphRun); ok {
				if r.Role == display.RoleFolio {
					return r.Face
				}
				if first == "" {
					first = r.Face
				}
			}
		}
	}
	return first
}

// subject lists the sections of the edition.
func subject(ed *editions.Edition) string {
	var parts []string
	for _, p := range ed.Pages {
		if p.Section != "" {
			parts = append(parts, fmt.Sprintf("第%d版 %s", p.Number, p.Section))
		}
	}
	return strings.Join(parts, "；")
}

// composePage composes one page and appends it to the document: the
// furniture, then the ads and the articles placed by hand as obstacles,
// then the placement of the rest, each module planned (paginate) and drawn.
func (c *composer) composePage(p *editions.Page) {
	pg, ms := c.pg, c.pg.measurer
	g := ms.g
	geo := c.ed.Page
	trim := display.Rect{X: geo.Bleed, Y: geo.Bleed, W: geo.Width, H: geo.Height}
	bleed := display.Rect{W: geo.Width + 2*geo.Bleed, H: geo.Height + 2*geo.Bleed}
	name := fmt.Sprintf("第%d版", p.Number)
	if p.Section != "" {
		name += " " + p.Section
	}
	out := &display.Page{Number: p.Number, Name: name, Media: bleed, Bleed: bleed, Trim: trim, Slug: c.slug(p.Number, name)}
	index := len(c.doc.Pages)
	bm := display.Bookmark{Title: name, Page: index}

	ps := &pageState{p: p, index: index, log: c.log}
	if p.Number == 1 {
		ps.top = ms.masthead(out, c.ed) + gapLines
	} else {
		ms.folio(out, c.ed, p)
	}
	ms.editors(out, p)
	ps.lines = g.lines - ps.top

	var mods []*module
	for i := range p.Articles {
		mods = append(mods, ms.newModule(&p.Articles[i], i))
	}
	mods = append(mods, pg.pending[p.Number]...)
	delete(pg.pending, p.Number)

	// Obstacles: the ads and the articles placed by hand.
	var fixed []place.Rect
	var fixedMods []*module
	var auto []*module
	for ai := range p.Ads {
		ad := &p.Ads[ai]
		r, ok := pg.adRect(ps, ad)
		if !ok {
			continue
		}
		if clash(r, fixed) {
			ps.diag(display.Error, "", diag.Placement, fmt.Sprintf("ad %q overlaps another fixed item; it is not placed", ad.ID))
			continue
		}
		fixed = append(fixed, r)
		drawAd(out, g, ps.top, ad, r)
	}
	for _, m := range mods {
		if m.a.Place != nil && m.from == 0 {
			r, ok := pg.fixedRect(ps, m)
			if ok && !clash(r, fixed) {
				m.fixed = &r
				fixed = append(fixed, r)
				fixedMods = append(fixedMods, m)
				if m.index == 0 {
					ps.fixedLead = m
				}
				continue
			}
			ps.diag(display.Warning, m.a.ID, diag.Placement, "the explicit place does not fit the page or overlaps another fixed item; the article is placed automatically")
		}
		auto = append(auto, m)
	}

	sol, placed := pg.placeModules(ps, auto, fixed)
	type kid struct {
		order int
		b     display.Bookmark
	}
	var kids []kid
	for i, m := range auto {
		if !placed[i] {
			continue
		}
		r := sol.Rects[i]
		cf := m.options[r.Span][r.Lines]
		kids = append(kids, kid{m.index, drawModule(out, index, g, pg.plan(ps, m, r, cf))})
	}
	for _, m := range fixedMods {
		r := *m.fixed
		kids = append(kids, kid{m.index, drawModule(out, index, g, pg.plan(ps, m, r, pg.fixedConfig(ps, m, r)))})
	}
	for _, cut := range sol.Cuts {
		drawCut(out, g, ps.top, cut)
	}
	// Bookmarks in importance order, not placement order.
	sort.SliceStable(kids, func(a, b int) bool { return kids[a].order < kids[b].order })
	for _, k := range kids {
		bm.Kids = append(bm.Kids, k.b)
	}
	c.doc.Pages = append(c.doc.Pages, *out)
	c.doc.Outline = append(c.doc.Outline, bm)
}
