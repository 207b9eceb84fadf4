package layout

import (
	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/layout/text"
)

// lineDiags reports what the composer found in a line the page furniture
// sets — the masthead, the folio, the editors line — as errors when a
// character has no glyph (it would print as a box, or not at all), as a
// warning when a fallback face sets one (font-fallback, as in an
// article), and not at all otherwise: a folio has no article to mend, and
// its warnings would repeat on every page. ps may be nil (nothing is
// reported).
func (ps *pageState) lineDiags(ds []text.Diagnostic, what string) {
	if ps == nil {
		return
	}
	for _, d := range ds {
		switch d.Code {
		case diag.MissingGlyph, diag.InvalidUTF8:
			ps.diag(display.Error, "", d.Code, what+": "+d.Message)
		case diag.FontFallback:
			ps.diag(display.Warning, "", d.Code, what+": "+d.Message)
		}
	}
}
