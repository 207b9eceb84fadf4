package pdfbox

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// MaxDecoded bounds what one stream of an ad may decompress to, and what
// a page's content streams may decompress to together, against
// compression bombs.
const MaxDecoded = 256 << 20

// Content is page pd's content streams (read with ctx) decoded through
// DecodeLimited and joined, as the edition loader checks them and the PDF
// writer copies them. Together they too are held to MaxDecoded: a page of
// many streams, each just under the limit, is a bomb as well.
func Content(ctx *model.Context, pd types.Dict) ([]byte, error) {
	return content(ctx, pd, MaxDecoded)
}

func content(ctx *model.Context, pd types.Dict, limit int) ([]byte, error) {
	var refs types.Array
	switch c := pd["Contents"].(type) {
	case types.Array:
		refs = c
	case nil:
	default:
		refs = types.Array{c}
	}
	var out bytes.Buffer
	for _, r := range refs {
		sd, _, err := ctx.DereferenceStreamDict(r)
		if err != nil {
			return nil, err
		}
		if sd == nil {
			continue
		}
		if err := decodeLimited(sd, limit); err != nil {
			return nil, err
		}
		if out.Len()+len(sd.Content) > limit {
			return nil, fmt.Errorf("the page's content streams inflate past %d MB", limit>>20)
		}
		out.Write(sd.Content)
		out.WriteByte('\n')
	}
	return out.Bytes(), nil
}

// DecodeLimited decodes a stream, refusing one that decodes past
// MaxDecoded bytes (a compression bomb) at any step of its filters.
//
// A lone Flate filter without parameters, what nearly every ad has, is
// inflated here through the limit. Any other pipeline is decoded one
// filter at a time, each step's output bounded before pdfcpu decodes it,
// since pdfcpu decodes every filter without a limit: a Flate filter with
// DecodeParms (even empty ones), two Flate filters, LZW or run-length
// would otherwise inflate a few kilobytes to gigabytes, and a predictor's
// /Columns sizes pdfcpu's row buffers, which a huge value makes a fatal
// out-of-memory error no recover catches. The bytes decoded are those
// pdfcpu's own pipeline (StreamDict.Decode) gives.
func DecodeLimited(sd *types.StreamDict) error {
	return decodeLimited(sd, MaxDecoded)
}

func decodeLimited(sd *types.StreamDict, limit int) error {
	fpl := sd.FilterPipeline
	if len(fpl) == 1 && fpl[0].Name == filter.Flate && fpl[0].DecodeParms == nil {
		zr, err := zlib.NewReader(bytes.NewReader(sd.Raw))
		if err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return err
		}
		if len(b) > limit {
			return tooBig(limit)
		}
		if err != nil {
			return err
		}
		sd.Content = b
		return nil
	}
	data := sd.Raw
	for _, f := range fpl {
		if f.Name == filter.JPX || f.Name == filter.DCT && sd.CSComponents != 4 {
			break // as pdfcpu: what follows is left encoded
		}
		var err error
		if data, err = decodeStep(f, data, limit); err != nil {
			return err
		}
	}
	sd.Content = data
	return nil
}

func tooBig(limit int) error {
	return fmt.Errorf("a stream inflates past %d MB", limit>>20)
}

// decodeStep applies one filter of a pipeline to in, as pdfcpu does,
// after making sure its output stays within limit bytes.
func decodeStep(f types.PDFFilter, in []byte, limit int) ([]byte, error) {
	parms := parmsFor(f.DecodeParms)
	fi, err := filter.NewFilter(f.Name, parms)
	if err != nil {
		return nil, err
	}
	switch f.Name {
	case filter.ASCII85, filter.ASCIIHex:
		// their output is smaller than their input
	case filter.Flate:
		n, err := inflatedSize(in, limit)
		if err != nil {
			return nil, err
		}
		if n > limit {
			return nil, tooBig(limit)
		}
		if err := checkPredictor(parms, n, limit); err != nil {
			return nil, err
		}
	case filter.LZW:
		// CopyN ends with io.EOF when the stream is shorter than asked
		// for, and with no error when it reaches it: too long.
		switch _, err := fi.DecodeLength(bytes.NewReader(in), int64(limit)+1); err {
		case io.EOF:
		case nil:
			return nil, tooBig(limit)
		default:
			return nil, err
		}
	case filter.RunLength:
		r, err := fi.DecodeLength(bytes.NewReader(in), int64(limit)+1)
		if err != nil {
			return nil, err
		}
		b := r.(*bytes.Buffer).Bytes()
		if len(b) > limit {
			return nil, tooBig(limit)
		}
		return b, nil
	default:
		// CCITT fax, JBIG2, DCT of CMYK: image filters, whose output a
		// parameter sizes; no content stream has them.
		return nil, fmt.Errorf("a content stream is filtered as an image (%s)", f.Name)
	}
	r, err := fi.Decode(bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// inflatedSize is how many bytes the zlib stream in inflates to, counted
// up to limit+1. A stream cut short or with a bad checksum is counted to
// where it breaks, pdfcpu reading as far.
func inflatedSize(in []byte, limit int) (int, error) {
	zr, err := zlib.NewReader(bytes.NewReader(in))
	if err != nil {
		return 0, err
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(zr, int64(limit)+1))
	return int(n), nil
}

// checkPredictor refuses the parameters of a Flate predictor (ISO
// 32000-1 §7.4.4.4) whose rows pdfcpu could not read from n inflated
// bytes: pdfcpu sizes two row buffers from /Colors, /BitsPerComponent and
// /Columns before reading a byte, and fails on a row the data does not
// fill; a zero or negative /Columns or /Colors makes it panic.
func checkPredictor(parms map[string]int, n, limit int) error {
	if p, ok := parms["Predictor"]; !ok || p <= 1 {
		return nil
	}
	colors, columns, bpc := 1, 1, 8
	if v, ok := parms["Colors"]; ok {
		colors = v
	}
	if v, ok := parms["Columns"]; ok {
		columns = v
	}
	if v, ok := parms["BitsPerComponent"]; ok {
		bpc = v
	}
	if colors < 1 || columns < 1 || bpc < 1 || bpc > 16 || colors > limit || columns > limit {
		return fmt.Errorf("a predictor with %d colours of %d bits in %d columns", colors, bpc, columns)
	}
	row := (int64(bpc)*int64(colors)*int64(columns) + 7) / 8 // < 2⁶⁰: each factor is below 2²⁹
	if parms["Predictor"] != 2 {
		row++ // a PNG predictor's rows start with their own filter byte
	}
	// No data at all decodes to nothing whatever the row (pdfcpu reads no
	// row), but its buffers are made first.
	if row > int64(n) && (n > 0 || row > 1<<20) {
		return fmt.Errorf("a predictor row of %d bytes in %d bytes of data", row, n)
	}
	return nil
}

// parmsFor is pdfcpu's reading of a filter's DecodeParms: the integers,
// and booleans as 0 or 1.
func parmsFor(d types.Dict) map[string]int {
	m := map[string]int{}
	for k, v := range d {
		switch v := v.(type) {
		case types.Integer:
			m[k] = v.Value()
		case types.Boolean:
			if v.Value() {
				m[k] = 1
			} else {
				m[k] = 0
			}
		}
	}
	return m
}
