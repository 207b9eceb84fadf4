package text

import (
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// TestPropertyReusedComposer: a Composer that has set other paragraphs,
// or the same paragraph in another style (it remembers segmentations),
// sets a paragraph exactly as a new Composer does.
func TestPropertyReusedComposer(t *testing.T) {
	used := NewComposer()
	rapid.Check(t, func(t *rapid.T) {
		wild := rapid.Bool().Draw(t, "wild")
		in := genParagraph(t, wild)
		for range rapid.IntRange(1, 3).Draw(t, "styles") {
			st := genStyle(t, wild)
			got := used.Compose(in, st)
			want := NewComposer().Compose(in, st)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("reused Composer set %q differently:\n%s\nnew one:\n%s", in, dump(got), dump(want))
			}
		}
	})
}
