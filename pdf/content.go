package pdf

import (
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/klauspost/compress/zlib"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// This file writes a page's content stream: the operators that draw its
// display list, in item order, with the state (colour, overprint, font,
// character spacing) set only when it changes.

// contentLevel is the zlib level of the page content streams. They are
// text operators, which level 1 compresses almost as well as 6 for a
// fraction of the time. The zlib is klauspost/compress's (as the font
// programs' flate): at level 1 about twice as fast as compress/zlib's
// (BenchmarkFontLevels), its bytes as fixed by its version.
const contentLevel = zlib.BestSpeed

// overprintMaxSize is the largest size of black text that overprints.
// Small black type overprints so that misregistration on newsprint never
// shows a white halo around it; larger type knocks out.
const overprintMaxSize = 12 * units.Point

// The ExtGStates every page may use, by resource name: overprint on (small
// black text) and off (everything else, ads included).
const (
	gsOn  = "GSop"
	gsOff = "GSko"
)

// posTolerance is how far (in points) a glyph may land from its X before
// the text gets a TJ adjustment: far below what shows, and below what
// TestSampleGlyphPositions allows (0.01 pt).
const posTolerance = 0.004

// pageEnc is one page's content stream being written, with the graphics
// state its operators have set.
type pageEnc struct {
	b       []byte
	h       float64 // the media box's height, in points
	dx, dy  units.Length
	gs      string // the ExtGState in force, "" none yet
	fill    display.Color
	fillSet bool
	font    *fontUse
	size    float64
	tc      float64
	tcSet   bool   // tc is in force (a stream may follow another: marks)
	codes   []byte // a text object's string, reused
}

// reset starts a content stream for a page of geometry g: nothing of the
// state is assumed, since a page's second stream (the marks) starts with
// whatever its first left.
func (e *pageEnc) reset(g pageGeom) {
	*e = pageEnc{b: e.b[:0], codes: e.codes[:0], h: pt(g.media.H), dx: g.dx, dy: g.dy}
}

// x and y convert a position to PDF user space.
func (e *pageEnc) x(v units.Length) float64 { return pt(v + e.dx) }
func (e *pageEnc) y(v units.Length) float64 { return e.h - pt(v+e.dy) }

// num appends v rounded to three decimals, without trailing zeros.
func (e *pageEnc) num(v float64) { e.b = appendNum(e.b, v, 3) }

// op appends numbers then an operator.
func (e *pageEnc) op(name string, vs ...float64) {
	for _, v := range vs {
		e.num(v)
		e.b = append(e.b, ' ')
	}
	e.b = append(e.b, name...)
	e.b = append(e.b, '\n')
}

// setGS puts ExtGState name in force.
func (e *pageEnc) setGS(name string) {
	if e.gs == name {
		return
	}
	e.gs = name
	e.b = append(e.b, '/')
	e.b = append(e.b, name...)
	e.b = append(e.b, " gs\n"...)
}

// cmyk appends a colour with operator op (k fill, K stroke).
func (e *pageEnc) cmyk(c display.Color, op string) {
	e.op(op, float64(c.C)/1000, float64(c.M)/1000, float64(c.Y)/1000, float64(c.K)/1000)
}

// setFill sets the fill colour of the text that follows.
func (e *pageEnc) setFill(c display.Color) {
	if e.fillSet && e.fill == c {
		return
	}
	e.fill, e.fillSet = c, true
	e.cmyk(c, "k")
}

// rule strokes a line inside q … Q.
func (e *pageEnc) rule(x1, y1, x2, y2, width float64, c display.Color) {
	e.setGS(gsOff)
	e.b = append(e.b, "q\n"...)
	e.cmyk(c, "K")
	e.op("w", width)
	e.op("m", x1, y1)
	e.op("l", x2, y2)
	e.b = append(e.b, "S\nQ\n"...)
}

// box paints a rectangle given from its top-left corner.
func (e *pageEnc) box(r display.Rect, fill, stroke *display.Color, width float64) {
	if fill == nil && stroke == nil {
		return
	}
	e.setGS(gsOff)
	e.b = append(e.b, "q\n"...)
	if fill != nil {
		e.cmyk(*fill, "k")
	}
	if stroke != nil {
		e.cmyk(*stroke, "K")
		e.op("w", width)
	}
	e.op("re", e.x(r.X), e.y(r.Y+r.H), pt(r.W), pt(r.H))
	switch {
	case fill != nil && stroke != nil:
		e.b = append(e.b, "B\nQ\n"...)
	case fill != nil:
		e.b = append(e.b, "f\nQ\n"...)
	default:
		e.b = append(e.b, "S\nQ\n"...)
	}
}

// oval strokes the ellipse in a box given in PDF user space, with four
// Bézier curves.
func (e *pageEnc) oval(x1, y1, x2, y2 float64) {
	const k = 0.5522847498
	cx, cy := (x1+x2)/2, (y1+y2)/2
	rx, ry := math.Abs(x2-x1)/2, math.Abs(y2-y1)/2
	kx, ky := float64(rx*k), float64(ry*k)
	e.op("m", cx+rx, cy)
	e.op("c", cx+rx, cy+ky, cx+kx, cy+ry, cx, cy+ry)
	e.op("c", cx-kx, cy+ry, cx-rx, cy+ky, cx-rx, cy)
	e.op("c", cx-rx, cy-ky, cx-kx, cy-ry, cx, cy-ry)
	e.op("c", cx+kx, cy-ry, cx+rx, cy-ky, cx+rx, cy)
	e.b = append(e.b, "S\n"...)
}

// image paints XObject name so that it fills draw, clipped to frame
// (rectangles from their top-left corners, in page coordinates).
func (e *pageEnc) image(name string, frame, draw display.Rect) {
	e.setGS(gsOff)
	e.b = append(e.b, "q\n"...)
	e.op("re", e.x(frame.X), e.y(frame.Y+frame.H), pt(frame.W), pt(frame.H))
	e.b = append(e.b, "W n\n"...)
	e.op("cm", pt(draw.W), 0, 0, pt(draw.H), e.x(draw.X), e.y(draw.Y+draw.H))
	e.b = append(e.b, '/')
	e.b = append(e.b, name...)
	e.b = append(e.b, " Do\nQ\n"...)
}

// text writes a glyph run as one text object: its first glyph placed with
// Td, a character spacing (Tc) taken from the gap after it, and a TJ array
// whose adjustments (in tenths of a thousandth of an em) bring every later
// glyph that the spacing alone would misplace back to its X, reckoned from
// where the glyphs before it actually land, so rounding never accumulates.
// A justified line is so one Tc and a few adjustments.
func (e *pageEnc) text(fu *fontUse, r *display.GlyphRun, missing func(rune)) error {
	if r.Size <= 0 {
		return fmt.Errorf("glyph run in %q at size %v", r.Face, r.Size)
	}
	first := next(r.Glyphs, 0)
	if first == len(r.Glyphs) {
		return nil
	}
	size := pt(r.Size)
	if r.Color == display.Black() && r.Size <= overprintMaxSize {
		e.setGS(gsOn)
	} else {
		e.setGS(gsOff)
	}
	e.setFill(r.Color)
	e.b = append(e.b, "BT\n"...)
	if e.font != fu || e.size != size {
		e.font, e.size = fu, size
		e.b = append(e.b, '/')
		e.b = append(e.b, fu.res...)
		e.b = append(e.b, ' ')
		e.op("Tf", size)
	}
	// The spacing: the first gap, unless the first glyph has several
	// characters (the spacing would spread them).
	tc := 0.0
	if g := r.Glyphs[first]; utf8.RuneCountInString(g.Text) == 1 {
		if k := next(r.Glyphs, first+1); k < len(r.Glyphs) {
			rn, _ := utf8.DecodeRuneInString(g.Text)
			tc = round(pt(r.Glyphs[k].X-g.X)-fu.advance(rn, size), 3)
		}
	}
	if !e.tcSet || tc != e.tc {
		e.tc, e.tcSet = tc, true
		e.op("Tc", tc)
	}
	x0 := round(e.x(r.Glyphs[first].X), 3)
	e.op("Td", x0, round(e.y(r.Baseline), 3))
	dec := 1 // adjustments of 0.1/1000 em: 0.005 pt at 50 pt
	if size > 100 {
		dec = 3
	}
	unit := math.Pow10(dec)
	pos := x0
	e.b = append(e.b, '[')
	e.codes = e.codes[:0]
	flush := func() {
		if len(e.codes) > 0 {
			e.b = append(e.b, '(')
			e.b = append(e.b, e.codes...)
			e.b = append(e.b, ')')
			e.codes = e.codes[:0]
		}
	}
	for i := first; i < len(r.Glyphs); i++ {
		g := r.Glyphs[i]
		want := e.x(g.X)
		for _, rn := range g.Text {
			cid, ok := fu.code(rn)
			if !ok {
				if !fonts.DrawsNothing(rn) {
					missing(rn)
				}
				continue
			}
			if d := pos - want; math.Abs(d) > posTolerance {
				adj := math.Round(float64(d*1000/size)*unit) / unit
				if adj != 0 {
					flush()
					e.b = appendNum(e.b, adj, dec)
					pos -= float64(adj*size) / 1000
				}
			}
			if rn == softHyphen {
				// The hyphen the composer added where it broke a word
				// is marked as standing for no text, so a word copied or
				// searched reads whole.
				flush()
				e.b = append(e.b, "] TJ\n/Span <</ActualText ()>> BDC\n["...)
				e.codes = appendCode(e.codes, cid)
				flush()
				e.b = append(e.b, "] TJ\nEMC\n["...)
			} else {
				e.codes = appendCode(e.codes, cid)
			}
			adv := fu.advanceCID(cid, size)
			pos += adv + tc
			want += adv
		}
	}
	flush()
	e.b = append(e.b, "] TJ\nET\n"...)
	return nil
}

// softHyphen is the character the composer sets where it breaks a Latin
// word with an added hyphen (U+00AD, drawn as a hyphen).
const softHyphen = '\u00ad'

// next returns the index of the first glyph from i on with text.
func next(glyphs []display.Glyph, i int) int {
	for i < len(glyphs) && glyphs[i].Text == "" {
		i++
	}
	return i
}

// appendCode appends a two-byte character code to a literal string,
// escaping what a literal string cannot hold as it is.
func appendCode(b []byte, cid uint16) []byte {
	for _, c := range [2]byte{byte(cid >> 8), byte(cid)} {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return b
}

// round rounds v to dec decimals.
func round(v float64, dec int) float64 {
	p := math.Pow10(dec)
	return math.Round(float64(v*p)) / p
}

// appendNum appends v rounded to dec decimals (at most 6), without
// trailing zeros or a sign on zero.
func appendNum(b []byte, v float64, dec int) []byte {
	p := int64(1)
	for range dec {
		p *= 10
	}
	n := int64(math.Round(float64(v * float64(p))))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	ip, fp := n/p, n%p
	b = appendInt(b, ip)
	if fp == 0 {
		return b
	}
	b = append(b, '.')
	for p /= 10; p > 0 && fp > 0; p /= 10 {
		b = append(b, byte('0'+fp/p))
		fp %= p
	}
	return b
}

func appendInt(b []byte, n int64) []byte {
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}
