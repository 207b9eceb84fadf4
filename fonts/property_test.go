package fonts

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/units"
	"pgregory.net/rapid"
)

// TestLookupProperties checks, for arbitrary runes and sizes, that the
// face's BMP cache agrees with the cmap it was built from, and that advances
// scale as integer arithmetic promises: linear within rounding, monotone in
// size, and exactly size×advance/upem.
func TestLookupProperties(t *testing.T) {
	l := NewLibrary()
	faces := []*Face{face(t, l, Serif), face(t, l, SansBlack), face(t, l, Kai)}
	rapid.Check(t, func(t *rapid.T) {
		f := faces[rapid.IntRange(0, len(faces)-1).Draw(t, "face")]
		r := rapid.OneOf(
			rapid.Int32Range(0x4E00, 0x9FFF), // CJK Unified Ideographs
			rapid.Int32Range(0x3000, 0x303F), // CJK punctuation
			rapid.Int32Range(0xFF00, 0xFFEF), // full-width forms
			rapid.Int32Range(0, 0x10FFFF),
		).Draw(t, "rune")
		a := units.Length(rapid.Int64Range(1, int64(units.Pt(200))).Draw(t, "a"))
		b := units.Length(rapid.Int64Range(1, int64(units.Pt(200))).Draw(t, "b"))

		g, ok := f.GlyphIndex(r)
		cg, cok := f.cmap.Lookup(r) // the go-text cmap the BMP table caches
		if cok && cg == 0 {
			cok = false
		}
		if ok != cok || (ok && uint32(g) != uint32(cg)) {
			t.Fatalf("%s: GlyphIndex(%U) = %d, %v; cmap says %d, %v", f.Name(), r, g, ok, cg, cok)
		}
		if f.Covers(r) != ok {
			t.Fatalf("Covers and GlyphIndex disagree on %U", r)
		}

		adv := int64(f.AdvanceUnits(r))
		if got, want := f.Advance(r, a), a.Scale(adv, int64(f.UnitsPerEm())); got != want {
			t.Fatalf("Advance(%U, %d) = %d, want %d", r, a, got, want)
		}
		sum, whole := f.Advance(r, a)+f.Advance(r, b), f.Advance(r, a+b)
		if d := sum - whole; d < -1 || d > 1 {
			t.Fatalf("Advance(%U) not linear: %d + %d vs %d", r, f.Advance(r, a), f.Advance(r, b), whole)
		}
		if lo, hi := min(a, b), max(a, b); f.Advance(r, lo) > f.Advance(r, hi) {
			t.Fatalf("Advance(%U) decreases with size", r)
		}
		left, right := f.InkBounds(r, a)
		if left > right {
			t.Fatalf("InkBounds(%U) = %d..%d", r, left, right)
		}
		if !ok && (left != 0 || right != 0) {
			t.Fatalf("uncovered %U has ink %d..%d", r, left, right)
		}
	})
}
