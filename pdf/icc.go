package pdf

import (
	_ "embed" // the profiles are embedded

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

// ifra26sZ is ifra26s zlib-compressed once, at build time (icc/gen.go), as
// the output intent's stream carries it: no Write compresses it again. A
// string, so that the bytes are read-only (see readOnly).
//
//go:embed icc/IFRA26S.icc.zz
var ifra26sZ string

// srgb is the profile given to RGB images that carry none (Zlib licence;
// see icc/README.md).
//
//go:embed icc/sRGB.icc
var srgb string

// srgbZ is srgb zlib-compressed at build time (icc/gen.go).
//
//go:embed icc/sRGB.icc.zz
var srgbZ string

// readOnly returns the bytes of an embedded string without copying them;
// they live in read-only memory, so a write would crash, not corrupt the
// next document.
func readOnly(s string) []byte { return readonly.Bytes(s) }
