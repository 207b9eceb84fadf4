package pdf

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sort"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// Why the writer subsets fonts before gopdf sees them
//
// gopdf embeds a font as the glyphs drawn plus the font's whole loca and
// hmtx tables (about 240 kB for a CJK face of 30,000 glyphs), compresses
// that at zlib's default level on every Write, and parses the whole 10–15
// MB file (cmap of 30,000 entries included) on every Write. Both were most
// of the time a page took. So the drawer builds a small TrueType font per
// face and document: .notdef, the glyphs of the characters the document
// sets in that face and their composite components, renumbered densely in
// the original glyph order, with a cmap for exactly those characters.
// gopdf parses kilobytes, and its content streams, W arrays and ToUnicode
// maps use the new glyph ids, which are those of the embedded program.
//
// Why not github.com/tdewolff/font's SFNT.Subset (v0.0.0-20250430140153,
// checked on our five faces and the two sample editions): it takes glyph
// ids and writes one code point per glyph (the lowest, via a reverse
// cmap), so characters sharing a glyph with another code point drop out —
// 一 人 大 日 … share theirs with the Kangxi radicals U+2F00…, and 104 of
// the 1,598 characters the samples set in the serif would go missing; it
// empties the name table, which gopdf refuses ("PostScript name not
// found"); SFNT.Write stamps head.modified with time.Now, so no two runs
// give the same bytes; Subset writes through to the parsed original's
// maxp, head, hhea and OS/2, so a parsed font cannot be shared between
// documents or goroutines; it panics on a loca out of order (glyf.Get
// slices unchecked; its loca validation is commented out), where this
// code returns an error; and it re-encodes every outline: 13.6 ms for the
// samples' four subsets with the font parsed beforehand, 34 ms parsing it
// each time, against 1.5 ms here.

// sfntDir is a TrueType table directory: tag → table bytes, in place.
type sfntDir map[string][]byte

func readSfntDir(data []byte) (sfntDir, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("not a font: %d bytes", len(data))
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, fmt.Errorf("table directory runs past the end of the file")
	}
	dir := make(sfntDir, n)
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, l := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+l > uint64(len(data)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", rec[:4])
		}
		dir[string(rec[:4])] = data[off : off+l : off+l]
	}
	return dir, nil
}

// need returns table tag, at least min bytes long.
func (d sfntDir) need(tag string, min int) ([]byte, error) {
	t, ok := d[tag]
	if !ok {
		return nil, fmt.Errorf("no %s table", tag)
	}
	if len(t) < min {
		return nil, fmt.Errorf("%s table: %d bytes, want at least %d", tag, len(t), min)
	}
	return t, nil
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// components calls fn with the byte offset (within glyph) of each component
// glyph index of a composite glyph; a simple glyph has none.
func components(glyph []byte, fn func(at int) error) error {
	if len(glyph) < 10 || int16(binary.BigEndian.Uint16(glyph)) >= 0 {
		return nil
	}
	for p := 10; ; {
		if p+4 > len(glyph) {
			return fmt.Errorf("composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(glyph[p:])
		if err := fn(p + 2); err != nil {
			return err
		}
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// subsetter reads glyphs of one font in place.
type subsetter struct {
	dir                sfntDir
	numGlyphs, numLong int
	loca, glyf, hmtx   []byte
	longLoca           bool
	head, hhea, maxp   []byte
	os2, name, post    []byte
	hinting            map[string][]byte // cvt, fpgm, prep when present
}

func newSubsetter(data []byte) (*subsetter, error) {
	dir, err := readSfntDir(data)
	if err != nil {
		return nil, err
	}
	s := &subsetter{dir: dir, hinting: map[string][]byte{}}
	if s.head, err = dir.need("head", 54); err != nil {
		return nil, err
	}
	if s.hhea, err = dir.need("hhea", 36); err != nil {
		return nil, err
	}
	if s.maxp, err = dir.need("maxp", 6); err != nil {
		return nil, err
	}
	for _, t := range []struct {
		p   *[]byte
		tag string
		min int
	}{{&s.os2, "OS/2", 78}, {&s.name, "name", 6}, {&s.post, "post", 32}, {&s.glyf, "glyf", 0}, {&s.loca, "loca", 0}, {&s.hmtx, "hmtx", 0}} {
		if *t.p, err = dir.need(t.tag, t.min); err != nil {
			return nil, err
		}
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if t, ok := dir[tag]; ok {
			s.hinting[tag] = t
		}
	}
	s.numGlyphs = int(binary.BigEndian.Uint16(s.maxp[4:]))
	s.numLong = int(binary.BigEndian.Uint16(s.hhea[34:]))
	s.longLoca = binary.BigEndian.Uint16(s.head[50:]) == 1
	if s.numGlyphs == 0 || s.numLong == 0 || s.numLong > s.numGlyphs {
		return nil, fmt.Errorf("hhea/maxp: %d long metrics for %d glyphs", s.numLong, s.numGlyphs)
	}
	entry := 2
	if s.longLoca {
		entry = 4
	}
	if len(s.loca) < (s.numGlyphs+1)*entry {
		return nil, fmt.Errorf("loca table too short for %d glyphs", s.numGlyphs)
	}
	if len(s.hmtx) < 4*s.numLong+2*(s.numGlyphs-s.numLong) {
		return nil, fmt.Errorf("hmtx table too short for %d glyphs", s.numGlyphs)
	}
	return s, nil
}

// glyph returns glyph g's outline bytes in place.
func (s *subsetter) glyph(g int) ([]byte, error) {
	var a, b uint32
	if s.longLoca {
		a, b = binary.BigEndian.Uint32(s.loca[4*g:]), binary.BigEndian.Uint32(s.loca[4*g+4:])
	} else {
		a, b = 2*uint32(binary.BigEndian.Uint16(s.loca[2*g:])), 2*uint32(binary.BigEndian.Uint16(s.loca[2*g+2:]))
	}
	if a > b || uint64(b) > uint64(len(s.glyf)) {
		return nil, fmt.Errorf("glyph %d: loca points outside the glyf table", g)
	}
	return s.glyf[a:b:b], nil
}

// metrics returns glyph g's advance width and left side bearing.
func (s *subsetter) metrics(g int) (adv, lsb uint16) {
	if g < s.numLong {
		return binary.BigEndian.Uint16(s.hmtx[4*g:]), binary.BigEndian.Uint16(s.hmtx[4*g+2:])
	}
	return binary.BigEndian.Uint16(s.hmtx[4*(s.numLong-1):]), binary.BigEndian.Uint16(s.hmtx[4*s.numLong+2*(g-s.numLong):])
}

// charGlyph is a character and the glyph it maps to.
type charGlyph struct {
	r rune
	g uint16
}

// subsetFont builds the TrueType font described above from face for the
// characters runes (sorted, distinct). Characters the face does not cover
// are left out of the cmap, so that gopdf reports them as missing.
//
// It returns the font twice: program, the font to embed, and stub, the same
// font with every outline empty, which is what gopdf gets. gopdf draws and
// measures with the stub (cmap and metrics are the same) and embeds it; the
// finisher then points the font descriptor at program, compressed once at a
// level of our choosing (see streamLevel). Were gopdf given program, it would
// copy every outline byte by byte and compress it at zlib's default level.
func subsetFont(face *fonts.Face, runes []rune) (program, stub []byte, err error) {
	s, err := newSubsetter(face.Bytes())
	if err != nil {
		return nil, nil, err
	}
	// The glyph set: .notdef, each character's glyph, and the closure over
	// composite components.
	chars := make([]charGlyph, 0, len(runes))
	seen := map[uint16]bool{0: true}
	olds := []uint16{0}
	for i, r := range runes {
		if i > 0 && r <= runes[i-1] {
			return nil, nil, fmt.Errorf("characters not sorted and distinct")
		}
		g, ok := face.GlyphIndex(r)
		if !ok || int(g) >= s.numGlyphs {
			continue
		}
		chars = append(chars, charGlyph{r, g})
		if !seen[g] {
			seen[g] = true
			olds = append(olds, g)
		}
	}
	for i := 0; i < len(olds); i++ {
		data, err := s.glyph(int(olds[i]))
		if err != nil {
			return nil, nil, err
		}
		if err := components(data, func(at int) error {
			c := binary.BigEndian.Uint16(data[at:])
			if int(c) >= s.numGlyphs {
				return fmt.Errorf("glyph %d: component %d out of range", olds[i], c)
			}
			if !seen[c] {
				seen[c] = true
				olds = append(olds, c)
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	if len(olds) > 0xFFFF {
		return nil, nil, fmt.Errorf("too many glyphs")
	}
	sort.Slice(olds, func(i, j int) bool { return olds[i] < olds[j] })
	newID := make(map[uint16]uint16, len(olds))
	for i, g := range olds {
		newID[g] = uint16(i)
	}
	n := len(olds)

	// glyf, loca (long), hmtx (all long metrics).
	size := 0
	for _, g := range olds {
		data, _ := s.glyph(int(g)) // checked above
		size += len(data)
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range olds {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		data, _ := s.glyph(int(g))
		start := len(glyf)
		glyf = append(glyf, data...)
		out := glyf[start:]
		_ = components(out, func(at int) error { // validated above
			binary.BigEndian.PutUint16(out[at:], newID[binary.BigEndian.Uint16(out[at:])])
			return nil
		})
		adv, lsb := s.metrics(int(g))
		binary.BigEndian.PutUint16(hmtx[4*i:], adv)
		binary.BigEndian.PutUint16(hmtx[4*i+2:], lsb)
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	for i := range chars {
		chars[i].g = newID[chars[i].g]
	}
	cmap, err := subsetCmap(chars)
	if err != nil {
		return nil, nil, err
	}

	head := append([]byte(nil), s.head[:54]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), s.hhea[:36]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), s.maxp...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	post := append([]byte(nil), s.post[:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names: they would name old ids

	tables := map[string][]byte{
		"OS/2": s.os2, "cmap": cmap, "glyf": glyf, "head": head, "hhea": hhea,
		"hmtx": hmtx, "loca": loca, "maxp": maxp, "name": s.name, "post": post,
	}
	for tag, t := range s.hinting {
		tables[tag] = t
	}
	program = writeSfnt(tables)
	tables["glyf"], tables["loca"] = nil, make([]byte, len(loca))
	return program, writeSfnt(tables), nil
}

// subsetCmap writes a cmap with a (3,1) format 4 subtable for the BMP and,
// if a character lies beyond it, a (3,10) format 12 subtable for all
// characters. chars is sorted by character.
func subsetCmap(chars []charGlyph) ([]byte, error) {
	type seg struct {
		start, end rune
		g          uint16
	}
	var bmp, all []seg
	for _, c := range chars {
		if n := len(all); n > 0 && all[n-1].end+1 == c.r && rune(all[n-1].g)+(c.r-all[n-1].start) == rune(c.g) {
			all[n-1].end = c.r
		} else {
			all = append(all, seg{c.r, c.r, c.g})
		}
		if c.r > 0xFFFE { // 0xFFFF is the format's end marker
			continue
		}
		if n := len(bmp); n > 0 && bmp[n-1].end+1 == c.r && rune(bmp[n-1].g)+(c.r-bmp[n-1].start) == rune(c.g) {
			bmp[n-1].end = c.r
		} else {
			bmp = append(bmp, seg{c.r, c.r, c.g})
		}
	}
	bmp = append(bmp, seg{0xFFFF, 0xFFFF, 0})
	segs := len(bmp)
	f4len := 16 + 8*segs
	if f4len > 0xFFFF {
		return nil, fmt.Errorf("%d runs of characters in one face: more than a format 4 cmap holds", segs)
	}
	beyond := len(chars) > 0 && chars[len(chars)-1].r > 0xFFFF
	nsub := 1
	if beyond {
		nsub = 2
	}
	out := make([]byte, 4+8*nsub, 4+8*nsub+f4len+16+12*len(all))
	be := binary.BigEndian
	be.PutUint16(out[2:], uint16(nsub))
	be.PutUint16(out[4:], 3)
	be.PutUint16(out[6:], 1)
	be.PutUint32(out[8:], uint32(len(out)))
	f4 := make([]byte, f4len)
	be.PutUint16(f4[0:], 4)
	be.PutUint16(f4[2:], uint16(f4len))
	be.PutUint16(f4[6:], uint16(2*segs))
	sel := bits.Len(uint(segs)) - 1
	be.PutUint16(f4[8:], uint16(2<<sel))
	be.PutUint16(f4[10:], uint16(sel))
	be.PutUint16(f4[12:], uint16(2*segs-2<<sel))
	for i, sg := range bmp {
		be.PutUint16(f4[14+2*i:], uint16(sg.end))
		be.PutUint16(f4[16+2*segs+2*i:], uint16(sg.start))
		delta := uint16(int(sg.g) - int(sg.start)) // modulo 65536
		if sg.start == 0xFFFF {
			delta = 1
		}
		be.PutUint16(f4[16+4*segs+2*i:], delta)
		// idRangeOffset stays 0
	}
	out = append(out, f4...)
	if beyond {
		be.PutUint16(out[12:], 3)
		be.PutUint16(out[14:], 10)
		be.PutUint32(out[16:], uint32(len(out)))
		f12 := make([]byte, 16+12*len(all))
		be.PutUint16(f12[0:], 12)
		be.PutUint32(f12[4:], uint32(len(f12)))
		be.PutUint32(f12[12:], uint32(len(all)))
		for i, sg := range all {
			be.PutUint32(f12[16+12*i:], uint32(sg.start))
			be.PutUint32(f12[20+12*i:], uint32(sg.end))
			be.PutUint32(f12[24+12*i:], uint32(sg.g))
		}
		out = append(out, f12...)
	}
	return out, nil
}

// writeSfnt writes a TrueType file of tables, in tag order, each padded to
// four bytes, with checksums and head.checkSumAdjustment.
func writeSfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	sort.Strings(tags)
	be := binary.BigEndian
	out := make([]byte, 12+16*len(tags), size)
	be.PutUint32(out, 0x00010000)
	n := len(tags)
	sel := bits.Len(uint(n)) - 1
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(16<<sel))
	be.PutUint16(out[8:], uint16(sel))
	be.PutUint16(out[10:], uint16(16*n-16<<sel))
	headAt := 0
	for i, tag := range tags {
		t := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		be.PutUint32(rec[4:], checksum(t))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the last one zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var last [4]byte
	copy(last[:], b)
	return sum + binary.BigEndian.Uint32(last[:])
}
