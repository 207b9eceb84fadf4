package pdfbox

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// MaxNesting bounds how deep an ad's arrays and dictionaries may nest. A
// PDF's nest a few levels; pdfcpu's parser recurses once a level and so
// overflowed the stack (fatally, past any recover) on an 8 MB file of
// four million '['s.
const MaxNesting = 1000

// MaxColumns and MaxColors bound a filter's /Columns and /Colors (ISO
// 32000-1 §7.4.4.3; DeviceN has at most 32 colourants), which size
// pdfcpu's predictor row buffers before it reads a byte: a 400-byte file
// whose cross-reference stream has /Predictor 12 /Columns 100000000000
// ended pdfcpu.Read with "fatal error: out of memory". With these a row
// is at most 64 MB.
const (
	MaxColumns = 1 << 20
	MaxColors  = 32
)

// Precheck refuses, before pdfcpu parses a file, what would crash pdfcpu
// past any recover: arrays and dictionaries nested deeper than
// MaxNesting, a /Columns or /Colors past MaxColumns or MaxColors, and a
// cross-reference or object stream that inflates past MaxDecoded. It
// reads the file's bytes as the PDF syntax has them (ISO 32000-1 §7.2,
// §7.3): strings, hex strings, comments and stream data are skipped, so
// no bracket or name in them counts. What it cannot read it leaves to
// pdfcpu.
func Precheck(data []byte) error {
	return precheck(data, MaxDecoded)
}

func precheck(data []byte, limit int) error {
	depth := 0
	var dict []string // the names and brackets since the last "obj": a stream's dictionary
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case '(':
			n := 0
		str:
			for ; i < len(data); i++ {
				switch data[i] {
				case '\\':
					i++
				case '(':
					n++
				case ')':
					if n--; n == 0 {
						break str
					}
				}
			}
		case '[':
			depth++
			dict = appendToken(dict, "[")
		case ']':
			depth = max(depth-1, 0)
			dict = appendToken(dict, "]")
		case '<':
			if i+1 < len(data) && data[i+1] == '<' {
				depth++
				i++
				break
			}
			k := bytes.IndexByte(data[i:], '>')
			if k < 0 {
				return nil
			}
			i += k
		case '>':
			if i+1 < len(data) && data[i+1] == '>' {
				depth = max(depth-1, 0)
				i++
			}
		case '/':
			j := i + 1
			for j < len(data) && regular(data[j]) {
				j++
			}
			n := unescape(data[i+1 : j])
			dict = appendToken(dict, n)
			if n == "Columns" || n == "Colors" {
				if v, ok := integerAt(data, j); ok && (n == "Columns" && v > MaxColumns || n == "Colors" && v > MaxColors) {
					return fmt.Errorf("a filter of %d %s", v, strings.ToLower(n))
				}
			}
			i = j - 1
		case 'o':
			if keyword(data, i, "obj") {
				dict = dict[:0]
			}
		case 's': // stream data, to its endstream
			if keyword(data, i, "stream") {
				k := bytes.Index(data[i+6:], []byte("endstream"))
				if k < 0 {
					return nil
				}
				if err := checkStream(dict, data[i+6:i+6+k], limit); err != nil {
					return err
				}
				i += 6 + k + len("endstream") - 1
			}
		}
		if depth > MaxNesting {
			return fmt.Errorf("arrays or dictionaries nested more than %d deep", MaxNesting)
		}
	}
	return nil
}

// keyword tells whether data holds the keyword kw at i, standing alone.
func keyword(data []byte, i int, kw string) bool {
	return bytes.HasPrefix(data[i:], []byte(kw)) && (i == 0 || !regular(data[i-1])) && (i+len(kw) == len(data) || !regular(data[i+len(kw)]))
}

func appendToken(dict []string, t string) []string {
	if len(dict) >= 1024 {
		return dict // no stream's dictionary is so long; what follows is not one
	}
	return append(dict, t)
}

// checkStream refuses a cross-reference or object stream (ISO 32000-1
// §7.5.7, §7.5.8) that inflates past MaxDecoded. pdfcpu.Read decodes
// these itself, without a limit, before DecodeLimited can see a stream:
// a 306 KB ad whose object stream holds the catalog and 300 MB of spaces
// took 1.3 GB as it was read, and a 64 MB file could ask for a thousand
// times more. Its Flate filters (one or
// several) are inflated here only to be counted; a stream with any other
// filter is left to pdfcpu.
func checkStream(dict []string, raw []byte, limit int) error {
	if !slices.Contains(dict, "ObjStm") && !slices.Contains(dict, "XRef") {
		return nil
	}
	var filters []string
	if k := slices.Index(dict, "Filter"); k >= 0 && k+1 < len(dict) {
		if dict[k+1] != "[" {
			filters = dict[k+1 : k+2]
		} else if end := slices.Index(dict[k+1:], "]"); end >= 0 {
			filters = dict[k+2 : k+1+end]
		}
	}
	if len(filters) == 0 || slices.ContainsFunc(filters, func(f string) bool { return f != "FlateDecode" }) {
		return nil
	}
	raw = bytes.TrimLeft(raw, "\r\n")
	var r io.Reader = bytes.NewReader(raw)
	for range filters {
		zr, err := zlib.NewReader(r)
		if err != nil {
			return nil // pdfcpu says what is wrong
		}
		r = zr
	}
	if n, _ := io.Copy(io.Discard, io.LimitReader(r, int64(limit)+1)); n > int64(limit) {
		return fmt.Errorf("an object or cross-reference stream inflates past %d MB", limit>>20)
	}
	return nil
}

// integerAt reads the integer after white space at data[i:], saturating
// at 2⁴⁰.
func integerAt(data []byte, i int) (int64, bool) {
	for i < len(data) && bytes.IndexByte([]byte("\x00\t\n\f\r "), data[i]) >= 0 {
		i++
	}
	if i < len(data) && data[i] == '+' {
		i++
	}
	var v int64
	j := i
	for ; j < len(data) && '0' <= data[j] && data[j] <= '9'; j++ {
		v = min(v*10+int64(data[j]-'0'), 1<<40)
	}
	return v, j > i
}

// unescape is a name with its #xx escapes decoded, as pdfcpu reads it
// (/Col#75mns is /Columns).
func unescape(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

// regular tells whether c is a regular character: neither white space
// nor a delimiter.
func regular(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}
