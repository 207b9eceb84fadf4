package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
)

// image returns the XObject name of the image file at path, writing the
// image the first time a page uses it, from the bytes Options.Files gives
// (those loading checked), else from the file. JPEGs are embedded as
// DCTDecode, with optimal Huffman tables if Options.OptimizePhotos (an
// EXIF-rotated one is turned upright first, see prepareImage); PNGs are
// embedded as they are when they can be, else
// decoded and written as 8-bit samples, with a soft mask when they have
// transparency (see png). An RGB image gets an ICC-based
// colour space, as PDF/X-4 and PDF/A-2 require next to a CMYK output
// intent: the profile the JPEG carries, else sRGB. Gray and CMYK images
// keep their device spaces, which both standards allow with a CMYK output
// intent.
func (pw *Writer) image(path string) (string, error) {
	if name, ok := pw.images[path]; ok {
		return name, nil
	}
	ph := pw.pending[path]
	if ph == nil {
		ph = pw.startImage(path)
	}
	ph.wg.Wait()
	delete(pw.pending, path)
	data, err := ph.data, ph.err
	if err != nil {
		return "", err
	}
	var nr int
	if isJPEG(data) {
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

// A photo is an image file being prepared for embedding (see prepare):
// data and err are set once wg is done.
type photo struct {
	wg   sync.WaitGroup
	data []byte
	err  error
}

// startImages starts preparing the images a page uses for the first time,
// on the Writer's workers, so that a page's photos are optimised on every
// core while the page's content is encoded. The files are asked for here,
// in the page's order, as image would.
func (pw *Writer) startImages(p *display.Page) {
	for _, it := range p.Items {
		if im, ok := it.(*display.Image); ok {
			if _, ok := pw.images[im.Source]; !ok && pw.pending[im.Source] == nil {
				pw.startImage(im.Source)
			}
		}
	}
}

// startImage reads the image file at path and starts preparing it.
func (pw *Writer) startImage(path string) *photo {
	ph := &photo{}
	pw.pending[path] = ph
	data, err := pw.opt.file(path, fsafe.MaxImage)
	if err != nil {
		ph.err = err
		return ph
	}
	pw.workers.run(&ph.wg, func() { ph.data, ph.err = pw.prepare(data) })
	return ph
}

// prepare returns an image file's data as it is to be embedded: turned
// upright (prepareImage) and, for a JPEG, up to its end-of-image marker
// (what a phone or camera appends after it, a motion photo's video or a
// second picture, would only weigh the PDF down) and with optimal Huffman
// tables if Options.OptimizePhotos. It is safe to call from several
// goroutines.
func (pw *Writer) prepare(data []byte) ([]byte, error) {
	data, err := prepareImage(data)
	if err != nil || !isJPEG(data) {
		return data, err
	}
	if end := images.JPEGEnd(data); end > 0 {
		data = data[:end]
	}
	if !pw.opt.OptimizePhotos {
		return data, nil
	}
	o := pw.zs.jpegOptimizer()
	defer pw.zs.putJPEGOptimizer(o)
	return pw.opt.Images.OptimizedJPEG(data, o), nil
}

// isJPEG reports whether data starts as a JPEG does.
func isJPEG(data []byte) bool {
	return len(data) > 2 && data[0] == 0xff && data[1] == 0xd8
}

// imageDict is the dictionary of an image XObject.
func imageDict(w, h int, cs types.Object) types.Dict {
	return types.Dict{
		"Type": types.Name("XObject"), "Subtype": types.Name("Image"),
		"Width": types.Integer(w), "Height": types.Integer(h),
		"BitsPerComponent": types.Integer(8), "ColorSpace": cs,
	}
}

// jpeg writes a JPEG as it is given (see prepare).
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

// png writes a PNG. One without transparency, not interlaced, of 8 bits a
// sample or a palette (most logos and ads), is embedded without decoding:
// its compressed data is a FlateDecode stream with the PNG predictors.
// Others are decoded and written as 8-bit samples, with their alpha as a
// soft mask unless they are opaque.
func (pw *Writer) png(data []byte) (int, error) {
	if nr, ok, err := pw.pngAsIs(data); ok || err != nil {
		return nr, err
	}
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
		if n, ok := img.(*image.NRGBA); ok {
			for y := b.Min.Y; y < b.Max.Y; y++ {
				row := n.Pix[n.PixOffset(b.Min.X, y):n.PixOffset(b.Max.X, y)]
				for i := 0; i+3 < len(row); i += 4 {
					samples = append(samples, row[i], row[i+1], row[i+2])
					alpha = append(alpha, row[i+3])
					opaque = opaque && row[i+3] == 255
				}
			}
		} else {
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
					samples = append(samples, c.R, c.G, c.B)
					alpha = append(alpha, c.A)
					opaque = opaque && c.A == 255
				}
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

// pngAsIs writes a PNG without decoding it when it can (see png), and
// reports whether it did.
func (pw *Writer) pngAsIs(data []byte) (int, bool, error) {
	if len(data) < 33 || string(data[12:16]) != "IHDR" {
		return 0, false, nil
	}
	w, h := int(binary.BigEndian.Uint32(data[16:])), int(binary.BigEndian.Uint32(data[20:]))
	depth, ct, interlace := data[24], data[25], data[28]
	colors := 0
	switch ct {
	case 0, 3: // gray, palette
		colors = 1
	case 2: // RGB
		colors = 3
	}
	if colors == 0 || interlace != 0 || (depth != 8 && ct != 3) || w <= 0 || h <= 0 {
		return 0, false, nil
	}
	var idat, plte []byte
	for i := 8; i+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if n < 0 || i+12+n > len(data) {
			return 0, false, nil
		}
		body := data[i+8 : i+8+n]
		switch typ {
		case "tRNS":
			return 0, false, nil // transparency: decoded, for a soft mask
		case "PLTE":
			plte = body
		case "IDAT":
			idat = append(idat, body...)
		}
		if typ == "IEND" {
			break
		}
		i += 12 + n
	}
	if len(idat) == 0 || (ct == 3 && (len(plte) == 0 || len(plte)%3 != 0)) {
		return 0, false, nil
	}
	var cs types.Object = types.Name("DeviceGray")
	if ct != 0 {
		rgb, err := pw.rgbSpace(readOnly(srgb))
		if err != nil {
			return 0, false, err
		}
		cs = rgb
		if ct == 3 {
			cs = types.Array{types.Name("Indexed"), rgb, types.Integer(len(plte)/3 - 1), types.NewHexLiteral(plte)}
		}
	}
	d := imageDict(w, h, cs)
	d["BitsPerComponent"] = types.Integer(depth)
	d["Filter"] = types.Name("FlateDecode")
	d["DecodeParms"] = types.Dict{"Predictor": types.Integer(15), "Colors": types.Integer(colors),
		"BitsPerComponent": types.Integer(depth), "Columns": types.Integer(w)}
	return pw.o.stream(0, d, idat), true, pw.o.err
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
		if string(icc) == srgb {
			nr = pw.o.stream(0, packedDict(srgb, srgbColors, 3, "DeviceRGB"), readOnly(srgbZ)) // compressed at build time
		} else {
			d := types.Dict{"N": types.Integer(3), "Alternate": types.Name("DeviceRGB")}
			var err error
			if nr, err = pw.o.flateStream(0, d, icc, profileLevel); err != nil {
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
