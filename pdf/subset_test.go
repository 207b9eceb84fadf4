package pdf

import (
	"slices"
	"testing"

	"github.com/signintech/gopdf/fontmaker/core"
	"pgregory.net/rapid"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// The subset itself is tested in fonts (Face.Subset). These tests check
// what the writer relies on: gopdf parses both the program and the stub,
// and maps every character the face covers to the glyph the subset's own
// cmap gives it, with the original's advance, and the rest to .notdef.

// gopdfLookup maps a rune through gopdf's parsed cmap, as SubsetFontObj
// does (format 4 in the BMP, format 12 beyond).
type gopdfLookup struct{ p *core.TTFParser }

func (l *gopdfLookup) glyph(r rune) uint {
	if r > 0xFFFF {
		for _, g := range l.p.GroupingTables() {
			if uint(r) >= g.StartCharCode && uint(r) <= g.EndCharCode {
				return uint(r) - g.StartCharCode + g.GlyphID
			}
		}
		return 0
	}
	for seg := uint(0); seg < l.p.SegCount; seg++ {
		if uint(r) <= l.p.EndCount[seg] {
			if uint(r) < l.p.StartCount[seg] || l.p.IdRangeOffset[seg] != 0 {
				return 0
			}
			return (uint(r) + l.p.IdDelta[seg]) & 0xFFFF
		}
	}
	return 0
}

// checkGopdfReads subsets face for runes (sorted, distinct) and checks the
// result as gopdf reads it.
func checkGopdfReads(t interface {
	Helper()
	Fatalf(string, ...any)
}, face *fonts.Face, runes []rune) {
	t.Helper()
	program, stub, err := face.Subset(runes)
	if err != nil {
		t.Fatalf("%s: %v", face.Name(), err)
	}
	sub, err := fonts.Parse("subset", program)
	if err != nil {
		t.Fatalf("%s: subset does not parse: %v", face.Name(), err)
	}
	for _, b := range [][]byte{program, stub} {
		var ttf core.TTFParser
		if err := ttf.ParseFontData(b); err != nil {
			t.Fatalf("gopdf cannot parse the subset of %s: %v", face.Name(), err)
		}
		l := &gopdfLookup{&ttf}
		for _, r := range runes {
			want, _ := sub.GlyphIndex(r) // 0 when not covered
			if _, ok := face.GlyphIndex(r); !ok && want != 0 {
				t.Fatalf("%s: %q not in the face but in the subset", face.Name(), r)
			}
			if g := l.glyph(r); g != uint(want) {
				t.Fatalf("%s: gopdf maps %q to %d, want %d", face.Name(), r, g, want)
			}
			if want != 0 && int(ttf.Widths()[want]) != face.AdvanceUnits(r) {
				t.Fatalf("%s: gopdf reads %q's advance as %d, want %d", face.Name(), r, ttf.Widths()[want], face.AdvanceUnits(r))
			}
		}
	}
}

func TestSubsetReadsInGopdf(t *testing.T) {
	lib := sharedLib()
	for _, name := range []string{fonts.Serif, fonts.SansBold, fonts.Kai} {
		face, err := lib.Face(name)
		if err != nil {
			t.Fatal(err)
		}
		// Han (一 shares its glyph with a Kangxi radical), Latin, digits,
		// punctuation, a space, composites in the Kai face (U+00A8,
		// U+2212), a rune no face covers, one beyond the BMP.
		runes := []rune("中文 报讯一Aa0。，“”¨−\uE000")
		for r := rune(0x20000); r < 0x2A6DF; r++ {
			if face.Covers(r) {
				runes = append(runes, r)
				break
			}
		}
		slices.Sort(runes)
		checkGopdfReads(t, face, slices.Compact(runes))
	}
}

// TestSubsetReadsInGopdfProperty does the same for random sets of runes.
func TestSubsetReadsInGopdfProperty(t *testing.T) {
	lib := sharedLib()
	names := []string{fonts.Serif, fonts.SansBlack, fonts.Kai}
	rapid.Check(t, func(t *rapid.T) {
		face, err := lib.Face(rapid.SampledFrom(names).Draw(t, "face"))
		if err != nil {
			t.Fatal(err)
		}
		runes := rapid.SliceOfN(rapid.OneOf(
			rapid.Int32Range(0x20, 0x7E), rapid.Int32Range(0x2000, 0x2BFF),
			rapid.Int32Range(0x4E00, 0x9FFF), rapid.Int32Range(0xFF00, 0xFFFF),
			rapid.Int32Range(0x20000, 0x2FFFF)), 0, 300).Draw(t, "runes")
		slices.Sort(runes)
		checkGopdfReads(t, face, slices.Compact(runes))
	})
}
