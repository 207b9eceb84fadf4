package layout

import (
	"os"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestEmptyColumnReported: a module whose text is too short to reach all
// its columns leaves a column empty from top to foot; that hole is reported
// as underset, never left silent (rapid found one in a continuation).
func TestEmptyColumnReported(t *testing.T) {
	src, err := os.ReadFile("testdata/empty-column.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ed := parseEd(t, string(src))
	for pi := range ed.Pages { // as TestComposeProperties sets them (Parse reads no files)
		for ai := range ed.Pages[pi].Articles {
			for k := range ed.Pages[pi].Articles[ai].Photos {
				ed.Pages[pi].Articles[ai].Photos[k].PixelWidth = 1600
				ed.Pages[pi].Articles[ai].Photos[k].PixelHeight = 1067
			}
		}
	}
	doc := composeEd(t, ed, fonts.NewLibrary())
	for _, d := range doc.Diagnostics {
		if d.Code == diag.Underset && d.Page == 2 && strings.Contains(d.Message, "stays empty") {
			return
		}
	}
	t.Errorf("no underset report of the empty column; diagnostics: %+v", doc.Diagnostics)
}
