package editions

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/broadsheet-news/broadsheet/units"
)

const minimal = `paper: 港区新闻
date: 2026-03-18
issue: 5321
pages:
  - number: 1
    section: 要闻
    editors: {责任编辑: 王某, 美编: 李某, 校对: 赵某}
    articles:
      - id: council
        kicker: 传达会议精神
        headline: 开发区召开工作会议
        byline: ■记者 张三
        dateline: 本报讯
        body: |
          3月16日，开发区召开
          工作会议。

          会议指出，要抓好
          ISO 9001
          认证。
`

func TestParseMinimalAppliesDefaults(t *testing.T) {
	ed, err := Parse("e.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if ed.Paper != "港区新闻" || ed.Issue != 5321 || ed.Date != (Date{2026, 3, 18}) {
		t.Errorf("header = %q %d %v", ed.Paper, ed.Issue, ed.Date)
	}
	g := ed.Page
	if g.Preset != "duikai" || g.Width != units.Mm(390) || g.Height != units.Mm(546) || g.Columns != 8 || g.ColumnChars != 13 {
		t.Errorf("geometry = %+v", g)
	}
	body := ed.Styles.Body
	if body.Size != units.Pt(9) || body.Leading != 13500 || body.Indent != units.Pt(18) || body.Font != "serif" {
		t.Errorf("body style = %+v", body)
	}
	// The columns are whole characters; the leftover is split between the margins.
	if got := g.Margins.Inside + g.Margins.Outside + g.TypeWidth(body.Size); got != g.Width {
		t.Errorf("margins + type area = %v, page width %v", got, g.Width)
	}
	if g.ColumnWidth(body.Size) != units.Pt(117) {
		t.Errorf("column width = %v, want 117pt (13 × 9pt)", g.ColumnWidth(body.Size))
	}
	a := ed.Pages[0].Articles[0]
	want := []string{"3月16日，开发区召开工作会议。", "会议指出，要抓好ISO 9001认证。"}
	if strings.Join(a.Body, "|") != strings.Join(want, "|") {
		t.Errorf("body = %q, want %q", a.Body, want)
	}
	eds := ed.Pages[0].Editors
	if len(eds) != 3 || eds[0].Role != "责任编辑" || eds[2].Name != "赵某" {
		t.Errorf("editors = %+v (order must be kept)", eds)
	}
	if a.Pos.Line != 9 || a.Pos.Column != 9 {
		t.Errorf("article position = %v", a.Pos)
	}
	if ed.Date.Chinese() != "2026年3月18日" || ed.Date.Weekday() != "星期三" || ed.Date.String() != "2026-03-18" {
		t.Errorf("date formats: %s %s %s", ed.Date.Chinese(), ed.Date.Weekday(), ed.Date)
	}
}

func TestParseReportsEveryProblemWithPosition(t *testing.T) {
	src := `paper: 港区新闻
date: 2026-02-30
isue: 5321
preset: duikia
style:
  body: {size: 9px, font: serf}
page: {bleed: 3 mm, columns: 30}
pages:
  - number: 1
    articles:
      - id: a1
        headlin: 测试
        body: 正文
        span: many
      - id: a1
        headline: 二
        body: 正文
        continue-on: 9
        photos:
          - {file: x.gif, fit: stretch, focus: [0.5]}
`
	_, err := Parse("bad.yaml", []byte(src))
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want Problems", err)
	}
	want := []string{
		`bad.yaml:1:1: the edition is missing the required key "issue"`,
		`bad.yaml:2:7: date "2026-02-30" is not a real date`,
		`bad.yaml:3:1: unknown key "isue" in the edition (did you mean "issue"?)`,
		`bad.yaml:4:9: preset "duikia" is not one of duikai, duikai-narrow, sikai (did you mean "duikai"?)`,
		`bad.yaml:6:16: style body size: "9px" is not a length`,
		`bad.yaml:6:27: style body: font "serf" is neither built in`,
		`bad.yaml:7:7: columns should be 1 to 20, not 30`,
		`bad.yaml:12:9: article a1: unknown key "headlin" in article (did you mean "headline"?)`,
		`bad.yaml:14:15: article a1: span should be a whole number, not "many"`,
		`bad.yaml:15:9: article a1: the id "a1" is already used at bad.yaml:11:9`,
		`bad.yaml:15:9: article a1: continue-on: page 9 is not in this edition`,
		`article a1: photo "x.gif" should be a JPEG or PNG file`,
		`fit "stretch" is not one of cover, contain`,
		`focus should be two numbers`,
	}
	text := err.Error()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("missing problem %q in:\n%s", w, text)
		}
	}
	if strings.Contains(text, "span should be 1 to") {
		t.Errorf("a span that failed to decode was checked again:\n%s", text)
	}
}

func TestParseSyntaxErrorHasLine(t *testing.T) {
	_, err := Parse("s.yaml", []byte("paper: x\ndate: [2026\nissue: 1\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "s.yaml:") || !strings.Contains(err.Error(), "YAML syntax") {
		t.Fatalf("err = %v", err)
	}
	var ps Problems
	if !errors.As(err, &ps) || ps[0].Pos.Line == 0 {
		t.Errorf("syntax error without a line: %v", err)
	}
}

// TestParseSyntaxErrorOnLineOneHasLine: yaml.v3 writes no line for a
// problem on the first line, nor for an alias to an unknown anchor; both
// printed as "s.yaml: YAML syntax: …", with no line at all.
func TestParseSyntaxErrorOnLineOneHasLine(t *testing.T) {
	for _, c := range []struct {
		data string
		line int
	}{
		{"paper: a: b\n", 1},
		{"{paper: x]\n", 1},
		{"paper: " + strings.Repeat("[", 10001) + "\n", 1},
		{"paper: x\ndate: [" + strings.Repeat("[", 10001) + "\n", 2},
		{"paper: x\n# *a\nissue: *ab\ndate: *a\n", 3},
		{"paper: x\nissue: *a", 2},
	} {
		_, err := Parse("s.yaml", []byte(c.data))
		var ps Problems
		if !errors.As(err, &ps) || ps[0].Pos.Line != c.line || !strings.Contains(err.Error(), "YAML syntax") {
			t.Errorf("%.30q…: %v, want a problem on line %d", c.data, err, c.line)
		}
	}
}

// TestParseSyntaxErrorLines: yaml.v3 names the line before the one at
// fault for its parser errors (it counts lines from 0 and adds 1 for its
// scanner's errors only): an unclosed [ on line 2 was reported on line 1.
func TestParseSyntaxErrorLines(t *testing.T) {
	for _, c := range []struct {
		data string
		line int
	}{
		{"paper: x\ndate: [2026\nissue: 1\n", 2},
		{"paper:\n  x: 1\n y: 2\n", 3},
		{"- a\nb: 1", 2},
		{"paper: x\nissue: 1: 2\n", 2}, // a scanner error, named right already
		{"paper: [", 1},
	} {
		_, err := Parse("s.yaml", []byte(c.data))
		var ps Problems
		if !errors.As(err, &ps) || ps[0].Pos.Line != c.line || !strings.Contains(err.Error(), "YAML syntax") {
			t.Errorf("%q: %v, want a problem on line %d", c.data, err, c.line)
		}
	}
}

// TestParseEveryProblemHasALine: a struct given as something other than a
// mapping has a position for the checks after decoding; "pages: [a]" gave
// "page number should be 1 or more, not 0" at no line at all.
func TestParseEveryProblemHasALine(t *testing.T) {
	for _, data := range []string{
		"paper: x\ndate: 2026-03-18\nissue: 1\npages:\n  - a\n",
		"paper: x\ndate: 2026-03-18\nissue: 1\npages:\n  - number: 1\n    articles: [a, 3]\n",
		"paper: x\ndate: 2026-03-18\nissue: 1\npage: a\npages:\n  - number: 1\n    ads: [x]\n",
	} {
		_, err := Parse("s.yaml", []byte(data))
		var ps Problems
		if !errors.As(err, &ps) {
			t.Fatalf("%q: %v", data, err)
		}
		for _, p := range ps {
			if p.Pos.Line < 1 {
				t.Errorf("%q: a problem without a line: %v", data, p)
			}
		}
	}
}

// TestParseProblemPastTheEnd: yaml.v3 places the empty document of
// "---" on the line after it, which a file without a final newline does
// not have; the problem is put at the end of the last line. (FuzzParse
// found it: testdata/fuzz/FuzzParse/a9e88922f87ae8de.)
func TestParseProblemPastTheEnd(t *testing.T) {
	for _, c := range []struct {
		data      string
		line, col int
	}{
		{"---", 1, 4},
		{"---\n", 2, 1},
		{"# 港区新闻\n---", 2, 4},
	} {
		_, err := Parse("s.yaml", []byte(c.data))
		var ps Problems
		if !errors.As(err, &ps) || ps[0].Pos.Line != c.line || ps[0].Pos.Column != c.col {
			t.Errorf("%q: %v, want a problem at %d:%d", c.data, err, c.line, c.col)
		}
	}
}

func TestParseRejectsAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	b.WriteString("paper: x\ndate: 2026-01-01\nissue: 1\npages: [{number: 1, articles: [{id: a, headline: h, body: *a8}]}]\n")
	_, err := Parse("bomb.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("an alias bomb was accepted")
	}
}

// TestParseQuotesLongValuesShort: a message quotes a value of the file
// cut short, however long the value and however often an alias repeats
// it. An anchored text of 4 MB under 200 aliases where pages go made 839
// MB of messages (5.9 GB of memory, 34 s); a 1 MB file name of an ad
// named as often, as much again.
func TestParseQuotesLongValuesShort(t *testing.T) {
	long := strings.Repeat("长", 100_000) // 300 kB
	aliases := strings.TrimSuffix(strings.Repeat("*b, ", 200), ", ")
	for _, c := range []struct{ name, src, want string }{
		{"a page", "big: &b " + long + "\npages: [" + aliases + "]\n",
			`pages item should be a mapping of keys to values, not "` + strings.Repeat("长", 21) + `…"`},
		{"an ad's file", "big: &b " + long + "\npages: [{number: 1, articles: [{id: a, headline: h, body: b}], ads: [" +
			strings.TrimSuffix(strings.Repeat("{id: x, file: *b, at: {column: 1, span: 1}}, ", 200), ", ") + "]}]\n",
			`ad x: "` + strings.Repeat("长", 341) + `…" is not a JPEG, PNG or PDF file (by its name)`},
	} {
		_, err := Parse("long.yaml", []byte("paper: x\ndate: 2026-01-01\nissue: 1\n"+c.src))
		var ps Problems
		if !errors.As(err, &ps) {
			t.Fatalf("%s: %v", c.name, err)
		}
		found := false
		for _, p := range ps {
			if len(p.Msg) > 2*maxArgBytes {
				t.Fatalf("%s: a message of %d bytes: %.100s…", c.name, len(p.Msg), p.Msg)
			}
			found = found || p.Msg == c.want
		}
		if !found {
			t.Errorf("%s: no message %q among %d, the first %q", c.name, c.want, len(ps), ps[0].Msg)
		}
	}
}

// TestSuggestAsMeasuredInFull: suggest, which measures a word only
// against the candidates within reach of its length, answers as measuring
// it against every candidate did.
func TestSuggestAsMeasuredInFull(t *testing.T) {
	full := func(word string, candidates []string) string {
		best, bestD := "", min(len(word)/2+2, 3)
		for _, c := range candidates {
			if d := editDistance(strings.ToLower(word), c); d < bestD || (d == bestD && best == "" && d <= 2) {
				best, bestD = c, d
			}
		}
		return best
	}
	rapid.Check(t, func(t *rapid.T) {
		alphabet := rapid.SampledFrom([]rune("abcdeAİ长-"))
		word := string(rapid.SliceOfN(alphabet, 0, 12).Draw(t, "word"))
		candidates := rapid.SliceOfN(rapid.StringOfN(alphabet, 0, 10, -1), 0, 6).Draw(t, "candidates")
		if got, want := suggest(word, candidates), full(word, candidates); got != want {
			t.Fatalf("suggest(%q, %q) = %q, measured in full %q", word, candidates, got, want)
		}
	})
}

func TestLoadReadsPhotoHeadersAndNamesMissingFiles(t *testing.T) {
	dir := t.TempDir()
	// A 3×2 PNG, written by hand-made bytes via image/png in a helper.
	writePNG(t, filepath.Join(dir, "p.png"), 3, 2)
	src := strings.Replace(minimal, "        body: |", "        photos:\n          - {file: p.png, caption: 图}\n          - {file: missing.jpg}\n        body: |", 1)
	path := filepath.Join(dir, "e.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "e.yaml:16:13: article council: photo missing.jpg does not exist") {
		t.Fatalf("err = %v", err)
	}
	src = strings.Replace(src, "          - {file: missing.jpg}\n", "", 1)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ed, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p := ed.Pages[0].Articles[0].Photos[0]
	if p.PixelWidth != 3 || p.PixelHeight != 2 || p.Format != "png" || p.File != filepath.Join(dir, "p.png") {
		t.Errorf("photo = %+v", p)
	}
}

func TestLengthsInEveryUnit(t *testing.T) {
	src := strings.Replace(minimal, "pages:", "page: {width: 35cm, height: 500mm, bleed: 0.125in, gutter: 1.5em, columns: 7, column-chars: 11, margins: {top: 60pt}}\nstyle:\n  body: {size: 10pt, indent: 2em}\npages:", 1)
	ed, err := Parse("e.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	g := ed.Page
	if g.Width != units.Mm(350) || g.Height != units.Mm(500) || g.Bleed != 9000 || g.Gutter != units.Pt(15) || g.Margins.Top != units.Pt(60) {
		t.Errorf("geometry = %+v", g)
	}
	if ed.Styles.Body.Indent != units.Pt(20) || ed.Styles.Body.Leading != 15000 {
		t.Errorf("body = %+v (indent 2em of 10pt; leading scaled with the size)", ed.Styles.Body)
	}
}

func TestLoadReadsPDFAdPageSize(t *testing.T) {
	ed, err := Load("samples/four-pages.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, pg := range ed.Pages {
		for _, ad := range pg.Ads {
			if ad.Format == "pdf" {
				found = true
				if ad.PageWidth != units.Pt(495) || ad.PageHeight != units.Pt(405) {
					t.Errorf("ad %s page = %v × %v, want 495pt × 405pt", ad.ID, ad.PageWidth, ad.PageHeight)
				}
			}
		}
	}
	if !found {
		t.Fatal("the four-page sample has no PDF ad")
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "ad.pdf")
	if err := os.WriteFile(bad, []byte("%PDF-1.4\ngarbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readPDF(bad, []string{dir}, nil, nil); err == nil || !strings.Contains(err.Error(), "not a readable PDF") {
		t.Errorf("a broken PDF ad gave %v", err)
	}
}

// TestReadFilesAsLoadWith: an edition from Read completed with ReadFiles is
// what LoadWith returns — every photo's and ad's pixels and page size, the
// ads' ink — so an archive that reads the edition for its key need not
// parse it again; and what ReadFiles finds wrong is what LoadWith does.
func TestReadFilesAsLoadWith(t *testing.T) {
	const path = "samples/local-news.yaml"
	want, err := LoadWith(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Pages[0].Articles[0].Photos[0].PixelWidth != 0 {
		t.Fatal("Read already read the files: the test would prove nothing")
	}
	if err := got.ReadFiles(LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, pg := range want.Pages {
		for j, a := range pg.Articles {
			for k, p := range a.Photos {
				q := got.Pages[i].Articles[j].Photos[k]
				if q.PixelWidth != p.PixelWidth || q.PixelHeight != p.PixelHeight || q.Orientation != p.Orientation {
					t.Errorf("page %d article %s photo %d: %+v, LoadWith %+v", i+1, a.ID, k, q, p)
				}
				n++
			}
		}
		for j, ad := range pg.Ads {
			if g := got.Pages[i].Ads[j]; !reflect.DeepEqual(g, ad) {
				t.Errorf("page %d ad %d: %+v, LoadWith %+v", i+1, j, g, ad)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("the sample has no photos or ads")
	}
	// Away from its photos and ads, the same edition: the same problems.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lone := filepath.Join(t.TempDir(), "local-news.yaml")
	if err := os.WriteFile(lone, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, werr := LoadWith(lone, LoadOptions{})
	ed, err := Read(lone)
	if err != nil {
		t.Fatal(err)
	}
	gerr := ed.ReadFiles(LoadOptions{})
	if werr == nil || gerr == nil || gerr.Error() != werr.Error() {
		t.Errorf("without the files, ReadFiles says\n%v\nLoadWith says\n%v", gerr, werr)
	}
}

// TestBodyParagraphPositions: each paragraph of a literal block (body: |)
// is placed at its own first line and column, for the warnings that name a
// paragraph an editor must rewrite; a body in any other style, whose lines
// the YAML folds, places every paragraph at the value.
func TestBodyParagraphPositions(t *testing.T) {
	quoted := strings.Replace(minimal, "body: |\n          3月16日，开发区召开\n          工作会议。\n\n          会议指出，要抓好\n          ISO 9001\n          认证。\n",
		"body: \"甲。\\n\\n乙。\"\n", 1)
	blank := strings.Replace(minimal, "body: |\n", "body: |\n\n", 1)
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"literal", minimal, []string{"e.yaml:15:11", "e.yaml:18:11"}},
		{"literal after a blank line", blank, []string{"e.yaml:16:11", "e.yaml:19:11"}},
		{"quoted", quoted, []string{"e.yaml:14:15", "e.yaml:14:15"}},
	} {
		ed, err := Parse("e.yaml", []byte(tc.src))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		a := ed.Pages[0].Articles[0]
		var got []string
		for _, p := range a.BodyPos {
			got = append(got, p.String())
		}
		if len(a.Body) != len(a.BodyPos) || strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: paragraphs %q at %q, want %q", tc.name, a.Body, got, tc.want)
		}
	}
}

// TestFileBytes: every photo, image ad and PDF ad is kept as loading read
// it, by the path the edition (and so the display list) names it with, for
// the writer to embed without reading the file again; a load in the
// background keeps them too, and an edition whose files were not read has
// none.
func TestFileBytes(t *testing.T) {
	const path = "samples/four-pages.yaml"
	for _, background := range []bool{false, true} {
		ed, err := LoadWith(path, LoadOptions{Background: background})
		if err != nil {
			t.Fatal(err)
		}
		if err := ed.ImagesChecked(); err != nil {
			t.Fatal(err)
		}
		kinds := map[string]bool{}
		check := func(kind, file string) {
			t.Helper()
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got, ok, err := ed.FileBytes(file)
			if err != nil || !ok || !bytes.Equal(got, want) {
				t.Errorf("background %v: %s %s: FileBytes gives %d bytes (%v), the file holds %d", background, kind, file, len(got), ok, len(want))
			}
			kinds[kind] = true
		}
		for _, pg := range ed.Pages {
			for _, a := range pg.Articles {
				for _, p := range a.Photos {
					check("photo", p.File)
				}
				if a.Story != nil {
					check("photo", a.Story.File)
				}
			}
			for _, ad := range pg.Ads {
				if ad.File != "" {
					check(string(ad.Format)+" ad", ad.File)
				}
			}
		}
		if !kinds["photo"] || !kinds["pdf ad"] || len(kinds) < 3 {
			t.Fatalf("the sample has %v: the test needs photos, an image ad and a PDF ad", kinds)
		}
		if _, ok, _ := ed.FileBytes(ed.Source); ok {
			t.Error("FileBytes gives the edition file, which is no photo or ad")
		}
		// A writer takes each file once; the edition then lets it go.
		photo := ed.Pages[0].Articles[0].Photos[0].File
		want, _, _ := ed.FileBytes(photo)
		if got, ok, err := ed.TakeFileBytes(photo); err != nil || !ok || !bytes.Equal(got, want) {
			t.Errorf("TakeFileBytes gives %d bytes (%v), FileBytes %d", len(got), ok, len(want))
		}
		if _, ok, _ := ed.TakeFileBytes(photo); ok {
			t.Error("a file taken is given again")
		}
		if _, ok, _ := ed.FileBytes(photo); ok {
			t.Error("a file taken is still held")
		}
	}
	ed, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := ed.FileBytes(ed.Pages[0].Articles[0].Photos[0].File); ok {
		t.Error("an edition whose files were not read gives a photo's bytes")
	}
}

// TestFileBytesPastTheBudget: past keptBytes an edition keeps a file's
// SHA-256 and reads the file again when asked: it gives the bytes while
// they are what loading checked, and an error naming the file once it has
// changed, so a changed photo never reaches the PDF, kept or not.
func TestFileBytesPastTheBudget(t *testing.T) {
	dir := t.TempDir()
	photo, err := os.ReadFile("samples/photos/harbour-dusk.jpg")
	if err != nil {
		t.Fatal(err)
	}
	// Enough copies of the photo to pass the budget.
	n := keptBytes/len(photo) + 3
	var y strings.Builder
	y.WriteString("paper: 港区新闻\ndate: 2026-03-18\nissue: 1\npages:\n")
	for i := range n {
		name := fmt.Sprintf("p%03d.jpg", i)
		if err := os.WriteFile(filepath.Join(dir, name), photo, 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&y, "  - number: %d\n    articles:\n      - id: a%d\n        headline: 标题\n        body: 正文。\n        photos:\n          - {file: %s, caption: 图片。}\n", i+1, i, name)
	}
	path := filepath.Join(dir, "e.yaml")
	if err := os.WriteFile(path, []byte(y.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ed, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if ed.files.held > keptBytes {
		t.Errorf("%d bytes kept, more than %d", ed.files.held, keptBytes)
	}
	first, last := ed.Pages[0].Articles[0].Photos[0].File, ed.Pages[n-1].Articles[0].Photos[0].File
	if ed.files.m[first].hashed || !ed.files.m[last].hashed {
		t.Fatal("want the first page's photo kept and the last page's past the budget")
	}
	for _, f := range []string{first, last} {
		if got, ok, err := ed.FileBytes(f); err != nil || !ok || !bytes.Equal(got, photo) {
			t.Errorf("%s: %d bytes (%v, %v), want the photo", f, len(got), ok, err)
		}
	}
	// Saved over after loading: the kept photo still gives what was
	// checked; the one past the budget is refused.
	other, err := os.ReadFile("samples/photos/meeting.jpg")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{first, last} {
		if err := os.WriteFile(f, other, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, ok, err := ed.TakeFileBytes(first); err != nil || !ok || !bytes.Equal(got, photo) {
		t.Errorf("kept photo saved over: %d bytes (%v, %v), want the checked photo", len(got), ok, err)
	}
	if _, ok, err := ed.TakeFileBytes(last); !ok || err == nil || !strings.Contains(err.Error(), last) || !strings.Contains(err.Error(), "changed") {
		t.Errorf("photo past the budget saved over: ok %v, error %v; want an error naming it as changed", ok, err)
	}
}

// TestRawStructsFitSeenBits: decodeStruct marks the keys it has seen in
// the bits of a uint64 by field index, so no raw struct may have more
// than 64 fields.
func TestRawStructsFitSeenBits(tt *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice:
			walk(t.Elem())
		case reflect.Struct:
			if seen[t] {
				return
			}
			seen[t] = true
			if t.NumField() > 64 {
				tt.Errorf("%s has %d fields, more than the 64 decodeStruct tracks", t, t.NumField())
			}
			for i := 0; i < t.NumField(); i++ {
				walk(t.Field(i).Type)
			}
		}
	}
	walk(reflect.TypeOf(rawEdition{}))
	if !seen[reflect.TypeOf(rawArticle{})] || !seen[reflect.TypeOf(rawPlace{})] {
		tt.Fatal("the walk missed the article or place type")
	}
}

// TestParseFindsControlCharactersInTexts: a control character reaches an
// article's text through an escape in double quotes (the file itself may
// hold none but tab, the line breaks and NEL, which YAML reads as a line
// break); Parse names it and the article.
func TestParseFindsControlCharactersInTexts(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"headline: 开发区召开工作会议", `headline: "开发区召开\x01工作会议"`, "x.yaml:9:9: article council: headline contains the control character U+0001"},
		{"byline: ■记者 张三", `byline: "■记者\u009f张三"`, "x.yaml:9:9: article council: byline contains the control character U+009F"},
		{"dateline: 本报讯", `dateline: "本报讯\t\x7f"`, "x.yaml:9:9: article council: dateline contains the control character U+007F"},
	} {
		src := strings.Replace(minimal, c.from, c.to, 1)
		_, err := Parse("x.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.to, err, c.want)
		}
	}
	if _, err := Parse("x.yaml", []byte(minimal)); err != nil {
		t.Fatal(err)
	}
}

// TestLoadOptionsRead: loading takes a photo or ad from LoadOptions.Read
// when it gives one — checks it, takes its size from it, and keeps those
// bytes for the writer — and reads the file itself when Read declines.
func TestLoadOptionsRead(t *testing.T) {
	const path = "samples/four-pages.yaml"
	plain, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	given := plain.Pages[0].Articles[0].Photos[0]
	other, err := os.ReadFile("samples/photos/old-pier-1987.jpg")
	if err != nil {
		t.Fatal(err)
	}
	asked := map[string]bool{}
	ed, err := LoadWith(path, LoadOptions{Read: func(p string, max int64) ([]byte, [sha256.Size]byte, bool) {
		asked[p] = true
		if p != given.File {
			return nil, [sha256.Size]byte{}, false
		}
		return other, sha256.Sum256(other), true
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok, err := ed.FileBytes(given.File); err != nil || !ok || !bytes.Equal(got, other) {
		t.Errorf("FileBytes gives %d bytes (%v, %v), not the %d Read gave", len(got), ok, err, len(other))
	}
	loaded := ed.Pages[0].Articles[0].Photos[0]
	if loaded.PixelWidth == given.PixelWidth && loaded.PixelHeight == given.PixelHeight {
		t.Errorf("the photo is %d×%d, the file's size, not the given bytes'", loaded.PixelWidth, loaded.PixelHeight)
	}
	for p := range asked {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if p == given.File {
			continue
		}
		if got, ok, err := ed.FileBytes(p); err != nil || !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: declined by Read, FileBytes gives %d bytes (%v, %v), the file holds %d", p, len(got), ok, err, len(want))
		}
	}
	if len(asked) < 3 {
		t.Errorf("Read was asked for %d files", len(asked))
	}
}

// TestParseMissingNumberSaidOnce: a page without number: was also told
// "page number should be 1 or more, not 0", and a place without column:
// "place column 0 span 2 does not fit"; a required key missing, or not a
// whole number, is said once, as decoding says it.
func TestParseMissingNumberSaidOnce(t *testing.T) {
	for _, c := range []struct {
		from, to, want, not string
	}{
		{"  - number: 1\n    section: 要闻\n", "  - section: 要闻\n", `s.yaml:5:5: pages item is missing the required key "number"`, "page number should be"},
		{"  - number: 1\n", "  - number: one\n", `s.yaml:5:13: number should be a whole number, not "one"`, "page number should be"},
		{"        dateline: 本报讯\n", "        dateline: 本报讯\n        place: {span: 2}\n", `s.yaml:14:16: article council: place is missing the required key "column"`, "does not fit"},
		{"        dateline: 本报讯\n", "        dateline: 本报讯\n        place: {column: 1, span: x}\n", `article council: span should be a whole number, not "x"`, "does not fit"},
	} {
		src := strings.Replace(minimal, c.from, c.to, 1)
		_, err := Parse("s.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), c.not) {
			t.Errorf("%q: err = %v, want %q and not %q", c.to, err, c.want, c.not)
		}
	}
}

// TestParseAdPlaceNamesAt: an ad is placed by at:, and its problems name
// at:, not the place: of articles.
func TestParseAdPlaceNamesAt(t *testing.T) {
	for _, c := range []struct{ at, want string }{
		{"{column: 7, span: 4}", "s.yaml:24:13: ad bank: at: column 7 span 4 does not fit the 8 columns of the page"},
		{"{column: 1, span: 2, line: -1}", "s.yaml:24:13: ad bank: at: line should be 0 or more, not -1"},
		{"{column: 1, span: 2, lines: 0}", "s.yaml:24:13: ad bank: at: lines should be 1 or more, not 0"},
		{"{column: 1, span: 2, line: 3, bottom: true}", "s.yaml:24:13: ad bank: at: gives both line and bottom: choose one"},
	} {
		src := minimal + "    ads:\n      - id: bank\n        file: bank.pdf\n        at: " + c.at + "\n"
		_, err := Parse("s.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "place") {
			t.Errorf("at: %s: err = %v, want %q", c.at, err, c.want)
		}
	}
	src := strings.Replace(minimal, "        dateline: 本报讯\n", "        dateline: 本报讯\n        place: {column: 7, span: 4}\n", 1)
	if _, err := Parse("s.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), "s.yaml:14:16: article council: place column 7 span 4 does not fit the 8 columns of the page") {
		t.Errorf("an article's place: err = %v", err)
	}
}

// TestLoadListsFileProblemsWithTheOthers: a missing photo, ad or font was
// not said while any other problem stood (a bad date beside a missing
// photo showed the date only; mended, the photo next). They are said
// together, at their own places; a file whose name is itself wrong
// (x.gif) is said once, for its name, and not opened.
func TestLoadListsFileProblemsWithTheOthers(t *testing.T) {
	dir := t.TempDir()
	src := strings.Replace(minimal, "date: 2026-03-18", "date: 2026-02-30", 1)
	src = strings.Replace(src, "pages:", "fonts:\n  Body: {file: missing.ttf}\npages:", 1)
	src = strings.Replace(src, "        body: |", "        photos:\n          - {file: missing.jpg}\n          - {file: x.gif}\n        body: |", 1)
	src += "    ads:\n      - {id: bank, file: missing.pdf, at: {column: 1, span: 2}}\n"
	path := filepath.Join(dir, "e.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, bg := range []bool{false, true} {
		_, err := LoadWith(path, LoadOptions{Background: bg})
		var ps Problems
		if !errors.As(err, &ps) {
			t.Fatalf("err = %v, want Problems", err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, strings.TrimPrefix(p.Error(), path+":"))
		}
		want := []string{
			`2:7: date "2026-02-30" is not a real date`,
			`5:9: font Body: ` + filepath.Join(dir, "missing.ttf") + ` does not exist`,
			`17:13: article council: photo missing.jpg does not exist`,
			`18:20: article council: photo "x.gif" should be a JPEG or PNG file (by its name)`,
			`27:9: ad bank: missing.pdf does not exist`,
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("background %v: got\n%s\nwant\n%s", bg, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// Parse and Read say only what is in the file, as before; Read gives
	// the edition as far as it was resolved, whose ReadFiles says what
	// LoadWith does, without parsing the file again (an archive's way).
	ed, err := Read(path)
	if err == nil || strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Read: %v", err)
	}
	if ed == nil {
		t.Fatal("Read gave no edition beside the problems in what it says")
	}
	_, werr := LoadWith(path, LoadOptions{})
	if gerr := ed.ReadFiles(LoadOptions{}); gerr == nil || gerr.Error() != werr.Error() {
		t.Errorf("ReadFiles on the edition Read gave says\n%v\nLoadWith says\n%v", gerr, werr)
	}
	if ed, err := Read(filepath.Join(dir, "absent.yaml")); ed != nil || err == nil {
		t.Errorf("Read of a file that does not exist: %v, %v", ed != nil, err)
	}
}

// TestParseSyntaxErrorPlaces: yaml.v3 names only a line, often the one
// where the context of the problem starts, and every syntax error was put
// at column 1 of it: a tab on line 13 at 12:1 (where the plain scalar it
// breaks into starts), a key indented 7 spaces on line 20 at 16:1 (the
// article's first line), an unclosed [ at 13:14 at 13:1. The problem is
// placed where the parser meets it; a column that cannot be found is not
// given (0).
func TestParseSyntaxErrorPlaces(t *testing.T) {
	head := strings.Repeat("# 港区新闻\n", 7) // minimal's line n is line n+7
	lines := strings.SplitAfter(minimal, "\n")
	with := func(n int, line string) string { // minimal with its line n replaced
		l := append([]string(nil), lines...)
		l[n-1] = line + "\n"
		return head + strings.Join(l, "")
	}
	for _, c := range []struct {
		name, data string
		line, col  int
		msg        string
	}{
		{"a tab on line 13", with(6, "\tsection: 要闻"), 13, 1, "found a tab character that violates indentation"},
		{"a tab after spaces", with(6, "  \t  section: 要闻"), 13, 3, "found a tab character that violates indentation"},
		{"a key indented 7 spaces on line 20", with(13, "       dateline: 本报讯"), 20, 8, "did not find expected '-' indicator"},
		{"an unclosed [ at 13:14", with(6, "    section: [要闻"), 13, 14, "did not find expected ',' or ']'"},
		{"an unclosed {", with(7, "    editors: {责任编辑: 王某, 美编: 李某"), 14, 14, "did not find expected ',' or '}'"},
		{"an unclosed quote", with(13, `        dateline: "本报讯`), 20, 19, "found unexpected end of stream"},
		{"a second colon", with(13, "        dateline: 本报讯: 记者"), 20, 22, "mapping values are not allowed in this context"},
		{"a key without its colon", with(13, "        dateline"), 20, 9, "could not find expected ':'"},
		{"CR LF line breaks", strings.ReplaceAll(with(6, "\tsection: 要闻"), "\n", "\r\n"), 13, 1, "found a tab character that violates indentation"},
		// Not found: two [ on the line, either of which may be the one.
		{"two [ on the line", with(6, "    section: [[要闻], [版"), 13, 0, "did not find expected ',' or ']'"},
		// A parser error met past the line's first character: the token
		// the parser could not take may start before.
		{"two anchors", with(13, "        dateline: &a &b 本报讯"), 20, 0, "did not find expected key"},
	} {
		_, err := Parse("s.yaml", []byte(c.data))
		var ps Problems
		if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Pos.Line != c.line || ps[0].Pos.Column != c.col || ps[0].Msg != "YAML syntax: "+c.msg {
			t.Errorf("%s: %v, want %q at %d:%d", c.name, err, c.msg, c.line, c.col)
		}
	}
}

// TestFallbackLists: the edition's fallback: list is every role's that has
// none of its own; a role's own replaces it, an empty one with none; a
// name given twice counts once; and by default there is none.
func TestFallbackLists(t *testing.T) {
	ed, err := Parse("e.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if ed.Styles.Body.Fallback != nil || ed.Styles.Headline.Fallback != nil {
		t.Errorf("default fallback %q %q, want none", ed.Styles.Body.Fallback, ed.Styles.Headline.Fallback)
	}
	y := strings.Replace(minimal, "pages:\n", "fallback: [kai, serif, kai]\nstyle:\n  headline: {fallback: [sans-bold]}\n  folio: {fallback: []}\npages:\n", 1)
	if ed, err = Parse("e.yaml", []byte(y)); err != nil {
		t.Fatal(err)
	}
	st := ed.Styles
	if len(st.Folio.Fallback) != 0 {
		t.Errorf("folio fallback %q, want none: its own [] keeps the edition's out", st.Folio.Fallback)
	}
	for name, got := range map[string][]string{"body": st.Body.Fallback, "byline": st.Byline.Fallback, "caption": st.Caption.Fallback} {
		if strings.Join(got, ",") != "kai,serif" {
			t.Errorf("%s fallback %q, want the edition's [kai serif]", name, got)
		}
	}
	if strings.Join(st.Headline.Fallback, ",") != "sans-bold" {
		t.Errorf("headline fallback %q, want its own [sans-bold]", st.Headline.Fallback)
	}
}

// TestProblemsSaidOnce: a value with a fault, read through four aliases,
// is one problem at its one place, not four.
func TestProblemsSaidOnce(t *testing.T) {
	y := "paper: 港区新闻\ndate: 2026-03-18\nissue: 5321\nx: &bad {id: a, headline: 标题, body: 正文。, span: many}\n" +
		"pages:\n  - number: 1\n    articles: [*bad, *bad, *bad, *bad]\n"
	_, err := Parse("e.yaml", []byte(y))
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("%v, want problems", err)
	}
	n := 0
	for _, p := range ps {
		if strings.Contains(p.Msg, `span should be a whole number, not "many"`) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the bad span said %d times, want once:\n%v", n, err)
	}
}
