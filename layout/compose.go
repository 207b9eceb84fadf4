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
// smaller story's headline may instead be set a rank larger), photos
// cropped or enlarged, holes and overset. Everything
// stacked in a column takes whole grid lines, so every body baseline lies on
// the page's grid; a caption block is followed by a clear grid line when the
// text continues under the photo, so no caption reads as a line of the text.
//
// The dateline (本报讯) is set in its own face as a fixed box after the
// first line's indent, followed by a fixed one-em space (the 全角空格 Chinese
// papers use), which keeps the body's first character on the character
// grid. Headlines take their size from a scale by rank (never shrunk to
// fit a line: they break into lines); the lead story is the widest module
// on its page.
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
	"slices"
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
	// Workers is how many goroutines compose at once; 0 means
	// runtime.GOMAXPROCS(0), 1 composes one page after the other on one.
	// They take a page each. The Document is the same, byte for byte,
	// whatever it is.
	Workers int
	// SharePages starts a worker per core whatever the number of pages,
	// and lends the workers with no page to compose (a short edition, the
	// last pages of a long one, a page waiting for the page it continues
	// from) to the pages being composed: they set those pages' articles,
	// each with a setter of its own (crew.go). It pays where the cores are
	// otherwise idle (render: the one-page sample in 65 ms instead of 72,
	// eight pages 1 to 2 ms faster); where the caller keeps them busy
	// beside composing (preview decodes every photo), the extra setters
	// cost more than they save (the one-page preview 136 ms instead of
	// 126). The Document is the same either way.
	SharePages bool
}

// gapLines is the space between modules stacked in a column, in grid lines.
// A 0.5 pt rule runs through its middle.
const gapLines = 1

// Compose lays out every page of ed. It returns an error only when the
// edition cannot be composed at all (no pages, a font that cannot be
// loaded); problems on a page (overset, underset, low-resolution photos,
// missing glyphs) are Diagnostics in the Document, each naming its page and
// article. Pages are composed in parallel (see Stream), and the Document
// does not depend on how many at once.
func Compose(ed *editions.Edition, lib *fonts.Library, opt Options) (*display.Document, error) {
	var pages []display.Page
	doc, err := Stream(ed, lib, opt, func(p *display.Page) error {
		pages = append(pages, *p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	doc.Pages = pages
	return doc, nil
}

// composition is what one Compose or Stream call holds for all its pages, read-only once it
// starts: the edition, the resolved styles and grid, the policy and the
// document's metadata. Each stage keeps its own state: measure (module.go,
// measure.go, cost.go) what is fixed for the run, one measurer per worker;
// paginate (paginate.go) nothing from page to page (memory aside: the
// placement search's tables, reused); draw (draw.go,
// furniture.go) nothing. What a page adds is passed explicitly as a
// pageState, and what it sends to later pages (continued parts) comes back
// in its pageResult.
type composition struct {
	ed   *editions.Edition
	lib  *fonts.Library
	st   *styles
	g    grid
	pol  *Policy
	meta display.Meta
	// feature are the styles of a feature (副刊) page (featureStyles);
	// nil when the edition has none.
	feature *styles
}

// newComposition resolves what the pages share.
func newComposition(ed *editions.Edition, lib *fonts.Library, opt Options) (*composition, error) {
	if ed == nil || lib == nil {
		return nil, errors.New("layout: nil edition or font library")
	}
	if len(ed.Pages) == 0 {
		return nil, errors.New("layout: the edition has no pages")
	}
	st, err := newSetter(lib).resolveStyles(ed.Styles)
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
	var feature *styles
	for _, p := range ed.Pages {
		if p.Style == editions.SectionFeature {
			if feature, err = newSetter(lib).featureStyles(st); err != nil {
				return nil, fmt.Errorf("layout: page %d: %w", p.Number, err)
			}
			break
		}
	}
	return &composition{ed: ed, lib: lib, st: st, g: g, pol: &pol, feature: feature, meta: display.Meta{
		Title:   fmt.Sprintf("%s %s 第%d期", ed.Paper, ed.Date.Chinese(), ed.Issue),
		Paper:   ed.Paper,
		Date:    ed.Date.String(),
		Issue:   ed.Issue,
		Subject: subject(ed),
		Creator: creator,
	}}, nil
}

// paginator is a new worker's paginate stage, with its own measurer: a
// setter (whose paragraph composer is not safe for concurrent use) over the
// run's shared, read-only styles, grid and policy. cr, when not nil, lends
// the page's each idle workers.
func (cp *composition) paginator(cr *crew) *paginator {
	set := newSetter(cp.lib)
	pg := &paginator{news: &measurer{set: set, st: cp.st, g: cp.g, pol: cp.pol}, crew: cr}
	if cp.feature != nil {
		pg.feature = &measurer{set: set, st: cp.feature, g: cp.g, pol: cp.pol, feature: true}
	}
	pg.measurer = pg.news
	return pg
}

// forPage is the measurer of page p: the feature page's styles on a
// feature (副刊) page, else the news styles.
func (pg *paginator) forPage(p *editions.Page) *measurer {
	if p.Style == editions.SectionFeature && pg.feature != nil {
		return pg.feature
	}
	return pg.news
}

// slug is the slug line of page number n of the section given (may be "").
func (cp *composition) slug(n int, section string) string {
	m := cp.meta
	s := fmt.Sprintf("%s  %s  第%d期  第%d版", m.Paper, m.Date, m.Issue, n)
	if section != "" {
		s += "  " + section
	}
	return s
}

// slugFace picks the face of the slug line that printer's marks draw
// under each page: the folio's, else the first run's, as long as it has a
// glyph for every character of every page's slug; else the first of those
// and the built-in serif that has. The slug holds characters the folio
// line does not (the ISO date's "-", 期), and a folio in a user face that
// lacks one would otherwise stop the writer with --marks (render's, and
// check's since it runs the writer). It sees the pages one at a time, in
// page order.
type slugFace struct {
	folio, first string
	faces        []string      // every face a run is set in, in the order met
	runes        map[rune]bool // the slug lines' characters
}

// see looks at the next page.
func (f *slugFace) see(p *display.Page) {
	if f.runes == nil {
		f.runes = map[rune]bool{}
	}
	for _, r := range p.Slug {
		f.runes[r] = true
	}
	last := ""
	for _, it := range p.Items {
		r, ok := it.(*display.GlyphRun)
		if !ok || r.Face == last {
			continue
		}
		last = r.Face
		if r.Role == display.RoleFolio && f.folio == "" {
			f.folio = r.Face
		}
		if f.first == "" {
			f.first = r.Face
		}
		if !slices.Contains(f.faces, r.Face) {
			f.faces = append(f.faces, r.Face)
		}
	}
}

// face is the slug line's face, once every page has been seen: the first
// of the folio's face, the first run's, the built-in serif and then every
// other face the pages are set in (a fallback face that sets a character
// of the section, say) that lib has with a glyph for every slug
// character, else the first of those named.
func (f *slugFace) face(lib *fonts.Library) string {
	named := f.folio
	if named == "" {
		named = f.first
	}
	for _, name := range append([]string{f.folio, f.first, fonts.Serif}, f.faces...) {
		if name == "" {
			continue
		}
		face, err := lib.Face(name)
		if err != nil {
			continue
		}
		covers := true
		for r := range f.runes {
			if !face.Covers(r) {
				covers = false
				break
			}
		}
		if covers {
			return name
		}
	}
	return named
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

// pageResult is a composed page: its display list, its bookmark, its
// diagnostics in the order found, and the continued parts it sends to later
// pages.
type pageResult struct {
	page  *display.Page
	bm    display.Bookmark
	diags []display.Diagnostic
	out   []*module
	// panic is set, and nothing else, when composing the page panicked.
	panic *workerPanic
}

// composePage composes page p, the index-th in page order, receiving the
// continued parts in (from earlier pages, in page order): the furniture,
// then the ads and the articles placed by hand as obstacles, then the
// placement of the rest, each module planned (paginate) and drawn.
func (pg *paginator) composePage(cp *composition, p *editions.Page, index int, in []*module) *pageResult {
	pg.measurer = pg.forPage(p)
	ms := pg.measurer
	g := ms.g
	geo := cp.ed.Page
	trim := display.Rect{X: geo.Bleed, Y: geo.Bleed, W: geo.Width, H: geo.Height}
	bleed := display.Rect{W: geo.Width + 2*geo.Bleed, H: geo.Height + 2*geo.Bleed}
	name := fmt.Sprintf("第%d版", p.Number)
	if p.Section != "" {
		name += " " + p.Section
	}
	out := &display.Page{Number: p.Number, Name: name, Media: bleed, Bleed: bleed, Trim: trim, Slug: cp.slug(p.Number, p.Section)}
	bm := display.Bookmark{Title: name, Page: index}

	ps := &pageState{p: p, index: index, log: &diagLog{}}
	if p.Number == 1 {
		ps.top = ms.masthead(out, cp.ed, ps) + gapLines
	} else {
		ms.folio(out, cp.ed, p, ps)
	}
	ms.editors(out, p, ps)
	ps.lines = g.lines - ps.top

	mods := make([]*module, len(p.Articles))
	pg.each(len(mods), func(ms *measurer, i int) { mods[i] = ms.newModule(&p.Articles[i], i) })
	for i, cm := range in {
		cm.index = 1000 + i
	}
	mods = append(mods, in...)

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
		pg.drawAd(out, ps, ad, r)
		if ad.InkNote != "" {
			ps.diag(display.Warning, "", diag.InkUnmeasured, fmt.Sprintf("ad %q: %s; check it against the paper's ink limit", ad.ID, ad.InkNote))
		}
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
		cf := m.option(r.Span, r.Lines)
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
	return &pageResult{page: out, bm: bm, diags: ps.log.list, out: ps.out}
}
