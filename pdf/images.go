package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/internal/fsafe"
)

// image returns the XObject name of the image file at path, writing the
// image the first time a page uses it. JPEGs are embedded byte for byte
// (DCTDecode; an EXIF-rotated one is turned upright first, see
// prepareImage); PNGs are decoded and written as 8-bit samples, with a
// soft mask when they have transparency. An RGB image gets an ICC-based
// colour space, as PDF/X-4 and PDF/A-2 require next to a CMYK output
// intent: the profile the JPEG carries, else sRGB. Gray and CMYK images
// keep their device spaces, which both standards allow with a CMYK output
// intent.
func (pw *Writer) image(path string) (string, error) {
	if name, ok := pw.images[path]; ok {
		return name, nil
	}
	data, err := fsafe.ReadFile(path, fsafe.MaxImage)
	if err == nil {
		data, err = prepareImage(data) // 16-bit/interlaced PNG, EXIF orientation
	}
	if err != nil {
		return "", err
	}
	var nr int
	if len(data) > 2 && data[0] == 0xff && data[1] == 0xd8 {
		nr, err = pw.jpeg(data)
	} else {
		nr, err = pw.png(data)
	}
	if err != nil {
		return "", err
	}
	name := "Im" + strconv.Itoa(len(pw.xobjects)+1)
	pw.xobjects = append(pw.xobjects, xobject{name: name, nr: nr})
	pw.images[path] = name
	return name, nil
}

// imageDict is the dictionary of an image XObject.
func imageDict(w, h int, cs types.Object) types.Dict {
	return types.Dict{
		"Type": types.Name("XObject"), "Subtype": types.Name("Image"),
		"Width": types.Integer(w), "Height": types.Integer(h),
		"BitsPerComponent": types.Integer(8), "ColorSpace": cs,
	}
}

// jpeg writes a JPEG as it is.
func (pw *Writer) jpeg(data []byte) (int, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, fmt.Errorf("JPEG: %w", err)
	}
	var d types.Dict
	switch cfg.ColorModel {
	case color.GrayModel:
		d = imageDict(cfg.Width, cfg.Height, types.Name("DeviceGray"))
	case color.CMYKModel:
		d = imageDict(cfg.Width, cfg.Height, types.Name("DeviceCMYK"))
		d["Decode"] = types.NewNumberArray(1, 0, 1, 0, 1, 0, 1, 0) // Adobe's inverted CMYK
	default:
		icc := readOnly(srgb)
		if p := jpegICC(data); p != nil && iccComponents(p) == 3 {
			icc = p
		}
		cs, err := pw.rgbSpace(icc)
		if err != nil {
			return 0, err
		}
		d = imageDict(cfg.Width, cfg.Height, cs)
	}
	d["Filter"] = types.Name("DCTDecode")
	return pw.o.stream(0, d, data), pw.o.err
}

// png writes a PNG's pixels, 8 bits a sample, compressed, with its alpha
// as a soft mask unless it is opaque.
func (pw *Writer) png(data []byte) (int, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return 0, fmt.Errorf("PNG: %w", err)
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var samples, alpha []byte
	opaque := true
	var cs types.Object
	switch img.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		samples = make([]byte, 0, w*h)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				samples = append(samples, color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
			}
		}
		cs = types.Name("DeviceGray")
	default:
		samples, alpha = make([]byte, 0, 3*w*h), make([]byte, 0, w*h)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				samples = append(samples, c.R, c.G, c.B)
				alpha = append(alpha, c.A)
				opaque = opaque && c.A == 255
			}
		}
		if cs, err = pw.rgbSpace(readOnly(srgb)); err != nil {
			return 0, err
		}
	}
	d := imageDict(w, h, cs)
	if !opaque {
		z, err := pw.o.deflate(alpha, zlib.DefaultCompression)
		if err != nil {
			return 0, err
		}
		sm := imageDict(w, h, types.Name("DeviceGray"))
		sm["Filter"] = types.Name("FlateDecode")
		d["SMask"] = ref(pw.o.stream(0, sm, z))
	}
	z, err := pw.o.deflate(samples, zlib.DefaultCompression)
	if err != nil {
		return 0, err
	}
	d["Filter"] = types.Name("FlateDecode")
	return pw.o.stream(0, d, z), pw.o.err
}

// rgbSpace is the colour space of an RGB image whose profile is icc:
// ICC-based when a standard asks for it (each profile written once),
// DeviceRGB otherwise.
func (pw *Writer) rgbSpace(icc []byte) (types.Object, error) {
	if !pw.opt.any() {
		return types.Name("DeviceRGB"), nil
	}
	k := sha256.Sum256(icc)
	nr, ok := pw.iccs[k]
	if !ok {
		d := types.Dict{"N": types.Integer(3), "Alternate": types.Name("DeviceRGB")}
		if string(icc) == srgb {
			d["Filter"] = types.Name("FlateDecode")
			nr = pw.o.stream(0, d, readOnly(srgbZ)) // compressed at build time
		} else {
			var err error
			if nr, err = pw.o.flateStream(0, d, icc); err != nil {
				return nil, err
			}
		}
		pw.iccs[k] = nr
	}
	return types.Array{types.Name("ICCBased"), ref(nr)}, nil
}

// jpegICC returns the ICC profile carried in a JPEG's APP2 ICC_PROFILE
// segments, joined in sequence order, or nil.
func jpegICC(b []byte) []byte {
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
		return nil
	}
	chunks := map[byte][]byte{}
	var total byte
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			return nil
		}
		marker := b[i+1]
		if marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7) {
			i += 2
			continue
		}
		if marker == 0xda || marker == 0xd9 { // start of scan: no more headers
			break
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return nil
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xe2 && len(seg) > 14 && bytes.HasPrefix(seg, []byte("ICC_PROFILE\x00")) {
			chunks[seg[12]] = seg[14:]
			total = seg[13]
		}
		i += 2 + n
	}
	if total == 0 {
		return nil
	}
	var out []byte
	for k := byte(1); k <= total; k++ {
		c, ok := chunks[k]
		if !ok {
			return nil
		}
		out = append(out, c...)
	}
	return out
}

// iccComponents returns the number of colour components of an ICC
// profile's data colour space (0 if unknown).
func iccComponents(p []byte) int {
	if len(p) < 128 {
		return 0
	}
	switch string(p[16:20]) {
	case "GRAY":
		return 1
	case "RGB ":
		return 3
	case "CMYK":
		return 4
	}
	return 0
}
