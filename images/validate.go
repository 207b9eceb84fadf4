// Package images validates the photos and image ads an edition names
// (JPEG and PNG) and keeps what it found, so that a run decodes each image
// once: loading checks every pixel, and a preview draws from the same
// decoded pixels (see Cache).
package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"github.com/broadsheet-news/broadsheet/internal/exif"
)

// MaxPixels is the most pixels a photo or image ad may have: 80 million
// (a 10,000 × 8,000 scan). Larger images are refused from their header,
// before any pixel is decoded, since decoding would take gigabytes.
const MaxPixels = 80_000_000

// MaxScans is the most scans a JPEG may have. image/jpeg goes over every
// block of the image for each scan of a progressive JPEG, however little
// the scan holds, so a small file of many scans decodes for ever: 1,000
// empty scans of an 80-million-pixel frame, 119 KB, took 56 s to
// validate, and 64 MB of them would take days. Encoders write about ten
// (libjpeg's progressive script: 6 for gray, 10 for colour).
const MaxScans = 100

// Info is what validating an image found.
type Info struct {
	Format        string // "jpeg" or "png"
	Width, Height int    // as stored, before orientation
	// Orientation is the EXIF orientation of a JPEG, 1 (upright) to 8;
	// 5 to 8 turn the image a quarter, so it prints Height wide.
	Orientation int
}

// Upright returns the size the image prints at once its orientation is
// applied.
func (i Info) Upright() (w, h int) {
	if i.Orientation >= 5 && i.Orientation <= 8 {
		return i.Height, i.Width
	}
	return i.Width, i.Height
}

// Header reads what an image's header says — its format, size and
// orientation — and refuses what can be refused without decoding a pixel:
// data that is neither JPEG nor PNG, no pixels, more than MaxPixels, a
// CMYK JPEG that would have to be turned. The error is in words for a
// layout editor, without the file name.
func Header(data []byte) (Info, error) {
	var info Info
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if len(data) == 0 {
			return info, errors.New("the file is empty")
		}
		return info, fmt.Errorf("is not a readable JPEG or PNG image (%s)", explainImageErr(err))
	}
	info.Format, info.Width, info.Height, info.Orientation = format, cfg.Width, cfg.Height, 1
	if cfg.Width < 1 || cfg.Height < 1 {
		return info, fmt.Errorf("has no pixels (%d × %d)", cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxPixels {
		return info, fmt.Errorf("claims %d × %d pixels (%.0f million), more than the %d million a photo may have", cfg.Width, cfg.Height, float64(px)/1e6, MaxPixels/1_000_000)
	}
	if format == "jpeg" {
		if n := jpegScans(data); n > MaxScans {
			return info, fmt.Errorf("is a JPEG of %d scans, more than the %d any camera or editor writes; save it again as a JPEG", n, MaxScans)
		}
		info.Orientation = exif.Orientation(data)
		if info.Orientation != 1 && cfg.ColorModel == color.CMYKModel {
			return info, errors.New("is a CMYK JPEG with an EXIF rotation, which cannot be turned upright here; rotate it in your photo editor")
		}
	}
	return info, nil
}

// Decode checks that data is a whole, undamaged JPEG or PNG — its header
// first (Header), then every pixel decoded, so that a truncated or garbled
// file is refused here and never reaches the PDF, where a RIP would fail
// on it — and returns the decoded pixels as stored (before orientation).
// The error is in words for a layout editor, without the file name.
func Decode(data []byte) (Info, image.Image, error) {
	info, err := Header(data)
	if err != nil {
		return info, nil, err
	}
	var img image.Image
	switch info.Format {
	case "jpeg":
		img, err = jpeg.Decode(bytes.NewReader(data))
		if err == nil {
			err = jpegComplete(data)
		}
	case "png":
		img, err = png.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return info, nil, fmt.Errorf("is damaged: its image data cannot be read (%s)", explainImageErr(err))
	}
	return info, img, nil
}

// Validate is Decode without the pixels. A plain baseline JPEG has its
// compressed data walked to the end without computing a pixel (checkJPEG,
// under a tenth of a decode's time); every other image, and a JPEG that
// walk is not sure of, is decoded whole, so the answer and the words of an
// error are Decode's.
func Validate(data []byte) (Info, error) {
	info, err := Header(data)
	if err != nil {
		return info, err
	}
	if info.Format == "jpeg" && checkJPEG(data) && jpegComplete(data) == nil {
		return info, nil
	}
	info, _, err = Decode(data)
	return info, err
}

// validateOptimizing is Validate, and OptimizeJPEG of data, with o's
// buffers: for a plain baseline JPEG the walk that checks it is the one
// that optimises it; anything else (what OptimizeJPEG does not code
// again) is Validate's to answer, and the bytes are data's.
func validateOptimizing(data []byte, o *JPEGOptimizer) (Info, []byte, error) {
	info, err := Header(data)
	if err != nil {
		return info, data, err
	}
	if info.Format == "jpeg" {
		if out, walked := o.optimize(data); walked && jpegComplete(data) == nil {
			return info, out, nil
		}
	}
	info, err = Validate(data)
	return info, data, err
}

// jpegComplete checks that a JPEG that decoded has its end-of-image
// marker (JPEGEnd): image/jpeg stops reading once it has the pixels of the
// last scan, so a file cut short just after them decodes, and is caught
// here. Bytes after the marker (JPEGEnd) are allowed: cameras and phones
// append pictures and video there.
func jpegComplete(data []byte) error {
	if JPEGEnd(data) == 0 {
		return errors.New("the file is cut short: it has no end-of-image marker")
	}
	return nil
}

func explainImageErr(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "the file is cut short"
	case errors.Is(err, image.ErrFormat):
		return "neither JPEG nor PNG data"
	}
	var fe jpeg.FormatError
	if errors.As(err, &fe) {
		if fe == "short Huffman data" {
			return "the file is cut short"
		}
		return "damaged JPEG data: " + string(fe)
	}
	var ue jpeg.UnsupportedError
	if errors.As(err, &ue) {
		return "a JPEG variant that cannot be read: " + string(ue)
	}
	var pfe png.FormatError
	if errors.As(err, &pfe) {
		return "damaged PNG data: " + string(pfe)
	}
	var pue png.UnsupportedError
	if errors.As(err, &pue) {
		return "a PNG variant that cannot be read: " + string(pue)
	}
	s := err.Error()
	if strings.Contains(s, "zlib") || strings.Contains(s, "flate") || strings.Contains(s, "checksum") {
		return "damaged compressed data: " + s
	}
	return s
}

// jpegScans counts the scans (SOS segments) of a JPEG as image/jpeg meets
// them (see jpegWalkMarkers).
func jpegScans(b []byte) int {
	n, _ := jpegWalkMarkers(b)
	return n
}

// JPEGEnd is the length of the JPEG image data begins with: up to and with
// its end-of-image marker, found by walking its markers and scans as
// image/jpeg reads them, so that a marker inside a segment (an EXIF
// thumbnail's) is passed over; 0 when it has none. What follows it is not
// the image's: a phone's motion-photo video, a camera's second picture
// (MPF), a trailer of the camera maker's, padding.
func JPEGEnd(data []byte) int {
	_, end := jpegWalkMarkers(data)
	return end
}

// jpegWalkMarkers walks a JPEG's markers as image/jpeg meets them,
// skipping each scan's entropy-coded data to the next marker and, as
// image/jpeg does, stray bytes before a marker. It returns the scans (SOS
// segments) it met and the offset just past the end-of-image marker, 0
// when it stopped at what it cannot read or at the end of b first.
func jpegWalkMarkers(b []byte) (scans, end int) {
	n := 0
	for i := 2; i+1 < len(b); {
		if b[i] != 0xff {
			k := bytes.IndexByte(b[i:], 0xff)
			if k < 0 {
				break
			}
			i += k
			continue
		}
		m := b[i+1]
		switch {
		case m == 0xff: // fill
			i++
			continue
		case m == 0xd9:
			return n, i + 2
		case m == 0x00 || m == 0x01 || m >= 0xd0 && m <= 0xd8:
			i += 2
			continue
		}
		if i+4 > len(b) {
			break
		}
		i += 2 + (int(b[i+2])<<8 | int(b[i+3]))
		if m != 0xda {
			continue
		}
		n++
		for i+1 < len(b) { // the scan's data, to a marker not stuffed (FF 00) nor a restart
			k := bytes.IndexByte(b[i:], 0xff)
			if k < 0 || i+k+1 >= len(b) {
				return n, 0
			}
			i += k
			if c := b[i+1]; c != 0 && (c < 0xd0 || c > 0xd7) && c != 0xff {
				break
			}
			i++
		}
	}
	return n, 0
}
