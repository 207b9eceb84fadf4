package pdf

import (
	_ "embed" // the profiles are embedded

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/internal/readonly"
)

//go:generate go run icc/gen.go

// The profiles are strings, never []byte: a string cannot be changed, so
// no document can alter what the next one embeds. readOnly views one as
// bytes without copying.

// ifra26s is the default CMYK output profile (CC0; see icc/README.md).
//
//go:embed icc/IFRA26S.icc
var ifra26s string

// ifra26sZ is ifra26s as the output intent's stream carries it, made at
// build time (icc/gen.go): no Write compresses it again. A string, so that
// the bytes are read-only (see readOnly).
//
//go:embed icc/IFRA26S.icc.zz
var ifra26sZ string

// ifra26sColors is the number of 16-bit components of a sample of
// ifra26sZ's predictor (icc/gen.go): the four outputs of each entry of
// the profile's look-up tables.
const ifra26sColors = 4

// srgb is the profile given to RGB images that carry none (Zlib licence;
// see icc/README.md).
//
//go:embed icc/sRGB.icc
var srgb string

// srgbZ is srgb as an image's colour space stream carries it (icc/gen.go).
//
//go:embed icc/sRGB.icc.zz
var srgbZ string

// srgbColors is srgbZ's ifra26sColors: its curves have one component.
const srgbColors = 1

// packedDict returns the dictionary of the stream of a profile of n
// colour components that icc/gen.go compressed: raw is the profile,
// colors the 16-bit components of its predictor's samples. The stream's
// data is one PNG row (filter type Sub) of the whole profile.
func packedDict(raw string, colors, n int, alternate string) types.Dict {
	return types.Dict{
		"N":         types.Integer(n),
		"Alternate": types.Name(alternate),
		"Filter":    types.Name("FlateDecode"),
		"DecodeParms": types.Dict{
			"Predictor":        types.Integer(11), // PNG, Sub
			"Colors":           types.Integer(colors),
			"BitsPerComponent": types.Integer(16),
			"Columns":          types.Integer(len(raw) / (2 * colors)),
		},
	}
}

// readOnly returns the bytes of an embedded string without copying them;
// they live in read-only memory, so a write would crash, not corrupt the
// next document.
func readOnly(s string) []byte { return readonly.Bytes(s) }
