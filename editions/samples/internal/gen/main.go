// Command gen draws the photos and ads of the sample editions.
//
// Nothing is downloaded: every picture is drawn from simple shapes and
// gradients with integer arithmetic and fixed seeds, so each run writes the
// same bytes on every machine. A test regenerates everything and compares it
// with the committed files. Run it from the repository root:
//
//	go run ./editions/samples/internal/gen
//
// It writes photos/, ads/ and testdata/photos/ under editions/samples (or
// under the directory given with -out).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
)

// asset is one generated file: its path below the samples directory and
// the function that makes its bytes.
type asset struct {
	path  string
	build func() ([]byte, error)
}

// jpegQuality is the quality the photos are saved at: what a picture desk
// would send to the page.
const jpegQuality = 85

func jpegOf(draw func() *canvas) func() ([]byte, error) {
	return func() ([]byte, error) { return encodeJPEG(draw().img) }
}

func encodeJPEG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return nil, fmt.Errorf("encode jpeg: %w", err)
	}
	return b.Bytes(), nil
}

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return b.Bytes(), nil
}

// assets lists every generated file, in a fixed order.
func assets() []asset {
	return []asset{
		{"photos/harbour-dusk.jpg", jpegOf(harbourDusk)},
		{"photos/quay-cranes.jpg", jpegOf(quayCranes)},
		{"photos/flower-field.jpg", jpegOf(flowerField)},
		{"photos/meeting.jpg", jpegOf(meetingRoom)},
		{"photos/evacuation-drill.jpg", jpegOf(evacuationDrill)},
		// The smaller scenes are drawn at 1200×800 and enlarged to
		// 1800×1200, so they keep 150 ppi even across six columns.
		{"photos/wetland.jpg", jpegOf(func() *canvas { return wetland().enlarge(3, 2) })},
		{"photos/stage.jpg", jpegOf(func() *canvas { return stage().enlarge(3, 2) })},
		{"photos/old-pier-1987.jpg", func() ([]byte, error) { return encodeJPEG(oldPier().enlarge(3, 2).gray()) }},
		{"ads/seafood-festival.png", func() ([]byte, error) { return encodePNG(seafoodAd().img) }},
		{"ads/bank.pdf", bankAd},
		// A deliberately low-resolution photo (400×266 px: about 58 ppi
		// across four columns) for tests of the low-resolution warning.
		// It lives in testdata so that no sample uses it.
		{"testdata/photos/lowres-harbour.jpg", func() ([]byte, error) { return encodeJPEG(harbourDusk().shrink(4).img) }},
	}
}

// generate writes every asset below dir, each through a temporary file
// renamed into place so that no half-written picture is left behind.
func generate(dir string) error {
	for _, a := range assets() {
		b, err := a.build()
		if err != nil {
			return fmt.Errorf("%s: %w", a.path, err)
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(a.path)), b); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".gen-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}

func main() {
	out := flag.String("out", filepath.Join("editions", "samples"), "the samples directory to write into")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
