package fonts

import (
	_ "embed" // the default faces are compiled into the binary
)

// The embedded faces are held in strings, not byte slices, so that they live
// in read-only memory: no code can change them, and Face.Bytes hands them to
// the PDF writer without a copy.

//go:embed files/NotoSerifSC-Regular.ttf
var notoSerifSCRegular string

//go:embed files/NotoSerifSC-Bold.ttf
var notoSerifSCBold string

//go:embed files/NotoSansSC-Bold.ttf
var notoSansSCBold string

//go:embed files/NotoSansSC-Black.ttf
var notoSansSCBlack string

//go:embed files/LXGWWenKai-Regular.ttf
var lxgwWenKaiRegular string

// Names of the built-in faces.
const (
	Serif     = "serif"      // Noto Serif SC Regular (400): body text, 宋体
	SerifBold = "serif-bold" // Noto Serif SC Bold (700)
	SansBold  = "sans-bold"  // Noto Sans SC Bold (700): headlines, 黑体
	SansBlack = "sans-black" // Noto Sans SC Black (900): lead headlines
	Kai       = "kai"        // LXGW WenKai Regular: bylines and captions, 楷体
)

// Builtin names the built-in faces, sorted: the names an edition may use
// without registering a font.
func Builtin() []string {
	return []string{Kai, SansBlack, SansBold, Serif, SerifBold}
}

// builtin is one embedded default face.
type builtin struct {
	name string // library name
	file string // path under the package, for messages
	data string // the file's bytes
}

// builtins lists the embedded faces in a fixed order.
func builtins() []builtin {
	return []builtin{
		{Serif, "files/NotoSerifSC-Regular.ttf", notoSerifSCRegular},
		{SerifBold, "files/NotoSerifSC-Bold.ttf", notoSerifSCBold},
		{SansBold, "files/NotoSansSC-Bold.ttf", notoSansSCBold},
		{SansBlack, "files/NotoSansSC-Black.ttf", notoSansSCBlack},
		{Kai, "files/LXGWWenKai-Regular.ttf", lxgwWenKaiRegular},
	}
}
