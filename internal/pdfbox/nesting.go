package pdfbox

import (
	"bytes"
	"fmt"
)

// MaxNesting bounds how deep an ad's arrays and dictionaries may nest. A
// PDF's nest a few levels; pdfcpu's parser recurses once a level and so
// overflowed the stack (fatally, past any recover) on an 8 MB file of
// four million '['s.
const MaxNesting = 1000

// CheckNesting refuses a file whose arrays and dictionaries nest deeper
// than MaxNesting, before pdfcpu parses it. It reads the file's bytes as
// the PDF syntax has them (ISO 32000-1 §7.2, §7.3): strings, hex
// strings, comments and stream data are skipped, so no bracket in them
// counts. What it cannot read it leaves to pdfcpu.
func CheckNesting(data []byte) error {
	depth := 0
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
		case ']':
			depth = max(depth-1, 0)
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
		case 's': // stream data, to its endstream
			if bytes.HasPrefix(data[i:], []byte("stream")) && (i == 0 || !regular(data[i-1])) && (i+6 == len(data) || !regular(data[i+6])) {
				k := bytes.Index(data[i+6:], []byte("endstream"))
				if k < 0 {
					return nil
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

// regular tells whether c is a regular character: neither white space
// nor a delimiter.
func regular(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}
