package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// subsetTag derives the six-letter subset tag from the font name and the
// glyph set, so the same subset always gets the same tag.
func subsetTag(name string, gids []int) string {
	h := sha256.New()
	h.Write([]byte(name))
	var b [4]byte
	for _, g := range gids {
		binary.BigEndian.PutUint32(b[:], uint32(g))
		h.Write(b[:])
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// toUnicodeCMap writes a ToUnicode CMap with one bfchar entry per code
// from 1 on (runes[code] is its character; code 0, .notdef, has none), in
// UTF-16BE (surrogate pairs beyond the BMP).
func toUnicodeCMap(runes []rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	b.Grow(len(runes)*16 + 256)
	var line []byte
	var u16 []uint16
	for i := 1; i < len(runes); i += 100 {
		j := min(i+100, len(runes))
		b.WriteString(strconv.Itoa(j-i) + " beginbfchar\n")
		for g := i; g < j; g++ {
			line = append(line[:0], '<')
			line = appendHex4(line, uint16(g))
			line = append(line, "> <"...)
			u16 = utf16.AppendRune(u16[:0], runes[g])
			for _, u := range u16 {
				line = appendHex4(line, u)
			}
			line = append(line, ">\n"...)
			b.Write(line)
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// appendHex4 appends v as four upper-case hexadecimal digits (as %04X).
func appendHex4(b []byte, v uint16) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
}

// byteString writes s as a literal string when it is plain printable ASCII
// with nothing to escape, and as a UTF-16BE text string otherwise.
func byteString(s string) types.Object {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '(' || c == ')' || c == '\\' {
			return text(s)
		}
	}
	return types.StringLiteral(s)
}

// text encodes a text string as UTF-16BE with a byte order mark.
func text(s string) types.HexLiteral {
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return types.NewHexLiteral(b)
}

// pdfName keeps the characters a PostScript font name may hold.
func pdfName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x7f && r > 0x20 && !strings.ContainsRune("()<>[]{}/%#", r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
