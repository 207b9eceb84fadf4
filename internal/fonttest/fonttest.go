// Package fonttest makes small TrueType fonts for tests: the fonts
// package's own, and the command's, which give one to an edition.
package fonttest

import (
	"encoding/binary"
	"sort"
)

// Tiny builds a minimal TrueType font: .notdef and one glyph for 'A'
// (advance 600, ink 50..550) at 1000 units per em, with a format 4 cmap,
// and no post table (as some converters write). It is a Latin-only user
// font for the tests, and small enough to be a fuzz seed that reaches
// every table parser.
func Tiny() []byte {
	be16 := func(v ...int) []byte {
		b := make([]byte, 2*len(v))
		for i, x := range v {
			binary.BigEndian.PutUint16(b[2*i:], uint16(x))
		}
		return b
	}
	cat := func(parts ...[]byte) []byte {
		var out []byte
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	head := cat(be16(1, 0, 0, 0), be16(0, 0), be16(0x5F0F, 0x3CF5), be16(0, 1000),
		make([]byte, 16), be16(50, 0, 550, 700, 0, 8, 2, 0, 0)) // xMin.., macStyle, lowestRecPPEM, dir, indexToLocFormat=0, glyphDataFormat
	hhea := cat(be16(1, 0, 880, 0xFF88, 0, 600, 0, 0, 550, 1, 0, 0, 0, 0, 0, 0, 0, 2)) // 2 long metrics
	maxp := cat(be16(0, 0x5000, 2))                                                    // version 0.5, numGlyphs 2
	hmtx := be16(500, 0, 600, 50)
	// glyph 1: one contour, a box 50..550 x 0..700 (header + endPts + instr len + flags + coords)
	glyph := cat(be16(1, 50, 0, 550, 700), be16(3), be16(0), []byte{1, 1, 1, 1},
		be16(50, 0, 500, 0, 0, 0, 0xFE0C, 0), be16(0, 0), be16(700, 0, 0xFD44, 0))
	glyph = glyph[:10+2+2+4+8+8] // keep header, endPts, instrLen, flags, 4 x, 4 y (int16 each)
	glyf := glyph
	loca := be16(0, 0, len(glyf)/2)
	cmap4 := cat(be16(4, 32, 0, 4, 4, 1, 0), be16('A', 0xFFFF), be16(0), be16('A', 0xFFFF),
		be16(1-'A'+0x10000, 1), be16(0, 0))
	cmap := cat(be16(0, 1), be16(3, 1), []byte{0, 0, 0, 12}, cmap4)
	os2 := cat(be16(4, 500, 400, 5, 0), make([]byte, 20), make([]byte, 2), make([]byte, 10), make([]byte, 16),
		[]byte("NONE"), be16(0x40, 'A', 'A', 880, 0xFF88, 0, 1000, 120), make([]byte, 8), be16(0, 0, 0, 0, 0))
	name := cat(be16(0, 1, 18), be16(3, 1, 0x409, 6, 8, 0), be16('T', 'i', 'n', 'y'))
	tabs := map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "glyf": glyf,
		"loca": loca, "cmap": cmap, "OS/2": os2, "name": name}
	tags := make([]string, 0, len(tabs))
	for t := range tabs {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	out := cat(be16(1, 0, len(tags), 0, 0, 0))
	off := 12 + 16*len(tags)
	var body []byte
	for _, t := range tags {
		data := tabs[t]
		out = append(out, t...)
		out = append(out, 0, 0, 0, 0)
		out = binary.BigEndian.AppendUint32(out, uint32(off+len(body)))
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		body = append(body, data...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(out, body...)
}
