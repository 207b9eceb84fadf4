package images

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
)

// TestCheckJPEGSamples: the walk takes every sample photo (baseline, 4:2:0
// and gray) whole, and refuses each of them cut short, with a byte of its
// compressed data changed to a marker, or with its end-of-image marker
// gone — which image/jpeg refuses too.
func TestCheckJPEGSamples(t *testing.T) {
	paths, err := filepath.Glob("../editions/samples/photos/*.jpg")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample photos: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !checkJPEG(data) {
			t.Errorf("%s: not taken", p)
			continue
		}
		if checkJPEG(data[:len(data)*2/3]) {
			t.Errorf("%s: taken cut to two thirds", p)
		}
		bad := bytes.Clone(data)
		bad[len(bad)/2], bad[len(bad)/2+1] = 0xff, 0xd4 // an RST marker out of place
		if checkJPEG(bad) {
			t.Errorf("%s: taken with a marker in its data", p)
		}
		if checkJPEG(data[:len(data)-2]) {
			t.Errorf("%s: taken without its end-of-image marker", p)
		}
	}
}

// TestCheckJPEGKinds: what image/jpeg encodes — 4:2:0 colour and gray, at
// sizes that are not whole MCUs (down to one pixel), at the lowest and
// highest qualities — is taken.
func TestCheckJPEGKinds(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {7, 9}, {17, 33}, {64, 48}, {100, 3}} {
		for _, q := range []int{1, 50, 100} {
			rgb := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
			gray := image.NewGray(image.Rect(0, 0, size.X, size.Y))
			for i := range rgb.Pix {
				rgb.Pix[i] = byte(i*37 + i/7)
			}
			for i := range gray.Pix {
				gray.Pix[i] = byte(i * 11)
			}
			for _, img := range []image.Image{rgb, gray} {
				var b bytes.Buffer
				if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
					t.Fatal(err)
				}
				if !checkJPEG(b.Bytes()) {
					t.Errorf("%v quality %d %T: not taken", size, q, img)
				}
			}
		}
	}
}

// BenchmarkValidateJPEG compares the walk with a whole decode on a sample
// photo (1600 × 1067, 4:2:0).
func BenchmarkValidateJPEG(b *testing.B) {
	data, err := os.ReadFile("../editions/samples/photos/harbour-dusk.jpg")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("walk", func(b *testing.B) {
		for b.Loop() {
			if !checkJPEG(data) {
				b.Fatal("not taken")
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzCheckJPEG: whatever the walk takes, image/jpeg decodes. (What it
// does not take is decoded whole by Validate, so a "no" is never wrong,
// only slower.)
func FuzzCheckJPEG(f *testing.F) {
	for _, size := range []image.Point{{1, 1}, {9, 17}, {33, 8}} {
		rgb := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
		for i := range rgb.Pix {
			rgb.Pix[i] = byte(i * 29)
		}
		gray := image.NewGray(image.Rect(0, 0, size.X, size.Y))
		for i := range gray.Pix {
			gray.Pix[i] = byte(i * 13)
		}
		for _, img := range []image.Image{rgb, gray} {
			var b bytes.Buffer
			if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 75}); err != nil {
				f.Fatal(err)
			}
			f.Add(b.Bytes())
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !checkJPEG(data) {
			return
		}
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			t.Fatalf("taken, but image/jpeg says: %v", err)
		}
	})
}
