package fonts

import (
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
