package fonts

import (
	"encoding/binary"
	"slices"
	"sort"
	"testing"

	"github.com/broadsheet-news/broadsheet/internal/fonttest"
	"github.com/broadsheet-news/broadsheet/units"
)

func TestTinyFont(t *testing.T) {
	f, err := Parse("tiny", fonttest.Tiny())
	if err != nil {
		t.Fatal(err)
	}
	if f.NumGlyphs() != 2 || f.UnitsPerEm() != 1000 || f.PostScriptName() != "Tiny" {
		t.Fatalf("glyphs %d upem %d ps %q", f.NumGlyphs(), f.UnitsPerEm(), f.PostScriptName())
	}
	if g, ok := f.GlyphIndex('A'); !ok || g != 1 {
		t.Fatalf("GlyphIndex('A') = %d, %v", g, ok)
	}
	if f.Covers('B') {
		t.Fatal("covers B")
	}
	if got := f.Advance('A', units.Pt(10)); got != units.Pt(6) {
		t.Errorf("Advance('A', 10pt) = %v", got)
	}
	if got := f.Advance('B', units.Pt(10)); got != units.Pt(5) {
		t.Errorf("Advance('B', 10pt) = %v, want .notdef's 5pt", got)
	}
	if l, r := f.InkBounds('A', units.Pt(10)); l != 500 || r != 5500 {
		t.Errorf("InkBounds('A') = %v..%v", l, r)
	}
	if a, d := f.Ascent(units.Pt(10)), f.Descent(units.Pt(10)); a != units.Pt(88)/10 || d != units.Pt(12)/10 {
		t.Errorf("ascent %v descent %v", a, d)
	}
}

// withTable is font with its table tag replaced by data (or added).
func withTable(font []byte, tag string, data []byte) []byte {
	n := int(binary.BigEndian.Uint16(font[4:]))
	tabs := map[string][]byte{tag: data}
	for i := 0; i < n; i++ {
		r := font[12+16*i:]
		if t := string(r[:4]); t != tag {
			off, l := binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])
			tabs[t] = font[off : off+l]
		}
	}
	tags := make([]string, 0, len(tabs))
	for t := range tabs {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	out := binary.BigEndian.AppendUint16([]byte{0, 1, 0, 0}, uint16(len(tags)))
	out = append(out, 0, 0, 0, 0, 0, 0)
	off := 12 + 16*len(tags)
	var body []byte
	for _, t := range tags {
		out = append(out, t...)
		out = append(out, 0, 0, 0, 0)
		out = binary.BigEndian.AppendUint32(out, uint32(off+len(body)))
		out = binary.BigEndian.AppendUint32(out, uint32(len(tabs[t])))
		body = append(body, tabs[t]...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(out, body...)
}

// TestCmapOfRepeatedMappings: a cmap that maps every character again and
// again parses at once, each BMP character on the glyph a lookup gives.
// Parse walked every mapping: 2,000 format 12 groups of all of Unicode
// (24 kB) took 16 s, a font of 1 MB of them ten minutes; 1,000 format 4
// segments of the whole BMP 2 s. And for the built-in faces the table
// walked is the table looked up.
func TestCmapOfRepeatedMappings(t *testing.T) {
	be16 := func(b []byte, v ...int) []byte {
		for _, x := range v {
			b = binary.BigEndian.AppendUint16(b, uint16(x))
		}
		return b
	}
	be32 := func(b []byte, v ...int) []byte {
		for _, x := range v {
			b = binary.BigEndian.AppendUint32(b, uint32(x))
		}
		return b
	}
	const groups = 2000 // each all of Unicode from glyph 1
	f12 := be32(be16(nil, 12, 0), 16+12*groups, 0, groups)
	for range groups {
		f12 = be32(f12, 0, 0x10FFFF, 1)
	}
	const segs = 1000 // each 0..0xFFFE on glyph 1 (idDelta 1), then the closing 0xFFFF
	f4 := be16(nil, 4, 16+8*(segs+1), 0, 2*(segs+1), 0, 0, 0)
	for range segs {
		f4 = be16(f4, 0xFFFE)
	}
	f4 = be16(f4, 0xFFFF, 0)
	for range segs {
		f4 = be16(f4, 0)
	}
	f4 = be16(f4, 0xFFFF)
	for range segs + 1 {
		f4 = be16(f4, 1)
	}
	for range segs + 1 {
		f4 = be16(f4, 0)
	}
	for _, c := range []struct {
		name string
		cmap []byte
	}{
		{"format 12", append(be32(be16(nil, 0, 1, 3, 10), 12), f12...)},
		{"format 4", append(be32(be16(nil, 0, 1, 3, 1), 12), f4...)},
	} {
		f, err := Parse("tiny", withTable(fonttest.Tiny(), "cmap", c.cmap))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		// Character r is on glyph r+1: U+0000 on 1, the others past the
		// font's two glyphs, on none.
		if g, ok := f.GlyphIndex(0); !ok || g != 1 || f.Covers('A') || f.Covers('中') {
			t.Errorf("%s: U+0000 on %d, %v; A covered %v, 中 %v", c.name, g, ok, f.Covers('A'), f.Covers('中'))
		}
	}
	l := NewLibrary()
	for _, name := range []string{Serif, Kai} {
		f := face(t, l, name)
		if want := bmpLookup(f.cmap, f.numGlyphs, make([]uint16, 0x10000)); !slices.Equal(f.bmp, want) {
			t.Errorf("%s: the cmap walked is not the cmap looked up", name)
		}
	}
}
