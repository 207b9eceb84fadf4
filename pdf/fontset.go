package pdf

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// fontUse is a face as the document uses it: a Type0 font (Identity-H)
// whose character codes are numbered in order of first use. A page's
// content stream is written as soon as the page comes, before the
// document's glyph set is known, so its codes must stay valid: the subset
// built at Close holds the glyphs in the face's order, and its
// CIDToGIDMap takes each code to its glyph there (glyphOrder). What the
// writer keeps of a face between pages is only this numbering.
type fontUse struct {
	name   string // the library's face name
	face   *fonts.Face
	res    string   // resource name, e.g. "F1"
	cidOf  []uint16 // face glyph → code (0: none yet)
	gids   []uint16 // code → face glyph; gids[0] is .notdef
	runes  []rune   // code → the first character drawn with it
	widths []float64
	upem   float64
}

func newFontUse(name string, face *fonts.Face, res string) *fontUse {
	return &fontUse{
		name: name, face: face, res: res,
		cidOf: make([]uint16, face.NumGlyphs()),
		gids:  []uint16{0}, runes: []rune{0}, widths: []float64{0},
		upem: float64(face.UnitsPerEm()),
	}
}

// code returns r's character code, numbering its glyph if it is new; false
// when the face has no glyph for r.
func (fu *fontUse) code(r rune) (uint16, bool) {
	g, ok := fu.face.GlyphIndex(r)
	if !ok || int(g) >= len(fu.cidOf) {
		return 0, false
	}
	if c := fu.cidOf[g]; c != 0 {
		return c, true
	}
	if len(fu.gids) > 0xFFFE {
		return 0, false
	}
	c := uint16(len(fu.gids))
	fu.cidOf[g] = c
	fu.gids = append(fu.gids, g)
	fu.runes = append(fu.runes, r)
	fu.widths = append(fu.widths, fu.width(r))
	return c, true
}

// width is r's advance in thousandths of an em, to three decimals, as the
// W array gives it.
func (fu *fontUse) width(r rune) float64 {
	return round(float64(fu.face.AdvanceUnits(r))*1000/fu.upem, 3)
}

// advanceCID is how far a glyph's code advances at size (without spacing).
func (fu *fontUse) advanceCID(cid uint16, size float64) float64 {
	return float64(fu.widths[cid]*size) / 1000
}

// advance is how far r advances at size (without spacing).
func (fu *fontUse) advance(r rune, size float64) float64 {
	return float64(fu.width(r)*size) / 1000
}

// embedded is a face's subset, built and compressed at Close, and its
// CIDToGIDMap.
type embedded struct {
	program []byte
	z       *zstream
	cidMap  *zstream
	err     error
}

// glyphOrder returns the face's glyph ids of gids (a fontUse's, code →
// glyph) in the face's order, which the subset takes, and the CIDToGIDMap
// that leads each code to its glyph in it: two bytes a code, big-endian.
//
// The face's order, not the codes', because neighbouring glyphs are alike:
// the Han characters of a CJK face lie in Unicode's radical-and-stroke
// order, so a glyph's outline often repeats much of the one before, within
// deflate's reach. The one-page sample's five subsets (450 kB) deflate to
// 298.3 kB in the face's order against 304.7 kB in order of first use, in
// the same time (8.4 and 8.5 ms, -cpu 1, medians of 8 alternated runs;
// BenchmarkFontOrder). The maps, a shuffle that does not compress much,
// take 2.0 kB of it back: the PDF is 3.3 kB smaller (the four-page sample
// 9.4 kB), and draws the same pixels in Poppler, MuPDF and Ghostscript.
func glyphOrder(gids []uint16) (order []uint16, cidMap []byte) {
	order = slices.Clone(gids)
	slices.Sort(order)
	cidMap = make([]byte, 2*len(gids))
	for c, g := range gids {
		i, _ := slices.BinarySearch(order, g)
		binary.BigEndian.PutUint16(cidMap[2*c:], uint16(i))
	}
	return order, cidMap
}

// embedFonts subsets every face used (concurrently) and writes its six
// objects: the Type0 font, the CIDFont, its CIDToGIDMap, the descriptor,
// the font program and the ToUnicode map. It returns the Type0 fonts' numbers, by use.
func (w *Writer) embedFonts() ([]int, error) {
	subsets := make([]embedded, len(w.fontList))
	var wg sync.WaitGroup
	for i, fu := range w.fontList {
		w.workers.run(&wg, func() {
			s := &subsets[i]
			order, cidMap := glyphOrder(fu.gids)
			s.program, s.err = fu.face.SubsetGlyphs(order)
			if s.err == nil {
				s.z = startDeflate(w.workers, s.program)
				s.cidMap = startDeflate(w.workers, cidMap)
			}
		})
	}
	wg.Wait()
	used := map[string]bool{}
	nrs := make([]int, len(w.fontList))
	for i, fu := range w.fontList {
		s := subsets[i]
		if s.err != nil {
			return nil, fmt.Errorf("font %q: subsetting: %w", fu.name, s.err)
		}
		ps := pdfName(fu.face.PostScriptName())
		if ps == "" {
			ps = "Font"
		}
		family := ps
		for n := 2; used[family]; n++ {
			family = ps + "-" + strconv.Itoa(n)
		}
		used[family] = true
		gids := make([]int, len(fu.gids))
		for k, g := range fu.gids {
			gids[k] = int(g)
		}
		name := types.Name(subsetTag(family, gids) + "+" + family)

		// Written as it was compressed, in pieces: no copy of it joined.
		z, err := s.z.wait()
		if err != nil {
			return nil, fmt.Errorf("font %q: compressing: %w", fu.name, err)
		}
		file := w.o.streamParts(0, types.Dict{"Filter": types.Name("FlateDecode"), "Length1": types.Integer(len(s.program))}, z)
		s.z.release(w.zs)
		m := sfntMetrics(s.program)
		fd := types.Dict{
			"Type":        types.Name("FontDescriptor"),
			"FontName":    name,
			"Flags":       types.Integer(32), // nonsymbolic
			"FontBBox":    types.Array{types.Integer(m.bbox[0]), types.Integer(m.bbox[1]), types.Integer(m.bbox[2]), types.Integer(m.bbox[3])},
			"ItalicAngle": types.Integer(0),
			"Ascent":      types.Integer(m.ascent),
			"Descent":     types.Integer(m.descent),
			"CapHeight":   types.Integer(m.capHeight),
			"XHeight":     types.Integer(m.xHeight),
			"StemV":       types.Integer(0),
			"FontFile2":   ref(file),
		}
		// FontFamily is optional (PDF 1.5), but pdfcpu's strict validator
		// asks for it, and it names the family for readers that group faces.
		if fam := fu.face.FamilyName(); fam != "" {
			fd["FontFamily"] = byteString(fam)
		}
		fdNr := w.o.dict(0, fd)
		zm, err := s.cidMap.wait()
		if err != nil {
			return nil, fmt.Errorf("font %q: compressing its CIDToGIDMap: %w", fu.name, err)
		}
		cidMap := w.o.streamParts(0, types.Dict{"Filter": types.Name("FlateDecode")}, zm)
		s.cidMap.release(w.zs)
		cid := w.o.object(0, "<</BaseFont/"+string(name)+"/CIDSystemInfo<</Ordering(Identity)/Registry(Adobe)/Supplement 0>>/CIDToGIDMap "+
			strconv.Itoa(cidMap)+" 0 R/FontDescriptor "+
			strconv.Itoa(fdNr)+" 0 R/Subtype/CIDFontType2/Type/Font/W"+string(widthArray(fu.widths))+">>")
		tu, err := w.o.flateStream(0, nil, toUnicodeCMap(fu.runes), cmapLevel)
		if err != nil {
			return nil, err
		}
		nrs[i] = w.o.object(0, "<</BaseFont/"+string(name)+"/DescendantFonts["+strconv.Itoa(cid)+" 0 R]/Encoding/Identity-H/Subtype/Type0/ToUnicode "+
			strconv.Itoa(tu)+" 0 R/Type/Font>>")
	}
	return nrs, nil
}

// cmapLevel is the zlib level of the ToUnicode maps: on the one-page
// sample, level 1 takes 2.5 kB off Huffman-only coding (19.6 kB), level 6
// 0.8 kB more, for about twice level 1's time.
const cmapLevel = zlib.BestSpeed

// defaultWidth is the width (DW) of the codes the W array leaves out: a
// full em, the width of every Han character.
const defaultWidth = 1000

// widthArray writes the W array of codes 1 on, leaving out the codes of
// defaultWidth: runs of consecutive codes, each "first [w …]".
func widthArray(widths []float64) []byte {
	b := []byte{'['}
	for c := 1; c < len(widths); {
		if widths[c] == defaultWidth {
			c++
			continue
		}
		if len(b) > 1 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(c), 10)
		b = append(b, '[')
		for first := c; c < len(widths) && widths[c] != defaultWidth; c++ {
			if c > first {
				b = append(b, ' ')
			}
			b = appendNum(b, widths[c], 3)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// fontMetrics are what a font descriptor gives of a font, in thousandths
// of an em.
type fontMetrics struct {
	bbox                                [4]int
	ascent, descent, capHeight, xHeight int
}

// sfntMetrics reads a font descriptor's metrics from a TrueType font (one
// SubsetGlyphs wrote, so its tables are known to be there): the bounding
// box from head, ascent and descent from OS/2's Windows metrics (hhea's
// without OS/2), cap and x-height from OS/2 (version 2 on; else the ascent
// and half of it).
func sfntMetrics(b []byte) fontMetrics {
	var m fontMetrics
	tables := map[string][]byte{}
	if len(b) >= 12 {
		n := int(binary.BigEndian.Uint16(b[4:]))
		for i := 0; i < n && 12+16*i+16 <= len(b); i++ {
			e := b[12+16*i:]
			off, l := int(binary.BigEndian.Uint32(e[8:])), int(binary.BigEndian.Uint32(e[12:]))
			if off >= 0 && l >= 0 && off+l <= len(b) {
				tables[string(e[:4])] = b[off : off+l]
			}
		}
	}
	s16 := func(t []byte, at int) int {
		if at+2 > len(t) {
			return 0
		}
		return int(int16(binary.BigEndian.Uint16(t[at:])))
	}
	head, hhea, os2 := tables["head"], tables["hhea"], tables["OS/2"]
	upem := 1000
	if len(head) >= 20 {
		if u := int(binary.BigEndian.Uint16(head[18:])); u > 0 {
			upem = u
		}
	}
	scale := func(v int) int {
		if upem == 1000 {
			return v
		}
		return int(round(float64(v)*1000/float64(upem), 0))
	}
	for i := range m.bbox {
		m.bbox[i] = scale(s16(head, 36+2*i))
	}
	m.ascent, m.descent = scale(s16(hhea, 4)), scale(s16(hhea, 6))
	if len(os2) >= 78 {
		// The Windows ascent and descent bound every glyph (they are the
		// clipping zone), as a descriptor's Ascent and Descent should.
		m.ascent = scale(int(binary.BigEndian.Uint16(os2[74:])))
		m.descent = -scale(int(binary.BigEndian.Uint16(os2[76:])))
	}
	m.capHeight, m.xHeight = m.ascent, m.ascent/2
	if len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		m.xHeight, m.capHeight = scale(s16(os2, 86)), scale(s16(os2, 88))
	}
	return m
}
