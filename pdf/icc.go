package pdf

import _ "embed"

// ifra26s is the default CMYK output profile (CC0; see icc/README.md).
//
//go:embed icc/IFRA26S.icc
var ifra26s []byte

// srgb is the profile given to RGB images that carry none (Zlib licence;
// see icc/README.md).
//
//go:embed icc/sRGB.icc
var srgb []byte
