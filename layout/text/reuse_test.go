package text

import (
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/broadsheet-news/broadsheet/units"
)

// TestPropertyReusedComposer: a Composer that has set other paragraphs,
// or the same paragraph in another style or at another measure (it
// remembers segmentations, and analyses by text and style), sets a
// paragraph exactly as a new Composer does.
func TestPropertyReusedComposer(t *testing.T) {
	used := NewComposer()
	rapid.Check(t, func(t *rapid.T) {
		wild := rapid.Bool().Draw(t, "wild")
		in := genParagraph(t, wild)
		check := func(st Style) {
			got := used.Compose(in, st)
			want := NewComposer().Compose(in, st)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("reused Composer set %q differently:\n%s\nnew one:\n%s", in, dump(got), dump(want))
			}
		}
		for range rapid.IntRange(1, 3).Draw(t, "styles") {
			st := genStyle(t, wild)
			check(st)
			// The same style at other measures and indents: the analysis
			// comes from memory, the lines must not.
			for range rapid.IntRange(1, 3).Draw(t, "measures") {
				other := st
				other.Measure = st.Size * units.Length(rapid.IntRange(1, 40).Draw(t, "ems"))
				other.Indent = st.Size * units.Length(rapid.IntRange(0, 3).Draw(t, "indent"))
				other.IndentShrink = other.Indent / units.Length(rapid.IntRange(1, 4).Draw(t, "give"))
				check(other)
			}
			check(st)
		}
	})
}
