package pdfbox

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// MaxNesting is how deep an ad's arrays and dictionaries may nest. Real
// files nest a few levels; PDF readers bound it too (Poppler, MuPDF).
const MaxNesting = 256

// MaxObjects is the most objects an ad may hold. An ad from a layout
// program holds hundreds to a few thousand; an ad of 1,150,000 objects (a
// chain of small dictionaries, 64 MB) took 56 s to render and 5.5 GB at
// its peak, most of it pdfcpu's reading, and one of 49,990 1.7 s and
// 301 MB.
const MaxObjects = 50000

// maxStreamDict is the most of the text before a stream keyword read as
// its dictionary: a stream dictionary is a few hundred bytes, and a bound
// keeps a file of many streams after one object header from being read
// again for each (a 664 kB file of 40,000 empty streams took 19.4 s so:
// BenchmarkCheckStructureManyStreams).
const maxStreamDict = 64 << 10

// CheckStructure reports an error when the PDF file data nests arrays and
// dictionaries more than MaxNesting deep, holds more than MaxObjects
// objects, has a /Columns or /Colors past MaxColumns or MaxColors, or has
// an object or cross-reference stream that decodes past MaxDecoded bytes
// or is filtered other than with FlateDecode: what
// pdfcpu's reader, which an ad is read with, has no bound for. Levels and
// objects are counted outside comments, strings and stream data, and
// inside object streams, whose objects a reader parses as well (an object
// stream's objects by its /N). pdfcpu's parser recurses once a level: ten
// megabytes of "[" overflowed the goroutine's stack, which is fatal to
// the process (no recover catches it). Call it before pdfcpu.Read.
//
// The scan finds streams by their keywords, as a reader repairing a file
// would; pdfcpu finds them by the cross-reference table and their
// /Length. A file crafted so that the two disagree (a stream whose data
// holds the word endstream) can hide an object stream from the scan.
func CheckStructure(data []byte) error {
	if err := checkXRefEntries(data); err != nil {
		return err
	}
	objects := 0
	return checkNesting(data, true, &objects)
}

// MaxXRefEntries is the most entries an ad's cross-reference sections may
// claim in all: ten for each object it may hold (MaxObjects). pdfcpu
// makes a list of a cross-reference stream's object numbers, from its
// /Index or else its /Size, before it reads an entry: a 360-byte file
// whose cross-reference stream had /Index [0 2000000000] ended
// pdfcpu.Read with "fatal error: out of memory", which no recover
// catches, and /Size 10000000 took 2 s and 545 MB.
const MaxXRefEntries = 10 * MaxObjects

// checkXRefEntries refuses a file whose /Size entries and /Index arrays
// together claim more than MaxXRefEntries cross-reference entries. It
// reads every /Size and /Index in the file, wherever it stands: pdfcpu
// finds a cross-reference stream by offset (startxref, /Prev), so one
// inside what the structure scan takes for another stream's data is read
// too. Only cross-reference streams and trailers have these keys (a
// sampled function's /Size is an array, not counted).
func checkXRefEntries(data []byte) error {
	total := int64(0)
	for i := 0; ; {
		k := bytes.IndexByte(data[i:], '/')
		if k < 0 {
			return nil
		}
		j := i + k + 1
		for j < len(data) && isRegular(data[j]) {
			j++
		}
		switch string(unescapeAll(data[i+k+1 : j])) { // no copy unless escaped
		case "Size":
			if v, ok := integerAt(data, skipSpace(data, j)); ok {
				total += v
			}
		case "Length":
			if v, ok := integerAt(data, skipSpace(data, j)); ok && v > MaxDecoded {
				return errLength(v)
			}
		case "Index":
			if at := skipSpace(data, j); at < len(data) && data[at] == '[' {
				for n, at := 0, at+1; ; n++ {
					v, ok := integerAt(data, skipSpace(data, at))
					if !ok {
						break
					}
					if n%2 == 1 { // a count, after its first object number
						total += v
					}
					at = skipSpace(data, at)
					for at < len(data) && data[at] == '+' || at < len(data) && '0' <= data[at] && data[at] <= '9' {
						at++
					}
				}
			}
		}
		if total > MaxXRefEntries {
			return fmt.Errorf("has cross-reference sections of more than %d entries (by their /Size or /Index)", MaxXRefEntries)
		}
		i = j
	}
}

// errLength refuses a stream length past MaxDecoded: pdfcpu allocates a
// stream's /Length in bytes before it reads one, so a 424-byte file with
// /Length 100000000000 ended pdfcpu.Read with "fatal error: out of
// memory", which no recover catches. No stream of a file an ad may be
// (fsafe.MaxPDF) is that long. A length may be given directly, or as a
// number object the /Length refers to, in the file or in an object stream;
// a number object past MaxDecoded is refused wherever it stands (no other
// number of a file is that large).
func errLength(v int64) error {
	return fmt.Errorf("has a stream length of %d bytes, more than the %d MB a stream may have", v, MaxDecoded>>20)
}

// skipSpace returns the index of the first byte at or after i that is
// neither white space nor in a comment.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch {
		case isSpace(data[i]):
			i++
		case data[i] == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// checkNesting checks data's nesting and adds the objects it holds to
// objects; streams says whether it may hold streams (a file does, an
// object stream's objects do not).
func checkNesting(data []byte, streams bool, objects *int) error {
	depth := 0
	deeper := func() error {
		if depth++; depth > MaxNesting {
			return fmt.Errorf("nests arrays and dictionaries more than %d deep", MaxNesting)
		}
		return nil
	}
	n := len(data)
	header := 0 // where the text of the current object starts: its "obj", or the last stream's end
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
		case '/':
			j := i + 1
			for j < n && isRegular(data[j]) {
				j++
			}
			if name := Name(data[i+1 : j]); name == "Columns" || name == "Colors" {
				if v, ok := integerAt(data, j); ok && (name == "Columns" && v > MaxColumns || name == "Colors" && v > MaxColors) {
					return fmt.Errorf("has a filter of %d %s", v, strings.ToLower(name))
				}
			}
			i = j - 1
		case 'o':
			if bytes.HasPrefix(data[i:], []byte("obj")) && i > 0 && !isRegular(data[i-1]) && (i+3 == n || !isRegular(data[i+3])) {
				header = i
				*objects++
				if *objects > MaxObjects {
					return fmt.Errorf("holds more than the %d objects an ad may hold", MaxObjects)
				}
				if v, ok := integerAt(data, skipSpace(data, i+3)); ok && v > MaxDecoded {
					return errLength(v)
				}
			}
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
			dict := data[max(header, i-maxStreamDict):i]
			if err := checkObjectStream(dict, data[start:start+end], objects); err != nil {
				return err
			}
			i = start + end + len("endstream") - 1
			header = i + 1
		}
	}
	return nil
}

// checkObjectStream checks a stream the reader decodes as it reads the
// file: an object stream, whose objects it checks and counts (by its /N),
// or a cross-reference stream, whose size it checks. dict is the text of
// the stream's object before its stream keyword, body its data. Either
// must be FlateDecode (once or more) or unfiltered, as writers make them,
// and decode to at most MaxDecoded bytes: pdfcpu decodes them whole, with
// no bound.
func checkObjectStream(dict, body []byte, objects *int) error {
	dict = unescapeAll(dict)
	objStm := bytes.Contains(dict, []byte("/ObjStm"))
	if !objStm && !bytes.Contains(dict, []byte("/XRef")) {
		return nil
	}
	if objStm {
		if v, ok := entryInt(dict, "/N"); ok && v > 0 {
			if *objects += int(min(v, MaxObjects+1)); *objects > MaxObjects {
				return fmt.Errorf("holds more than the %d objects an ad may hold", MaxObjects)
			}
		}
	}
	filters := filterNames(dict)
	for _, f := range filters {
		if f != "FlateDecode" {
			return fmt.Errorf("filters an object or cross-reference stream with %s, not FlateDecode", f)
		}
	}
	objs := body
	if len(filters) > 0 {
		// Each FlateDecode of the pipeline inflates again.
		var r io.Reader = bytes.NewReader(bytes.TrimLeft(body, "\r\n"))
		for range filters {
			zr, err := zlib.NewReader(r)
			if err != nil {
				return nil // the reader will say it cannot read it
			}
			r = &capReader{r: zr, left: MaxDecoded}
		}
		var err error
		if objs, err = io.ReadAll(r); errors.Is(err, errTooBig) {
			return fmt.Errorf("has an object or cross-reference stream that decodes to more than %d MB", MaxDecoded>>20)
		}
	}
	if !objStm {
		return nil
	}
	// The objects of the stream: pairs of an object number and an offset
	// from /First, up to /First, which counts from after the end of line
	// that follows the stream keyword.
	if len(filters) == 0 {
		switch {
		case bytes.HasPrefix(objs, []byte("\r\n")):
			objs = objs[2:]
		case len(objs) > 0 && (objs[0] == '\n' || objs[0] == '\r'):
			objs = objs[1:]
		}
	}
	if first, ok := entryInt(dict, "/First"); ok && first <= int64(len(objs)) {
		for n, at := 0, 0; ; n++ {
			v, ok := integerAt(objs[:first], skipSpace(objs[:first], at))
			if !ok {
				break
			}
			if n%2 == 1 {
				if w, ok := integerAt(objs, skipSpace(objs, int(min(first+v, int64(len(objs)))))); ok && w > MaxDecoded {
					return errLength(w)
				}
			}
			at = skipSpace(objs[:first], at)
			for at < int(first) && (objs[at] == '+' || '0' <= objs[at] && objs[at] <= '9') {
				at++
			}
		}
	}
	var none int // an object stream's objects are counted by its /N
	return checkNesting(objs, false, &none)
}

// entryInt is the whole number after the first entry key of the
// dictionary text dict (a key followed by a delimiter: /N, not /Name).
func entryInt(dict []byte, key string) (int64, bool) {
	for rest := dict; ; {
		k := bytes.Index(rest, []byte(key))
		if k < 0 {
			return 0, false
		}
		rest = rest[k+len(key):]
		if len(rest) == 0 || !isRegular(rest[0]) {
			return integerAt(rest, 0)
		}
	}
}

// filterNames lists the filters of the dictionary text dict: the name, or
// the names of the array, after its /Filter key. A /Filter that is
// neither (a reference, say) is listed as itself, so that a caller
// taking only FlateDecode refuses it rather than leave it unmeasured.
func filterNames(dict []byte) []string {
	for rest := dict; ; {
		k := bytes.Index(rest, []byte("/Filter"))
		if k < 0 {
			return nil
		}
		rest = rest[k+len("/Filter"):]
		if len(rest) > 0 && isRegular(rest[0]) {
			continue // a longer name
		}
		rest = bytes.TrimLeft(rest, "\x00\t\n\f\r ")
		array := len(rest) > 0 && rest[0] == '['
		if array {
			rest = rest[1:]
		} else if len(rest) == 0 || rest[0] != '/' {
			return []string{"an indirect or malformed /Filter"}
		}
		var names []string
		for i := 0; i < len(rest) && rest[i] != ']'; {
			if rest[i] != '/' {
				i++
				continue
			}
			j := i + 1
			for j < len(rest) && isRegular(rest[j]) {
				j++
			}
			names = append(names, string(rest[i+1:j]))
			if !array {
				break
			}
			i = j
		}
		return names
	}
}

// isSpace reports whether c is PDF white space.
func isSpace(c byte) bool { return bytes.IndexByte([]byte("\x00\t\n\f\r "), c) >= 0 }

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

// integerAt reads the integer after white space at data[i:], saturating
// at 2⁴⁰.
func integerAt(data []byte, i int) (int64, bool) {
	for i < len(data) && isSpace(data[i]) {
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

// Name is a name's characters (after its '/') with their #xx escapes
// decoded (ISO 32000-1 §7.3.5), as pdfcpu reads the names of dictionaries:
// Col#75mns is Columns, Device#52GB is DeviceRGB. A '#' not followed by
// two hex digits is kept.
func Name(b []byte) string {
	return string(unescapeAll(b))
}

// unescapeAll is text with every #xx escape decoded: a dictionary's text
// as pdfcpu reads its names (/Obj#53tm is /ObjStm, /Fil#74er /Filter). A
// '#' not followed by two hex digits is kept.
func unescapeAll(b []byte) []byte {
	if bytes.IndexByte(b, '#') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
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
	return out
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
