package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/exif"
	"image"
	"image/color"
	imgdraw "image/draw"
	"image/jpeg"
	"image/png"
)

// prepareImage returns image data gopdf can embed as it should print:
//
//   - a 16-bit or interlaced PNG (common camera and editing outputs, which
//     gopdf cannot read) is re-encoded as an 8-bit, non-interlaced PNG;
//   - a JPEG with an EXIF orientation other than upright is turned upright
//     and re-encoded (at quality 95, keeping its ICC profile), since a PDF
//     image has no orientation of its own. Layout already sized its frame
//     for the upright image (editions reads the orientation).
//
// Everything else is returned unchanged: JPEGs stay byte for byte. The
// editions package has decoded every image whole before, so a decode
// error here means the file changed in between.
func prepareImage(data []byte) ([]byte, error) {
	switch {
	case len(data) > 8 && bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		if len(data) < 29 || (data[24] != 16 && data[28] == 0) {
			return data, nil // 8 bits or fewer, not interlaced
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("PNG: %w", err)
		}
		var out bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&out, to8bit(img)); err != nil {
			return nil, err
		}
		return out.Bytes(), nil
	case len(data) > 3 && data[0] == 0xff && data[1] == 0xd8:
		o := exif.Orientation(data)
		if o <= 1 || o > 8 {
			return data, nil
		}
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("JPEG: %w", err)
		}
		if _, ok := img.(*image.CMYK); ok {
			return nil, fmt.Errorf("a CMYK JPEG with an EXIF rotation cannot be turned upright")
		}
		var out bytes.Buffer
		if err := jpeg.Encode(&out, images.Upright(img, o), &jpeg.Options{Quality: 95}); err != nil {
			return nil, err
		}
		b := out.Bytes()
		// Keep the ICC profile: its APP2 segments go right after SOI.
		icc := jpegSegments(data, 0xe2)
		return append(append(append([]byte{}, b[:2]...), icc...), b[2:]...), nil
	}
	return data, nil
}

// to8bit converts an image to 8 bits a channel, gray staying gray.
func to8bit(img image.Image) image.Image {
	b := img.Bounds()
	switch img.ColorModel() {
	case color.Gray16Model, color.GrayModel:
		g := image.NewGray(b)
		imgdraw.Draw(g, b, img, b.Min, imgdraw.Src)
		return g
	}
	n := image.NewNRGBA(b)
	imgdraw.Draw(n, b, img, b.Min, imgdraw.Src)
	return n
}

// jpegSegments returns a JPEG's header segments with the given marker,
// whole (marker and length included), in order.
func jpegSegments(b []byte, marker byte) []byte {
	var out []byte
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			break
		}
		m := b[i+1]
		if m == 0xda || m == 0xd9 {
			break
		}
		if m == 0xd8 || m == 0x01 || m == 0xff || (m >= 0xd0 && m <= 0xd7) {
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			break
		}
		if m == marker {
			out = append(out, b[i:i+2+n]...)
		}
		i += 2 + n
	}
	return out
}
