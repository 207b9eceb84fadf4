package fonts

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/units"
)

// BenchmarkFaceFirstUse measures the cost of parsing each built-in face on
// first use (a new Library each iteration).
func BenchmarkFaceFirstUse(b *testing.B) {
	for _, bi := range builtins() {
		name := bi.name
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NewLibrary().Face(name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFaceCached measures Library.Face once the face is parsed.
func BenchmarkFaceCached(b *testing.B) {
	l := NewLibrary()
	face(b, l, Serif)
	b.ReportAllocs()
	for b.Loop() {
		l.Face(Serif)
	}
}

// BenchmarkAdvance measures one advance lookup over a mix of Han,
// punctuation, Latin and an astral rune; it must not allocate.
func BenchmarkAdvance(b *testing.B) {
	f := face(b, NewLibrary(), Serif)
	text := []rune("本报讯，3月16日开发区召开工作会议。Broadsheet𠀀")
	var sum units.Length
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sum += f.Advance(text[i], units.Pt(9))
		i++
		if i == len(text) {
			i = 0
		}
	}
	if sum == 0 {
		b.Fatal("no advance")
	}
}

// BenchmarkInkBounds measures one glyph-bounds lookup.
func BenchmarkInkBounds(b *testing.B) {
	f := face(b, NewLibrary(), Serif)
	text := []rune("。，、（）《》中")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f.InkBounds(text[i], units.Pt(9))
		i++
		if i == len(text) {
			i = 0
		}
	}
}

func TestAdvanceDoesNotAllocate(t *testing.T) {
	f := face(t, NewLibrary(), Serif)
	allocs := testing.AllocsPerRun(100, func() {
		f.Advance('中', units.Pt(9))
		f.Advance(0x20000, units.Pt(9))
		f.InkBounds('。', units.Pt(9))
		f.Covers('a')
	})
	if allocs != 0 {
		t.Fatalf("lookups allocate %v times", allocs)
	}
}
