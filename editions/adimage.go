package editions

import (
	"fmt"
	"image"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/pdfbox"
)

// tintOne is a full tint (100% of a colorant) in the fixed-point units
// imageInk sums samples in.
const tintOne = 1 << 16

// imageSpace is how an image's samples print: the colorants its tints are
// of, and how a sample becomes tints.
type imageSpace struct {
	inks []string // the colorants (see colorants)
	n    int      // components a sample has
	gray bool     // the one component is a gray level (1 is white): its tint is 1 - v
	// palette holds an Indexed space's entries as tints of inks; a
	// sample is then an index into it.
	palette [][]float64
}

// imageSpaceOf resolves an image's colour space: DeviceCMYK and an
// ICC-based space of four components (the process inks), DeviceGray,
// CalGray and an ICC-based space of one (the black plate), a Separation or
// DeviceN, or an Indexed space over one of them. ok is false for a space
// whose ink is not the image's to say: RGB, Lab and calibrated RGB print
// as the output profile converts them (an RGB device space is refused
// before this; see isRGB).
func (in *inspector) imageSpaceOf(cs types.Object) (sp imageSpace, ok bool) {
	switch c := cs.(type) {
	case types.Name:
		switch c {
		case "DeviceCMYK":
			return imageSpace{inks: processInks, n: 4}, true
		case "DeviceGray":
			return imageSpace{inks: grayInks, n: 1, gray: true}, true
		}
	case types.Array:
		if len(c) < 2 {
			return sp, false
		}
		switch n, _ := c[0].(types.Name); n {
		case "CalGray":
			return imageSpace{inks: grayInks, n: 1, gray: true}, true
		case "ICCBased":
			if in.iccComponents(c[1]) == 1 {
				return imageSpace{inks: grayInks, n: 1, gray: true}, true
			}
		case "Indexed":
			return in.indexedSpace(c)
		}
		if inks := in.arrayColorants(c); inks != nil {
			return imageSpace{inks: inks, n: len(inks)}, true
		}
	}
	return sp, false
}

// indexedSpace reads [/Indexed base hival lookup]: each of the hival + 1
// entries of lookup is a colour of base, a byte a component.
func (in *inspector) indexedSpace(c types.Array) (imageSpace, bool) {
	if len(c) != 4 {
		return imageSpace{}, false
	}
	base, _ := in.ctx.Dereference(c[1])
	bs, ok := in.imageSpaceOf(base)
	if !ok || bs.palette != nil {
		return imageSpace{}, false
	}
	hival, _ := in.ctx.Dereference(c[2])
	hi, _ := hival.(types.Integer)
	if hi < 0 || hi > 255 {
		return imageSpace{}, false
	}
	var lookup []byte
	if sd, _, err := in.ctx.DereferenceStreamDict(c[3]); err == nil && sd != nil {
		if err := pdfbox.DecodeLimited(sd); err == nil {
			lookup = sd.Content
		}
	} else {
		switch l, _ := in.ctx.Dereference(c[3]); l := l.(type) {
		case types.StringLiteral:
			lookup, _ = types.Unescape(l.Value())
		case types.HexLiteral:
			lookup, _ = l.Bytes()
		}
	}
	entries := min(int(hi)+1, len(lookup)/bs.n)
	sp := imageSpace{inks: bs.inks, n: 1, palette: make([][]float64, entries)}
	for e := range sp.palette {
		t := make([]float64, bs.n)
		for k := range t {
			t[k] = float64(lookup[e*bs.n+k]) / 255
			if bs.gray {
				t[k] = 1 - t[k]
			}
		}
		sp.palette[e] = t
	}
	return sp, true
}

// imageInk records the ink of an image XObject: the highest total ink
// over its samples, decoded through its filters and Decode array, in its
// colour space (imageSpaceOf). A stencil mask prints in the fill colour,
// counted where that is set. A DCT-coded (JPEG) image is decoded, and
// checked whole as a photo is; a CCITT or JBIG2 one (one bit a sample,
// which Go cannot decode) is counted as printing its colorants full
// somewhere, as any such scan does. A JPEG 2000 image is not measured:
// the returned note says so, for the layout editor.
//
// name is how messages name the image: "/Im0" for an XObject.
func (in *inspector) imageInk(sd *types.StreamDict, name, where string) (note string, err error) {
	if m, _ := in.ctx.Dereference(sd.Dict["ImageMask"]); m == types.Boolean(true) {
		return "", nil
	}
	cs, _ := in.ctx.Dereference(sd.Dict["ColorSpace"])
	sp, ok := in.imageSpaceOf(cs)
	if !ok {
		return "", nil
	}
	w, h, bpc := in.intOf(sd.Dict["Width"]), in.intOf(sd.Dict["Height"]), in.intOf(sd.Dict["BitsPerComponent"])
	fail := func(format string, a ...any) (string, error) {
		return "", fmt.Errorf("holds an image (%s) in %s %s", name, where, fmt.Sprintf(format, a...))
	}
	if w <= 0 || h <= 0 || w > images.MaxPixels || h > images.MaxPixels || int64(w)*int64(h) > images.MaxPixels {
		return fail("of %d × %d pixels, not a size an image can have", w, h)
	}

	// The filters up to an image coding (DCT, JPX, CCITT, JBIG2), which
	// must come last, are decoded as any stream's.
	pipe := sd.FilterPipeline
	coding := ""
	if k := len(pipe); k > 0 {
		switch pipe[k-1].Name {
		case "DCTDecode", "JPXDecode", "CCITTFaxDecode", "JBIG2Decode":
			coding, pipe = pipe[k-1].Name, pipe[:k-1]
		}
	}
	data := sd.Raw
	if len(pipe) > 0 {
		pre := types.StreamDict{Dict: sd.Dict, Raw: sd.Raw, FilterPipeline: pipe}
		if err := pdfbox.DecodeLimited(&pre); err != nil {
			return fail("whose data cannot be decoded (%v)", err)
		}
		data = pre.Content
	}
	if int64(w)*int64(h)*int64(sp.n)*int64(max(bpc, 8))/8 > pdfbox.MaxDecoded {
		return fail("of %d × %d pixels, past the %d MB an ad's image may hold", w, h, pdfbox.MaxDecoded>>20)
	}

	decode := in.numbers(sd.Dict["Decode"])
	switch coding {
	case "JPXDecode":
		return fmt.Sprintf("the ink of its JPEG 2000 image %s in %s is not measured", name, where), nil
	case "CCITTFaxDecode", "JBIG2Decode":
		full := make([]float64, len(sp.inks))
		for k := range full {
			full[k] = 1
		}
		if sp.palette == nil {
			in.inkOf(sp.inks, full)
		} else {
			for _, t := range sp.palette {
				in.inkOf(sp.inks, t)
			}
		}
		return "", nil
	case "DCTDecode":
		hd, err := images.Header(data)
		if err != nil {
			return fail("that cannot be read: its JPEG data %v", err)
		}
		if int64(hd.Width)*int64(hd.Height)*int64(sp.n) > pdfbox.MaxDecoded {
			return fail("of %d × %d pixels, past the %d MB an ad's image may hold", hd.Width, hd.Height, pdfbox.MaxDecoded>>20)
		}
		_, img, err := images.Decode(data)
		if err != nil {
			return fail("that cannot be read: its JPEG data %v", err)
		}
		samples, n := dctSamples(img)
		if n != sp.n {
			return fmt.Sprintf("the ink of its image %s in %s is not measured: its JPEG data has %d components, its colour space %d", name, where, n, sp.n), nil
		}
		// The JPEG's own size is what a reader draws.
		data, bpc, w, h = samples, 8, img.Bounds().Dx(), img.Bounds().Dy()
	}
	if in.decoded += len(data); in.decoded > pdfbox.MaxDecoded {
		return "", fmt.Errorf("holds images and forms that decode past %d MB in all", pdfbox.MaxDecoded>>20)
	}
	switch bpc {
	case 1, 2, 4, 8, 16:
	default:
		return fail("of %d bits a component, which PDF does not have", bpc)
	}
	if len(decode) != 0 && len(decode) != 2*sp.n {
		decode = nil // a RIP ignores a Decode array of the wrong length, as does this
	}
	in.sampleInk(sp, data, w, h, bpc, decode)
	return "", nil
}

// dctSamples gives a decoded JPEG's samples as the DCT filter returns them
// to a PDF reader, interleaved, a byte each, and their components: Go's
// decoder inverts a four-component (Adobe) JPEG's samples, which the
// filter does not, so they are inverted back; a PDF that carries an
// inverted CMYK JPEG says so with its Decode array ([1 0 1 0 1 0 1 0]).
func dctSamples(img image.Image) ([]byte, int) {
	switch m := img.(type) {
	case *image.CMYK:
		b := m.Rect
		out := m.Pix[:0] // in place: each row's samples move back, never forward
		for y := 0; y < b.Dy(); y++ {
			for _, v := range m.Pix[y*m.Stride : y*m.Stride+4*b.Dx()] {
				out = append(out, 255-v)
			}
		}
		return out, 4
	case *image.Gray:
		b := m.Rect
		out := m.Pix[:0]
		for y := 0; y < b.Dy(); y++ {
			out = append(out, m.Pix[y*m.Stride:y*m.Stride+b.Dx()]...)
		}
		return out, 1
	}
	return nil, 3
}

// sampleInk records the highest total ink over an image's samples (w × h,
// sp.n components of bpc bits, each row starting on a byte), mapped
// through decode (pairs of Dmin, Dmax a component; nil for the default).
// Rows past the end of data are not there to print, and are not counted.
func (in *inspector) sampleInk(sp imageSpace, data []byte, w, h, bpc int, decode []float64) {
	maxv := 1<<bpc - 1
	// tintOf is component k's tint for sample value v, in tintOne units;
	// for an Indexed space, the palette entry, or -1 for none. Up to 8
	// bits a sample it is looked up in a table made once (tint).
	tintOf := func(k, v int) int32 {
		dmin, dmax := 0.0, 1.0
		if sp.palette != nil {
			dmax = float64(maxv)
		}
		if decode != nil {
			dmin, dmax = decode[2*k], decode[2*k+1]
		}
		x := dmin + float64(v)*(dmax-dmin)/float64(maxv)
		switch {
		case sp.palette != nil:
			e := int(x + 0.5)
			if e < 0 || e >= len(sp.palette) {
				return -1 // out of the table: a RIP clamps or shows nothing; it is not counted
			}
			return int32(e)
		case sp.gray:
			return int32((1-max(0, min(1, x)))*tintOne + 0.5)
		}
		return int32(max(0, min(1, x))*tintOne + 0.5)
	}
	var tint [][]int32
	if bpc <= 8 {
		tint = make([][]int32, sp.n)
		for k := range tint {
			tint[k] = make([]int32, maxv+1)
			for v := range tint[k] {
				tint[k][v] = tintOf(k, v)
			}
		}
	}
	plate := make([]int, len(sp.inks))
	for k, name := range sp.inks {
		plate[k] = plateOf(name)
	}

	rowBytes := (w*sp.n*bpc + 7) / 8
	used := make([]bool, len(sp.palette))
	best, bestAt := -1, make([]int32, sp.n)
	px := make([]int32, sp.n)
	for y := 0; y < h && (y+1)*rowBytes <= len(data); y++ {
		row := data[y*rowBytes : (y+1)*rowBytes]
		for x := range w {
			for k := range px {
				i := x*sp.n + k
				switch bpc {
				case 8:
					px[k] = tint[k][row[i]]
				case 16:
					px[k] = tintOf(k, int(row[2*i])<<8|int(row[2*i+1]))
				default:
					bit := i * bpc
					px[k] = tint[k][int(row[bit/8]>>(8-bpc-bit%8))&maxv]
				}
			}
			if sp.palette != nil {
				if e := px[0]; e >= 0 {
					used[e] = true
				}
				continue
			}
			var plates [4]int32
			sum := int32(0)
			for k, t := range px {
				switch p := plate[k]; p {
				case plateAll:
					for j := range plates {
						plates[j] += t
					}
				case plateNone:
				case plateSpot:
					sum += t
				default:
					plates[p] += t
				}
			}
			for _, p := range plates {
				sum += min(p, tintOne)
			}
			if int(sum) > best {
				best = int(sum)
				copy(bestAt, px)
			}
		}
	}
	if sp.palette != nil {
		for e, u := range used {
			if u {
				in.inkOf(sp.inks, sp.palette[e])
			}
		}
		return
	}
	if best >= 0 {
		tints := make([]float64, sp.n)
		for k, t := range bestAt {
			tints[k] = float64(t) / tintOne
		}
		in.inkOf(sp.inks, tints)
	}
}

// intOf is the integer o is (or refers to); 0 for anything else.
func (in *inspector) intOf(o types.Object) int {
	o, _ = in.ctx.Dereference(o)
	i, _ := o.(types.Integer)
	return i.Value()
}

// numbers is the array of numbers o is (or refers to); nil when it is not
// one, or holds anything else.
func (in *inspector) numbers(o types.Object) []float64 {
	a, _ := in.ctx.DereferenceArray(o)
	if a == nil {
		return nil
	}
	out := make([]float64, len(a))
	for i, e := range a {
		e, _ = in.ctx.Dereference(e)
		switch v := e.(type) {
		case types.Integer:
			out[i] = float64(v)
		case types.Float:
			out[i] = float64(v)
		default:
			return nil
		}
	}
	return out
}

// The largest inline image dictionary read, and its deepest nesting.
const (
	maxInlineDict    = 8 << 10
	maxInlineNesting = 4
)

// inlineKeys are the full names of an inline image's abbreviated keys
// (ISO 32000-1, table 93).
var inlineKeys = map[string]string{"BPC": "BitsPerComponent", "CS": "ColorSpace", "D": "Decode", "DP": "DecodeParms",
	"F": "Filter", "H": "Height", "IM": "ImageMask", "I": "Interpolate", "W": "Width"}

// inlineNames are the full names of the abbreviated colour spaces and
// filters an inline image may name (tables 94 and 95).
var inlineNames = map[string]string{"G": "DeviceGray", "RGB": "DeviceRGB", "CMYK": "DeviceCMYK", "I": "Indexed",
	"AHx": "ASCIIHexDecode", "A85": "ASCII85Decode", "LZW": "LZWDecode", "Fl": "FlateDecode",
	"RL": "RunLengthDecode", "CCF": "CCITTFaxDecode", "DCT": "DCTDecode"}

// inlineInk records the ink of an inline image (BI dict ID data EI), as
// imageInk does an image XObject's: its dictionary, read with the keys and
// names written out in full, and a colour space named from the resources
// looked up there.
func (in *inspector) inlineInk(res types.Dict, dict, data []byte, where string) (note string, err error) {
	// pdfcpu's parser recurses for each level of nesting, and a stack
	// overflow ends the process whatever recovers: a dictionary past what
	// any inline image has (an Indexed lookup of 256 CMYK entries is 2 KB
	// of hex) is refused before it is parsed.
	if len(dict) > maxInlineDict || nesting(dict) > maxInlineNesting {
		return "", fmt.Errorf("holds an inline image in %s whose dictionary is over %d KB or nests more than %d deep", where, maxInlineDict>>10, maxInlineNesting)
	}
	src := "<<" + string(dict) + ">>"
	o, err := model.ParseObject(&src)
	d, ok := o.(types.Dict)
	if err != nil || !ok {
		return "", fmt.Errorf("holds an inline image in %s whose dictionary cannot be read", where)
	}
	full := types.Dict{}
	for k, v := range d {
		if long, ok := inlineKeys[k]; ok {
			k = long
		}
		full[k] = expandInline(v)
	}
	if n, ok := full["ColorSpace"].(types.Name); ok && !isDeviceSpace(string(n)) {
		spaces, _ := in.ctx.DereferenceDict(res["ColorSpace"])
		cs, ok := spaces[string(n)]
		if !ok {
			return "", fmt.Errorf("holds an inline image in %s whose colour space /%s its resources do not hold", where, n)
		}
		full["ColorSpace"] = cs
	}
	sd := types.StreamDict{Dict: full, Raw: data}
	var parms []types.Object
	switch p := full["DecodeParms"].(type) {
	case types.Dict:
		parms = []types.Object{p}
	case types.Array:
		parms = p
	}
	var filters []types.Object
	switch f := full["Filter"].(type) {
	case types.Name:
		filters = []types.Object{f}
	case types.Array:
		filters = f
	}
	for i, f := range filters {
		name, ok := f.(types.Name)
		if !ok {
			return "", fmt.Errorf("holds an inline image in %s with a filter that is not a name", where)
		}
		pf := types.PDFFilter{Name: string(name)}
		if i < len(parms) {
			pf.DecodeParms, _ = parms[i].(types.Dict)
		}
		sd.FilterPipeline = append(sd.FilterPipeline, pf)
	}
	return in.imageInk(&sd, "inline image", where)
}

// expandInline writes out an inline image's abbreviated names in o, in a
// name or an array (a filter list, an Indexed colour space).
func expandInline(o types.Object) types.Object {
	switch v := o.(type) {
	case types.Name:
		if long, ok := inlineNames[string(v)]; ok {
			return types.Name(long)
		}
	case types.Array:
		out := make(types.Array, len(v))
		for i, e := range v {
			out[i] = expandInline(e)
		}
		return out
	}
	return o
}

// isDeviceSpace reports whether name is a device colour space or Pattern,
// which an inline image's ColorSpace names directly, not from resources.
func isDeviceSpace(name string) bool {
	switch name {
	case "DeviceGray", "DeviceRGB", "DeviceCMYK", "Pattern":
		return true
	}
	return false
}
