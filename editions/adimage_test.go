package editions

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/internal/pdftest"
)

// imageAd is pdftest.ImageAd.
var imageAd = pdftest.ImageAd

func flate(b []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

func unhex(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

// grayJPEG is a 2 × 1 gray JPEG: one white pixel, one at gray level v.
func grayJPEG(v uint8) []byte {
	img := image.NewGray(image.Rect(0, 0, 16, 8))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for y := range 8 {
		for x := 8; x < 16; x++ {
			img.Pix[y*img.Stride+x] = v
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 100}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// inlineAd is a one-page PDF ad that draws an inline image (BI dict ID
// data EI) over its 40 × 40 pt page; spaces are the page's ColorSpace
// resources ("" for none).
func inlineAd(dict string, data []byte, spaces string, extra ...string) []byte {
	content := "q 40 0 0 40 0 0 cm BI " + dict + " ID " + string(data) + "\nEI Q"
	res := ""
	if spaces != "" {
		res = " /Resources << /ColorSpace << " + spaces + " >> >>"
	}
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 40 40] /Contents 4 0 R" + res + " >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)}
	return pdftest.File(append(objs, extra...)...)
}

// TestInspectPDFImageInk: the ink of a PDF ad's images is counted as their
// samples print: through their filters, Decode arrays and colour spaces.
// Before, only the colours that operators set were, so a rich-black CMYK
// photo inside a PDF ad passed a limit the same photo placed as a JPEG
// ad did not.
func TestInspectPDFImageInk(t *testing.T) {
	richJPEG, err := os.ReadFile("testdata/hostile/rich-ink-cmyk.jpg") // 290% at 100/70/90/30 (RasterInk), on white
	if err != nil {
		t.Fatal(err)
	}
	const cmyk8 = "/Width 2 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 8"
	pixels := unhex("00000000 FFCC9933") // white; 100/80/60/20
	for _, c := range []struct {
		name  string
		ad    []byte
		ink   int
		at    string
		note  bool
		error string
	}{
		{"CMYK, no filter", imageAd(cmyk8, pixels), 260, "100/80/60/20", false, ""},
		{"CMYK, Flate", imageAd(cmyk8+" /Filter /FlateDecode", flate(pixels)), 260, "100/80/60/20", false, ""},
		{"CMYK, hex then Flate", imageAd(cmyk8+" /Filter [/ASCIIHexDecode /FlateDecode]", []byte(hex.EncodeToString(flate(pixels))+">")), 260, "100/80/60/20", false, ""},
		{"CMYK, inverted by Decode: white is 400%", imageAd(cmyk8+" /Decode [1 0 1 0 1 0 1 0]", pixels), 400, "100/100/100/100", false, ""},
		{"CMYK, 16 bits", imageAd("/Width 1 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 16", unhex("FFFF 0000 FFFF 0000")), 200, "100/0/100/0", false, ""},
		{"ICC-based CMYK", imageAd("/Width 2 /Height 1 /ColorSpace [/ICCBased 6 0 R] /BitsPerComponent 8", pixels, "<< /N 4 /Length 0 >>\nstream\n\nendstream"), 260, "100/80/60/20", false, ""},
		{"gray, one bit: a black pixel", imageAd("/Width 8 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 1", unhex("F0")), 100, "0/0/0/100", false, ""},
		{"gray, one bit: all white", imageAd("/Width 8 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 1", unhex("FF")), 0, "", false, ""},
		{"gray, 4 bits", imageAd("/Width 2 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 4", unhex("F5")), 67, "0/0/0/67", false, ""},
		{"Indexed CMYK: the entries used", imageAd("/Width 2 /Height 1 /ColorSpace [/Indexed /DeviceCMYK 2 <00000000 FFFFFFFF 33333333>] /BitsPerComponent 8", unhex("0002")), 80, "20/20/20/20", false, ""},
		{"Indexed CMYK: a rich black used", imageAd("/Width 2 /Height 1 /ColorSpace [/Indexed /DeviceCMYK 2 <00000000 FFFFFFFF 33333333>] /BitsPerComponent 8", unhex("0001")), 400, "100/100/100/100", false, ""},
		{"Separation All (registration)", imageAd("/Width 1 /Height 1 /ColorSpace [/Separation /All /DeviceCMYK 6 0 R] /BitsPerComponent 8", unhex("33"), "<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>"), 80, "20/20/20/20", false, ""},
		{"DeviceN with a spot ink", imageAd("/Width 1 /Height 1 /ColorSpace [/DeviceN [/Black /Gold] /DeviceCMYK 6 0 R] /BitsPerComponent 8", unhex("FF80"), "<< /FunctionType 4 /Domain [0 1 0 1] /Range [0 1 0 1 0 1 0 1] /Length 23 >>\nstream\n{ pop 0 0 0 4 -1 roll }\nendstream"), 150, "0/0/0/100+50", false, ""},
		{"a JPEG ad of Adobe's inverted CMYK, marked so", imageAd("/Width 48 /Height 32 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode /Decode [1 0 1 0 1 0 1 0]", richJPEG), 290, "100/70/90/30", false, ""},
		{"the same JPEG unmarked: its white prints as 400%", imageAd("/Width 48 /Height 32 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode", richJPEG), 400, "100/100/100/100", false, ""},
		{"a gray JPEG", imageAd("/Width 16 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", grayJPEG(0)), 100, "0/0/0/100", false, ""},
		{"a stencil mask: the fill colour's", imageAd("/Width 8 /Height 1 /ImageMask true /BitsPerComponent 1", unhex("00")), 0, "", false, ""},
		{"a fax scan prints its colorant full", imageAd("/Width 8 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode", unhex("00")), 100, "0/0/0/100", false, ""},
		{"JPEG 2000: not measured, said", imageAd("/Width 8 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /JPXDecode", unhex("00")), 0, "", true, ""},
		{"rows past the data are not there", imageAd("/Width 1 /Height 3 /ColorSpace /DeviceCMYK /BitsPerComponent 8", unhex("33333333 FFFF")), 80, "20/20/20/20", false, ""},
		{"a damaged JPEG", imageAd("/Width 48 /Height 32 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode", richJPEG[:len(richJPEG)/2]), 0, "", false, "holds an image (/Im0) in the page that cannot be read: its JPEG data"},
		{"an absurd size", imageAd("/Width 100000 /Height 100000 /ColorSpace /DeviceCMYK /BitsPerComponent 8", pixels), 0, "", false, "of 100000 × 100000 pixels"},
		{"an absurd depth", imageAd("/Width 2 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 7", pixels), 0, "", false, "of 7 bits a component"},
		// Inline images, abbreviations and all (before, they passed unread).
		{"inline CMYK", inlineAd("/W 2 /H 1 /CS /CMYK /BPC 8", pixels, ""), 260, "100/80/60/20", false, ""},
		{"inline CMYK, long names, Flate", inlineAd("/Width 2 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /FlateDecode", flate(pixels), ""), 260, "100/80/60/20", false, ""},
		{"inline CMYK, hex then Flate", inlineAd("/W 2 /H 1 /CS /CMYK /BPC 8 /F [/AHx /Fl]", []byte(hex.EncodeToString(flate(pixels))+">"), ""), 260, "100/80/60/20", false, ""},
		{"inline CMYK inverted by Decode", inlineAd("/W 2 /H 1 /CS /CMYK /BPC 8 /D [1 0 1 0 1 0 1 0]", pixels, ""), 400, "100/100/100/100", false, ""},
		{"inline gray, one bit", inlineAd("/W 8 /H 1 /CS /G /BPC 1", unhex("F0"), ""), 100, "0/0/0/100", false, ""},
		{"inline Indexed CMYK", inlineAd("/W 2 /H 1 /CS [/I /CMYK 1 <00000000 FFFFFFFF>] /BPC 8", unhex("0001"), ""), 400, "100/100/100/100", false, ""},
		{"inline, a colour space from the resources", inlineAd("/W 1 /H 1 /CS /Reg /BPC 8", unhex("33"), "/Reg [/Separation /All /DeviceCMYK 5 0 R]",
			"<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>"), 80, "20/20/20/20", false, ""},
		{"inline stencil mask", inlineAd("/W 8 /H 1 /IM true /BPC 1", unhex("00"), ""), 0, "", false, ""},
		{"inline JPEG 2000: not measured, said", inlineAd("/W 8 /H 1 /CS /CMYK /BPC 8 /F /JPXDecode", unhex("00"), ""), 0, "", true, ""},
		{"inline, an absurd size", inlineAd("/W 100000 /H 100000 /CS /CMYK /BPC 8", pixels, ""), 0, "", false, "holds an image (inline image) in the page of 100000 × 100000 pixels"},
		// pdfcpu parses a dictionary by recursion: three million levels
		// overflowed the stack, which ends the process whatever recovers.
		{"inline, a dictionary nested past any image's", inlineAd("/W 1 /H 1 /CS /G /BPC 8 /X "+strings.Repeat("[", 1_000_000)+strings.Repeat("]", 1_000_000), unhex("00"), ""), 0, "", false, "whose dictionary is over 8 KB or nests more than 4 deep"},
		// A pixel whose bytes spell "EI " (27/29/13/0%) once ended the
		// image: the rich black after it went unmeasured.
		{"inline pixels that spell EI", inlineAd("/W 2 /H 1 /CS /CMYK /BPC 8", []byte("EI \x00\xff\xff\xff\xff"), ""), 400, "100/100/100/100", false, ""},
		{"inline gray pixels that spell EI, one bit", inlineAd("/W 24 /H 1 /CS /G /BPC 1", []byte("EI \n"), ""), 100, "0/0/0/100", false, ""},
		{"inline, a colour space the resources lack", inlineAd("/W 1 /H 1 /CS /CS9 /BPC 8", unhex("00"), ""), 0, "", false, "whose colour space /CS9 its resources do not hold"},
		{"inline, nested five deep", inlineAd("/W 1 /H 1 /CS /G /BPC 8 /X [[[[[1]]]]]", unhex("00"), ""), 0, "", false, "nests more than 4 deep"},
	} {
		info, err := InspectPDF(c.ad)
		if c.error != "" {
			if err == nil || !strings.Contains(err.Error(), c.error) {
				t.Errorf("%s: %v, want an error with %q", c.name, err, c.error)
			}
			continue
		}
		if err != nil || info.MaxInk != c.ink || info.InkAt != c.at || (info.InkNote != "") != c.note {
			t.Errorf("%s: %v, ink %d%% at %q, note %q; want %d%% at %q, a note: %v", c.name, err, info.MaxInk, info.InkAt, info.InkNote, c.ink, c.at, c.note)
		}
	}
}

// TestImageInkAsGhostscriptPrints: what the check says of a CMYK image ad
// is what Ghostscript prints: the highest C+M+Y+K of its pixels rendered
// through the newsprint profile as both the document's and the device's
// CMYK (so unchanged), within a percent. It holds the reading of Decode
// arrays and of Adobe's CMYK JPEGs to a RIP's.
func TestImageInkAsGhostscriptPrints(t *testing.T) {
	if _, err := exec.LookPath("gs"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("gs is not installed (CI must install it)")
		}
		t.Skip("gs is not installed")
	}
	richJPEG, err := os.ReadFile("testdata/hostile/rich-ink-cmyk.jpg")
	if err != nil {
		t.Fatal(err)
	}
	const icc = "../pdf/icc/IFRA26S.icc"
	dir := t.TempDir()
	for i, ad := range [][]byte{
		imageAd("/Width 2 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 8", unhex("00000000 FFCC9933")),
		imageAd("/Width 2 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Decode [1 0 1 0 1 0 1 0]", unhex("FFFFFFFF 33669900")),
		imageAd("/Width 48 /Height 32 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode /Decode [1 0 1 0 1 0 1 0]", richJPEG),
		imageAd("/Width 48 /Height 32 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode", richJPEG),
		imageAd("/Width 2 /Height 1 /ColorSpace [/Indexed /DeviceCMYK 2 <00000000 FF800000 33333333>] /BitsPerComponent 8", unhex("0102")),
		imageAd("/Width 1 /Height 1 /ColorSpace [/Separation /All /DeviceCMYK 6 0 R] /BitsPerComponent 8", unhex("66"), "<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>"),
		inlineAd("/W 2 /H 1 /CS /CMYK /BPC 8 /F /AHx", []byte("00000000 FFCC9933>"), ""),
		inlineAd("/W 2 /H 1 /CS [/I /CMYK 1 <00000000 FFFFFFFF>] /BPC 8", unhex("0001"), ""),
	} {
		info, err := InspectPDF(ad)
		if err != nil {
			t.Fatalf("ad %d: %v", i, err)
		}
		in, pam := filepath.Join(dir, fmt.Sprintf("ad%d.pdf", i)), filepath.Join(dir, fmt.Sprintf("ad%d.pam", i))
		if err := os.WriteFile(in, ad, 0o644); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pamcmyk32", "-r72",
			"-sOutputICCProfile="+icc, "-sDefaultCMYKProfile="+icc, "-o", pam, in).CombinedOutput(); err != nil {
			t.Fatalf("gs: %v\n%s", err, b)
		}
		data, err := os.ReadFile(pam)
		if err != nil {
			t.Fatal(err)
		}
		k := bytes.Index(data, []byte("ENDHDR\n"))
		if k < 0 {
			t.Fatal("not a PAM file")
		}
		px, most := data[k+len("ENDHDR\n"):], 0
		for j := 0; j+3 < len(px); j += 4 {
			most = max(most, int(px[j])+int(px[j+1])+int(px[j+2])+int(px[j+3]))
		}
		if pct := (most*100 + 127) / 255; pct < info.MaxInk-1 || pct > info.MaxInk+1 {
			t.Errorf("ad %d: Ghostscript prints %d%% total ink; the check said %d%% (%s)", i, pct, info.MaxInk, info.InkAt)
		}
	}
}
