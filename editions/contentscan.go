package editions

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/broadsheet-news/broadsheet/internal/pdfbox"
)

// A small lexer for PDF content streams (ISO 32000-1 §7.2, §8.9.7): enough
// to find operators with their operands, to skip strings, arrays,
// dictionaries and inline image data, and to notice a stream that is not
// content at all.

type tokenKind int

const (
	tNum tokenKind = iota
	tName
	tOther // strings, arrays, dictionaries, booleans: operands we do not read
)

type token struct {
	kind tokenKind
	v    float64
	s    string // a name, its #xx escapes decoded
	raw  []byte // an array's or dictionary's bytes, brackets included (a slice of the stream)
}

func (t token) num() (float64, bool) { return t.v, t.kind == tNum }

const maxOperands = 64

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

// scanContent calls op for every operator in data with its operands. A
// syntax error (an unclosed string, a stray delimiter) is an error: the
// stream is damaged. An inline image (BI … ID data EI) is called as BI, ID
// with the image's dictionary as operands, and inlineImage with two: the
// dictionary's bytes, between BI and ID, and the data's, from the byte
// after the white-space that ends ID up to EI.
func scanContent(data []byte, op func(name string, args []token) error) error {
	var args []token
	i, bi := 0, -1 // bi: where the last BI ended
	for i < len(data) {
		c := data[i]
		switch {
		case isSpace(c):
			i++
		case c == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case c == '/':
			j := i + 1
			for j < len(data) && !isSpace(data[j]) && !isDelim(data[j]) {
				j++
			}
			args = appendArg(args, token{kind: tName, s: pdfbox.Name(data[i+1 : j])})
			i = j
		case c == '(':
			j, err := skipString(data, i)
			if err != nil {
				return err
			}
			args = appendArg(args, token{kind: tOther})
			i = j
		case c == '<' && i+1 < len(data) && data[i+1] == '<', c == '[':
			j, err := skipNested(data, i)
			if err != nil {
				return err
			}
			args = appendArg(args, token{kind: tOther, raw: data[i:j]})
			i = j
		case c == '<':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				return fmt.Errorf("has a damaged content stream (an unclosed hex string)")
			}
			args = appendArg(args, token{kind: tOther})
			i += j + 1
		case c == ')' || c == '>' || c == ']' || c == '{' || c == '}':
			return fmt.Errorf("has a damaged content stream (a stray %q)", c)
		default:
			j := i
			for j < len(data) && !isSpace(data[j]) && !isDelim(data[j]) {
				j++
			}
			word := string(data[i:j])
			i = j
			if (word[0] >= '0' && word[0] <= '9') || word[0] == '-' || word[0] == '+' || word[0] == '.' {
				v, err := strconv.ParseFloat(word, 64)
				if err != nil {
					return fmt.Errorf("has a damaged content stream (%q is not a number)", word)
				}
				args = appendArg(args, token{kind: tNum, v: v})
				continue
			}
			if word == "true" || word == "false" || word == "null" {
				args = appendArg(args, token{kind: tOther, s: word})
				continue
			}
			if word == "ID" { // inline image data runs to EI
				// The operands of ID are the image's dictionary (BI
				// /W 10 /CS /RGB … ID), which its colour space is in.
				if err := op(word, args); err != nil {
					return err
				}
				k := inlineEnd(data, i, args)
				if k < 0 {
					return fmt.Errorf("has a damaged content stream (an inline image without EI)")
				}
				if bi >= 0 && bi <= i-2 {
					// The white-space before EI, if any, is kept: past
					// the rows an image has, it is not read.
					end := i + k
					ei := []token{{kind: tOther, raw: data[bi : i-2]}, {kind: tOther, raw: data[min(i+1, end):end]}}
					if err := op(inlineImage, ei); err != nil {
						return err
					}
				}
				i += k + 2
				args, bi = args[:0], -1
				continue
			}
			if word == "BI" {
				bi = i
			}
			if err := op(word, args); err != nil {
				return err
			}
			args = args[:0]
		}
	}
	return nil
}

// inlineEnd is where, from i (the white-space after ID), the EI that ends
// an inline image whose dictionary is args starts, or -1 for none.
// Unfiltered data is as long as its dictionary says (rows of W ×
// components × BPC bits, each a whole number of bytes): EI is looked for
// there first, as a reader that knows the length does, so that pixels
// whose bytes spell " EI " (a CMYK pixel of 27/29/13%) do not end the
// image. Otherwise it is the first EI with white-space or the stream's end
// after it and white-space before it, else the first with white-space or
// the end after it.
func inlineEnd(data []byte, i int, args []token) int {
	if n, ok := inlineLength(args); ok && n <= len(data)-i-1 {
		k := i + 1 + n
		for k < len(data) && isSpace(data[k]) {
			k++
		}
		if bytes.HasPrefix(data[k:], []byte("EI")) && (k+2 == len(data) || isSpace(data[k+2]) || isDelim(data[k+2])) {
			return k - i
		}
	}
	first := -1
	for k := i; ; k += 2 {
		n := bytes.Index(data[k:], []byte("EI"))
		if n < 0 {
			return first
		}
		k += n
		if k+2 == len(data) || isSpace(data[k+2]) {
			if k > i && isSpace(data[k-1]) {
				return k - i
			}
			if first < 0 {
				first = k - i
			}
		}
	}
}

// inlineLength is the length of an unfiltered inline image's data, from
// its dictionary (args, key and value in turn), when the dictionary says
// it: its size, depth and a colour space whose components are known (a
// device space or an Indexed one; not one named from the resources).
func inlineLength(args []token) (int, bool) {
	var w, h, bpc, comps float64
	mask := false
	for j := 0; j+1 < len(args); j += 2 {
		k, v := args[j], args[j+1]
		if k.kind != tName {
			return 0, false
		}
		switch k.s {
		case "W", "Width":
			w = v.v
		case "H", "Height":
			h = v.v
		case "BPC", "BitsPerComponent":
			bpc = v.v
		case "IM", "ImageMask":
			mask = v.s == "true"
		case "F", "Filter":
			return 0, false
		case "CS", "ColorSpace":
			switch {
			case v.kind == tName && (v.s == "G" || v.s == "DeviceGray"):
				comps = 1
			case v.kind == tName && (v.s == "RGB" || v.s == "DeviceRGB"):
				comps = 3
			case v.kind == tName && (v.s == "CMYK" || v.s == "DeviceCMYK"):
				comps = 4
			case v.kind == tOther && (bytes.HasPrefix(bytes.TrimLeft(v.raw, "[ \t\r\n"), []byte("/I ")) ||
				bytes.HasPrefix(bytes.TrimLeft(v.raw, "[ \t\r\n"), []byte("/Indexed"))):
				comps = 1
			default:
				return 0, false
			}
		}
	}
	if mask {
		comps, bpc = 1, 1
	}
	switch bpc {
	case 1, 2, 4, 8, 16:
	default:
		return 0, false
	}
	if !(w >= 1 && h >= 1 && w <= 1e6 && h <= 1e6 && comps > 0) || w != math.Trunc(w) || h != math.Trunc(h) {
		return 0, false
	}
	n := int64(h) * ((int64(w)*int64(comps)*int64(bpc) + 7) / 8)
	return int(n), n <= 1<<30
}

// inlineImage is the name scanContent calls an inline image's dictionary
// and data by: not an operator of the stream (it holds spaces), so a stray
// EI in a damaged stream is never taken for one.
const inlineImage = "BI ID EI"

func appendArg(args []token, t token) []token {
	if len(args) >= maxOperands {
		return args
	}
	return append(args, t)
}

// skipString returns the index after the literal string starting at i.
func skipString(data []byte, i int) (int, error) {
	depth := 0
	for j := i; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return 0, fmt.Errorf("has a damaged content stream (an unclosed string)")
}

// skipNested returns the index after the array or dictionary starting at i.
func skipNested(data []byte, i int) (int, error) {
	end, _, err := walkNested(data, i, true)
	return end, err
}

// nesting is how deep arrays and dictionaries nest in b, a run of objects
// (an inline image's dictionary, say), read as skipNested reads them; a
// run that cannot be read counts as nested past any limit.
func nesting(b []byte) int {
	_, deepest, err := walkNested(b, 0, false)
	if err != nil {
		return math.MaxInt
	}
	return deepest
}

// walkNested reads data from i, passing over strings, hex strings and
// comments, and tracks how deep arrays and dictionaries nest. With one it
// returns the index after the object starting at i, when its nesting
// closes; otherwise it reads to the end of data.
func walkNested(data []byte, i int, one bool) (end, deepest int, err error) {
	depth := 0
	for j := i; j < len(data); j++ {
		switch c := data[j]; {
		case c == '(':
			k, err := skipString(data, j)
			if err != nil {
				return 0, 0, err
			}
			j = k - 1
		case c == '[' || (c == '<' && j+1 < len(data) && data[j+1] == '<'):
			depth++
			deepest = max(deepest, depth)
			if c == '<' {
				j++
			}
		case c == '<': // a hex string, whose '>' must not be taken for half of a '>>'
			k := bytes.IndexByte(data[j:], '>')
			if k < 0 {
				return 0, 0, fmt.Errorf("has a damaged content stream (an unclosed hex string)")
			}
			j += k
		case c == '%': // a comment, which may hold any bracket
			for j < len(data) && data[j] != '\n' && data[j] != '\r' {
				j++
			}
		case c == ']' || (c == '>' && j+1 < len(data) && data[j+1] == '>'):
			depth--
			if c == '>' {
				j++
			}
			if one && depth == 0 {
				return j + 1, deepest, nil
			}
		}
	}
	if !one {
		return len(data), deepest, nil
	}
	return 0, 0, fmt.Errorf("has a damaged content stream (an unclosed array or dictionary)")
}
