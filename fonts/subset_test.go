package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/internal/fonttest"
	"github.com/broadsheet-news/broadsheet/units"
	"pgregory.net/rapid"
)

// tb is what the checks need of testing.TB and rapid.T alike.
type tb interface {
	Helper()
	Fatalf(string, ...any)
}

// hmtxOf returns a parsed face's hmtx table and its number of long metrics.
func hmtxOf(t tb, f *Face) ([]byte, int) {
	t.Helper()
	src, err := f.subsetSource()
	if err != nil {
		t.Fatalf("%s: %v", f.Name(), err)
	}
	return src.hmtx, src.numLong
}

// checkSubset parses sub and checks it against face for runes: every
// covered rune maps to a glyph with the original's advance, side bearing
// and outline (composite components renumbered to glyphs with the original
// outlines), uncovered runes stay unmapped, glyph ids keep the original
// order, and the glyph count is .notdef plus the distinct glyphs and their
// components.
func checkSubset(t tb, face *Face, runes []rune, sub []byte) *Face {
	t.Helper()
	sf, err := Parse("subset", sub)
	if err != nil {
		t.Fatalf("subset of %s does not parse: %v", face.Name(), err)
	}
	oh, on := hmtxOf(t, face)
	sh, sn := hmtxOf(t, sf)
	old := map[uint16]uint16{0: 0} // subset glyph → original glyph
	// sameGlyph compares new glyph ng of the subset with old glyph og.
	var sameGlyph func(ng, og uint16)
	sameGlyph = func(ng, og uint16) {
		if int(ng) >= sf.NumGlyphs() {
			t.Fatalf("%s: glyph %d beyond the subset's %d", face.Name(), ng, sf.NumGlyphs())
		}
		if prev, ok := old[ng]; ok && prev != og {
			t.Fatalf("%s: subset glyph %d stands for both %d and %d", face.Name(), ng, prev, og)
		}
		old[ng] = og
		a, err1 := sf.glyphData(ng)
		b, err2 := face.glyphData(og)
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
			sameGlyph(binary.BigEndian.Uint16(a[na[i]:]), binary.BigEndian.Uint16(b[nb[i]:]))
			a2[na[i]], a2[na[i]+1], b2[nb[i]], b2[nb[i]+1] = 0, 0, 0, 0
		}
		if !bytes.Equal(a2, b2) {
			t.Fatalf("%s: glyph %d differs from original %d", face.Name(), ng, og)
		}
		aa, al := hMetrics(sh, sn, int(ng))
		ba, bl := hMetrics(oh, on, int(og))
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
		sameGlyph(ng, og)
		if sf.Advance(r, 10*units.Point) != face.Advance(r, 10*units.Point) {
			t.Fatalf("%s: %q advance differs", face.Name(), r)
		}
	}
	if sf.NumGlyphs() < 1+len(distinct) || sf.NumGlyphs() != len(old) {
		t.Fatalf("%s: %d glyphs for %d distinct, %d reached", face.Name(), sf.NumGlyphs(), len(distinct), len(old))
	}
	for g := uint16(1); int(g) < sf.NumGlyphs(); g++ { // dense, in the original order
		if old[g] <= old[g-1] {
			t.Fatalf("%s: subset glyph %d was %d, after %d", face.Name(), g, old[g], old[g-1])
		}
	}
	if sf.UnitsPerEm() != face.UnitsPerEm() || sf.TypoAscent(units.Point*1000) != face.TypoAscent(units.Point*1000) ||
		sf.Ascent(units.Point*1000) != face.Ascent(units.Point*1000) || sf.PostScriptName() != face.PostScriptName() {
		t.Fatalf("%s: vertical metrics or name differ", face.Name())
	}
	return sf
}

// firstCovered returns the first rune from lo to hi the face covers, or -1.
func firstCovered(f *Face, lo, hi rune) rune {
	for r := lo; r <= hi; r++ {
		if f.Covers(r) {
			return r
		}
	}
	return -1
}

// sortedRunes returns the distinct runes of s, sorted.
func sortedRunes(s string) []rune {
	rs := []rune(s)
	slices.Sort(rs)
	return slices.Compact(rs)
}

func TestSubset(t *testing.T) {
	l := NewLibrary()
	for _, name := range []string{Serif, SansBold, Kai} {
		f := face(t, l, name)
		// Han, Latin, digits, punctuation, a space, composites in the Kai
		// face (U+00A8, U+2212), a rune no face covers, and 一 and 大, whose
		// glyphs the Noto faces share with Kangxi radicals.
		runes := sortedRunes("中文 报讯Aa0。，“”¨−\uE000一大")
		if r := firstCovered(f, 0x20000, 0x2A6DF); r >= 0 {
			runes = append(runes, r) // beyond the BMP: format 12
		}
		program, stub, err := f.Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		sf := checkSubset(t, f, runes, program)
		// The stub: the same glyphs, cmap and metrics, no outlines.
		st, err := Parse("stub", stub)
		if err != nil {
			t.Fatal(err)
		}
		sh, _ := hmtxOf(t, sf)
		th, _ := hmtxOf(t, st)
		scmap, _ := sf.dir.table(sf.data, "cmap")
		tcmap, _ := st.dir.table(st.data, "cmap")
		if st.NumGlyphs() != sf.NumGlyphs() || len(st.glyf) != 0 || !bytes.Equal(th, sh) || !bytes.Equal(tcmap, scmap) {
			t.Errorf("%s: stub has %d glyphs (want %d), %d outline bytes, other metrics or cmap", name, st.NumGlyphs(), sf.NumGlyphs(), len(st.glyf))
		}
		if len(program) > 64<<10 || len(stub) > 16<<10 {
			t.Errorf("%s: subset of %d runes is %d bytes, stub %d", name, len(runes), len(program), len(stub))
		}
	}
}

// TestSubsetComposite checks that composite glyphs (LXGW WenKai's U+00A8
// and U+2212) bring their components along, renumbered.
func TestSubsetComposite(t *testing.T) {
	f := face(t, NewLibrary(), Kai)
	for _, r := range []rune{0xA8, 0x2212} {
		g, _ := f.GlyphIndex(r)
		data, err := f.glyphData(g)
		if err != nil {
			t.Fatal(err)
		}
		if int16(binary.BigEndian.Uint16(data)) >= 0 {
			t.Fatalf("U+%04X is no longer a composite glyph in %s: pick another", r, f.Name())
		}
		program, _, err := f.Subset([]rune{r})
		if err != nil {
			t.Fatal(err)
		}
		if sf := checkSubset(t, f, []rune{r}, program); sf.NumGlyphs() < 3 {
			t.Fatalf("composite U+%04X: %d glyphs, want .notdef, the composite and a component", r, sf.NumGlyphs())
		}
	}
}

// TestSubsetGlyphs: glyph i of the subset is the face's glyphs[i], in the
// order given (not the face's), so a writer's codes in order of first use
// address them, with its advance and outline; composite glyphs bring their
// components after the list, renumbered; there is no cmap (a CIDFontType2
// maps through its CIDToGIDMap); bad lists are errors.
func TestSubsetGlyphs(t *testing.T) {
	f := face(t, NewLibrary(), Kai)
	runes := []rune("新闻港区¨A报−本")
	gids := []uint16{0}
	for _, r := range runes {
		g, ok := f.GlyphIndex(r)
		if !ok {
			t.Fatalf("%s lacks %q", f.Name(), r)
		}
		gids = append(gids, g)
	}
	program, err := f.SubsetGlyphs(gids)
	if err != nil {
		t.Fatal(err)
	}
	tables := cidSubsetTables(t, program, len(gids))
	loca, hmtx, glyf := tables["loca"], tables["hmtx"], tables["glyf"]
	n := len(loca)/4 - 1
	if n == len(gids) {
		t.Errorf("%d glyphs: the composites' components are missing", n)
	}
	src, err := f.subsetSource()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range runes {
		at, end := binary.BigEndian.Uint32(loca[4*(i+1):]), binary.BigEndian.Uint32(loca[4*(i+2):])
		a := glyf[at:end]
		b, err := f.glyphData(gids[i+1])
		if err != nil || len(a) != len(b) {
			t.Errorf("%q: glyph data %d bytes, want %d (%v)", r, len(a), len(b), err)
		} else if int16(binary.BigEndian.Uint16(b)) >= 0 && !bytes.Equal(a, b) {
			t.Errorf("%q: outline differs", r)
		}
		gotAdv, gotLsb := hMetrics(hmtx, n, i+1)
		wantAdv, wantLsb := hMetrics(src.hmtx, src.numLong, int(gids[i+1]))
		if gotAdv != wantAdv || gotLsb != wantLsb {
			t.Errorf("%q: metrics %d/%d, want %d/%d", r, gotAdv, gotLsb, wantAdv, wantLsb)
		}
	}
	for _, c := range [][]uint16{nil, {5}, {0, gids[1], gids[1]}, {0, 0xFFFF}} {
		if _, err := f.SubsetGlyphs(c); err == nil {
			t.Errorf("SubsetGlyphs(%v) gave no error", c)
		}
	}
}

// cidSubsetTables checks that program is a font as SubsetGlyphs writes
// them for at least n glyphs — the tables a PDF reader needs of a
// CIDFontType2 and the ones Subset keeps, no cmap, maxp's and hhea's
// glyph counts agreeing with a long loca whose offsets rise within glyf —
// and returns its tables.
func cidSubsetTables(t *testing.T, program []byte, n int) map[string][]byte {
	t.Helper()
	dir, err := readDirectory(program)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dir.table(program, "cmap"); err == nil {
		t.Error("the subset has a cmap")
	}
	tables := map[string][]byte{}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "OS/2", "name", "post"} {
		b, err := dir.table(program, tag)
		if err != nil {
			t.Fatalf("subset: %v", err)
		}
		tables[tag] = b
	}
	loca, glyf := tables["loca"], tables["glyf"]
	glyphs := int(binary.BigEndian.Uint16(tables["maxp"][4:]))
	if glyphs < n || len(loca) != 4*(glyphs+1) || int(binary.BigEndian.Uint16(tables["hhea"][34:])) != glyphs ||
		len(tables["hmtx"]) != 4*glyphs || binary.BigEndian.Uint16(tables["head"][50:]) != 1 {
		t.Fatalf("subset: %d glyphs for %d, loca %d bytes, hmtx %d", glyphs, n, len(loca), len(tables["hmtx"]))
	}
	for i := range glyphs {
		if a, b := binary.BigEndian.Uint32(loca[4*i:]), binary.BigEndian.Uint32(loca[4*i+4:]); a > b || int(b) > len(glyf) {
			t.Fatalf("subset: glyph %d at %d to %d of a %d-byte glyf", i, a, b, len(glyf))
		}
	}
	return tables
}

// TestSubsetDeterministic checks that the bytes depend on the face and the
// characters only: the same on a second call and from a second library.
func TestSubsetDeterministic(t *testing.T) {
	runes := sortedRunes("本报讯 3月16日，开发区召开工作会议。¨−ABC")
	for _, name := range []string{Serif, Kai} {
		p1, s1, err := face(t, NewLibrary(), name).Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		p2, s2, err := face(t, NewLibrary(), name).Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(p1, p2) || !bytes.Equal(s1, s2) {
			t.Errorf("%s: two subsets of the same characters differ", name)
		}
	}
}

// TestSubsetErrors checks input Subset refuses with an error.
func TestSubsetErrors(t *testing.T) {
	f := face(t, NewLibrary(), Kai)
	if _, _, err := f.Subset([]rune("文中")); err == nil || !strings.Contains(err.Error(), "sorted") {
		t.Errorf("unsorted characters: %v, want an error", err)
	}
	if _, _, err := face(t, NewLibrary(), Serif).Subset([]rune{'a', 'a'}); err == nil {
		t.Error("repeated character: no error")
	}
	if _, _, err := f.Subset(nil); err != nil {
		t.Errorf("no characters: %v, want .notdef alone", err)
	}
	// A loca entry past its successor, in a font Parse accepts: an error
	// (tdewolff/font's Subset panics on this).
	program, _, err := f.Subset([]rune{'中'})
	if err != nil {
		t.Fatal(err)
	}
	sf, err := Parse("subset", program)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(program)
	loca, _ := sf.dir.table(bad, "loca")
	binary.BigEndian.PutUint32(loca[4:], 0x7F000000) // glyph 1 starts past the end
	bf, err := Parse("bad", bad)
	if err != nil {
		t.Fatalf("the broken font no longer parses (%v): the test needs another", err)
	}
	if _, _, err := bf.Subset([]rune{'中'}); err == nil || !strings.Contains(err.Error(), "loca") {
		t.Errorf("loca out of order: %v, want an error naming loca", err)
	}
	// CheckSubsettable, which a run calls on user fonts at load, finds it
	// first: the writer would fail on it, and check would not.
	if err := bf.CheckSubsettable(); err == nil || !strings.Contains(err.Error(), "loca") {
		t.Errorf("loca out of order: CheckSubsettable = %v, want an error naming loca", err)
	}
	// So a composite glyph naming a glyph the font has not: tinyFont's
	// 'A' made a composite of glyph 99.
	comp := fonttest.Tiny()
	tf, err := Parse("tiny", comp)
	if err != nil {
		t.Fatal(err)
	}
	glyf, _ := tf.dir.table(comp, "glyf")
	binary.BigEndian.PutUint16(glyf[0:], 0xFFFF) // numberOfContours -1: composite
	binary.BigEndian.PutUint16(glyf[10:], 0)     // flags: byte arguments, the last component
	binary.BigEndian.PutUint16(glyf[12:], 99)    // the component
	cf, err := Parse("composite", comp)
	if err != nil {
		t.Fatalf("the broken font no longer parses (%v): the test needs another", err)
	}
	if _, _, err := cf.Subset([]rune{'A'}); err == nil || !strings.Contains(err.Error(), "component 99") {
		t.Errorf("component out of range: Subset = %v, want an error naming it", err)
	}
	if err := cf.CheckSubsettable(); err == nil || !strings.Contains(err.Error(), "component 99") {
		t.Errorf("component out of range: CheckSubsettable = %v, want an error naming it", err)
	}
	tiny, err := Parse("tiny", fonttest.Tiny())
	if err != nil {
		t.Fatal(err)
	}
	// A font without a post table (tinyFont has none) is embedded with a
	// version 3 post table of its own: the table only names glyphs.
	if err := tiny.CheckSubsettable(); err != nil {
		t.Errorf("font without post: CheckSubsettable = %v", err)
	}
	sub, _, err := tiny.Subset([]rune{'A'})
	if err != nil {
		t.Fatalf("font without post: %v", err)
	}
	sp, err := Parse("sub", sub)
	if err != nil {
		t.Fatalf("the subset of a font without post does not parse: %v", err)
	}
	if post, err := sp.dir.table(sub, "post"); err != nil || len(post) != 32 || binary.BigEndian.Uint32(post) != 0x00030000 {
		t.Errorf("the subset's post table = % x (%v), want version 3", post, err)
	}
}

// TestSubsetProperty subsets random sets of covered and uncovered runes.
func TestSubsetProperty(t *testing.T) {
	l := NewLibrary()
	faces := []*Face{face(t, l, Serif), face(t, l, SansBlack), face(t, l, Kai)}
	rapid.Check(t, func(t *rapid.T) {
		f := rapid.SampledFrom(faces).Draw(t, "face")
		runes := rapid.SliceOfN(rapid.OneOf(
			rapid.Int32Range(0x20, 0x7E), rapid.Int32Range(0xA0, 0x2FF), rapid.Int32Range(0x2000, 0x2FFF),
			rapid.Int32Range(0x4E00, 0x9FFF), rapid.Int32Range(0xFF00, 0xFFFF),
			rapid.Int32Range(0x20000, 0x2FFFF)), 0, 300).Draw(t, "runes")
		slices.Sort(runes)
		runes = slices.Compact(runes)
		program, _, err := f.Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		checkSubset(t, f, runes, program)
	})
}

// FuzzSubset subsets whatever Parse accepts: errors, never a panic; and a
// subset it makes parses again.
func FuzzSubset(f *testing.F) {
	program, _, err := face(f, NewLibrary(), Kai).Subset(sortedRunes("A¨−中文"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(program, "中文A¨−")
	f.Add(fonttest.Tiny(), "A")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		face, err := Parse("fuzz", data)
		if err != nil {
			return
		}
		checked := face.CheckSubsettable() == nil
		program, stub, err := face.Subset(sortedRunes(text))
		if err != nil {
			// A font CheckSubsettable accepts at load must not fail the
			// writer later.
			if checked {
				t.Fatalf("CheckSubsettable accepted the font, Subset(%q) failed: %v", text, err)
			}
			return
		}
		for _, b := range [][]byte{program, stub} {
			if _, err := Parse("subset", b); err != nil {
				t.Fatalf("a subset Subset made does not parse: %v", err)
			}
		}
		// The same characters in the order given, as a writer numbers them.
		gids := []uint16{0}
		seen := map[uint16]bool{0: true}
		for _, r := range text {
			if g, ok := face.GlyphIndex(r); ok && !seen[g] {
				seen[g] = true
				gids = append(gids, g)
			}
		}
		if program, err = face.SubsetGlyphs(gids); err == nil {
			cidSubsetTables(t, program, len(gids))
		}
	})
}

// BenchmarkSubset subsets the serif for a page of body text: 1,600
// distinct characters, the size of the samples' serif subsets.
func BenchmarkSubset(b *testing.B) {
	f := face(b, NewLibrary(), Serif)
	var runes []rune
	for r := rune(0x4E00); len(runes) < 1600; r += 7 {
		if f.Covers(r) {
			runes = append(runes, r)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := f.Subset(runes); err != nil {
			b.Fatal(err)
		}
	}
}

// nameRecords returns a version 0 name table's records as "platform/
// encoding/language/id" → string, failing on a table it cannot read.
func nameRecords(t *testing.T, name []byte) map[string]string {
	t.Helper()
	if len(name) < 6 || binary.BigEndian.Uint16(name) != 0 {
		t.Fatalf("name table: %d bytes, not version 0", len(name))
	}
	count, storage := int(binary.BigEndian.Uint16(name[2:])), int(binary.BigEndian.Uint16(name[4:]))
	out := map[string]string{}
	for i := range count {
		r := name[6+12*i:]
		length, offset := int(binary.BigEndian.Uint16(r[8:])), int(binary.BigEndian.Uint16(r[10:]))
		if storage+offset+length > len(name) {
			t.Fatalf("name record %d lies outside the table", i)
		}
		key := fmt.Sprintf("%d/%d/%d/%d", binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]), binary.BigEndian.Uint16(r[4:]), binary.BigEndian.Uint16(r[6:]))
		out[key] = string(name[storage+offset : storage+offset+length])
	}
	return out
}

// TestSubsetName: a subset's name table holds exactly the source's records
// that subsetNameIDs keeps (copyright and licence among them), with the
// same strings, and the subset parses to the same PostScript and family
// names; each embedded face loses some records. A table subsetName cannot
// read is kept as it is.
func TestSubsetName(t *testing.T) {
	l := NewLibrary()
	for _, name := range l.Names() {
		f := face(t, l, name)
		src, err := f.subsetSource()
		if err != nil {
			t.Fatal(err)
		}
		program, _, err := f.Subset([]rune("区新港闻"))
		if err != nil {
			t.Fatal(err)
		}
		dir, err := readDirectory(program)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := dir.table(program, "name")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for k, v := range nameRecords(t, src.name) {
			var id uint16
			fmt.Sscanf(k[strings.LastIndex(k, "/")+1:], "%d", &id)
			if subsetNameIDs(id) {
				want[k] = v
			}
		}
		got := nameRecords(t, sub)
		if len(got) != len(want) || len(got) >= len(nameRecords(t, src.name)) {
			t.Errorf("%s: %d name records kept of %d, want %d", name, len(got), len(nameRecords(t, src.name)), len(want))
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: name record %s is %q, want %q", name, k, got[k], v)
			}
		}
		for _, id := range []string{"0", "13"} { // copyright, licence (Windows, US English)
			if got["3/1/1033/"+id] == "" {
				t.Errorf("%s: the subset has no name record %s", name, id)
			}
		}
		sf, err := Parse("subset", program)
		if err != nil {
			t.Fatal(err)
		}
		if sf.PostScriptName() != f.PostScriptName() || sf.FamilyName() != f.FamilyName() {
			t.Errorf("%s: subset named %q/%q, want %q/%q", name, sf.PostScriptName(), sf.FamilyName(), f.PostScriptName(), f.FamilyName())
		}
	}
	for _, bad := range [][]byte{nil, {0, 1, 0, 1, 0, 18}, {0, 0, 0, 9, 0, 6}, {0, 0, 0, 1, 0, 18, 0, 3, 0, 1, 4, 9, 0, 9, 0, 200, 0, 0}} {
		if got := subsetName(bad); !bytes.Equal(got, bad) {
			t.Errorf("subsetName(%x) = %x, want it unchanged", bad, got)
		}
	}
}

// naiveChecksum is the TrueType checksum read four bytes at a time.
func naiveChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// TestChecksums: checksum agrees with the four-byte sum on every length
// and content, and a subset's table records carry their tables' sums and
// its head the adjustment that makes the whole font sum to 0xB1B0AFBA.
func TestChecksums(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := rapid.SliceOfN(rapid.Byte(), 0, 100).Draw(t, "bytes")
		if got, want := checksum(b), naiveChecksum(b); got != want {
			t.Fatalf("checksum(%x) = %#x, want %#x", b, got, want)
		}
	})
	l := NewLibrary()
	for _, name := range l.Names() {
		program, _, err := face(t, l, name).Subset([]rune("区新港闻"))
		if err != nil {
			t.Fatal(err)
		}
		if got := naiveChecksum(program); got != 0xB1B0AFBA {
			t.Errorf("%s: the font sums to %#x, want 0xB1B0AFBA", name, got)
		}
		n := int(binary.BigEndian.Uint16(program[4:]))
		for i := range n {
			rec := program[12+16*i:]
			sum, off, length := binary.BigEndian.Uint32(rec[4:]), binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			table := program[off : off+length]
			if string(rec[:4]) == "head" {
				table = bytes.Clone(table)
				binary.BigEndian.PutUint32(table[8:], 0) // checkSumAdjustment is left out of head's sum
			}
			if want := naiveChecksum(table); sum != want {
				t.Errorf("%s: %s's checksum %#x, want %#x", name, rec[:4], sum, want)
			}
		}
	}
}
