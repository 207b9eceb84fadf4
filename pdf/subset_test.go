package pdf

import (
	"bytes"
	"encoding/binary"
	"sort"
	"testing"

	"github.com/signintech/gopdf/fontmaker/core"
	"pgregory.net/rapid"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// checkSubset parses sub and checks it against face for runes: every
// covered rune maps to a glyph with the original's advance and outline
// (composite components renumbered to glyphs with the original outlines),
// uncovered runes stay unmapped, and the glyph count is .notdef plus the
// distinct glyphs and their components.
func checkSubset(t interface {
	Helper()
	Fatalf(string, ...any)
	Fatal(...any)
}, face *fonts.Face, runes []rune, sub []byte) {
	t.Helper()
	sf, err := fonts.Parse("subset", sub)
	if err != nil {
		t.Fatalf("subset of %s does not parse: %v", face.Name(), err)
	}
	orig, err := newSubsetter(face.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	ss, err := newSubsetter(sub)
	if err != nil {
		t.Fatal(err)
	}
	var ttf core.TTFParser // gopdf's parser must read it too
	if err := ttf.ParseFontData(sub); err != nil {
		t.Fatalf("gopdf cannot parse the subset of %s: %v", face.Name(), err)
	}
	// sameGlyph compares new glyph ng of the subset with old glyph og.
	var sameGlyph func(ng, og int)
	sameGlyph = func(ng, og int) {
		a, err1 := ss.glyph(ng)
		b, err2 := orig.glyph(og)
		if err1 != nil || err2 != nil || len(a) != len(b) {
			t.Fatalf("%s: glyph %d (was %d): %v %v, %d bytes, want %d", face.Name(), ng, og, err1, err2, len(a), len(b))
		}
		var na, nb []int
		_ = components(a, func(at int) error { na = append(na, at); return nil })
		_ = components(b, func(at int) error { nb = append(nb, at); return nil })
		if len(na) != len(nb) {
			t.Fatalf("%s: glyph %d has %d components, want %d", face.Name(), ng, len(na), len(nb))
		}
		a2, b2 := bytes.Clone(a), bytes.Clone(b)
		for i := range na {
			sameGlyph(int(binary.BigEndian.Uint16(a[na[i]:])), int(binary.BigEndian.Uint16(b[nb[i]:])))
			a2[na[i]], a2[na[i]+1], b2[nb[i]], b2[nb[i]+1] = 0, 0, 0, 0
		}
		if !bytes.Equal(a2, b2) {
			t.Fatalf("%s: glyph %d differs from original %d", face.Name(), ng, og)
		}
		aa, al := ss.metrics(ng)
		ba, bl := orig.metrics(og)
		if aa != ba || al != bl {
			t.Fatalf("%s: glyph %d metrics %d/%d, want %d/%d", face.Name(), ng, aa, al, ba, bl)
		}
	}
	distinct := map[uint16]bool{}
	for _, r := range runes {
		og, ok := face.GlyphIndex(r)
		ng, nok := sf.GlyphIndex(r)
		if ok != nok {
			t.Fatalf("%s: %q covered %v in the face, %v in the subset", face.Name(), r, ok, nok)
		}
		if !ok {
			continue
		}
		distinct[og] = true
		sameGlyph(int(ng), int(og))
		if sf.Advance(r, 10*units.Point) != face.Advance(r, 10*units.Point) {
			t.Fatalf("%s: %q advance differs", face.Name(), r)
		}
		gg, err := (&gopdfLookup{&ttf}).glyph(r)
		if err != nil || gg != uint(ng) {
			t.Fatalf("%s: gopdf maps %q to %d (%v), want %d", face.Name(), r, gg, err, ng)
		}
	}
	if sf.NumGlyphs() < 1+len(distinct) {
		t.Fatalf("%s: %d glyphs for %d distinct", face.Name(), sf.NumGlyphs(), len(distinct))
	}
	if sf.UnitsPerEm() != face.UnitsPerEm() || sf.TypoAscent(units.Point*1000) != face.TypoAscent(units.Point*1000) {
		t.Fatalf("%s: vertical metrics differ", face.Name())
	}
}

// gopdfLookup maps a rune through gopdf's parsed cmap, as SubsetFontObj
// does (format 4 in the BMP, format 12 beyond).
type gopdfLookup struct{ p *core.TTFParser }

func (l *gopdfLookup) glyph(r rune) (uint, error) {
	if r > 0xFFFF {
		for _, g := range l.p.GroupingTables() {
			if uint(r) >= g.StartCharCode && uint(r) <= g.EndCharCode {
				return uint(r) - g.StartCharCode + g.GlyphID, nil
			}
		}
		return 0, nil
	}
	for seg := uint(0); seg < l.p.SegCount; seg++ {
		if uint(r) <= l.p.EndCount[seg] {
			if uint(r) < l.p.StartCount[seg] || l.p.IdRangeOffset[seg] != 0 {
				return 0, nil
			}
			return (uint(r) + l.p.IdDelta[seg]) & 0xFFFF, nil
		}
	}
	return 0, nil
}

// firstCovered returns the first rune from lo the face covers, or -1.
func firstCovered(f *fonts.Face, lo, hi rune) rune {
	for r := lo; r <= hi; r++ {
		if f.Covers(r) {
			return r
		}
	}
	return -1
}

func TestSubsetFont(t *testing.T) {
	lib := sharedLib()
	for _, name := range []string{fonts.Serif, fonts.SansBold, fonts.Kai} {
		face, err := lib.Face(name)
		if err != nil {
			t.Fatal(err)
		}
		// Han, Latin, digits, punctuation, a space, composites in the Kai
		// face (U+00A8, U+2212), a rune no face covers.
		runes := []rune("中文 报讯Aa0。，“”¨−\uE000")
		if r := firstCovered(face, 0x20000, 0x2A6DF); r >= 0 {
			runes = append(runes, r) // beyond the BMP: format 12
		}
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		sub, stub, err := subsetFont(face, runes)
		if err != nil {
			t.Fatal(err)
		}
		checkSubset(t, face, runes, sub)
		// The stub gopdf draws with: the same glyphs, cmap and metrics, no
		// outlines.
		ss, err := newSubsetter(sub)
		if err != nil {
			t.Fatal(err)
		}
		st, err := newSubsetter(stub)
		if err != nil {
			t.Fatal(err)
		}
		if st.numGlyphs != ss.numGlyphs || len(st.glyf) != 0 || !bytes.Equal(st.hmtx, ss.hmtx) || !bytes.Equal(st.dir["cmap"], ss.dir["cmap"]) {
			t.Errorf("%s: stub has %d glyphs (want %d), %d outline bytes, other metrics or cmap", name, st.numGlyphs, ss.numGlyphs, len(st.glyf))
		}
		if len(sub) > 64<<10 {
			t.Errorf("%s: subset of %d runes is %d bytes", name, len(runes), len(sub))
		}
	}
}

// TestSubsetComposite checks that composite glyphs (LXGW WenKai's U+00A8
// and U+2212) bring their components along, renumbered.
func TestSubsetComposite(t *testing.T) {
	face, err := sharedLib().Face(fonts.Kai)
	if err != nil {
		t.Fatal(err)
	}
	sub, _, err := subsetFont(face, []rune{0xA8})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := newSubsetter(sub)
	if err != nil {
		t.Fatal(err)
	}
	if ss.numGlyphs < 3 {
		t.Fatalf("composite U+00A8: %d glyphs, want .notdef, the composite and a component", ss.numGlyphs)
	}
	checkSubset(t, face, []rune{0xA8}, sub)
}

// TestSubsetProperty subsets random sets of covered and uncovered runes.
func TestSubsetProperty(t *testing.T) {
	lib := sharedLib()
	names := []string{fonts.Serif, fonts.SansBlack, fonts.Kai}
	rapid.Check(t, func(t *rapid.T) {
		face, err := lib.Face(rapid.SampledFrom(names).Draw(t, "face"))
		if err != nil {
			t.Fatal(err)
		}
		set := map[rune]bool{}
		for _, r := range rapid.SliceOfN(rapid.OneOf(
			rapid.Int32Range(0x20, 0x7E), rapid.Int32Range(0x2000, 0x2BFF),
			rapid.Int32Range(0x4E00, 0x9FFF), rapid.Int32Range(0xFF00, 0xFFFF),
			rapid.Int32Range(0x20000, 0x2FFFF)), 0, 300).Draw(t, "runes") {
			set[r] = true
		}
		runes := make([]rune, 0, len(set))
		for r := range set {
			runes = append(runes, r)
		}
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		sub, _, err := subsetFont(face, runes)
		if err != nil {
			t.Fatal(err)
		}
		checkSubset(t, face, runes, sub)
	})
}

// FuzzSubset subsets whatever fonts.Parse accepts: errors, never a panic.
func FuzzSubset(f *testing.F) {
	face, err := sharedLib().Face(fonts.Kai)
	if err != nil {
		f.Fatal(err)
	}
	sub, _, err := subsetFont(face, []rune("A¨−中文"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sub, "中文A¨−")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		face, err := fonts.Parse("fuzz", data)
		if err != nil {
			return
		}
		set := map[rune]bool{}
		for _, r := range text {
			set[r] = true
		}
		runes := make([]rune, 0, len(set))
		for r := range set {
			runes = append(runes, r)
		}
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		_, _, _ = subsetFont(face, runes)
	})
}
