package pdf

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	stdpng "image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/signintech/gopdf"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/internal/pdfbox"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/units"
)

func runTool(t *testing.T, name string, args ...string) (string, error) {
	t.Helper()
	p := needTool(t, name)
	out, err := exec.Command(p, args...).CombinedOutput()
	return string(out), err
}

// TestQPDFCheck: qpdf finds no error or warning in any variant.
func TestQPDFCheck(t *testing.T) {
	doc := testDoc(t, 2)
	for _, opt := range []Options{{}, {Standards: []Standard{}}, {Marks: true}} {
		path := save(t, render(t, doc, opt))
		out, err := runTool(t, "qpdf", "--check", path)
		if err != nil || !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(out, "WARNING") {
			t.Errorf("qpdf --check (%+v): %v\n%s", opt, err, out)
		}
	}
}

// TestPDFFonts: every font is embedded, subset and has a ToUnicode map.
func TestPDFFonts(t *testing.T) {
	path := save(t, render(t, testDoc(t, 2), Options{}))
	out, err := runTool(t, "pdffonts", path)
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2+3 {
		t.Fatalf("pdffonts lists %d fonts, want 3:\n%s", len(lines)-2, out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... emb sub uni objnum gen
		n := len(f)
		if n < 7 || f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" {
			t.Errorf("font not emb/sub/uni: %s", l)
		}
		if !tagged.MatchString(f[0]) {
			t.Errorf("font name %q has no subset tag", f[0])
		}
	}
}

// TestPDFInfoBoxes: pdfinfo -box shows the bleed and trim boxes, and reads
// the PDF/X-4 subtype.
func TestPDFInfoBoxes(t *testing.T) {
	doc := testDoc(t, 1)
	path := save(t, render(t, doc, Options{}))
	out, err := runTool(t, "pdfinfo", "-box", path)
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	p := doc.Pages[0]
	h := p.Media.H
	want := map[string]string{
		"MediaBox": boxLine(p.Media, h), "BleedBox": boxLine(p.Bleed, h), "TrimBox": boxLine(p.Trim, h),
		"PDF version": "1.6", "PDF subtype": "PDF/X-4",
	}
	for k, v := range want {
		re := k + ":"
		found := false
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, re) && strings.Join(strings.Fields(strings.TrimPrefix(l, re)), " ") == v {
				found = true
			}
		}
		if !found {
			t.Errorf("pdfinfo: want %s %s in\n%s", k, v, out)
		}
	}
}

func boxLine(r display.Rect, h units.Length) string {
	return fmt.Sprintf("%.2f %.2f %.2f %.2f", pt(r.X), pt(h-r.Y-r.H), pt(r.X+r.W), pt(h-r.Y))
}

// TestTextOrder: pdftotext gives back every run's text, in reading order.
func TestTextOrder(t *testing.T) {
	doc := testDoc(t, 1)
	path := save(t, render(t, doc, Options{}))
	out, err := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	got := strings.Join(strings.Fields(out), "")
	var want strings.Builder
	for _, it := range doc.Pages[0].Items {
		if r, ok := it.(*display.GlyphRun); ok {
			for _, g := range r.Glyphs {
				if strings.TrimSpace(g.Text) != "" && g.Text != "\u3000" {
					want.WriteString(g.Text)
				}
			}
		}
	}
	if got != want.String() {
		t.Errorf("pdftotext:\n got %s\nwant %s", got, want.String())
	}
}

// TestInkLimit renders each page to CMYK with Ghostscript, converting
// photos through the embedded output profile as a RIP would, and checks
// that no pixel inside the bleed box carries more than 240% ink.
func TestInkLimit(t *testing.T) {
	gs := needTool(t, "gs")
	doc := testDoc(t, 1)
	for _, marks := range []bool{false, true} {
		dir := t.TempDir()
		pdfPath := filepath.Join(dir, "in.pdf")
		icc := filepath.Join(dir, "out.icc")
		if err := os.WriteFile(pdfPath, render(t, doc, Options{Marks: marks}), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(icc, []byte(ifra26s), 0o644); err != nil {
			t.Fatal(err)
		}
		const dpi = 72
		w, h, px := renderCMYK(t, gs, pdfPath, icc, dpi)
		// Measure inside the bleed box (marks outside it print on every plate).
		g, _ := geometry(&doc.Pages[0], nil, marks)
		b := g.bleed
		x0, y0 := int(pt(b.X)*dpi/72)+1, int(pt(b.Y)*dpi/72)+1
		x1, y1 := int(pt(b.X+b.W)*dpi/72)-1, int(pt(b.Y+b.H)*dpi/72)-1
		maxInk, any := 0, false
		for y := max(y0, 0); y < min(y1, h); y++ {
			for x := max(x0, 0); x < min(x1, w); x++ {
				p := px[(y*w+x)*4:]
				s := int(p[0]) + int(p[1]) + int(p[2]) + int(p[3])
				maxInk = max(maxInk, s)
				any = any || s > 0
			}
		}
		pct := float64(maxInk) * 100 / 255
		t.Logf("marks=%v: max total ink %.1f%%", marks, pct)
		if !any {
			t.Fatal("rendered page is blank")
		}
		if pct > 240 {
			t.Errorf("marks=%v: max total ink %.1f%% > 240%%", marks, pct)
		}
	}
}

// renderCMYK renders the first page with Ghostscript's pamcmyk32 device.
// The output profile is also the profile of DeviceCMYK, so CMYK colours
// pass through unchanged (they are already in the output condition, as the
// output intent says) and RGB photos are converted through it, as a RIP does.
func renderCMYK(t *testing.T, gs, pdfPath, icc string, dpi int) (w, h int, px []byte) {
	t.Helper()
	pam := filepath.Join(filepath.Dir(pdfPath), "out.pam")
	out, err := exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pamcmyk32",
		"-dFirstPage=1", "-dLastPage=1", fmt.Sprintf("-r%d", dpi),
		"-sOutputICCProfile="+icc, "-sDefaultCMYKProfile="+icc, "-o", pam, pdfPath).CombinedOutput()
	if err != nil {
		t.Fatalf("gs: %v\n%s", err, out)
	}
	return readPAM(t, pam)
}

// TestBlackIsK: black text and rules print on the black plate only.
func TestBlackIsK(t *testing.T) {
	gs := needTool(t, "gs")
	doc := testDoc(t, 1)
	var items []display.Item
	for _, it := range doc.Pages[0].Items {
		switch it.(type) {
		case *display.GlyphRun, *display.Rule:
			items = append(items, it)
		}
	}
	doc.Pages[0].Items = items
	dir := t.TempDir()
	pdfPath, icc := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.icc")
	if err := os.WriteFile(pdfPath, render(t, doc, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(icc, []byte(ifra26s), 0o644); err != nil {
		t.Fatal(err)
	}
	w, h, px := renderCMYK(t, gs, pdfPath, icc, 150)
	k := 0
	for i := 0; i < w*h*4; i += 4 {
		if px[i] != 0 || px[i+1] != 0 || px[i+2] != 0 {
			t.Fatalf("pixel %d has C/M/Y %d/%d/%d: black is not K only", i/4, px[i], px[i+1], px[i+2])
		}
		if px[i+3] > 0 {
			k++
		}
	}
	if k == 0 {
		t.Fatal("nothing printed on the black plate")
	}
}

// readPAM reads a P7 CMYK PAM file.
func readPAM(t *testing.T, path string) (w, h int, px []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(bytes.NewReader(data))
	hdr := 0
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("PAM header: %v", err)
		}
		hdr += len(line)
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "WIDTH":
			w, _ = strconv.Atoi(f[1])
		case "HEIGHT":
			h, _ = strconv.Atoi(f[1])
		case "DEPTH":
			if f[1] != "4" {
				t.Fatalf("PAM depth %s", f[1])
			}
		}
		if f[0] == "ENDHDR" {
			break
		}
	}
	px = data[hdr:]
	if len(px) < w*h*4 {
		t.Fatalf("PAM: %d bytes for %d×%d", len(px), w, h)
	}
	return w, h, px
}

// writeAd makes a one-page CMYK vector PDF with gopdf, as an ad agency
// might send.
func writeAd(t testing.TB, dir string) string {
	t.Helper()
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: 200, H: 100}})
	gp.AddPage()
	gp.SetFillColorCMYK(0, 60, 100, 0)
	gp.RectFromUpperLeftWithStyle(10, 10, 180, 80, "F")
	gp.SetStrokeColorCMYK(0, 0, 0, 100)
	gp.SetLineWidth(2)
	gp.Line(10, 50, 190, 50)
	p := filepath.Join(dir, "ad.pdf")
	b, err := gp.GetBytesPdfReturnErr()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAd: an ad is imported as a form XObject, painted in its frame, and
// the result stays valid and deterministic.
func TestAd(t *testing.T) {
	doc := testDoc(t, 2)
	ad := writeAd(t, t.TempDir())
	frame := display.Rect{X: units.Mm(20), Y: units.Mm(120), W: units.Mm(100), H: units.Mm(50)}
	doc.Pages[1].Items = append(doc.Pages[1].Items, &display.PDFPage{Source: ad, Frame: frame})
	doc.Pages[0].Items = append(doc.Pages[0].Items, &display.PDFPage{Source: ad, Frame: frame}) // the same ad twice: one XObject
	b := render(t, doc, Options{})
	if !bytes.Equal(b, render(t, doc, Options{})) {
		t.Error("two renders with an ad differ")
	}
	ctx := readBack(t, b)
	forms := 0
	for _, e := range ctx.Table {
		if sd, ok := e.Object.(types.StreamDict); ok && sd.Subtype() != nil && *sd.Subtype() == "Form" {
			forms++
		}
	}
	if forms != 1 {
		t.Errorf("%d form XObjects, want 1", forms)
	}
	path := save(t, b)
	var bad bytes.Buffer
	badDoc := testDoc(t, 1)
	badDoc.Pages[0].Items = append(badDoc.Pages[0].Items, &display.PDFPage{Source: filepath.Join(t.TempDir(), "missing.pdf"), Frame: frame})
	if err := Write(&bad, badDoc, sharedLib(), Options{}); err == nil || !strings.Contains(err.Error(), "page 1: ad") {
		t.Errorf("missing ad: error %v, want one naming the page", err)
	}
	if out, err := runTool(t, "qpdf", "--check", path); err != nil || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	// The ad's orange adds yellow ink to page 2.
	if y, y0 := yellow(t, path), yellow(t, save(t, render(t, testDoc(t, 2), Options{}))); y < y0+0.05 {
		t.Errorf("page 2 yellow coverage %.3f, without the ad %.3f: the ad did not print", y, y0)
	}
}

// TestGlyphPositions: MuPDF finds every glyph at its X on its baseline,
// within 0.02 pt, in the order of the display list.
func TestGlyphPositions(t *testing.T) {
	doc := testDoc(t, 1)
	if n := checkGlyphPositions(t, doc, render(t, doc, Options{})); n < 40 {
		t.Errorf("only %d glyphs checked", n)
	}
}

// TestGlyphPositionsUneven: glyphs set with uneven gaps, as justified lines
// have them (compressed punctuation, Han–Latin space, a stretched gap), still
// land where the display list says, in small type (TJ adjustments) and in
// large type (where a thousandth of an em is too coarse and a glyph starts a
// new text object); and a 9 pt line of uneven gaps is one text object.
func TestGlyphPositionsUneven(t *testing.T) {
	lib := sharedLib()
	doc := testDoc(t, 1)
	uneven := func(face string, size units.Length, baseline units.Length, s string) *display.GlyphRun {
		r := run(lib, face, size, units.Mm(12), baseline, s, 0, display.RoleBody)
		// Gaps: the face's advance plus 0, +0.37 pt, -half an em (a
		// compressed mark), +a quarter em, +1.013 pt, ... repeating.
		extra := []units.Length{0, 370, -size / 2, size / 4, 1013, 7, -3}
		shift := units.Length(0)
		for i := range r.Glyphs {
			r.Glyphs[i].X += shift
			shift += extra[i%len(extra)]
		}
		return r
	}
	doc.Pages[0].Items = append(doc.Pages[0].Items,
		uneven("serif", units.Pt(9), units.Mm(120), "港区，召开AB全体会议，部署全年重点任务。"),
		uneven("sans-bold", units.Pt(36), units.Mm(140), "开发区召开工作会议，部署"),
		uneven("kai", units.Pt(14), units.Mm(160), "■记者 张三 Zhang San 2026年"),
	)
	b := render(t, doc, Options{})
	if n := checkGlyphPositions(t, doc, b); n < 80 {
		t.Errorf("only %d glyphs checked", n)
	}
	// The 9 pt line is one text object: its 20 glyph codes in one TJ
	// array, with adjustments between them.
	ctx := readBack(t, b)
	pd, _, _, err := ctx.PageDict(1, false)
	if err != nil {
		t.Fatal(err)
	}
	c, err := pdfbox.Content(ctx, pd)
	if err != nil {
		t.Fatal(err)
	}
	out := string(c)
	longest := 0
	for _, n := range tjGlyphs(out) {
		longest = max(longest, n)
	}
	if longest < 20 {
		t.Errorf("longest text object has %d glyphs, want the 9 pt line's 20 in one", longest)
	}
}

// TestSampleGlyphPositions checks every glyph of the one-page sample
// edition, whose justified lines have every kind of uneven gap.
func TestSampleGlyphPositions(t *testing.T) {
	ed, err := editions.Load("../editions/samples/local-news.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.Compose(ed, sharedLib(), layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := checkGlyphPositions(t, doc, render(t, doc, Options{})); n < 3000 {
		t.Errorf("only %d glyphs checked", n)
	}
}

// checkGlyphPositions has MuPDF find every glyph of doc's first page in
// the PDF b, in display-list order, at its X on its baseline within 0.02
// pt, and returns how many it checked.
func checkGlyphPositions(t *testing.T, doc *display.Document, b []byte) int {
	t.Helper()
	chars := mupdfChars(t, b)
	i, checked, bad := 0, 0, 0
	for _, it := range doc.Pages[0].Items {
		r, ok := it.(*display.GlyphRun)
		if !ok {
			continue
		}
		for _, g := range r.Glyphs {
			c, _ := utf8.DecodeRuneInString(g.Text)
			if strings.TrimSpace(g.Text) == "" || c == '\u3000' {
				continue
			}
			for i < len(chars) && chars[i].c != c {
				i++
			}
			if i == len(chars) {
				t.Fatalf("glyph %q of %q not found in order", g.Text, r.Role)
			}
			if dx, dy := math.Abs(chars[i].x-pt(g.X)), math.Abs(chars[i].y-pt(r.Baseline)); dx > 0.02 || dy > 0.02 {
				if bad++; bad <= 20 {
					t.Errorf("glyph %q of %q at (%.3f, %.3f), want (%.3f, %.3f)", g.Text, r.Role, chars[i].x, chars[i].y, pt(g.X), pt(r.Baseline))
				}
			}
			checked++
			i++
		}
	}
	if bad > 20 {
		t.Errorf("%d glyphs misplaced in all", bad)
	}
	return checked
}

// yellow returns page 2's yellow coverage (0–1) from Ghostscript's inkcov.
func yellow(t *testing.T, path string) float64 {
	t.Helper()
	out, err := runTool(t, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=inkcov", "-dFirstPage=2", "-dLastPage=2", "-o", "-", path)
	if err != nil {
		t.Fatalf("gs inkcov: %v\n%s", err, out)
	}
	f := strings.Fields(out)
	if len(f) < 4 {
		t.Fatalf("inkcov output %q", out)
	}
	y, err := strconv.ParseFloat(f[2], 64)
	if err != nil {
		t.Fatalf("inkcov output %q", out)
	}
	return y
}

// tjGlyphs returns the number of two-byte codes in each TJ array of a
// content stream (literal or hexadecimal strings).
func tjGlyphs(content string) []int {
	var out []int
	n, in := 0, false
	for i := 0; i < len(content); i++ {
		switch c := content[i]; {
		case c == '[':
			n, in = 0, true
		case c == ']' && in:
			in = false
			if strings.HasPrefix(strings.TrimLeft(content[i+1:], " \n"), "TJ") {
				out = append(out, n/2)
			}
		case c == '(' && in:
			depth := 1
			for i++; i < len(content) && depth > 0; i++ {
				switch content[i] {
				case '\\':
					i++
					n++
				case '(':
					depth++
					n++
				case ')':
					if depth--; depth > 0 {
						n++
					}
				default:
					n++
				}
			}
			i--
		case c == '<' && in:
			j := strings.IndexByte(content[i:], '>')
			if j < 0 {
				return out
			}
			n += len(strings.TrimSpace(content[i+1:i+j])) / 2
			i += j
		}
	}
	return out
}

// mupdfChar is a character MuPDF finds on a page, at its origin.
type mupdfChar struct {
	x, y float64
	c    rune
}

// mupdfChars returns the characters MuPDF finds on the first page of the
// PDF b, in content-stream order.
func mupdfChars(t *testing.T, b []byte) []mupdfChar {
	t.Helper()
	path := save(t, b)
	out, err := runTool(t, "mutool", "draw", "-F", "stext", "-o", "-", path, "1")
	if err != nil {
		t.Fatalf("mutool: %v\n%s", err, out)
	}
	var chars []mupdfChar
	re := regexp.MustCompile(`<char [^>]*x="([-0-9.]+)" y="([-0-9.]+)"[^>]* c="([^"]*)"`)
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		s := html.UnescapeString(m[3])
		r, _ := utf8.DecodeRuneInString(s)
		chars = append(chars, mupdfChar{x, y, r})
	}
	return chars
}

// TestSlugPositions: the slug line, a content stream of its own after the
// page's, is set with the face's advances whatever spacing the page's
// last text left (text state carries from one stream to the next).
func TestSlugPositions(t *testing.T) {
	doc := testDoc(t, 1)
	lib := sharedLib()
	// The page's last run is letter-spaced: a character spacing in force.
	doc.Pages[0].Items = append(doc.Pages[0].Items, run(lib, "serif", units.Pt(9), units.Mm(10), units.Mm(190), "港区新闻报", units.Pt(14), display.RoleBody))
	doc.Pages[0].Slug = "港区新闻 2026-03-18 第5321期 第1版"
	b := render(t, doc, Options{Marks: true})
	face, err := lib.Face(doc.Meta.SlugFace)
	if err != nil {
		t.Fatal(err)
	}
	chars := mupdfChars(t, b)
	slug := []rune(doc.Pages[0].Slug)
	// The slug is the last text drawn: its characters end the list.
	if len(chars) < len(slug) {
		t.Fatalf("%d characters on the page", len(chars))
	}
	got := chars[len(chars)-len(slug):]
	for i := 1; i < len(slug); i++ {
		if got[i].c != slug[i] {
			t.Fatalf("slug character %d is %q, want %q", i, got[i].c, slug[i])
		}
		want := got[i-1].x + pt(face.Advance(slug[i-1], slugSize))
		if math.Abs(got[i].x-want) > 0.02 {
			t.Errorf("slug %q at %.3f, want %.3f", slug[i], got[i].x, want)
		}
	}
}

// TestAddedHyphenReadsAsNothing: the hyphen the composer adds where it
// breaks a word (U+00AD) is drawn, but marked as standing for no text, so
// pdftotext gives the word's letters only; MuPDF still draws the hyphen
// (the page has ink where it stands).
func TestAddedHyphenReadsAsNothing(t *testing.T) {
	lib := sharedLib()
	doc := testDoc(t, 1)
	left := doc.Pages[0].Trim.X + units.Mm(10)
	doc.Pages[0].Items = []display.Item{
		run(lib, "serif", units.Pt(12), left, units.Mm(40), "Internation\u00ad", 0, display.RoleBody),
		run(lib, "serif", units.Pt(12), left, units.Mm(46), "alization", 0, display.RoleBody),
	}
	path := save(t, render(t, doc, Options{}))
	out, err := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if got := strings.Join(strings.Fields(out), ""); got != "Internationalization" {
		t.Errorf("pdftotext gives %q, want the word whole", got)
	}
	// Without the marking pdftotext gives the soft hyphen itself.
	if strings.ContainsRune(out, '\u00ad') || strings.Contains(out, "-") {
		t.Errorf("the added hyphen is in the text: %q", out)
	}
	face, err := lib.Face("serif")
	if err != nil {
		t.Fatal(err)
	}
	x := left
	for _, c := range "Internation" {
		x += face.Advance(c, units.Pt(12))
	}
	png := filepath.Join(t.TempDir(), "p.png")
	if out, err := runTool(t, "mutool", "draw", "-r", "144", "-o", png, path, "1"); err != nil {
		t.Fatalf("mutool: %v\n%s", err, out)
	}
	f, err := os.Open(png)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := stdpng.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// The hyphen: a dark pixel in the box after "Internation", at x-height.
	x0, x1 := int(x.Points()*2)+1, int((x+face.Advance('-', units.Pt(12))).Points()*2)
	y0, y1 := int((units.Mm(40)-units.Pt(6)).Points()*2), int(units.Mm(40).Points()*2)
	dark := false
	for y := y0; y <= y1 && !dark; y++ {
		for px := x0; px < x1; px++ {
			if r, _, _, _ := img.At(px, y).RGBA(); r < 0x8000 {
				dark = true
				break
			}
		}
	}
	if !dark {
		t.Error("no hyphen drawn after the first line")
	}
}
