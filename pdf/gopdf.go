package pdf

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// This file is the one place that knows gopdf's internals: everything the
// drawing pass relies on beyond gopdf's documented API lives here, behind
// the adapter gpw, and TestGopdfAdapterGolden compares its output with a
// golden file, so a gopdf upgrade that changes any of it fails loudly here
// and nowhere else. What it relies on:
//
//   - Kerning: gopdf calls a font's kerning override for every pair of
//     characters of a cell, once when the cell is added and once, in
//     drawing order, when the content stream is written; it writes the
//     value as a TJ adjustment in thousandths of an em, truncated toward
//     zero from font units (kernFor). The adapter hands out queued
//     adjustments while writing (kerner).
//   - Advances: gopdf advances by each glyph's hmtx width in whole
//     thousandths of an em, truncated (advance).
//   - Text placement: a cell aligned Top has its baseline the face's typo
//     ascender below the cell's top (ascent).
//   - Overprint markers: gopdf can attach an ExtGState only through its
//     transparency API, so text that must overprint is drawn with a marker
//     alpha markOn and everything else with markOff; the finisher rewrites
//     those two ExtGStates into overprint on and off (finisher.overprint).
//   - Placeholders: an RGB photo reaches gopdf as a 1×1 JPEG whose comment
//     names it (placeholderJPEG); gopdf writes the same operators as for
//     the photo, and the finisher swaps the image object's bytes.
//   - The header: gopdf writes "%PDF-1.7"; PDF/X-4 asks for 1.6, and the two
//     are the same length, so the adapter patches the byte in place.

// Overprint markers (see above).
const (
	markOn  = 0.997
	markOff = 0.998
)

// gpw is the adapter: a gopdf document being drawn, with the kerning
// queue and the overprint markers.
type gpw struct {
	gp       *gopdf.GoPdf
	on, off  gopdf.Transparency
	upems    map[string]int // family → units per em of its face
	kerns    []int16        // TJ adjustments in font units, one per character pair, in drawing order
	kernNext int            // the next adjustment kerner hands out while writing
	writing  bool           // gopdf is writing the content streams
}

// newGPW starts a document whose first page is first, compressing its
// content streams at zlib level.
func newGPW(first display.Rect, level int) (*gpw, error) {
	w := &gpw{gp: &gopdf.GoPdf{}, upems: map[string]int{}}
	// No SetInfo: gopdf then writes no Info dictionary and so no clock.
	w.gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: pt(first.W), H: pt(first.H)}})
	w.gp.SetCompressLevel(level)
	var err error
	if w.on, err = gopdf.NewTransparency(markOn, ""); err != nil {
		return nil, err
	}
	if w.off, err = gopdf.NewTransparency(markOff, ""); err != nil {
		return nil, err
	}
	return w, nil
}

// addFont registers a TrueType font under family; missing is called for
// each character a cell sets that the font lacks.
func (w *gpw) addFont(family string, ttf []byte, upem int, missing func(rune)) error {
	opt := gopdf.TtfOption{
		UseKerning:      true, // the stub has no kern table: only kerner's adjustments
		OnGlyphNotFound: missing,
	}
	if err := w.gp.AddTTFFontDataWithOption(family, ttf, opt); err != nil {
		return err
	}
	if err := w.gp.KernOverride(family, w.kerner); err != nil {
		return err
	}
	w.upems[family] = upem
	return nil
}

// addPage starts a page of the media's size; what follows is drawn with
// overprint off until said otherwise.
func (w *gpw) addPage(media display.Rect) error {
	w.gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: pt(media.W), H: pt(media.H)}})
	return w.gp.SetTransparency(w.off)
}

// strokeColor sets the colour of the lines that follow.
func (w *gpw) strokeColor(c display.Color) {
	w.gp.SetStrokeColorCMYK(percent(c.C), percent(c.M), percent(c.Y), percent(c.K))
}

// lineWidth sets the width of the solid lines that follow.
func (w *gpw) lineWidth(width float64) {
	w.gp.SetLineWidth(width)
	w.gp.SetLineType("solid")
}

// line strokes a line.
func (w *gpw) line(x1, y1, x2, y2 float64) { w.gp.Line(x1, y1, x2, y2) }

// oval strokes the ellipse in the box from (x1, y1) to (x2, y2).
func (w *gpw) oval(x1, y1, x2, y2 float64) { w.gp.Oval(x1, y1, x2, y2) }

// box fills and/or strokes a rectangle from its top-left corner; a nil
// colour is not painted.
func (w *gpw) box(r display.Rect, fill, stroke *display.Color, strokeWidth float64) error {
	var style gopdf.PaintStyle
	switch {
	case fill != nil && stroke != nil:
		style = gopdf.DrawFillPaintStyle
	case fill != nil:
		style = gopdf.FillPaintStyle
	case stroke != nil:
		style = gopdf.DrawPaintStyle
	default:
		return nil
	}
	if fill != nil {
		c := *fill
		w.gp.SetFillColorCMYK(percent(c.C), percent(c.M), percent(c.Y), percent(c.K))
	}
	if stroke != nil {
		c := *stroke
		w.gp.SetStrokeColorCMYK(percent(c.C), percent(c.M), percent(c.Y), percent(c.K))
		w.gp.SetLineWidth(strokeWidth)
	}
	return w.gp.RectFromUpperLeftWithOpts(gopdf.DrawableRectOptions{
		X: pt(r.X), Y: pt(r.Y), Rect: gopdf.Rect{W: pt(r.W), H: pt(r.H)},
		PaintStyle: style, Transparency: &w.off,
	})
}

// font sets the font and size of the cells that follow.
func (w *gpw) font(family string, size float64) error {
	return w.gp.SetFont(family, "", size)
}

// textColor sets the colour of the cells that follow.
func (w *gpw) textColor(c display.Color) {
	w.gp.SetTextColorCMYK(percent(c.C), percent(c.M), percent(c.Y), percent(c.K))
}

// spacing sets the character spacing (Tc) of the cells that follow.
func (w *gpw) spacing(tc float64) error { return w.gp.SetCharSpacing(tc) }

// cell writes text as one text object whose top-left is (x, top), size
// high, overprinting when overprint is set. pairs are the TJ adjustments
// between its characters, one per pair (in font units, see kernFor; 0 for
// none), so len(pairs) is the number of characters less one.
func (w *gpw) cell(x, top, size float64, text string, pairs []int16, overprint bool) error {
	if n := utf8.RuneCountInString(text); len(pairs) != max(n-1, 0) {
		return fmt.Errorf("cell %q: %d adjustments for %d characters", text, len(pairs), n)
	}
	w.kerns = append(w.kerns, pairs...)
	tr := w.off
	if overprint {
		tr = w.on
	}
	w.gp.SetXY(x, top)
	return w.gp.CellWithOption(&gopdf.Rect{W: 1, H: size}, text,
		gopdf.CellOption{Align: gopdf.Left | gopdf.Top, Transparency: &tr})
}

// kernFor rounds an adjustment of v thousandths of an em to one gopdf can
// write for family: it returns the adjustment gopdf will write (whole
// thousandths) and the kerning value in font units that makes it write
// that.
func (w *gpw) kernFor(family string, v float64) (k int, fontUnits int16) {
	const unreachable = 1 << 30 // fails the caller's tolerance check
	upem := w.upems[family]
	u := math.Round(v * float64(upem) / 1000)
	if upem <= 0 || math.IsNaN(u) || u > math.MaxInt16 || u < math.MinInt16 {
		return unreachable, 0
	}
	fontUnits = int16(u)
	// gopdf converts font units to thousandths truncating toward zero.
	n := int(fontUnits)
	if n < 0 {
		k = -((-1000 * n) / upem)
	} else {
		k = n * 1000 / upem
	}
	return k, fontUnits
}

// kerner is the kerning override gopdf calls for every pair of characters
// in a text object: once when the text is added (the cell's width, which
// nothing uses: cells are left-aligned and placed by SetXY) and once when
// the content stream is written. While writing, it hands out the queued
// adjustments in the order cell queued them, which is the order gopdf
// writes its text objects in.
func (w *gpw) kerner(_, _ rune, _, _ uint, pairVal int16) int16 {
	if !w.writing {
		return pairVal
	}
	if w.kernNext >= len(w.kerns) {
		w.kernNext++ // reported by bytes
		return 0
	}
	v := w.kerns[w.kernNext]
	w.kernNext++
	return v
}

// advance is the width gopdf will advance after text at size (without
// spacing): gopdf takes each glyph's advance from the subset's hmtx (the
// face's own) in whole thousandths of an em, truncated, and scales their
// sum as here.
func advance(face *fonts.Face, size float64, text string) float64 {
	upem := face.UnitsPerEm()
	sum := 0
	for _, r := range text {
		w := face.AdvanceUnits(r)
		if upem != 1000 {
			w = w * 1000 / upem
		}
		sum += w
	}
	return float64(sum) * (size / 1000)
}

// ascent is how far below a cell's top (Align Top) gopdf sets the baseline
// of text in face at size: the face's typo ascender.
func ascent(face *fonts.Face, size float64) float64 {
	upem := face.UnitsPerEm()
	return float64(float64(face.TypoAscent(units.Length(upem)*units.Point)) / float64(units.Length(upem)*units.Point) * size) // float64(): no fused multiply-add, same result on every CPU
}

// image draws an image held under id (gopdf caches by it) so that the
// whole image fills draw, clipped to frame.
func (w *gpw) image(id string, data []byte, frame, draw display.Rect) error {
	opts := gopdf.ImageOptions{
		X: pt(frame.X), Y: pt(frame.Y),
		Rect:         &gopdf.Rect{W: pt(draw.W), H: pt(draw.H)},
		Crop:         &gopdf.CropOptions{X: pt(frame.X - draw.X), Y: pt(frame.Y - draw.Y), Width: pt(frame.W), Height: pt(frame.H)},
		Transparency: &w.off,
	}
	return w.gp.ImageByHolderWithOptions(&imageHolder{id: id, Reader: bytes.NewReader(data)}, opts)
}

// bytes writes the document out, with a PDF 1.6 header, and checks that
// gopdf asked for exactly the adjustments queued.
func (w *gpw) bytes() ([]byte, error) {
	w.writing = true
	out, err := w.gp.GetBytesPdfReturnErr()
	if err != nil {
		return nil, fmt.Errorf("gopdf: %w", err)
	}
	if w.kernNext != len(w.kerns) {
		return nil, fmt.Errorf("gopdf asked for %d text adjustments, %d were drawn", w.kernNext, len(w.kerns))
	}
	if !bytes.HasPrefix(out, []byte("%PDF-1.7")) && !bytes.HasPrefix(out, []byte("%PDF-1.6")) {
		return nil, fmt.Errorf("gopdf output does not start with %%PDF-1.7")
	}
	out[7] = '6'
	return out, nil
}

// imageHolder gives gopdf an image under an ID of our choosing (gopdf's
// own holders hash the bytes on every call to make one).
type imageHolder struct {
	id string
	*bytes.Reader
}

// ID identifies the image to gopdf's per-document image cache.
func (h *imageHolder) ID() string { return h.id }

// placeholderPrefix starts the comment of a placeholder JPEG.
const placeholderPrefix = "broadsheet photo "

// placeholderJPEG is a 1×1 baseline JPEG (all headers a decoder needs)
// with a comment segment naming photo i.
func placeholderJPEG(i int) []byte {
	const body = "\xff\xdb\x00\x43\x00" + // DQT: one table, all ones
		"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
		"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
		"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
		"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
		"\xff\xc0\x00\x11\x08\x00\x01\x00\x01\x03" + // SOF0: 8 bit, 1×1, 3 components
		"\x01\x11\x00\x02\x11\x00\x03\x11\x00" +
		"\xff\xc4\x00\x14\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" + // DHT DC 0: one code, category 0
		"\xff\xc4\x00\x14\x10\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" + // DHT AC 0: one code, EOB
		"\xff\xda\x00\x0c\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00" + // SOS
		"\x03" + // per block: DC diff 0 (code 0), EOB (code 0); then 1-bits to the byte
		"\xff\xd9"
	c := placeholderPrefix + strconv.Itoa(i)
	b := make([]byte, 0, 6+len(c)+len(body))
	b = append(b, 0xff, 0xd8, 0xff, 0xfe, byte((len(c)+2)>>8), byte(len(c)+2))
	b = append(b, c...)
	return append(b, body...)
}

// placeholderIndex returns the photo index a placeholder JPEG names, or -1.
func placeholderIndex(b []byte) int {
	if len(b) < 6 || b[0] != 0xff || b[1] != 0xd8 || b[2] != 0xff || b[3] != 0xfe {
		return -1
	}
	n := int(b[4])<<8 | int(b[5])
	if n < 2 || 4+n > len(b) {
		return -1
	}
	c, ok := strings.CutPrefix(string(b[6:4+n]), placeholderPrefix)
	if !ok {
		return -1
	}
	i, err := strconv.Atoi(c)
	if err != nil || i < 0 {
		return -1
	}
	return i
}
