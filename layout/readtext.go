package layout

import (
	"fmt"
	"sort"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/text"
)

// Text returns the edition's text as Compose sets it, one paragraph a
// line, in page and article order: each article's kicker, headline and
// subtitle (a photo story's title among them as its headline block sets
// it), byline, paragraphs (the first opening with the dateline and the
// space Compose sets after it), then each photo's caption and credit. It is
// the reference for checking a PDF's text; it is what the text command
// prints. Like Compose it does no I/O; an error means the edition cannot be
// set at all.
func Text(ed *editions.Edition, lib *fonts.Library) ([]string, error) {
	if ed == nil || lib == nil {
		return nil, fmt.Errorf("layout: nil edition or font library")
	}
	cp, err := newComposition(ed, lib, Options{})
	if err != nil {
		return nil, err
	}
	pg := cp.paginator(nil)
	for _, ms := range []*measurer{pg.news, pg.feature} {
		if ms != nil {
			ms.keepText = true
		}
	}
	pages := make([]*editions.Page, len(ed.Pages))
	for i := range ed.Pages {
		pages[i] = &ed.Pages[i]
	}
	sort.SliceStable(pages, func(a, b int) bool { return pages[a].Number < pages[b].Number })
	var out []string
	for _, p := range pages {
		ms := pg.forPage(p)
		g := ms.g
		for i := range p.Articles {
			m := ms.newModule(&p.Articles[i], i)
			for _, pc := range ms.headPieces(m, m.rank, g.columns) {
				if pc.text != "" {
					out = ms.set.set(pc.text, pc.style, pc.role, g.area.W, text.Center, true).appendTexts(out)
				}
			}
			out = append(out, m.texts...)
			for k := range m.photos {
				out = append(out, ms.caption(m, g.columns, k).texts...)
			}
		}
	}
	return out, nil
}
