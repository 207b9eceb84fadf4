package main

import (
	"bytes"
	"image"
	"image/color"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions/samples/scenes"
)

// samplesDir is editions/samples, seen from this package's directory.
const samplesDir = "../.."

// TestCommittedAssetsMatchGenerator regenerates every picture and checks
// that the committed files are byte for byte what the generator writes, so
// they can never drift from it (and nothing is drawn from clock or chance).
func TestCommittedAssetsMatchGenerator(t *testing.T) {
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	for _, a := range scenes.Assets() {
		got, err := os.ReadFile(filepath.Join(dir, a.Path))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(samplesDir, a.Path))
		if err != nil {
			t.Errorf("%s is not committed: %v (run `go run ./editions/samples/internal/gen` from the repository root)", a.Path, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what the generator writes (%d bytes, committed %d); regenerate with `go run ./editions/samples/internal/gen` and commit", a.Path, len(got), len(want))
		}
	}
}

// TestNoStrayPictures checks that every file in the picture directories
// comes from the generator: no downloaded or hand-made image slips in.
func TestNoStrayPictures(t *testing.T) {
	known := map[string]bool{}
	for _, a := range scenes.Assets() {
		known[a.Path] = true
	}
	for _, d := range []string{"photos", "ads", "testdata/photos"} {
		entries, err := os.ReadDir(filepath.Join(samplesDir, d))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if p := d + "/" + e.Name(); !known[p] {
				t.Errorf("%s is not made by the generator", p)
			}
		}
	}
}

// fourColumnsMilliInches is the width of a 4-column module on the duikai grid
// (4×117 pt + 3×9 pt = 495 pt), in thousandths of an inch.
const fourColumnsMilliInches = 495 * 1000 / 72

// TestPhotosAreFitForPrint checks size, resolution and colour model: every
// sample photo has at least 150 ppi across four columns, the low-resolution
// fixture has less, and the archive picture is grayscale.
func TestPhotosAreFitForPrint(t *testing.T) {
	total := 0
	for _, a := range scenes.Assets() {
		b, err := os.ReadFile(filepath.Join(samplesDir, a.Path))
		if err != nil {
			t.Fatal(err)
		}
		total += len(b)
		if strings.HasSuffix(a.Path, ".pdf") {
			continue
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", a.Path, err)
		}
		ppi := cfg.Width * 1000 / fourColumnsMilliInches
		switch {
		case strings.HasPrefix(a.Path, "photos/"):
			if format != "jpeg" {
				t.Errorf("%s is %s, want jpeg", a.Path, format)
			}
			if ppi < 150 {
				t.Errorf("%s: %d×%d px is %d ppi across four columns, want ≥ 150", a.Path, cfg.Width, cfg.Height, ppi)
			}
			if a.Path == "photos/old-pier-1987.jpg" && cfg.ColorModel != color.GrayModel {
				t.Errorf("%s is not grayscale", a.Path)
			}
			if a.Path != "photos/old-pier-1987.jpg" && cfg.ColorModel == color.GrayModel {
				t.Errorf("%s is grayscale", a.Path)
			}
		case strings.HasPrefix(a.Path, "testdata/"):
			if ppi >= 100 {
				t.Errorf("%s: %d ppi across four columns; the fixture must be low-resolution", a.Path, ppi)
			}
		case a.Path == "ads/seafood-festival.png":
			// 3 columns × 24 lines = 369 × 324 pt at 200 ppi
			if format != "png" || cfg.Width != 1025 || cfg.Height != 900 {
				t.Errorf("%s: %s %d×%d, want png 1025×900", a.Path, format, cfg.Width, cfg.Height)
			}
		}
	}
	if total > 3<<20 {
		t.Errorf("pictures take %d bytes, want < 3 MiB", total)
	}
}
