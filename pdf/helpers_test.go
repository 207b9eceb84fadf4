package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// sharedLib parses each face once for the whole test binary.
var sharedLib = sync.OnceValue(fonts.NewLibrary)

// needTool returns the path of an external tool. Without it the test is
// skipped on a developer machine and fails in CI (where CI is set).
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (CI must install it)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// writeJPEG writes a small RGB (or gray) JPEG with a gradient into dir.
func writeJPEG(t testing.TB, dir, name string, gray bool) string {
	t.Helper()
	const w, h = 64, 48
	var img image.Image
	if gray {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g.SetGray(x, y, color.Gray{Y: uint8(x * 4)})
			}
		}
		img = g
	} else {
		c := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				c.Set(x, y, color.RGBA{R: uint8(x * 4), G: uint8(y * 5), B: 128, A: 255})
			}
		}
		img = c
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// run sets text in face at size on a baseline, each character advancing by
// step (0: the face's own advance).
func run(lib *fonts.Library, face string, size units.Length, x, baseline units.Length, s string, step units.Length, role display.Role) *display.GlyphRun {
	f, err := lib.Face(face)
	if err != nil {
		panic(err)
	}
	r := &display.GlyphRun{Face: face, Size: size, Baseline: baseline, Color: display.Black(), Role: role, Article: "a1"}
	for _, c := range s {
		r.Glyphs = append(r.Glyphs, display.Glyph{Text: string(c), X: x})
		adv := step
		if adv == 0 {
			adv = f.Advance(c, size)
		}
		x += adv
	}
	return r
}

// testDoc builds a small A5-ish two-page document by hand: a headline, body
// lines with extra letter spacing, a rule, a tinted box, an RGB photo and a
// gray photo, a bookmark per page and per article.
func testDoc(t testing.TB, pages int) *display.Document {
	t.Helper()
	lib := sharedLib()
	dir := t.TempDir()
	rgb := writeJPEG(t, dir, "photo.jpg", false)
	gray := writeJPEG(t, dir, "gray.jpg", true)
	bleed := units.Mm(3)
	trim := display.Rect{X: bleed, Y: bleed, W: units.Mm(148), H: units.Mm(210)}
	media := display.Rect{W: trim.W + 2*bleed, H: trim.H + 2*bleed}
	doc := &display.Document{Meta: display.Meta{
		Title: "港区新闻 2026年3月18日 第5321期", Paper: "港区新闻", Date: "2026-03-18", Issue: 5321,
		Subject: "港区新闻 2026-03-18", Creator: "Broadsheet test", SlugFace: "serif",
	}}
	tint := display.Color{C: 200}
	for i := 0; i < pages; i++ {
		left := trim.X + units.Mm(10)
		p := display.Page{Number: i + 1, Name: "A" + string(rune('1'+i)) + " 要闻", Media: media, Bleed: media, Trim: trim,
			Slug: "港区新闻  2026-03-18  第5321期  第" + string(rune('1'+i)) + "版"}
		p.Items = append(p.Items,
			&display.Box{Frame: display.Rect{X: left, Y: units.Mm(20), W: units.Mm(60), H: units.Mm(20)}, Fill: &tint},
			run(lib, "sans-bold", units.Pt(24), left, units.Mm(30), "开发区召开工作会议", 0, display.RoleHeadline),
			&display.Rule{From: display.Point{X: left, Y: units.Mm(34)}, To: display.Point{X: left + units.Mm(120), Y: units.Mm(34)}, Width: units.Pt(1) / 2, Color: display.Black()},
			run(lib, "serif", units.Pt(9), left, units.Mm(40), "本报讯　区委召开全体会议。", units.Pt(9)+250, display.RoleBody),
			run(lib, "serif", units.Pt(9), left, units.Mm(45), "会议指出，要抓好“十五五”开局。", 0, display.RoleBody),
			run(lib, "kai", units.Pt(9), left, units.Mm(50), "■记者 张三 Zhang San 2026", 0, display.RoleByline),
			&display.Image{Source: rgb, Frame: display.Rect{X: left, Y: units.Mm(60), W: units.Mm(50), H: units.Mm(30)},
				Draw: display.Rect{X: left - units.Mm(5), Y: units.Mm(58), W: units.Mm(60), H: units.Mm(45)}, Article: "a1"},
			&display.Image{Source: gray, Frame: display.Rect{X: left + units.Mm(60), Y: units.Mm(60), W: units.Mm(40), H: units.Mm(30)}},
			run(lib, "serif", units.Pt(8), left, units.Mm(200), "第"+string(rune('1'+i))+"版", 0, display.RoleFolio),
		)
		doc.Pages = append(doc.Pages, p)
		doc.Outline = append(doc.Outline, display.Bookmark{Title: p.Name, Page: i, Kids: []display.Bookmark{
			{Title: "开发区召开工作会议", Page: i, Y: units.Mm(22)},
		}})
	}
	return doc
}

// render writes doc with opt and fails the test on error.
func render(t testing.TB, doc *display.Document, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, doc, sharedLib(), opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}

// save writes b into a fresh temporary directory.
func save(t testing.TB, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// isDCT reports whether a stream is DCT-encoded (a JPEG).
func isDCT(sd types.StreamDict) bool {
	for _, p := range sd.FilterPipeline {
		if p.Name == "DCTDecode" {
			return true
		}
	}
	return false
}
