package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"unicode"

	"github.com/broadsheet-news/broadsheet/units"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// Face is one parsed TrueType face: its metrics, coverage and bytes, whole
// or subset.
//
// A Face is immutable once made and safe for concurrent use. Its lookups
// (GlyphIndex, Covers, Advance, InkBounds) do not allocate: advances and the
// Basic Multilingual Plane's glyph indices are held in slices, and glyph
// bounds are read in place from the font's loca and glyf tables.
type Face struct {
	name   string // library name, e.g. "serif"
	source string // where the bytes came from, for messages
	data   []byte // the whole file; never written
	dir    directory

	psName string // name ID 6
	family string // name ID 1

	upem      int64
	numGlyphs int

	bmp  []uint16  // glyph index for each BMP rune; 0 = not covered
	cmap font.Cmap // the full cmap, consulted beyond the BMP
	adv  []uint16  // advance width per glyph, in font units

	hheaAscent, hheaDescent, hheaLineGap int16
	typoAscent, typoDescent, typoLineGap int16
	useTypo                              bool // OS/2 fsSelection USE_TYPO_METRICS

	loca     []byte // in place in data
	glyf     []byte // in place in data
	longLoca bool
}

// Parse reads a TrueType font (glyf outlines, as gopdf embeds) from data and
// returns its face under the given library name. Only the tables that
// metrics need are read: head, hhea, maxp, hmtx, cmap, OS/2, name, and loca
// and glyf in place (nothing is copied from them). Malformed input gives an
// error, never a panic. The face keeps data: the caller must not modify it.
func Parse(name string, data []byte) (f *Face, err error) {
	defer func() {
		if r := recover(); r != nil { // the table parsers index untrusted bytes
			f, err = nil, fmt.Errorf("malformed font: %v", r)
		}
	}()
	dir, err := readDirectory(data)
	if err != nil {
		return nil, err
	}
	f = &Face{name: name, data: data, dir: dir}

	// head
	raw, err := dir.table(data, "head")
	if err != nil {
		return nil, err
	}
	head, _, err := tables.ParseHead(raw)
	if err != nil {
		return nil, fmt.Errorf("head table: %w", err)
	}
	if head.UnitsPerEm < 16 || head.UnitsPerEm > 16384 {
		return nil, fmt.Errorf("head table: unitsPerEm %d out of range 16..16384", head.UnitsPerEm)
	}
	f.upem = int64(head.UnitsPerEm)
	f.longLoca = head.IndexToLocFormat == 1

	// maxp
	raw, err = dir.table(data, "maxp")
	if err != nil {
		return nil, err
	}
	maxp, _, err := tables.ParseMaxp(raw)
	if err != nil {
		return nil, fmt.Errorf("maxp table: %w", err)
	}
	f.numGlyphs = int(maxp.NumGlyphs)
	if f.numGlyphs == 0 {
		return nil, errors.New("maxp table: font has no glyphs")
	}

	// hhea + hmtx
	raw, err = dir.table(data, "hhea")
	if err != nil {
		return nil, err
	}
	hhea, _, err := tables.ParseHhea(raw)
	if err != nil {
		return nil, fmt.Errorf("hhea table: %w", err)
	}
	f.hheaAscent, f.hheaDescent, f.hheaLineGap = hhea.Ascender, hhea.Descender, hhea.LineGap
	nLong := int(hhea.NumOfLongMetrics)
	if nLong == 0 || nLong > f.numGlyphs {
		return nil, fmt.Errorf("hhea table: numberOfHMetrics %d, want 1..%d", nLong, f.numGlyphs)
	}
	raw, err = dir.table(data, "hmtx")
	if err != nil {
		return nil, err
	}
	if len(raw) < 4*nLong {
		return nil, fmt.Errorf("hmtx table: %d bytes, want at least %d", len(raw), 4*nLong)
	}
	f.adv = make([]uint16, f.numGlyphs)
	for g := range f.adv {
		if g < nLong {
			f.adv[g] = binary.BigEndian.Uint16(raw[4*g:])
		} else {
			f.adv[g] = f.adv[nLong-1]
		}
	}

	// OS/2 (optional in Apple fonts; required by Windows and PDF/A checkers)
	var fontPage tables.FontPage
	if raw, err = dir.table(data, "OS/2"); err == nil {
		os2, _, err := tables.ParseOs2(raw)
		if err != nil {
			return nil, fmt.Errorf("OS/2 table: %w", err)
		}
		f.typoAscent, f.typoDescent, f.typoLineGap = os2.STypoAscender, os2.STypoDescender, os2.STypoLineGap
		f.useTypo = os2.FsSelection&(1<<7) != 0
		fontPage = os2.FontPage()
	} else {
		f.typoAscent, f.typoDescent, f.typoLineGap = f.hheaAscent, f.hheaDescent, f.hheaLineGap
	}

	// name
	if raw, err = dir.table(data, "name"); err == nil {
		names, _, err := tables.ParseName(raw)
		if err != nil {
			return nil, fmt.Errorf("name table: %w", err)
		}
		f.psName = names.Name(6)
		f.family = names.Name(1)
	}

	// cmap
	raw, err = dir.table(data, "cmap")
	if err != nil {
		return nil, err
	}
	cmapTable, _, err := tables.ParseCmap(raw)
	if err != nil {
		return nil, fmt.Errorf("cmap table: %w", err)
	}
	cmap, _, err := font.ProcessCmap(cmapTable, fontPage)
	if err != nil {
		return nil, fmt.Errorf("cmap table: %w", err)
	}
	f.cmap = cmap
	f.bmp = bmpTable(cmap, f.numGlyphs)

	// loca + glyf, kept in place for InkBounds
	if f.loca, err = dir.table(data, "loca"); err != nil {
		return nil, fmt.Errorf("%w (only TrueType outlines are supported, not CFF)", err)
	}
	if f.glyf, err = dir.table(data, "glyf"); err != nil {
		return nil, err
	}
	entry := 2
	if f.longLoca {
		entry = 4
	}
	if len(f.loca) < (f.numGlyphs+1)*entry {
		return nil, fmt.Errorf("loca table: %d bytes, want %d for %d glyphs", len(f.loca), (f.numGlyphs+1)*entry, f.numGlyphs)
	}
	return f, nil
}

// Name returns the face's library name, e.g. "serif".
func (f *Face) Name() string { return f.name }

// Source says where the face's bytes came from: "embedded files/…" or a path.
func (f *Face) Source() string { return f.source }

// PostScriptName returns the name table's PostScript name (ID 6), e.g.
// "NotoSerifSC-Regular"; empty if the font has none.
func (f *Face) PostScriptName() string { return f.psName }

// FamilyName returns the name table's family name (ID 1), e.g. "Noto Serif SC".
func (f *Face) FamilyName() string { return f.family }

// UnitsPerEm returns the font's design units per em (head.unitsPerEm).
func (f *Face) UnitsPerEm() int { return int(f.upem) }

// NumGlyphs returns the number of glyphs in the font (maxp.numGlyphs).
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// Bytes returns the TrueType file, for the PDF writer to embed. It is not a
// copy: callers must not modify it (for embedded faces it is read-only
// memory, and writing to it crashes).
func (f *Face) Bytes() []byte { return f.data }

// GlyphIndex returns the glyph that the font's cmap maps r to, and whether
// there is one (glyph 0, .notdef, counts as none).
func (f *Face) GlyphIndex(r rune) (uint16, bool) {
	if r >= 0 && r < 0x10000 {
		g := f.bmp[r]
		return g, g != 0
	}
	if r < 0 || r > 0x10FFFF {
		return 0, false
	}
	g, ok := f.cmap.Lookup(r)
	if !ok || g == 0 || int(g) >= f.numGlyphs {
		return 0, false
	}
	return uint16(g), true
}

// Covers reports whether the font has a glyph for r.
func (f *Face) Covers(r rune) bool {
	_, ok := f.GlyphIndex(r)
	return ok
}

// Advance returns r's horizontal advance at the given size (the em), rounded
// to the nearest millipoint. A rune the font does not cover gets the advance
// of .notdef, which is what would be drawn: check Covers first.
func (f *Face) Advance(r rune, size units.Length) units.Length {
	g, _ := f.GlyphIndex(r)
	return size.Scale(int64(f.adv[g]), f.upem)
}

// GlyphAdvance returns glyph g's advance at size; 0 for an index out of range.
func (f *Face) GlyphAdvance(g uint16, size units.Length) units.Length {
	if int(g) >= len(f.adv) {
		return 0
	}
	return size.Scale(int64(f.adv[g]), f.upem)
}

// AdvanceUnits returns r's advance in font units (see UnitsPerEm).
func (f *Face) AdvanceUnits(r rune) int {
	g, _ := f.GlyphIndex(r)
	return int(f.adv[g])
}

// InkBounds returns the horizontal extent of r's ink (the glyf bounding box's
// xMin and xMax) relative to the glyph origin, at size. An empty glyph (a
// space) or an uncovered rune gives (0, 0).
func (f *Face) InkBounds(r rune, size units.Length) (left, right units.Length) {
	g, ok := f.GlyphIndex(r)
	if !ok {
		return 0, 0
	}
	xMin, xMax, ok := f.glyphXBounds(g)
	if !ok {
		return 0, 0
	}
	return size.Scale(int64(xMin), f.upem), size.Scale(int64(xMax), f.upem)
}

// InkBox returns the extent of r's ink (the glyf bounding box) relative to
// the glyph origin at size: xMin and xMax rightwards, yMin and yMax upwards
// from the baseline. An empty glyph or an uncovered rune gives zeros.
func (f *Face) InkBox(r rune, size units.Length) (xMin, yMin, xMax, yMax units.Length) {
	g, ok := f.GlyphIndex(r)
	if !ok {
		return 0, 0, 0, 0
	}
	x0, x1, ok := f.glyphXBounds(g)
	if !ok {
		return 0, 0, 0, 0
	}
	start, _ := f.glyphRange(g)
	h := f.glyf[start:]
	y0, y1 := int16(binary.BigEndian.Uint16(h[4:])), int16(binary.BigEndian.Uint16(h[8:]))
	return size.Scale(int64(x0), f.upem), size.Scale(int64(y0), f.upem), size.Scale(int64(x1), f.upem), size.Scale(int64(y1), f.upem)
}

// glyphRange returns where glyph g's data lies in the glyf table as loca
// says, unchecked against glyf (g must be below numGlyphs).
func (f *Face) glyphRange(g uint16) (start, end uint32) {
	if f.longLoca {
		return binary.BigEndian.Uint32(f.loca[4*int(g):]), binary.BigEndian.Uint32(f.loca[4*int(g)+4:])
	}
	return 2 * uint32(binary.BigEndian.Uint16(f.loca[2*int(g):])), 2 * uint32(binary.BigEndian.Uint16(f.loca[2*int(g)+2:]))
}

// glyphData returns glyph g's bytes in place in the glyf table (g must be
// below numGlyphs), or an error when loca points outside the table.
func (f *Face) glyphData(g uint16) ([]byte, error) {
	start, end := f.glyphRange(g)
	if start > end || uint64(end) > uint64(len(f.glyf)) {
		return nil, fmt.Errorf("glyph %d: loca points outside the glyf table", g)
	}
	return f.glyf[start:end:end], nil
}

// glyphXBounds reads glyph g's xMin and xMax from its glyf header in place.
func (f *Face) glyphXBounds(g uint16) (xMin, xMax int16, ok bool) {
	if int(g) >= f.numGlyphs {
		return 0, 0, false
	}
	start, end := f.glyphRange(g)
	if end <= start || uint64(start)+10 > uint64(len(f.glyf)) || end-start < 10 {
		return 0, 0, false // empty glyph, or a header that does not fit
	}
	h := f.glyf[start:]
	return int16(binary.BigEndian.Uint16(h[2:])), int16(binary.BigEndian.Uint16(h[6:])), true
}

// Ascent returns the distance from the baseline up to the top of the line
// box at size, positive: OS/2 sTypoAscender when the font sets
// USE_TYPO_METRICS, otherwise hhea's ascender (what most renderers use).
func (f *Face) Ascent(size units.Length) units.Length {
	a := f.hheaAscent
	if f.useTypo {
		a = f.typoAscent
	}
	return size.Scale(int64(a), f.upem)
}

// Descent returns the distance from the baseline down to the bottom of the
// line box at size, positive (from the same table as Ascent).
func (f *Face) Descent(size units.Length) units.Length {
	d := f.hheaDescent
	if f.useTypo {
		d = f.typoDescent
	}
	return size.Scale(-int64(d), f.upem)
}

// TypoAscent returns OS/2 sTypoAscender at size. In CJK fonts such as Noto
// SC the typo ascender and descender bound the ideographic em box.
func (f *Face) TypoAscent(size units.Length) units.Length {
	return size.Scale(int64(f.typoAscent), f.upem)
}

// TypoDescent returns -OS/2 sTypoDescender at size (positive below baseline).
func (f *Face) TypoDescent(size units.Length) units.Length {
	return size.Scale(-int64(f.typoDescent), f.upem)
}

// directory is an sfnt table directory: table tag → where it lies in the file.
type directory []dirEntry

type dirEntry struct {
	tag            [4]byte
	offset, length uint32
}

// readDirectory reads the sfnt header of a TrueType font. It is read by hand
// (sixteen bytes a table) because the tables are then used in place in the
// file's bytes; opentype.Loader would copy each table out of a reader.
func readDirectory(data []byte) (directory, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("not a font: %d bytes", len(data))
	}
	if err := checkMagic(data); err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, fmt.Errorf("table directory: %d tables do not fit in %d bytes", n, len(data))
	}
	dir := make(directory, n)
	for i := range dir {
		rec := data[12+16*i:]
		copy(dir[i].tag[:], rec[:4])
		dir[i].offset = binary.BigEndian.Uint32(rec[8:])
		dir[i].length = binary.BigEndian.Uint32(rec[12:])
		if uint64(dir[i].offset)+uint64(dir[i].length) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q at %d+%d runs past the end of the file (%d bytes)",
				dir[i].tag[:], dir[i].offset, dir[i].length, len(data))
		}
	}
	sort.Slice(dir, func(i, j int) bool { return string(dir[i].tag[:]) < string(dir[j].tag[:]) })
	return dir, nil
}

// table returns the named table's bytes in place.
func (d directory) table(data []byte, tag string) ([]byte, error) {
	i := sort.Search(len(d), func(i int) bool { return string(d[i].tag[:]) >= tag })
	if i == len(d) || string(d[i].tag[:]) != tag {
		return nil, fmt.Errorf("no %s table", tag)
	}
	e := d[i]
	return data[e.offset : e.offset+e.length : e.offset+e.length], nil
}

// checkMagic checks the first four bytes of a font file: TrueType only.
func checkMagic(data []byte) error {
	if len(data) < 4 {
		return fmt.Errorf("not a font: %d bytes", len(data))
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
		return nil
	case "OTTO":
		return errors.New("OpenType font with CFF outlines: only TrueType (glyf) fonts are supported")
	case "ttcf":
		return errors.New("font collection (.ttc): only single TrueType fonts are supported")
	case "wOFF", "wOF2":
		return errors.New("WOFF font: only uncompressed TrueType fonts are supported")
	}
	return fmt.Errorf("not a TrueType font (starts with % x)", data[:4])
}

// maxCmapSteps bounds the mappings bmpTable walks: one for each character
// of Unicode and as many again for the BMP, more than a cmap that maps
// each character once can have. A malformed cmap maps characters again
// and again: a format 12 group of all of Unicode is 1.1 million mappings
// in 12 bytes, and a font of 100 such groups (1.7 kB) took 0.8 s to parse,
// one of 1 MB would take ten minutes; 1,000 format 4 segments of the
// whole BMP (8 kB) took 2 s.
const maxCmapSteps = 0x110000 + 0x10000

// bmpTable returns the glyph of every character of the Basic Multilingual
// Plane (0 for none, or for a glyph id the font does not have). It walks
// the cmap's mappings once, rather than looking up all 65,536 characters
// (a binary search each in a format 12 table: 1.2 ms a face); where a
// malformed cmap maps a character twice, the lookup's answer stands, so
// the table always agrees with Cmap.Lookup. A cmap of more mappings than
// maxCmapSteps is looked up character by character instead.
func bmpTable(cmap font.Cmap, numGlyphs int) []uint16 {
	bmp := make([]uint16, 0x10000)
	var set [0x10000 / 64]uint64
	steps := 0
	for it := cmap.Iter(); it.Next(); {
		if steps++; steps > maxCmapSteps {
			return bmpLookup(cmap, numGlyphs, bmp)
		}
		r, g := it.Char()
		if r < 0 || r >= 0x10000 {
			continue
		}
		if set[r/64]&(1<<(r%64)) != 0 {
			// Mapped twice: the lookup decides between the two.
			g, _ = cmap.Lookup(r)
		}
		set[r/64] |= 1 << (r % 64)
		bmp[r] = 0
		if int(g) < numGlyphs {
			bmp[r] = uint16(g)
		}
	}
	return bmp
}

// DrawsNothing reports whether r is a default-ignorable character that a
// glyph cluster may carry after its base and a face need not have: a
// variation selector (U+FE0F pasted from a chat after 赞, U+E0100 asking
// for an ideographic variant) or a format character (ZWJ, ZWSP, BOM).
// Where a face has no glyph for it, it draws nothing and is left out; the
// soft hyphen U+00AD, which the composer draws as the hyphen of a broken
// word, is not one.
func DrawsNothing(r rune) bool {
	return r != '\u00ad' && (unicode.Is(unicode.Variation_Selector, r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r))
}

// bmpLookup fills bmp (of 0x10000 entries) as bmpTable does, by looking
// up each character.
func bmpLookup(cmap font.Cmap, numGlyphs int, bmp []uint16) []uint16 {
	for r := range bmp {
		bmp[r] = 0
		if g, ok := cmap.Lookup(rune(r)); ok && int(g) < numGlyphs {
			bmp[r] = uint16(g)
		}
	}
	return bmp
}
