package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"

	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/exif"
)

// prepareImage returns image data as it should print: a JPEG with an EXIF
// orientation other than upright is turned upright and re-encoded (at
// quality 95, keeping its ICC profile), since a PDF image has no
// orientation of its own; layout already sized its frame for the upright
// image (editions reads the orientation). Everything else is returned
// unchanged: other JPEGs stay byte for byte, and PNGs the writer cannot
// embed as they are (16 bits, interlaced, transparent) it decodes itself
// (see png). The editions package has checked every image whole before,
// and the writer embeds the bytes it checked (Options.Files), so a decode
// error here means that the writer read the file itself (no Files) and it
// changed in between.
func prepareImage(data []byte) ([]byte, error) {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return data, nil
	}
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
