package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/internal/edtest"
	"github.com/broadsheet-news/broadsheet/internal/pdftest"
)

// councilEdition writes, in a folder of its own, a one-page edition of
// one short article, with tail (YAML) after its body — its photos:, or the
// page's ads: — and the file named file holding data beside it, and
// returns the edition's path.
func councilEdition(t *testing.T, tail, file string, data []byte) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
		t.Fatal(err)
	}
	ed := filepath.Join(dir, "e.yaml")
	if err := os.WriteFile(ed, []byte(edtest.Council(tail)), 0o644); err != nil {
		t.Fatal(err)
	}
	return ed
}

// adEdition is a councilEdition whose page has one ad, ad (a file name,
// "ad.jpg" or "ad.pdf") holding data.
func adEdition(t *testing.T, ad string, data []byte) string {
	t.Helper()
	return councilEdition(t, "    ads:\n      - {id: advert, file: "+ad+", at: {column: 5, span: 4, bottom: true, lines: 30}}\n", ad, data)
}

// richInkEdition is an edition whose ad is the hostile set's CMYK JPEG at
// 290% total ink (over the default limit of 240%).
func richInkEdition(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(hostile, "rich-ink-cmyk.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	return adEdition(t, "ad.jpg", b)
}

// imageAdEdition is an edition whose ad is a PDF drawing one image
// XObject (see pdftest.ImageAd).
func imageAdEdition(t *testing.T, dict string, data []byte) string {
	t.Helper()
	return adEdition(t, "ad.pdf", pdftest.ImageAd(dict, data))
}

// TestPDFAdImageInk: a CMYK photo inside a PDF ad counts toward the ink
// limit as the same photo placed as a JPEG ad does (both were 290%; the
// PDF ad passed), and an image whose ink cannot be measured (JPEG 2000)
// is a named warning, never passed over in silence.
func TestPDFAdImageInk(t *testing.T) {
	jpg, err := os.ReadFile(filepath.Join(hostile, "rich-ink-cmyk.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	ed := imageAdEdition(t, "/Width 48 /Height 32 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode /Decode [1 0 1 0 1 0 1 0]", jpg)
	out := filepath.Join(filepath.Dir(ed), "out.pdf")
	if code, _, stderr := runCLI(t, "render", ed, "-o", out); code != 1 || !bytes.Contains([]byte(stderr), []byte("ad advert: ad.pdf reaches 290% total ink (CMYK 100/70/90/30)")) {
		t.Errorf("a rich-black photo in a PDF ad: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("refused, yet %s is there (%v)", out, err)
	}
	ed = imageAdEdition(t, "/Width 8 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /JPXDecode", []byte("not decoded"))
	out = filepath.Join(filepath.Dir(ed), "out.pdf")
	code, _, stderr := runCLI(t, "render", ed, "-o", out)
	if code != 0 || !bytes.Contains([]byte(stderr), []byte("ink-unmeasured")) ||
		!bytes.Contains([]byte(stderr), []byte(`ad "advert": the ink of its JPEG 2000 image /Im0 in the page is not measured`)) {
		t.Errorf("a JPEG 2000 image in a PDF ad: exit %d, %s", code, stderr)
	}
}

// TestRasterAdInkAsPrinted: the ink the check reports for a CMYK JPEG ad
// (290% for rich-ink-cmyk.jpg, refused by default) is the ink Ghostscript
// prints it with through the output intent, as a RIP would, once the limit
// is raised to let it through: the placed image keeps its colours.
func TestRasterAdInkAsPrinted(t *testing.T) {
	needTool(t, "gs")
	ed := richInkEdition(t)
	dir := filepath.Dir(ed)
	out := filepath.Join(dir, "out.pdf")
	if code, _, stderr := runCLI(t, "render", ed, "-o", out); code != 1 || !bytes.Contains([]byte(stderr), []byte("reaches 290% total ink")) {
		t.Fatalf("default limit: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "render", ed, "-o", out, "--ink-limit", "300"); code != 0 {
		t.Fatalf("--ink-limit 300: exit %d, %s", code, stderr)
	}
	const icc = "../../pdf/icc/IFRA26S.icc"
	pam := filepath.Join(dir, "p.pam")
	if b, err := exec.Command("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pamcmyk32", "-r36",
		"-sOutputICCProfile="+icc, "-sDefaultCMYKProfile="+icc, "-o", pam, out).CombinedOutput(); err != nil {
		t.Fatalf("gs: %v\n%s", err, b)
	}
	data, err := os.ReadFile(pam)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("ENDHDR\n"))
	if i < 0 {
		t.Fatal("not a PAM file")
	}
	px, most := data[i+len("ENDHDR\n"):], 0
	for k := 0; k+3 < len(px); k += 4 {
		most = max(most, int(px[k])+int(px[k+1])+int(px[k+2])+int(px[k+3]))
	}
	if pct := (most*100 + 127) / 255; pct < 288 || pct > 292 {
		t.Errorf("Ghostscript prints the ad with %d%% total ink; the check said 290%%", pct)
	}
}

// TestOutputProfileNeedsBToA: an output profile a RIP could not convert
// RGB through (no BToA table) is refused with the flag's name, and the
// default profile's figure is the one the RGB ink check uses.
func TestOutputProfileNeedsBToA(t *testing.T) {
	p, err := os.ReadFile("../../pdf/icc/IFRA26S.icc")
	if err != nil {
		t.Fatal(err)
	}
	p = bytes.Clone(p)
	for i := 0; i < int(p[131]); i++ { // rename the B2A tags in the tag table
		if e := p[132+12*i:]; string(e[:3]) == "B2A" {
			copy(e, "xxxx")
		}
	}
	path := filepath.Join(t.TempDir(), "no-b2a.icc")
	if err := os.WriteFile(path, p, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readProfile(path); err == nil || !bytes.Contains([]byte(err.Error()), []byte("--output-profile "+path+" cannot convert colours to CMYK")) {
		t.Errorf("a profile without BToA tables: %v", err)
	}
	if n, err := rgbInk(nil); err != nil || n != 231 {
		t.Errorf("default profile: %d%%, %v; want 231%%", n, err)
	}
}

// TestInkCheckStatus: when the ink check cannot read the output profile
// given (a usage problem, status 2) it is told apart from ads over the
// limit (the edition's problem, status 1). The four-page sample has an RGB
// image ad, for which the check reads the profile.
func TestInkCheckStatus(t *testing.T) {
	const path = "../../editions/samples/four-pages.yaml"
	for _, c := range []struct {
		name string
		in   inputOptions
		code int
	}{
		{"profile unreadable", inputOptions{inkLimit: DefaultInkLimit, profile: []byte("not an ICC profile")}, exitUsage},
		{"ads over the limit", inputOptions{inkLimit: 100}, exitInput},
	} {
		_, _, err := loadEditionWith(path, fonts.NewLibrary(), c.in, false)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != c.code {
			t.Errorf("%s: %v; want exit status %d", c.name, err, c.code)
		}
	}
	if _, _, err := loadEditionWith(path, fonts.NewLibrary(), defaultInputs(), false); err != nil {
		t.Errorf("the sample at the default limit: %v", err)
	}
}
