package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/edtest"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// twoPhotosTwoAds is an edition with a photo, an EXIF-rotated photo (which
// the writer turns upright), an image ad and a PDF ad.
var twoPhotosTwoAds = edtest.Council(`        photos:
          - {file: photo.jpg, caption: 会议现场。}
          - {file: rotated.jpg, caption: 会后合影。}
    ads:
      - {id: cmyk, file: ad.jpg, at: {column: 1, span: 4, bottom: true, lines: 30}}
      - {id: bank, file: ad.pdf, at: {column: 5, span: 4, bottom: true, lines: 30}}
`)

// otherJPEG is a valid JPEG unlike any of the fixtures.
func otherJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	img.Set(3, 3, color.RGBA{R: 255, A: 255})
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A photo or ad saved over between loading (which checked it) and writing
// does not reach the PDF: render embeds the bytes loading read and checked,
// so the PDF is byte for byte the one the unchanged files give, whether the
// new file is a different valid image or garbage that would fail the check.
// So too when it optimises the photos (--photos optimize), where the walk
// that checks a photo optimises it for the writer.
func TestRenderEmbedsTheFilesLoadingChecked(t *testing.T) {
	for _, optimize := range []bool{false, true} {
		t.Run(map[bool]string{false: "as-is", true: "optimize"}[optimize], func(t *testing.T) {
			renderEmbedsTheFilesLoadingChecked(t, optimize)
		})
	}
}

func renderEmbedsTheFilesLoadingChecked(t *testing.T, optimize bool) {
	dir := t.TempDir()
	restore := func(t *testing.T) {
		for from, to := range map[string]string{"good.jpg": "photo.jpg", "rotated.jpg": "rotated.jpg",
			"ok-cmyk.jpg": "ad.jpg", "ok-cmyk.pdf": "ad.pdf"} {
			copyFile(t, filepath.Join(hostile, from), filepath.Join(dir, to))
		}
	}
	restore(t)
	edition := filepath.Join(dir, "e.yaml")
	if err := os.WriteFile(edition, []byte(twoPhotosTwoAds), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := fonts.NewLibrary()
	render := func(t *testing.T, out string, change func()) []byte {
		t.Helper()
		in, popts := defaultInputs(), pdf.Options{OptimizePhotos: optimize}
		if optimize { // as renderWith sets it up
			in.images = images.NewOptimizingCache(images.OptimizedKeep)
			popts.Images = in.images
		}
		ed, elib, err := loadEditionWith(edition, lib, in, true)
		if err != nil {
			t.Fatal(err)
		}
		change()
		var stderr bytes.Buffer
		if _, err := writeEdition(edition, out, ed, elib, popts, nil, nil, io.Discard, &stderr); err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	want := render(t, filepath.Join(dir, "want.pdf"), func() {})
	photo, err := os.ReadFile(filepath.Join(dir, "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	embedded := func(b []byte) []byte { return b }
	if optimize {
		// With optimal Huffman tables: those bytes are a function of the
		// file's (images.OptimizeJPEG), and not the file's.
		embedded = images.OptimizeJPEG
		if bytes.Contains(want, photo) {
			t.Error("the photo is in the PDF as its file is")
		}
	}
	photo = embedded(photo)
	if !bytes.Contains(want, photo) {
		t.Fatal("the photo's JPEG is not in the PDF byte for byte")
	}
	other := otherJPEG(t)
	rgbPDF, err := os.ReadFile(filepath.Join(hostile, "rgb.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	garbage := []byte("\xff\xd8\xff\xe0 saved over: " + strings.Repeat("not an image ", 40))
	// Damaged files that loading would refuse but whose headers read well:
	// without the check's bytes they would be embedded as they are.
	garbled, err := os.ReadFile(filepath.Join(hostile, "garbled.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	corruptPDF, err := os.ReadFile(filepath.Join(hostile, "corrupt-content.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name         string
		photo, ad    []byte // photos and the image ad; the PDF ad (nil: left as it is)
		replacedWith []byte // must not be in the PDF
	}{
		{"valid files", other, rgbPDF, other},
		{"garbage", garbage, garbage, garbage},
		{"damaged images", garbled, nil, garbled},
		{"damaged PDF ad", nil, corruptPDF, corruptPDF},
	} {
		t.Run(c.name, func(t *testing.T) {
			restore(t)
			out := filepath.Join(dir, "out.pdf")
			got := render(t, out, func() {
				for _, f := range []string{"photo.jpg", "rotated.jpg", "ad.jpg"} {
					if c.photo == nil {
						break
					}
					if err := os.WriteFile(filepath.Join(dir, f), c.photo, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if c.ad == nil {
					return
				}
				if err := os.WriteFile(filepath.Join(dir, "ad.pdf"), c.ad, 0o644); err != nil {
					t.Fatal(err)
				}
			})
			if !bytes.Contains(got, photo) {
				t.Error("the photo loading checked is not in the PDF")
			}
			if bytes.Contains(got, c.replacedWith) || bytes.Contains(got, embedded(c.replacedWith)) {
				t.Error("the file saved after loading is in the PDF")
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the PDF (%d bytes) differs from the one the unchanged files give (%d bytes)", len(got), len(want))
			}
		})
	}
}

// TestPhotosFlag: by default render embeds the sample's photos byte for
// byte, as --photos as-is does; --photos optimize embeds them with
// optimised Huffman tables (not their files' bytes, and a smaller PDF);
// batch takes the flag too and writes what render writes; any other
// value is a usage error.
func TestPhotosFlag(t *testing.T) {
	photo, err := os.ReadFile(filepath.Join(samples, "photos", "harbour-dusk.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	render := func(name string, args ...string) []byte {
		out := filepath.Join(dir, name)
		args = append([]string{"render", filepath.Join(samples, "local-news.yaml"), "-o", out}, args...)
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	opt, asIs := render("optimize.pdf", "--photos", "optimize"), render("as-is.pdf", "--photos", "as-is")
	if def := render("default.pdf"); !bytes.Equal(def, asIs) {
		t.Error("--photos as-is differs from the default")
	}
	if bytes.Contains(opt, photo) || !bytes.Contains(opt, images.OptimizeJPEG(photo)) {
		t.Error("--photos optimize: the photo is not embedded optimised")
	}
	if !bytes.Contains(asIs, photo) {
		t.Error("--photos as-is: the photo is not embedded byte for byte")
	}
	if len(opt) >= len(asIs) {
		t.Errorf("optimised PDF %d bytes, as-is %d", len(opt), len(asIs))
	}

	arch := filepath.Join(dir, "archive")
	if err := os.MkdirAll(filepath.Join(arch, "e1"), 0o755); err != nil {
		t.Fatal(err)
	}
	ed, err := os.ReadFile(filepath.Join(samples, "local-news.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(arch, "e1", "edition.yaml"), ed, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(samples)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(abs, "photos"), filepath.Join(arch, "e1", "photos")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		flag string
		want []byte
	}{{"optimize", opt}, {"as-is", asIs}} {
		out := filepath.Join(dir, "out-"+c.flag)
		args := []string{"batch", arch, "-o", out, "-q", "--photos", c.flag, "--allow-path", abs}
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		got, err := os.ReadFile(filepath.Join(out, "e1", "edition.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, c.want) {
			t.Errorf("batch --photos %s: %d bytes, not render's %d", c.flag, len(got), len(c.want))
		}
	}
	if code, _, _ := runCLI(t, "render", filepath.Join(samples, "local-news.yaml"), "-o", filepath.Join(dir, "x.pdf"), "--photos", "small"); code != exitUsage {
		t.Errorf("--photos small: exit %d, want %d", code, exitUsage)
	}
}

// TestPhotoTrailer: a photo with bytes after its end-of-image marker (a
// phone's motion photo carries its video there) renders, and the PDF
// embeds the picture alone: every byte up to the marker, none after it.
// Before, the photo was refused as "cut short".
func TestPhotoTrailer(t *testing.T) {
	photo, err := os.ReadFile("../../editions/samples/photos/meeting.jpg")
	if err != nil {
		t.Fatal(err)
	}
	trailer := append([]byte("\x00\x00\x00\x18ftypmp42"), bytes.Repeat([]byte("motion-photo-video "), 5000)...)
	ed := councilEdition(t, "        photos:\n          - {file: photo.jpg, caption: 会议现场。}\n", "photo.jpg", append(append([]byte{}, photo...), trailer...))
	dir := filepath.Dir(ed)
	for _, flags := range [][]string{nil, {"--photos", "optimize"}} {
		out := filepath.Join(dir, "out.pdf")
		if code, _, stderr := runCLI(t, append([]string{"render", ed, "-o", out}, flags...)...); code != 0 {
			t.Fatalf("%v: exit %d, %s", flags, code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("motion-photo-video")) {
			t.Errorf("%v: the trailer is in the PDF", flags)
		}
		if flags == nil && !bytes.Contains(b, photo) {
			t.Errorf("the photo is not in the PDF byte for byte")
		}
	}
}
