package fonts

import "testing"

// TestBMPTableAgreesWithLookup holds the table Parse builds from one walk
// of the cmap to what looking up each character gives, for every built-in
// face and every character of the Basic Multilingual Plane.
func TestBMPTableAgreesWithLookup(t *testing.T) {
	l := NewLibrary()
	for _, bi := range builtins() {
		f, err := l.Face(bi.name)
		if err != nil {
			t.Fatal(err)
		}
		mapped := 0
		for r := rune(0); r < 0x10000; r++ {
			var want uint16
			if g, ok := f.cmap.Lookup(r); ok && int(g) < f.numGlyphs {
				want = uint16(g)
			}
			if f.bmp[r] != want {
				t.Fatalf("%s: U+%04X: table has glyph %d, lookup %d", bi.name, r, f.bmp[r], want)
			}
			if want != 0 {
				mapped++
			}
		}
		if mapped < 20000 {
			t.Errorf("%s: only %d characters mapped; a CJK face maps tens of thousands", bi.name, mapped)
		}
	}
}
