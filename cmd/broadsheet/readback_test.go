package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// stext is the part of MuPDF's structured text (mutool draw -F stext)
// these tests read: every character with its origin, font and size.
type stext struct {
	Pages []struct {
		Blocks []struct {
			Lines []struct {
				Fonts []struct {
					Name  string  `xml:"name,attr"`
					Size  float64 `xml:"size,attr"`
					Chars []struct {
						X float64 `xml:"x,attr"`
						Y float64 `xml:"y,attr"`
						C string  `xml:"c,attr"`
					} `xml:"char"`
				} `xml:"font"`
			} `xml:"line"`
		} `xml:"block"`
	} `xml:"page"`
}

type placedChar struct {
	x, y float64
	c    string
}

// bodyLines reads the PDF back with MuPDF and returns, per page, the body
// lines as the reader sees them: characters in the body face and size,
// grouped by column (from the page grid) and baseline, left to right.
func bodyLines(t *testing.T, pdfPath string, ed *editions.Edition, bodyFont string) [][]string {
	t.Helper()
	out, err := exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", pdfPath).Output()
	if err != nil {
		t.Fatalf("mutool: %v", err)
	}
	var doc stext
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("reading stext: %v", err)
	}
	g := ed.Page
	size := ed.Styles.Body.Size.Points()
	colW := g.ColumnWidth(ed.Styles.Body.Size).Points()
	pitch := colW + g.Gutter.Points()
	left := (g.Bleed + g.Margins.Inside).Points()
	var pages [][]string
	for _, pg := range doc.Pages {
		lines := map[[2]int][]placedChar{}
		for _, b := range pg.Blocks {
			for _, l := range b.Lines {
				for _, f := range l.Fonts {
					if !strings.HasSuffix(f.Name, bodyFont) || f.Size < size-0.05 || f.Size > size+0.05 {
						continue
					}
					for _, c := range f.Chars {
						col := int((c.X - left + g.Gutter.Points()/2) / pitch)
						key := [2]int{col, int(c.Y*10 + 0.5)}
						lines[key] = append(lines[key], placedChar{c.X, c.Y, c.C})
					}
				}
			}
		}
		keys := make([][2]int, 0, len(lines))
		for k := range lines {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i][0] != keys[j][0] {
				return keys[i][0] < keys[j][0]
			}
			return keys[i][1] < keys[j][1]
		})
		var texts []string
		for _, k := range keys {
			cs := lines[k]
			sort.SliceStable(cs, func(i, j int) bool { return cs[i].x < cs[j].x })
			var b strings.Builder
			for _, c := range cs {
				b.WriteString(c.c)
			}
			texts = append(texts, b.String())
		}
		pages = append(pages, texts)
	}
	return pages
}

// TestRenderedBodyKeepsKinsoku reads each sample's PDF back and checks the
// line-breaking rules where readers see them: no body line starts with a
// closing mark or ends with an opening one.
func TestRenderedBodyKeepsKinsoku(t *testing.T) {
	needTool(t, "mutool")
	const noStart = "。，、；：？！）》〉」』】〕〗”’…—·％‰℃"
	const noEnd = "“‘（《〈「『【〔〖¥$£"
	lib := fonts.NewLibrary()
	for _, name := range []string{"local-news.yaml", "four-pages.yaml"} {
		t.Run(name, func(t *testing.T) {
			ed, err := editions.Load(filepath.Join(samples, name))
			if err != nil {
				t.Fatal(err)
			}
			face, err := lib.Face(ed.Styles.Body.Font)
			if err != nil {
				t.Fatal(err)
			}
			out := renderSample(t, name)
			checked := 0
			for p, lines := range bodyLines(t, out, ed, face.PostScriptName()) {
				for _, l := range lines {
					r := []rune(l)
					if len(r) == 0 {
						continue
					}
					checked++
					first, last := string(r[0]), string(r[len(r)-1])
					if strings.Contains(noStart, first) {
						t.Errorf("page %d: a body line starts with %s: %s", p+1, first, l)
					}
					if strings.Contains(noEnd, last) {
						t.Errorf("page %d: a body line ends with %s: %s", p+1, last, l)
					}
				}
			}
			// The sample pages hold hundreds of body lines; far fewer means
			// the read-back missed them and the check above proved nothing.
			if min := 300 * len(ed.Pages); checked < min {
				t.Errorf("read back %d body lines, expected at least %d", checked, min)
			}
			t.Logf("%s: %d body lines read back", name, checked)
		})
	}
}

// TestSampleInkLimit renders every page of the samples as a RIP would
// (photos converted through the newsprint output profile, CMYK through it
// too) and checks that no pixel carries more than 240% total ink. Page 3
// of four-pages peaked at 290% while its bank ad was painted under the
// overprint state the page's small black text had left: the ad's navy
// kept the yellow of the light beams beneath it.
func TestSampleInkLimit(t *testing.T) {
	needTool(t, "gs")
	const icc = "../../pdf/icc/IFRA26S.icc"
	for _, name := range []string{"local-news.yaml", "four-pages.yaml"} {
		out := renderSample(t, name)
		dir := t.TempDir()
		if b, err := exec.Command("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pamcmyk32", "-r72",
			"-sOutputICCProfile="+icc, "-sDefaultCMYKProfile="+icc, "-o", filepath.Join(dir, "page%d.pam"), out).CombinedOutput(); err != nil {
			t.Fatalf("gs: %v\n%s", err, b)
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "page*.pam"))
		if len(pages) == 0 {
			t.Fatal("gs wrote no pages")
		}
		for _, page := range pages {
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			i := bytes.Index(data, []byte("ENDHDR\n"))
			if i < 0 {
				t.Fatal("not a PAM file")
			}
			px := data[i+len("ENDHDR\n"):]
			if len(px) < 4*1000*1000 {
				t.Fatalf("only %d bytes of pixels", len(px))
			}
			most := 0
			for k := 0; k+3 < len(px); k += 4 {
				most = max(most, int(px[k])+int(px[k+1])+int(px[k+2])+int(px[k+3]))
			}
			pct := float64(most) * 100 / 255
			t.Logf("%s %s: max total ink %.1f%%", name, filepath.Base(page), pct)
			if pct > 240 {
				t.Errorf("%s %s: max total ink %.1f%%, over newsprint's 240%%", name, filepath.Base(page), pct)
			}
		}
	}
}
