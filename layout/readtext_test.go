package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestTextIsWhatIsSet: Text prints exactly the characters Compose draws for
// the articles (headline blocks, flows, captions), no more and no fewer,
// whitespace aside: the dateline's 全角空格, normalised punctuation and all.
func TestTextIsWhatIsSet(t *testing.T) {
	lib := fonts.NewLibrary()
	for _, path := range sampleEditions() {
		ed := loadSample(t, path)
		doc := composeEd(t, ed, lib)
		var drawn []rune
		for _, pg := range doc.Pages {
			for _, it := range pg.Items {
				r, ok := it.(*display.GlyphRun)
				if !ok || r.Article == "" || r.Role == display.RoleJump || r.Role == display.RoleHeadlineRepeat {
					continue
				}
				for _, g := range r.Glyphs {
					drawn = append(drawn, []rune(strip(g.Text))...)
				}
			}
		}
		lines, err := Text(ed, lib)
		if err != nil {
			t.Fatal(err)
		}
		printed := []rune(strip(strings.Join(lines, "")))
		slices.Sort(drawn)
		slices.Sort(printed)
		if string(drawn) != string(printed) {
			t.Errorf("%s: Text prints %d characters, Compose draws %d for the articles", path, len(printed), len(drawn))
		}
		if !strings.Contains(strings.Join(lines, "\n"), "本报讯\u3000") {
			t.Errorf("%s: no dateline followed by its 全角空格", path)
		}
	}
}
