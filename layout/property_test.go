package layout

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestComposeProperties composes random small editions (tabloid pages,
// random numbers and lengths of articles, photos, ads and jumps) and checks
// that Compose never panics, never drops text silently, and keeps every
// page invariant whenever it reports no error and no hole.
func TestComposeProperties(t *testing.T) {
	lib := fonts.NewLibrary()
	cleanRuns := 0
	defer func() { t.Logf("%d clean compositions checked", cleanRuns) }()
	rapid.Check(t, func(rt *rapid.T) {
		pages := rapid.IntRange(1, 2).Draw(rt, "pages")
		var b strings.Builder
		b.WriteString("paper: 测试报\ndate: 2026-03-18\nissue: 7\npreset: sikai\npages:\n")
		for p := 1; p <= pages; p++ {
			fmt.Fprintf(&b, "  - number: %d\n    section: 版%d\n    articles:", p, p)
			n := rapid.IntRange(1, 6).Draw(rt, "articles")
			for a := 0; a < n; a++ {
				extra := ""
				if rapid.IntRange(0, 3).Draw(rt, "photo") == 0 {
					extra += "        photos:\n          - {file: photos/meeting.jpg, caption: 现场。, credit: ■摄影 记者 王五}\n"
				}
				if p < pages && a == 0 && rapid.Bool().Draw(rt, "jump") {
					extra += fmt.Sprintf("        continue-on: %d\n", pages)
				}
				if h := rapid.IntRange(0, 5).Draw(rt, "hint"); h > 0 {
					extra += fmt.Sprintf("        span: %d\n", h)
				}
				b.WriteString(article(fmt.Sprintf("a%d-%d", p, a), fmt.Sprintf("第%d版第%d条新闻标题", p, a+1),
					rapid.IntRange(1, 14).Draw(rt, "paragraphs"), rapid.IntRange(0, 7).Draw(rt, "seed"), extra))
			}
			if rapid.IntRange(0, 2).Draw(rt, "ad") == 0 {
				fmt.Fprintf(&b, "\n    ads:\n      - {id: ad%d, file: ads/bank.pdf, at: {column: %d, span: 2, bottom: true, lines: %d}}",
					p, rapid.IntRange(1, 4).Draw(rt, "adcol"), rapid.IntRange(5, 30).Draw(rt, "adlines"))
			}
			b.WriteString("\n")
		}
		ed := parseEd(t, b.String())
		rt.Logf("edition:\n%s", b.String())
		for pi := range ed.Pages {
			for ai := range ed.Pages[pi].Articles {
				for k := range ed.Pages[pi].Articles[ai].Photos {
					ed.Pages[pi].Articles[ai].Photos[k].PixelWidth = 1600
					ed.Pages[pi].Articles[ai].Photos[k].PixelHeight = 1067
				}
			}
		}
		doc, err := Compose(ed, lib, Options{})
		if err != nil {
			rt.Fatalf("Compose: %v", err)
		}
		clean := true
		overset := map[string]bool{}
		for _, d := range doc.Diagnostics {
			if d.Severity == display.Error || d.Code == "underset" {
				clean = false
			}
			if d.Code == "overset" {
				overset[d.Article] = true
			}
			if d.Code == "overset" && (d.Article == "" || !strings.Contains(d.Message, "lines")) {
				rt.Errorf("overset report without article or size: %+v", d)
			}
		}
		if clean {
			cleanRuns++
		}
		// Overlaps, the grid, balance, the lead's place, photos and every
		// character of the articles not reported overset: always; the fill
		// of every column only when nothing was reported.
		checkDocExcept(rt, ed, lib, doc, clean, overset)
	})
}
