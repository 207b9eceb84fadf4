package preview

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/math/fixed"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// Colours of the marks, chosen to stand out from black type and photos.
var (
	moduleColor = color.RGBA{0x00, 0x96, 0x88, 0xff} // teal: module frames
)

// MarkColor is the colour a diagnostic's code is marked in: red for
// overset, magenta for a missing glyph, blue for underset holes, orange for
// low-resolution photos, amber for other warnings and red for other errors.
func MarkColor(code diag.Code, sev display.Severity) color.RGBA {
	switch code {
	case diag.Overset:
		return color.RGBA{0xe0, 0x1b, 0x24, 0xff}
	case diag.MissingGlyph:
		return color.RGBA{0xc0, 0x1c, 0xc0, 0xff}
	case diag.Underset:
		return color.RGBA{0x1c, 0x71, 0xd8, 0xff}
	case diag.LowPPI:
		return color.RGBA{0xf5, 0x79, 0x00, 0xff}
	}
	if sev == display.Error {
		return color.RGBA{0xe0, 0x1b, 0x24, 0xff}
	}
	return color.RGBA{0xc6, 0x8e, 0x00, 0xff}
}

// marks draws the page's diagnostics: each where the composer says it is
// (Diagnostic.Frame), else over the article's items, else as a label at
// the page's top-left; and a box on every character drawn in a face that
// has no glyph for it.
func (r *Renderer) marks(img *image.RGBA, g geom, doc *display.Document, p *display.Page, missing []missingGlyph) []Mark {
	var out []Mark
	corner := image.Pt(4, 4)
	for i, d := range doc.Diagnostics {
		if d.Page != p.Number || p.Number == 0 {
			continue
		}
		c := MarkColor(d.Code, d.Severity)
		label := string(d.Code)
		if d.Article != "" {
			label += " · " + d.Article
		}
		var rect image.Rectangle
		switch {
		case d.Frame != nil:
			rect = g.pixelRect(*d.Frame)
		case d.Article != "":
			rect = articleBox(g, p, d.Article)
		}
		if rect.Empty() {
			lr := r.labelRect(img, label, corner)
			rect = lr
			corner.Y = lr.Max.Y + 2
			r.label(img, label, lr.Min, c)
		} else {
			// Characters the edition asked a fallback face to set are
			// outlined, not tinted: an edition of rare names would tint
			// every article it has.
			rect = r.frame(img, rect, c, 2, label, d.Code != diag.FontFallback)
		}
		out = append(out, Mark{Diagnostic: i, Code: d.Code, Severity: d.Severity, Label: label, Rect: rect})
	}
	for _, m := range missing {
		c := MarkColor(diag.MissingGlyph, display.Error)
		label := fmt.Sprintf("no glyph U+%04X", m.r)
		rect := r.frame(img, m.rect.Inset(-2), c, 2, label, true)
		out = append(out, Mark{Diagnostic: -1, Code: diag.MissingGlyph, Severity: display.Error, Label: label, Rect: rect})
	}
	return out
}

// articleBox is the bounding box, in pixels, of the article's items on the
// page.
func articleBox(g geom, p *display.Page, article string) image.Rectangle {
	var b image.Rectangle
	add := func(x0, y0, x1, y1 float64) {
		b = b.Union(image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))))
	}
	for _, it := range p.Items {
		switch it := it.(type) {
		case *display.GlyphRun:
			if it.Article != article || len(it.Glyphs) == 0 {
				continue
			}
			last := it.Glyphs[len(it.Glyphs)-1]
			add(g.x(it.Glyphs[0].X), g.y(it.Baseline-it.Size), g.x(last.X+it.Size), g.y(it.Baseline+it.Size/4))
		case *display.Image:
			if it.Article == article {
				add(g.rect(it.Frame))
			}
		}
	}
	return b
}

// frame outlines rect in c (a band of width w pixels inside it), tints it
// when tint is set, and labels it at its top-left. It returns the rectangle
// marked.
func (r *Renderer) frame(img *image.RGBA, rect image.Rectangle, c color.RGBA, w int, label string, tint bool) image.Rectangle {
	rect = rect.Intersect(img.Rect)
	if rect.Empty() {
		return rect
	}
	if tint {
		draw.Draw(img, rect, image.NewUniform(color.NRGBA{c.R, c.G, c.B, 0x26}), image.Point{}, draw.Over)
	}
	u := image.NewUniform(c)
	for _, s := range []image.Rectangle{
		{rect.Min, image.Pt(rect.Max.X, rect.Min.Y+w)},
		{image.Pt(rect.Min.X, rect.Max.Y-w), rect.Max},
		{rect.Min, image.Pt(rect.Min.X+w, rect.Max.Y)},
		{image.Pt(rect.Max.X-w, rect.Min.Y), rect.Max},
	} {
		draw.Draw(img, s.Intersect(rect), u, image.Point{}, draw.Src)
	}
	if label != "" {
		r.label(img, label, rect.Min, c)
	}
	return rect
}

// labelPx is the height of a label's type in pixels.
func labelPx(img *image.RGBA) float64 {
	return math.Max(11, math.Min(16, float64(img.Rect.Dx())/120))
}

// labelRect is the rectangle a label takes with its top-left at at.
func (r *Renderer) labelRect(img *image.RGBA, text string, at image.Point) image.Rectangle {
	px := labelPx(img)
	f, err := r.face(fonts.SansBold)
	w := 0.0
	for _, ru := range text {
		if err == nil {
			w += float64(f.face.AdvanceUnits(ru)) / float64(f.face.UnitsPerEm()) * px
		} else {
			w += px / 2
		}
	}
	return image.Rect(at.X, at.Y, at.X+int(math.Ceil(w+px*0.6)), at.Y+int(math.Ceil(px*1.4)))
}

// label writes text in white on a plate of colour c with its top-left at at.
func (r *Renderer) label(img *image.RGBA, text string, at image.Point, c color.RGBA) {
	rect := r.labelRect(img, text, at)
	draw.Draw(img, rect.Intersect(img.Rect), image.NewUniform(c), image.Point{}, draw.Src)
	f, err := r.face(fonts.SansBold)
	if err != nil {
		return
	}
	px := labelPx(img)
	ppem := fixed.Int26_6(math.Round(px * 64))
	x := float64(at.X) + px*0.3
	by := float64(at.Y) + px*1.1
	white := image.NewUniform(color.White)
	for _, ru := range text {
		gid, ok := f.face.GlyphIndex(ru)
		if ok && gid != 0 {
			if m, err := r.mask(f, fonts.SansBold, gid, ppem, x, by); err == nil && m.mask != nil {
				dst := m.mask.Rect.Add(image.Pt(int(math.Floor(x))+m.dx, int(math.Floor(by))+m.dy))
				draw.DrawMask(img, dst, white, image.Point{}, m.mask, m.mask.Rect.Min, draw.Over)
			}
		}
		x += float64(f.face.AdvanceUnits(ru)) / float64(f.face.UnitsPerEm()) * px
	}
}
