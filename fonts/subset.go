package fonts

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"sort"
)

// Why subset here
//
// The PDF writer embeds, per face and document, a small TrueType font
// rather than the 10–15 MB file: gopdf otherwise parses the whole file and
// embeds its whole loca and hmtx (about 240 kB for a CJK face) on every
// Write, which was most of the time a page took. The subset holds .notdef,
// the glyphs of the characters the document sets in the face and their
// composite components, renumbered densely in the original glyph order,
// with a cmap for exactly those characters. It is built here because it
// reads the face's tables in place, as the metrics do.
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

// Subset builds a TrueType font from f for the characters runes, which must
// be sorted and distinct: .notdef, the glyph of each character f covers and
// the components of composite glyphs, renumbered in their original order,
// with a cmap for exactly those characters ((3,1) format 4, plus (3,10)
// format 12 when one lies beyond the BMP), their metrics, the OS/2 and
// hinting tables unchanged, the name table's identifying and licence
// records (subsetName), and post version 3 (glyph names would name
// the old ids). Characters f does not cover are left out of the cmap, so a
// writer that maps through it sees them as missing. The bytes depend on f
// and runes only.
//
// It returns the font twice: program, to embed, and stub, the same font
// with every outline empty (same cmap, metrics and glyph count). A writer
// can measure and map with the few-kilobyte stub and embed program.
//
// Subset needs the head, hhea, maxp, hmtx, loca, glyf, OS/2, name and post
// tables; a font without one, or whose glyph data lies outside its tables,
// gives an error.
func (f *Face) Subset(runes []rune) (program, stub []byte, err error) {
	// The glyph set: .notdef, each character's glyph, and the closure over
	// composite components.
	chars := make([]charGlyph, 0, len(runes))
	seen := map[uint16]bool{0: true}
	olds := []uint16{0}
	for i, r := range runes {
		if i > 0 && r <= runes[i-1] {
			return nil, nil, fmt.Errorf("subset: characters not sorted and distinct")
		}
		g, ok := f.GlyphIndex(r)
		if !ok {
			continue
		}
		chars = append(chars, charGlyph{r, g})
		if !seen[g] {
			seen[g] = true
			olds = append(olds, g)
		}
	}
	if olds, err = f.closure(olds, seen); err != nil {
		return nil, nil, err
	}
	sort.Slice(olds, func(i, j int) bool { return olds[i] < olds[j] })
	return f.build(olds, chars, true)
}

// SubsetGlyphs builds a TrueType font from f whose glyph i is f's glyph
// glyphs[i], followed by the components of composite glyphs not already
// among them: the caller chooses the order, and a PDF writer's
// CIDToGIDMap leads its codes to the glyphs (the pdf package's writer
// gives them in f's order, which deflates smaller). glyphs[0] must be 0
// (.notdef) and the ids distinct. The font is for a PDF's CIDFontType2, which reaches its
// glyphs through the CIDToGIDMap, never a cmap (ISO 32000 9.9 asks a
// cmap only of a simple TrueType font): it has none, which makes the
// body face's subset of the one-page sample 3.7 kB smaller compressed.
// Everything else is as for Subset, without the stub.
func (f *Face) SubsetGlyphs(glyphs []uint16) ([]byte, error) {
	if len(glyphs) == 0 || glyphs[0] != 0 {
		return nil, fmt.Errorf("subset: the glyph list must start with .notdef")
	}
	seen := make(map[uint16]bool, len(glyphs))
	for _, g := range glyphs {
		if seen[g] || int(g) >= f.numGlyphs {
			return nil, fmt.Errorf("subset: glyph %d repeated or out of range", g)
		}
		seen[g] = true
	}
	olds, err := f.closure(append([]uint16(nil), glyphs...), seen)
	if err != nil {
		return nil, err
	}
	program, _, err := f.build(olds, nil, false)
	return program, err
}

// closure appends to olds the components of its composite glyphs,
// recursively; seen holds the glyphs already in olds.
//
// It first reads the header of each glyph given, in the order the glyphs
// lie in the font (fontOrder), to find the composite ones: the first touch
// of a glyph's outline in the embedded faces, tens of megabytes read in
// place, is costly (a TLB and cache miss, it seems: populating the pages
// ahead changed nothing), and in the font's order consecutive touches
// share page-table entries and prefetched lines. With build copying in the
// same order, a one-page render was 5 to 7 ms faster on the benchmark VM
// (two sets of 40 alternating runs; this pass alone, 2 to 4 ms). Only
// composite glyphs are read again, in list order, so components are
// appended, and errors reported, as a pass in list order would.
func (f *Face) closure(olds []uint16, seen map[uint16]bool) ([]uint16, error) {
	n := len(olds)
	visit := make([]bool, n) // composite, or its data out of range: look again
	for _, i := range f.fontOrder(olds) {
		data, err := f.glyphData(olds[i])
		visit[i] = err != nil || len(data) >= 10 && int16(binary.BigEndian.Uint16(data)) < 0
	}
	for i := 0; i < len(olds); i++ {
		if i < n && !visit[i] {
			continue
		}
		if err := f.eachComponent(olds[i], func(c uint16) {
			if !seen[c] {
				seen[c] = true
				olds = append(olds, c)
			}
		}); err != nil {
			return nil, err
		}
	}
	if len(olds) > 0xFFFF {
		return nil, fmt.Errorf("subset: too many glyphs")
	}
	return olds, nil
}

// fontOrder returns the indices of gs in the order their glyphs' data lie
// in the glyf table (ties in list order).
func (f *Face) fontOrder(gs []uint16) []int {
	keys := make([]uint64, len(gs))
	for i, g := range gs {
		start, _ := f.glyphRange(g)
		keys[i] = uint64(start)<<32 | uint64(i)
	}
	slices.Sort(keys)
	order := make([]int, len(gs))
	for k, key := range keys {
		order[k] = int(uint32(key))
	}
	return order
}

// build writes the font whose glyph i is f's glyph olds[i] (a set closed
// over components), with a cmap for chars (old glyph ids, sorted by
// character) unless chars is nil, and, when stub is set, the same font
// without outlines.
func (f *Face) build(olds []uint16, chars []charGlyph, stub bool) (program, stubFont []byte, err error) {
	src, err := f.subsetSource()
	if err != nil {
		return nil, nil, err
	}
	newID := make(map[uint16]uint16, len(olds))
	for i, g := range olds {
		newID[g] = uint16(i)
	}
	n := len(olds)

	// glyf, loca (long), hmtx (all long metrics). The outlines are copied
	// in the order they lie in the font (see closure), each to its place.
	at := make([]int, n+1) // where glyph i starts in the subset's glyf
	for i, g := range olds {
		data, _ := f.glyphData(g) // checked by closure
		at[i+1] = at[i] + len(data)
	}
	glyf := make([]byte, at[n])
	for _, i := range f.fontOrder(olds) {
		data, _ := f.glyphData(olds[i])
		copy(glyf[at[i]:], data)
	}
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range olds {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(at[i]))
		out := glyf[at[i]:at[i+1]]
		_ = components(out, func(p int) error { // validated by closure
			binary.BigEndian.PutUint16(out[p:], newID[binary.BigEndian.Uint16(out[p:])])
			return nil
		})
		adv, lsb := hMetrics(src.hmtx, src.numLong, int(g))
		binary.BigEndian.PutUint16(hmtx[4*i:], adv)
		binary.BigEndian.PutUint16(hmtx[4*i+2:], lsb)
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(at[n]))

	var cmap []byte
	if chars != nil {
		mapped := make([]charGlyph, len(chars))
		for i, c := range chars {
			mapped[i] = charGlyph{c.r, newID[c.g]}
		}
		if cmap, err = subsetCmap(mapped); err != nil {
			return nil, nil, err
		}
	}

	head := append([]byte(nil), src.head[:54]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set by writeSfnt
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), src.hhea[:36]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), src.maxp...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	post := append([]byte(nil), src.post[:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000)

	tables := map[string][]byte{
		"OS/2": src.os2, "glyf": glyf, "head": head, "hhea": hhea,
		"hmtx": hmtx, "loca": loca, "maxp": maxp, "name": subsetName(src.name), "post": post,
	}
	if cmap != nil {
		tables["cmap"] = cmap
	}
	for _, tag := range hintingTables() {
		if t, err := f.dir.table(f.data, tag); err == nil {
			tables[tag] = t
		}
	}
	program = writeSfnt(tables)
	if !stub {
		return program, nil, nil
	}
	tables["glyf"], tables["loca"] = nil, make([]byte, len(loca))
	return program, writeSfnt(tables), nil
}

// subsetNameIDs are the name table records a subset keeps: copyright (0),
// family, subfamily, unique ID, full name, version, PostScript name (1 to
// 6), trademark (7), and the licence and its address (13, 14), which the
// OFL asks to travel with the font. The rest — manufacturer, designers,
// description, their addresses (8 to 12), the variations' PostScript
// prefix (25) and the names of named instances and axes (256 and up, which
// only tables a subset drops refer to) — is about 1.4 kB a Noto face, read
// by no PDF reader: the one-page sample's PDF is 2.4 kB smaller without
// it.
func subsetNameIDs(id uint16) bool { return id <= 7 || id == 13 || id == 14 }

// subsetName returns the name table with only the records subsetNameIDs
// keeps, in their order, their strings one after another. A table it cannot read
// as a version 0 table, or whose records lie outside it, is returned as it
// is: the face was checked when loaded, and the names are not the
// subset's business.
func subsetName(name []byte) []byte {
	if len(name) < 6 || binary.BigEndian.Uint16(name) != 0 {
		return name
	}
	count := int(binary.BigEndian.Uint16(name[2:]))
	storage := int(binary.BigEndian.Uint16(name[4:]))
	if 6+12*count > len(name) || storage > len(name) {
		return name
	}
	type record struct {
		head [8]byte // platform, encoding, language, name IDs
		str  []byte
	}
	var kept []record
	size := 0
	for i := range count {
		r := name[6+12*i:]
		length, offset := int(binary.BigEndian.Uint16(r[8:])), int(binary.BigEndian.Uint16(r[10:]))
		if storage+offset+length > len(name) {
			return name
		}
		if !subsetNameIDs(binary.BigEndian.Uint16(r[6:])) {
			continue
		}
		kept = append(kept, record{head: [8]byte(r[:8]), str: name[storage+offset : storage+offset+length]})
		size += length
	}
	if len(kept) == count {
		return name
	}
	out := make([]byte, 6+12*len(kept), 6+12*len(kept)+size)
	binary.BigEndian.PutUint16(out[2:], uint16(len(kept)))
	binary.BigEndian.PutUint16(out[4:], uint16(len(out)))
	offset := 0
	for i, k := range kept {
		r := out[6+12*i:]
		copy(r, k.head[:])
		binary.BigEndian.PutUint16(r[8:], uint16(len(k.str)))
		binary.BigEndian.PutUint16(r[10:], uint16(offset))
		out = append(out, k.str...)
		offset += len(k.str)
	}
	return out
}

// hintingTables are the TrueType instruction tables a subset keeps.
func hintingTables() []string { return []string{"cvt ", "fpgm", "prep"} }

// subsetSource is what Subset reads from a face beyond its metrics: tables
// in place in the font's bytes, checked for length.
type subsetSource struct {
	head, hhea, maxp, os2, name, post []byte
	hmtx                              []byte
	numLong                           int // hhea.numberOfHMetrics
}

// CheckSubsettable reports whether Subset can embed the face: whether it
// has the tables a subset is made of, of sane sizes, and whether every
// glyph's data lies in the glyf table and every composite glyph is whole
// and names glyphs the font has (what closure reads of the glyphs a page
// uses). A run checks user fonts with it when it loads them, so that an
// unusable font is an input error (at the line that names it), not a
// failure while writing the PDF, which check never reaches. The walk
// reads each glyph's header: 0.26 ms for Noto Serif SC's 30,920 glyphs
// (best of 20, the file read already).
func (f *Face) CheckSubsettable() error {
	if _, err := f.subsetSource(); err != nil {
		return err
	}
	for g := range f.numGlyphs {
		if err := f.eachComponent(uint16(g), func(uint16) {}); err != nil {
			return fmt.Errorf("subset: %w", err)
		}
	}
	return nil
}

// eachComponent calls fn with each component of glyph g, a composite
// glyph's, after checking that g's data lies in the glyf table and that
// each component is a glyph of f: what closure and CheckSubsettable both
// read of a glyph.
func (f *Face) eachComponent(g uint16, fn func(c uint16)) error {
	data, err := f.glyphData(g)
	if err != nil {
		return err
	}
	if err := components(data, func(at int) error {
		c := binary.BigEndian.Uint16(data[at:])
		if int(c) >= f.numGlyphs {
			return fmt.Errorf("component %d out of range", c)
		}
		fn(c)
		return nil
	}); err != nil {
		return fmt.Errorf("glyph %d: %w", g, err)
	}
	return nil
}

func (f *Face) subsetSource() (*subsetSource, error) {
	var s subsetSource
	for _, t := range []struct {
		p   *[]byte
		tag string
		min int
	}{
		{&s.head, "head", 54}, {&s.hhea, "hhea", 36}, {&s.maxp, "maxp", 6}, {&s.os2, "OS/2", 78},
		{&s.name, "name", 6}, {&s.post, "post", 32}, {&s.hmtx, "hmtx", 0},
	} {
		b, err := f.dir.table(f.data, t.tag)
		if err != nil && t.tag == "post" {
			// post only names glyphs, and a subset drops the names (version
			// 3): a font without one (some converters omit it) gets a
			// plain version 3 table.
			b, err = make([]byte, 32), nil
			binary.BigEndian.PutUint32(b, 0x00030000)
		}
		if err != nil {
			return nil, fmt.Errorf("subset: %w", err)
		}
		if len(b) < t.min {
			return nil, fmt.Errorf("subset: %s table: %d bytes, want at least %d", t.tag, len(b), t.min)
		}
		*t.p = b
	}
	s.numLong = int(binary.BigEndian.Uint16(s.hhea[34:]))
	if s.numLong == 0 || s.numLong > f.numGlyphs {
		return nil, fmt.Errorf("subset: hhea: %d long metrics for %d glyphs", s.numLong, f.numGlyphs)
	}
	if len(s.hmtx) < 4*s.numLong+2*(f.numGlyphs-s.numLong) {
		return nil, fmt.Errorf("subset: hmtx table too short for %d glyphs", f.numGlyphs)
	}
	return &s, nil
}

// hMetrics returns glyph g's advance width and left side bearing from an
// hmtx table of numLong long metrics (g must lie within the table).
func hMetrics(hmtx []byte, numLong, g int) (adv, lsb uint16) {
	if g < numLong {
		return binary.BigEndian.Uint16(hmtx[4*g:]), binary.BigEndian.Uint16(hmtx[4*g+2:])
	}
	return binary.BigEndian.Uint16(hmtx[4*(numLong-1):]), binary.BigEndian.Uint16(hmtx[4*numLong+2*(g-numLong):])
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

// charGlyph is a character and the glyph it maps to.
type charGlyph struct {
	r rune
	g uint16
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
		return nil, fmt.Errorf("subset: %d runs of characters in one face: more than a format 4 cmap holds", segs)
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
	var sums uint32 // of the tables, which the whole font's sum adds up
	for i, tag := range tags {
		t := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		sum := checksum(t)
		sums += sum
		be.PutUint32(rec[4:], sum)
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
	// The font's checksum is its directory's plus its tables' (each starts
	// on a multiple of four and is padded with zeros, and head's
	// checkSumAdjustment is zero here): no second pass over the outlines.
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-(checksum(out[:12+16*n])+sums))
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the last one zero-padded. It reads eight bytes at a time: a 64-bit
// word's two halves add to the same sum modulo 2^32.
func checksum(b []byte) uint32 {
	var wide uint64
	for len(b) >= 8 {
		x := binary.BigEndian.Uint64(b)
		wide += x>>32 + x&0xFFFFFFFF
		b = b[8:]
	}
	sum := uint32(wide)
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var last [4]byte
	copy(last[:], b)
	return sum + binary.BigEndian.Uint32(last[:])
}
