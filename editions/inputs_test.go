package editions

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestInputs: Inputs lists every file the edition names, each time it is
// named, with its kind and where it is named, in the documented order:
// the edition, the fonts as written, then page by page each article's
// photos and then its photo story's photo, and the page's ads.
func TestInputs(t *testing.T) {
	const src = `paper: 港区新闻
date: 2026-03-18
issue: 5321
fonts:
  zed: {file: fonts/z.ttf}
  abc: {file: fonts/a.ttf}
pages:
  - number: 1
    articles:
      - id: one
        headline: 一
        body: 甲。
        photos:
          - {file: p/b.jpg}
          - {file: p/a.png}
      - id: story
        headline: 二
        photo: {file: p/story.jpg}
        photos:
          - {file: p/extra.jpg}
    ads:
      - {id: bank, file: ads/bank.pdf, at: {column: 1, span: 2}}
      - {id: shop, file: p/a.png, at: {column: 3, span: 2}}
  - number: 2
    ads:
      - {id: late, file: ads/late.jpg, at: {column: 1, span: 2}}
    articles:
      - id: three
        headline: 三
        body: 丙。
        photos:
          - {file: p/b.jpg}
`
	ed, err := Parse(filepath.Join("dir", "e.yaml"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range ed.Inputs() {
		got = append(got, string(in.Kind)+" "+filepath.ToSlash(in.Path)+" "+in.Pos.String())
	}
	want := []string{
		"edition dir/e.yaml dir/e.yaml",
		"font dir/fonts/z.ttf dir/e.yaml:5:8",
		"font dir/fonts/a.ttf dir/e.yaml:6:8",
		"photo dir/p/b.jpg dir/e.yaml:14:13",
		"photo dir/p/a.png dir/e.yaml:15:13",
		"photo dir/p/extra.jpg dir/e.yaml:20:13",
		"story dir/p/story.jpg dir/e.yaml:18:16",
		"ad dir/ads/bank.pdf dir/e.yaml:22:9",
		"ad dir/p/a.png dir/e.yaml:23:9",
		"photo dir/p/b.jpg dir/e.yaml:32:13",
		"ad dir/ads/late.jpg dir/e.yaml:26:9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Inputs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
