package layout

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/place"
)

// BenchmarkMeasurePlace measures and places the pages of the samples
// (local-news: one page of 12 articles; four-pages: four, three with an
// ad) as composing does — every height of every module at every span
// (headlines and captions set at each width), then the placement search
// and its fallbacks — but not the setting of the bodies, which is done
// once: each op starts from modules with their flows set and nothing
// measured.
func BenchmarkMeasurePlace(b *testing.B) {
	lib := fonts.NewLibrary()
	type page struct {
		pg    *paginator
		ps    *pageState
		mods  []*module
		fixed []place.Rect
	}
	var pages []page
	for _, path := range []string{"../editions/samples/local-news.yaml", "../editions/samples/four-pages.yaml"} {
		ed := loadSample(b, path)
		cp, err := newComposition(ed, lib, Options{})
		if err != nil {
			b.Fatal(err)
		}
		pg := cp.paginator(nil) // one goroutine
		for index := range ed.Pages {
			p := &ed.Pages[index]
			ms := pg.forPage(p)
			ps := &pageState{p: p, index: index, log: &diagLog{}}
			out := &display.Page{}
			if p.Number == 1 {
				ps.top = ms.masthead(out, ed, ps) + gapLines
			}
			ps.lines = ms.g.lines - ps.top
			pp := page{pg: pg, ps: ps}
			for ai := range p.Articles {
				if p.Articles[ai].Place == nil {
					pp.mods = append(pp.mods, ms.newModule(&p.Articles[ai], ai))
				}
			}
			for ai := range p.Ads {
				if r, ok := pg.adRect(ps, &p.Ads[ai]); ok {
					pp.fixed = append(pp.fixed, r)
				}
			}
			pages = append(pages, pp)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			for _, m := range p.mods {
				p.pg.makeCaches(m)
				m.options = nil
			}
			p.pg.measurer = p.pg.forPage(p.ps.p)
			p.ps.log = &diagLog{}
			p.pg.placeModules(p.ps, p.mods, p.fixed)
		}
	}
}
