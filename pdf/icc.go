package pdf

import _ "embed"

//go:generate go run icc/gen.go

// ifra26s is the default CMYK output profile (CC0; see icc/README.md).
//
//go:embed icc/IFRA26S.icc
var ifra26s []byte

// ifra26sZ is ifra26s zlib-compressed once, at build time (icc/gen.go), as
// the output intent's stream carries it: no Write compresses it again.
//
//go:embed icc/IFRA26S.icc.zz
var ifra26sZ []byte

// srgb is the profile given to RGB images that carry none (Zlib licence;
// see icc/README.md).
//
//go:embed icc/sRGB.icc
var srgb []byte

// srgbZ is srgb zlib-compressed at build time (icc/gen.go).
//
//go:embed icc/sRGB.icc.zz
var srgbZ []byte
