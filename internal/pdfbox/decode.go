package pdfbox

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"

	"github.com/hhrutter/lzw"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// errTooBig is what a capped reader returns past its cap.
var errTooBig = errors.New("too big")

// checkDecodedSize streams raw through the filters, measuring what each
// stage gives, and reports an error when one gives more than limit bytes:
// a compression bomb. pdfcpu decodes a stream whole into memory, with no
// bound (its DecodeLength bounds only the last stage, and fails on a
// stream shorter than it), and a Flate stream with DecodeParms, an LZW
// stream (up to some 2,700 times its size) or a run-length one (64
// times) reached it unbounded. Damaged data ends the measure: the decoder
// that follows reports it. A filter other than these (the image filters,
// which content does not use) ends it too.
func checkDecodedSize(raw []byte, filters []types.PDFFilter, limit int64) error {
	var r io.Reader = bytes.NewReader(raw)
	stages := 0
pipeline:
	for _, f := range filters {
		switch f.Name {
		case "FlateDecode":
			zr, err := zlib.NewReader(r)
			if err != nil {
				return nil
			}
			r = zr
		case "LZWDecode":
			early := true // EarlyChange 1, the default
			if v, ok := f.DecodeParms["EarlyChange"].(types.Integer); ok && v == 0 {
				early = false
			}
			r = lzw.NewReader(r, early)
		case "RunLengthDecode":
			r = &runLengthReader{r: bufio.NewReader(r)}
		case "ASCIIHexDecode":
			r = &hexReader{r: bufio.NewReader(r)}
		case "ASCII85Decode":
			r = ascii85.NewDecoder(&untilEOD{r: bufio.NewReader(r)})
		default:
			break pipeline
		}
		r = &capReader{r: r, left: limit}
		stages++
	}
	if stages == 0 {
		return nil
	}
	if _, err := io.Copy(io.Discard, r); errors.Is(err, errTooBig) {
		return fmt.Errorf("a stream decodes to more than %d MB", limit>>20)
	}
	return nil
}

// capReader reads r and fails with errTooBig past left bytes.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.left -= int64(n); c.left < 0 {
		return n, errTooBig
	}
	return n, err
}

// runLengthReader decodes RunLengthDecode (PDF 32000-1, 7.4.5): a length
// byte L, then L+1 bytes to copy (L < 128) or one byte to repeat 257-L
// times (L > 128); 128 ends the data.
type runLengthReader struct {
	r      *bufio.Reader
	copy   int  // bytes left to copy from r
	repeat int  // times left to give b
	b      byte // the byte repeated
	done   bool
}

func (d *runLengthReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		switch {
		case d.repeat > 0:
			k := min(d.repeat, len(p)-n)
			for i := range k {
				p[n+i] = d.b
			}
			n += k
			d.repeat -= k
		case d.copy > 0:
			k, err := d.r.Read(p[n : n+min(d.copy, len(p)-n)])
			n += k
			d.copy -= k
			if err != nil {
				return n, err
			}
		case d.done:
			return n, io.EOF
		default:
			l, err := d.r.ReadByte()
			if err != nil {
				return n, err
			}
			switch {
			case l < 128:
				d.copy = int(l) + 1
			case l > 128:
				if d.b, err = d.r.ReadByte(); err != nil {
					return n, err
				}
				d.repeat = 257 - int(l)
			default:
				d.done = true
			}
		}
	}
	return n, nil
}

// hexReader decodes ASCIIHexDecode: pairs of hexadecimal digits, white
// space ignored, ">" ending the data (an odd last digit followed by 0).
type hexReader struct {
	r    *bufio.Reader
	done bool
}

func (d *hexReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && !d.done {
		var v [2]byte
		k := 0
		for k < 2 {
			c, err := d.r.ReadByte()
			if err != nil || c == '>' {
				d.done = true
				break
			}
			switch {
			case c >= '0' && c <= '9':
				v[k] = c - '0'
			case c >= 'a' && c <= 'f':
				v[k] = c - 'a' + 10
			case c >= 'A' && c <= 'F':
				v[k] = c - 'A' + 10
			default:
				continue // white space, or a byte the decoder after will refuse
			}
			k++
		}
		if k > 0 {
			p[n] = v[0]<<4 | v[1]
			n++
		}
	}
	if d.done && n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// untilEOD reads r up to ASCII85Decode's end of data, "~>".
type untilEOD struct {
	r    *bufio.Reader
	done bool
}

func (u *untilEOD) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && !u.done {
		c, err := u.r.ReadByte()
		if err != nil || c == '~' {
			u.done = true
			break
		}
		p[n] = c
		n++
	}
	if u.done && n == 0 {
		return 0, io.EOF
	}
	return n, nil
}
