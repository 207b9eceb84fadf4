//go:build ignore

// gen writes the hostile images of this folder: go run gen.go (from here).
// The PDFs beside them were written by hand (see README.md).
//
// The two CMYK JPEG ads (Go cannot write CMYK JPEGs) were made with
// Ghostscript's jpegcmyk device from a 48 × 32 pt page, white with a
// 32 × 16 pt block in 1 .7 .9 .3 setcmykcolor (rich-ink-cmyk.jpg, 290%) or
// .6 .4 .4 .2 (ok-cmyk.jpg, 160%):
//
//	gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=jpegcmyk -r72 -dJPEGQ=90 -o rich-ink-cmyk.jpg rich.ps
//
// and their APP2 (ICC profile) segments removed, which keeps them at 450
// bytes; the Adobe APP14 segment that marks them CMYK stays.
package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
)

func main() {
	// A gradient with a black block at the top left: what "upright" is.
	rgb := image.NewRGBA(image.Rect(0, 0, 120, 80))
	for y := 0; y < 80; y++ {
		for x := 0; x < 120; x++ {
			c := color.RGBA{uint8(x * 2), 80, uint8(255 - y*3), 255}
			if x < 30 && y < 20 {
				c = color.RGBA{0, 0, 0, 255}
			}
			rgb.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	must(jpeg.Encode(&b, rgb, &jpeg.Options{Quality: 90}))
	good := bytes.Clone(b.Bytes())
	write("good.jpg", good)
	write("truncated.jpg", good[:len(good)/2])
	garbled := bytes.Clone(good)
	for i := len(garbled) / 2; i < len(garbled)-4; i += 7 {
		if garbled[i] != 0xff && garbled[i-1] != 0xff {
			garbled[i] ^= 0x5a
		}
	}
	write("garbled.jpg", garbled)
	// Orientation 6 (turn 90° clockwise to view): stored 80 × 120 sideways.
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00")
	seg := append([]byte{0xff, 0xe1, 0, 0}, exif...)
	binary.BigEndian.PutUint16(seg[2:], uint16(len(exif)+2))
	side := image.NewRGBA(image.Rect(0, 0, 80, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 80; x++ {
			// the upright pixel (ux, uy) is stored at (uy, 119-ux)... rotated back on display
			side.Set(x, y, rgb.At(y, 79-x))
		}
	}
	b.Reset()
	must(jpeg.Encode(&b, side, &jpeg.Options{Quality: 90}))
	rot := append(append([]byte{0xff, 0xd8}, seg...), b.Bytes()[2:]...)
	write("rotated.jpg", rot)

	b.Reset()
	g16 := image.NewRGBA64(image.Rect(0, 0, 96, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 96; x++ {
			g16.Set(x, y, color.RGBA64{uint16(x * 680), 20000, uint16(y * 1000), 0xffff})
		}
	}
	must(png.Encode(&b, g16))
	write("sixteen.png", bytes.Clone(b.Bytes()))

	write("interlaced.png", interlaced(rgb))
	bad := interlaced(rgb)
	i := bytes.Index(bad, []byte("IDAT"))
	n := int(binary.BigEndian.Uint32(bad[i-4:]))
	for k := i + 10; k < i+4+n-4; k += 13 {
		bad[k] ^= 0xff
	}
	binary.BigEndian.PutUint32(bad[i+4+n:], crc32.ChecksumIEEE(bad[i:i+4+n]))
	write("corrupt-idat.png", bad)

	var h bytes.Buffer
	h.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, 60000)
	binary.BigEndian.PutUint32(ihdr[4:], 60000)
	ihdr[8], ihdr[9] = 8, 2
	chunk(&h, "IHDR", ihdr)
	chunk(&h, "IDAT", []byte{0x78, 0x9c, 3, 0, 0, 0, 0, 1})
	chunk(&h, "IEND", nil)
	write("huge.png", h.Bytes())
}

// interlaced encodes img as an 8-bit RGB Adam7-interlaced PNG.
func interlaced(img *image.RGBA) []byte {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	passes := [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	var raw bytes.Buffer
	for _, p := range passes {
		for y := p[1]; y < h; y += p[3] {
			if p[0] >= w {
				break
			}
			raw.WriteByte(0)
			for x := p[0]; x < w; x += p[2] {
				c := img.RGBAAt(x, y)
				raw.Write([]byte{c.R, c.G, c.B})
			}
		}
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9], ihdr[12] = 8, 2, 1
	chunk(&out, "IHDR", ihdr)
	chunk(&out, "IDAT", z.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

func chunk(w *bytes.Buffer, typ string, data []byte) {
	binary.Write(w, binary.BigEndian, uint32(len(data)))
	w.WriteString(typ)
	w.Write(data)
	binary.Write(w, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

func write(name string, b []byte) { must(os.WriteFile(name, b, 0o644)) }

func must(err error) {
	if err != nil {
		panic(err)
	}
}
