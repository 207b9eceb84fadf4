// Package scenes draws the photos and ads of the sample editions (and of
// the edition "broadsheet new" scaffolds) from simple shapes and gradients,
// with integer arithmetic and fixed seeds, so each run makes the same bytes
// on every machine. Nothing is downloaded. The command
// editions/samples/internal/gen writes them into editions/samples.
package scenes

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
)

// Asset is one generated file: its path below the samples directory (with
// forward slashes) and the function that makes its bytes.
type Asset struct {
	Path  string
	Build func() ([]byte, error)
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

// Assets lists every generated file, in a fixed order.
func Assets() []Asset {
	return []Asset{
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

// Build makes the asset at path (e.g. "photos/harbour-dusk.jpg").
func Build(path string) ([]byte, error) {
	for _, a := range Assets() {
		if a.Path == path {
			return a.Build()
		}
	}
	return nil, fmt.Errorf("scenes: no asset %q", path)
}
