package editions

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/internal/pdfbox"
	"github.com/broadsheet-news/broadsheet/internal/pdftest"
)

// TestInspectPDF: each hand-made ad in testdata/hostile is refused for its
// own fault, in words an editor reads, and the good one passes with its ink.
func TestInspectPDF(t *testing.T) {
	for _, c := range []struct {
		file, want string
		ink        int
	}{
		{"ok-cmyk.pdf", "", 120},
		{"rich-ink.pdf", "", 290},
		{"rgb.pdf", "RGB", 0},
		{"font-not-embedded.pdf", "uses the font Helvetica without embedding it", 0},
		{"self-form.pdf", "draws itself", 0},
		{"self-colorspace.pdf", "declares a colour space (/CS0) in the page that refers to itself", 0},
		{"corrupt-content.pdf", "damaged page content stream", 0},
		{"unclosed-content.pdf", "damaged content stream", 0},
	} {
		data, err := os.ReadFile("testdata/hostile/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		info, err := InspectPDF(data)
		if c.want == "" {
			if err != nil || info.MaxInk != c.ink {
				t.Errorf("%s: %v, ink %d, want no error and ink %d", c.file, err, info.MaxInk, c.ink)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.file, err, c.want)
		}
	}
	bank, err := os.ReadFile("samples/ads/bank.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if info, err := InspectPDF(bank); err != nil || info.MaxInk > 240 {
		t.Errorf("the sample bank ad: %v, ink %d%% (%s)", err, info.MaxInk, info.InkAt)
	}
}

// TestContentScanSyntax: content the lexer once refused or misread. A
// hex string closing a dictionary (<</Alt <FEFF>>>, as InDesign writes
// marked content) was read as the dictionary's end followed by a stray
// '>'; a comment inside an array ended it early.
func TestContentScanSyntax(t *testing.T) {
	for _, c := range []struct{ content, ops string }{
		{"/Span <</MCID 0 /Alt <FEFF>>> BDC EMC", "BDC(2) EMC(0)"},
		{"/Span<</ActualText<FEFF0041>/E<41>>>BDC EMC", "BDC(2) EMC(0)"},
		{"[(a) % a comment: ] ) >>\n 5 (b)] TJ", "TJ(1)"},
		{"/Device#52GB cs /Im#31 Do", "cs(1:DeviceRGB) Do(1:Im1)"},
		{"/Bad#4 cs /Odd#zz CS", "cs(1:Bad#4) CS(1:Odd#zz)"},
		{"BI /W 1 /H 1 /CS [/I /RGB 1 <000000ffffff>] /BPC 8 ID \x00 EI Q", "BI(0) ID(8) BI ID EI(2) Q(0)"},
	} {
		var ops []string
		err := scanContent([]byte(c.content), func(op string, args []token) error {
			s := fmt.Sprintf("%s(%d", op, len(args))
			if len(args) > 0 && args[0].kind == tName && len(args) == 1 {
				s += ":" + args[0].s
			}
			ops = append(ops, s+")")
			return nil
		})
		if got := strings.Join(ops, " "); err != nil || got != c.ops {
			t.Errorf("%q: %s, %v; want %s", c.content, got, err, c.ops)
		}
	}
}

// TestInspectorFindsRGBEverywhere: RGB device colour the inspector missed,
// as an escaped name or in an inline image, and CMYK ink it did not count
// behind an escaped name.
func TestInspectorFindsRGBEverywhere(t *testing.T) {
	for _, c := range []struct {
		content string
		rgb     bool
		ink     int
	}{
		{"/Device#52GB cs 1 0 0 sc 0 0 1 1 re f", true, 0},
		{"BI /W 1 /H 1 /CS /RGB /BPC 8 ID \xff\x00\x00 EI", true, 0},
		{"BI /W 1 /H 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 ID \xff\x00\x00 EI", true, 0},
		{"BI /W 1 /H 1 /CS [/I /RGB 1 <000000ffffff>] /BPC 8 ID \x00 EI", true, 0},
		{"BI /W 1 /H 1 /CS [/Indexed /DeviceRGB 1 (\x00\x00\x00\xff\xff\xff)] /BPC 8 ID \x00 EI", true, 0},
		{"BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI", false, 100}, // a black pixel: K 100
		{"BI /W 1 /H 1 /CS [/I /CMYK 1 <0000000000000000>] /BPC 8 ID \x00 EI", false, 0},
		{"/Device#43MYK cs 1 1 1 1 sc 0 0 1 1 re f", false, 400},
	} {
		ctx, err := pdfcpu.Read(bytes.NewReader(pdftest.File("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")),
			&model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF})
		if err != nil {
			t.Fatal(err)
		}
		in := &inspector{ctx: ctx, visiting: map[int]bool{}, done: map[int]bool{}}
		err = in.content([]byte(c.content), nil, "the page", 0)
		if rgb := err != nil && strings.Contains(err.Error(), "RGB"); rgb != c.rgb || !c.rgb && err != nil || in.maxInk != c.ink {
			t.Errorf("%q: %v, ink %d; want RGB %v, ink %d", c.content, err, in.maxInk, c.rgb, c.ink)
		}
	}
}

// TestInspectPDFColourEverywhere: an indexed colour space that is its own
// base, and a page tree that loops, are refused (each recursed until the
// stack overflowed, which no recover catches); RGB in shadings (drawn by
// sh or by a pattern), in a tiling pattern's cell and in a Type 3 glyph is
// refused as RGB device colour is anywhere else.
func TestInspectPDFColourEverywhere(t *testing.T) {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R /Resources << /ColorSpace << /CS0 5 0 R >> >> >>"
	for _, c := range []struct {
		name string
		objs []string
		want string
	}{
		{"indexed, its own base", []string{page, "<< /Length 6 >>\nstream\n0 g 0 G\nendstream", "[/Indexed 5 0 R 1 <00ff>]"}, "refers to itself"},
		{"indexed, RGB base", []string{page, "<< /Length 6 >>\nstream\n0 g 0 G\nendstream", "[/Indexed /DeviceRGB 1 <000000ffffff>]"}, "RGB"},
		{"pattern, indexed, RGB base", []string{page, "<< /Length 6 >>\nstream\n0 g 0 G\nendstream", "[/Pattern [/Indexed /DeviceRGB 1 <000000ffffff>]]"}, "RGB"},
		{"a page tree that loops", []string{"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}, "loops"},
		{"RGB in a tiling pattern's cell", []string{strings.Replace(page, "/ColorSpace << /CS0 5 0 R >>", "/Pattern << /P0 5 0 R >>", 1), "<< /Length 6 >>\nstream\n0 g 0 G\nendstream", "<< /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 1 1] /XStep 1 /YStep 1 /Length 21 >>\nstream\n1 0 0 rg 0 0 1 1 re f\nendstream"}, "RGB"},
		{"a tiling pattern in the page's resources", []string{strings.Replace(page, "/ColorSpace << /CS0 5 0 R >>", "/Pattern << /P0 5 0 R >>", 1), "<< /Length 16 >>\nstream\n0 g 0 0 1 1 re f\nendstream", "<< /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 1 1] /XStep 1 /YStep 1 /Length 20 >>\nstream\n0 0 0 1 k 0 0 1 1 re f\nendstream"}, ""},
		{"RGB in a Type 3 glyph", []string{strings.Replace(page, "/ColorSpace << /CS0 5 0 R >>", "/Font << /F1 5 0 R >>", 1), "<< /Length 6 >>\nstream\n0 g 0 G\nendstream", "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] /CharProcs << /a 6 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1] /Resources << /Font << /F1 5 0 R >> >> >>", "<< /Length 34 >>\nstream\n1 0 d0 1 0 0 rg 0 0 1 1 re f\nendstream"}, "RGB"},
		{"RGB shading", []string{strings.Replace(page, "/ColorSpace << /CS0 5 0 R >>", "/Shading << /Sh0 5 0 R >>", 1), "<< /Length 6 >>\nstream\n/Sh0 sh\nendstream", "<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0] >>"}, "RGB shading"},
		{"CMYK shading", []string{strings.Replace(page, "/ColorSpace << /CS0 5 0 R >>", "/Shading << /Sh0 5 0 R >>", 1), "<< /Length 6 >>\nstream\n/Sh0 sh\nendstream", "<< /ShadingType 2 /ColorSpace /DeviceCMYK /Coords [0 0 1 0] >>"}, ""},
		{"RGB shading pattern", []string{strings.Replace(page, "/ColorSpace << /CS0 5 0 R >>", "/Pattern << /P0 5 0 R >>", 1), "<< /Length 6 >>\nstream\n0 g 0 G\nendstream", "<< /PatternType 2 /Shading << /ShadingType 2 /ColorSpace [/Indexed /RGB 1 <000000ffffff>] >> >>"}, "RGB shading pattern"},
	} {
		objs := append([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"}, c.objs...)
		if c.name == "a page tree that loops" {
			objs = append(objs[:1], c.objs...)
		}
		_, err := InspectPDF(pdftest.File(objs...))
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestInspectPDFDeepNesting: a file nesting arrays past pdfbox.MaxNesting
// is refused before pdfcpu's parser recurses into it.
func TestInspectPDFDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", pdfbox.MaxNesting+1) + strings.Repeat("]", pdfbox.MaxNesting+1)
	_, err := InspectPDF(pdftest.File("<< /Type /Catalog /Pages 2 0 R /X "+deep+" >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"))
	if err == nil || !strings.Contains(err.Error(), "nests arrays") {
		t.Errorf("%v, want a refusal of the nesting", err)
	}
}

// TestInspectPDFICCBasedCMYKInk: colours in an ICC-based CMYK space (four
// components), as a colour-managed layout program writes them, count as
// ink as DeviceCMYK's do: 100/100/100/100 is 400%, which slipped past the
// ink check when only DeviceCMYK was counted.
func TestInspectPDFICCBasedCMYKInk(t *testing.T) {
	ad := func(n int) []byte {
		content := "/CS0 cs 1 1 1 1 sc 0 0 10 10 re f"
		return pdftest.File("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R /Resources << /ColorSpace << /CS0 [/ICCBased 5 0 R] >> >> >>",
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
			fmt.Sprintf("<< /N %d /Length 0 >>\nstream\n\nendstream", n))
	}
	info, err := InspectPDF(ad(4))
	if err != nil || info.MaxInk != 400 || info.InkAt != "100/100/100/100" {
		t.Errorf("ICC CMYK: %v, ink %d%% at %s, want 400%% at 100/100/100/100", err, info.MaxInk, info.InkAt)
	}
	if info, err := InspectPDF(ad(1)); err != nil || info.MaxInk != 0 {
		t.Errorf("ICC gray: %v, ink %d%%, want none counted", err, info.MaxInk)
	}
}

// TestInspectPDFSpotInk: Separation and DeviceN colours count as the inks
// their colorants name: All (registration) is every plate, a process name
// its plate, another name a spot ink of its own, None nothing.
func TestInspectPDFSpotInk(t *testing.T) {
	ad := func(space, colour string) []byte {
		content := "/CS0 cs " + colour + " sc 0 0 10 10 re f"
		return pdftest.File("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R /Resources << /ColorSpace << /CS0 "+space+" >> >> >>",
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
			"<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 0 0 1] /N 1 >>")
	}
	for _, c := range []struct {
		name, space, colour string
		ink                 int
		at                  string
	}{
		{"registration", "[/Separation /All /DeviceCMYK 5 0 R]", "1", 400, "100/100/100/100"},
		{"registration at half", "[/Separation /All /DeviceCMYK 5 0 R]", "0.5", 200, "50/50/50/50"},
		{"a spot colour", "[/Separation /PANTONE#20185#20C /DeviceCMYK 5 0 R]", "1", 100, "0/0/0/0+100"},
		{"process and a spot", "[/DeviceN [/Cyan /Magenta /Yellow /Black /Gold] /DeviceCMYK 5 0 R]", "1 1 1 1 0.5", 450, "100/100/100/100+50"},
		{"a plate named twice", "[/DeviceN [/Cyan /All] /DeviceCMYK 5 0 R]", "1 1", 400, "100/100/100/100"},
		{"none", "[/Separation /None /DeviceCMYK 5 0 R]", "1", 0, ""},
	} {
		info, err := InspectPDF(ad(c.space, c.colour))
		if err != nil || info.MaxInk != c.ink || info.InkAt != c.at {
			t.Errorf("%s: %v, ink %d%% at %q, want %d%% at %q", c.name, err, info.MaxInk, info.InkAt, c.ink, c.at)
		}
	}
}

// TestInspectPDFCutShort: an ad cut short anywhere before its end marker
// (a download that stopped) is refused, never placed. pdfcpu reads many
// such files, rebuilding the cross-reference table from the objects left,
// and the sample ad cut at 500 of its 2787 bytes went to press as a blank
// rectangle. So are a page whose content stream the file lacks and a page
// that draws nothing.
func TestInspectPDFCutShort(t *testing.T) {
	ad, err := os.ReadFile("samples/ads/bank.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := InspectPDF(ad); err != nil {
		t.Fatalf("the whole ad: %v", err)
	}
	end := bytes.LastIndex(ad, []byte("%%EOF"))
	for n := 0; n < end; n++ {
		if _, err := InspectPDF(ad[:n]); err == nil {
			t.Fatalf("the ad cut at %d of %d bytes was accepted", n, len(ad))
		}
	}
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 40 40] /Contents 4 0 R >>"
	for _, c := range []struct {
		name string
		objs []string
		want string
	}{
		{"content object missing", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", strings.Replace(page, "4 0 R", "9 0 R", 1)},
			"the content of its page (object 9) is missing"},
		{"a blank page", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, "<< /Length 14 >>\nstream\n0 0 0 1 k q Q\nendstream"},
			"draws nothing on its page"},
		{"a blank page with an unused pattern that fills", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			strings.Replace(page, ">>", " /Resources << /Pattern << /P0 5 0 R >> >> >>", 1), "<< /Length 3 >>\nstream\nq Q\nendstream",
			"<< /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 1 1] /XStep 1 /YStep 1 /Length 20 >>\nstream\n0 0 0 1 k 0 0 1 1 re f\nendstream"},
			"draws nothing on its page"},
	} {
		if _, err := InspectPDF(pdftest.File(c.objs...)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestLoadRefusesHugeFont: a font file past fsafe.MaxFont is refused at
// the line that names it, without being read (the font library read a
// sparse file of 3 GB whole, into 3 GB of memory).
func TestLoadRefusesHugeFont(t *testing.T) {
	dir := t.TempDir()
	font := filepath.Join(dir, "huge.ttf")
	if err := os.WriteFile(font, []byte("\x00\x01\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(font, fsafe.MaxFont+1<<20); err != nil {
		t.Skip(err)
	}
	path := filepath.Join(dir, "e.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(minimal, "pages:", "fonts:\n  Body: {file: huge.ttf}\npages:", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if want := path + ":5:9: font Body: " + font + " is 129.0 MB, more than the 128.0 MB allowed"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}
