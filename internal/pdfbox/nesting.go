package pdfbox

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
)

// MaxNesting is how deep an ad's arrays and dictionaries may nest. Real
// files nest a few levels; PDF readers bound it too (Poppler, MuPDF).
const MaxNesting = 256

// CheckNesting reports an error when the objects of the PDF file data nest
// arrays and dictionaries more than MaxNesting deep, counting them outside
// comments, strings and stream data, and inside object streams
// (/Type /ObjStm, FlateDecode or unfiltered), whose objects a reader
// parses as well. pdfcpu's parser recurses once a level without a bound:
// ten megabytes of "[" overflow the goroutine's stack, which is fatal to
// the process (no recover catches it). Call it before pdfcpu.Read.
//
// An object stream with another filter is not looked into.
func CheckNesting(data []byte) error {
	return checkNesting(data, true)
}

func checkNesting(data []byte, streams bool) error {
	depth := 0
	deeper := func() error {
		if depth++; depth > MaxNesting {
			return fmt.Errorf("nests arrays and dictionaries more than %d deep", MaxNesting)
		}
		return nil
	}
	n := len(data)
	for i := 0; i < n; i++ {
		switch c := data[i]; c {
		case '%': // a comment, to the end of the line
			for i < n && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case '(': // a literal string: balanced parentheses, \ escapes
			for level := 0; i < n; i++ {
				switch data[i] {
				case '\\':
					i++
				case '(':
					level++
				case ')':
					level--
				}
				if level == 0 {
					break
				}
			}
		case '<':
			if i+1 < n && data[i+1] == '<' {
				i++
				if err := deeper(); err != nil {
					return err
				}
				continue
			}
			for i < n && data[i] != '>' { // a hex string
				i++
			}
		case '>':
			if i+1 < n && data[i+1] == '>' {
				i++
				depth = max(0, depth-1)
			}
		case '[':
			if err := deeper(); err != nil {
				return err
			}
		case ']':
			depth = max(0, depth-1)
		case 's':
			if !streams || !bytes.HasPrefix(data[i:], []byte("stream")) || i > 0 && isRegular(data[i-1]) ||
				i+6 < n && isRegular(data[i+6]) {
				continue
			}
			start := i + len("stream")
			end := bytes.Index(data[start:], []byte("endstream"))
			if end < 0 {
				return nil // the rest is stream data
			}
			if err := checkObjectStream(data[:i], data[start:start+end]); err != nil {
				return err
			}
			i = start + end + len("endstream") - 1
		}
	}
	return nil
}

// checkObjectStream checks the objects of an object stream: body is the
// data after its stream keyword, before is the file up to the keyword,
// whose last object header holds its dictionary.
func checkObjectStream(before, body []byte) error {
	dict := before[max(0, bytes.LastIndex(before, []byte("obj"))):]
	if !bytes.Contains(dict, []byte("/ObjStm")) {
		return nil
	}
	var objs []byte
	switch {
	case !bytes.Contains(dict, []byte("/Filter")):
		objs = body
	case bytes.Contains(dict, []byte("/FlateDecode")) && !bytes.Contains(dict, []byte("/DecodeParms")):
		body = bytes.TrimLeft(body, "\r\n")
		zr, err := zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil // the reader will say it cannot read it
		}
		objs, _ = io.ReadAll(io.LimitReader(zr, MaxDecoded))
	default:
		return nil
	}
	return checkNesting(objs, false)
}

// isRegular reports whether c is a PDF regular character: neither white
// space nor a delimiter, so part of a keyword or a name.
func isRegular(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}
