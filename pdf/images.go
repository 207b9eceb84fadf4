package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// images writes each photo in place of its placeholder (see
// drawer.image), and gives every DeviceRGB image an ICC-based colour space,
// as PDF/X-4 and PDF/A-2 require next to a CMYK output intent: the profile
// the JPEG carries, else sRGB. Image data is not touched (JPEGs stay as
// they came). Gray and CMYK images keep their device spaces, which both
// standards allow with a CMYK output intent.
func (f *finisher) images() error {
	profiles := map[[32]byte]types.IndirectRef{}
	profileRef := func(icc []byte) (types.IndirectRef, error) {
		k := sha256.Sum256(icc)
		if r, ok := profiles[k]; ok {
			return r, nil
		}
		d := types.Dict{"N": types.Integer(3), "Alternate": types.Name("DeviceRGB")}
		var r types.IndirectRef
		var err error
		if string(icc) == srgb {
			r, err = f.deflated(d, readOnly(srgbZ)) // compressed at build time
		} else {
			r, err = f.stream(d, icc, true)
		}
		if err != nil {
			return r, err
		}
		profiles[k] = r
		return r, nil
	}
	for _, nr := range f.objNrs() {
		sd, ok := f.ctx.Table[nr].Object.(types.StreamDict)
		if !ok || sd.Subtype() == nil || *sd.Subtype() != "Image" {
			continue
		}
		changed := false
		if isDCT(sd) {
			if i := placeholderIndex(sd.Raw); i >= 0 {
				if i >= len(f.dr.photos) {
					return fmt.Errorf("image object %d: placeholder for photo %d of %d", nr, i, len(f.dr.photos))
				}
				p := f.dr.photos[i]
				sd = types.StreamDict{
					Dict: types.Dict{
						"Type": types.Name("XObject"), "Subtype": types.Name("Image"),
						"Width": types.Integer(p.w), "Height": types.Integer(p.h),
						"BitsPerComponent": types.Integer(8), "ColorSpace": types.Name("DeviceRGB"),
						"Filter": types.Name("DCTDecode"),
					},
					Raw:            p.data,
					FilterPipeline: []types.PDFFilter{{Name: "DCTDecode"}},
				}
				changed = true
			}
		}
		if f.opt.any() {
			icc := readOnly(srgb)
			if isDCT(sd) {
				if p := jpegICC(sd.Raw); p != nil && iccComponents(p) == 3 {
					icc = p
				}
			}
			switch cs := sd.Dict["ColorSpace"].(type) {
			case types.Name:
				if cs == "DeviceRGB" {
					r, err := profileRef(icc)
					if err != nil {
						return err
					}
					sd.Dict["ColorSpace"] = types.Array{types.Name("ICCBased"), r}
					changed = true
				}
			case types.Array:
				// [/Indexed /DeviceRGB hival lookup] from palette PNGs.
				if len(cs) == 4 && cs[0] == types.Name("Indexed") && cs[1] == types.Name("DeviceRGB") {
					r, err := profileRef(icc)
					if err != nil {
						return err
					}
					cs[1] = types.Array{types.Name("ICCBased"), r}
					changed = true
				}
			}
		}
		if changed {
			f.set(nr, sd)
		}
	}
	return nil
}

func isDCT(sd types.StreamDict) bool {
	for _, p := range sd.FilterPipeline {
		if p.Name == "DCTDecode" {
			return true
		}
	}
	return false
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
