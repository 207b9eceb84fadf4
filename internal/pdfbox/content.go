package pdfbox

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"

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
	// Each stream is decoded once, however often the array names it, and
	// the streams are measured before they are joined: a page naming one
	// stream 200,000 times (a file of 1.2 MB) was decoded as often, and
	// joined into a buffer grown by doubling up to the limit, 806 MB
	// allocated in 8.5 s, before it was refused.
	type stream struct {
		content []byte
		ok      bool // not an undefined object, which counts as none
	}
	decoded := map[types.IndirectRef]stream{}
	var parts [][]byte
	total := 0
	for _, r := range refs {
		ref, isRef := r.(types.IndirectRef)
		st, done := decoded[ref]
		if !isRef || !done {
			sd, _, err := ctx.DereferenceStreamDict(r)
			if err != nil {
				return nil, err
			}
			if sd != nil {
				if err := decodeLimited(sd, limit); err != nil {
					return nil, err
				}
				st = stream{sd.Content, true}
			}
			if isRef {
				decoded[ref] = st
			}
		}
		if !st.ok {
			continue
		}
		if total+len(st.content) > limit {
			return nil, fmt.Errorf("the page's content streams inflate past %d MB", limit>>20)
		}
		total += len(st.content) + 1
		parts = append(parts, st.content)
	}
	if len(parts) == 0 {
		return nil, nil
	}
	out := make([]byte, 0, total)
	for _, p := range parts {
		out = append(append(out, p...), '\n')
	}
	return out, nil
}

// DecodeLimited decodes a stream, refusing one that decodes past
// MaxDecoded bytes (a compression bomb): a Flate stream without
// parameters is inflated here through a limit; any other is measured
// first (checkDecodedSize), its predictors' parameters checked
// (checkPredictors), and then decoded by pdfcpu.
func DecodeLimited(sd *types.StreamDict) error {
	return decodeLimited(sd, MaxDecoded)
}

func decodeLimited(sd *types.StreamDict, limit int) error {
	if len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == "FlateDecode" && sd.FilterPipeline[0].DecodeParms == nil {
		zr, err := zlib.NewReader(bytes.NewReader(sd.Raw))
		if err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return err
		}
		if len(b) > limit {
			return fmt.Errorf("a stream inflates past %d MB", limit>>20)
		}
		if err != nil {
			return err
		}
		sd.Content = b
		return nil
	}
	if err := checkDecodedSize(sd.Raw, sd.FilterPipeline, int64(limit)); err != nil {
		return err
	}
	if err := checkPredictors(sd.FilterPipeline, limit); err != nil {
		return err
	}
	return sd.Decode()
}

// checkPredictors refuses the parameters of a Flate or LZW predictor (ISO
// 32000-1 §7.4.4.4) that pdfcpu cannot decode with bounded memory:
// pdfcpu sizes two row buffers from /Colors, /BitsPerComponent and
// /Columns before it reads a byte, so /Predictor 12 /Columns 100000000000
// on a 13-byte stream was "fatal error: out of memory", which no recover
// catches, and a zero or negative /Columns or /Colors a panic. A row
// longer than limit cannot be filled by a stream within it.
func checkPredictors(filters []types.PDFFilter, limit int) error {
	for _, f := range filters {
		p, ok := f.DecodeParms["Predictor"].(types.Integer)
		if !ok || p <= 1 {
			continue
		}
		colors, columns, bpc := 1, 1, 8
		if v, ok := f.DecodeParms["Colors"].(types.Integer); ok {
			colors = v.Value()
		}
		if v, ok := f.DecodeParms["Columns"].(types.Integer); ok {
			columns = v.Value()
		}
		if v, ok := f.DecodeParms["BitsPerComponent"].(types.Integer); ok {
			bpc = v.Value()
		}
		if colors < 1 || columns < 1 || bpc < 1 || bpc > 16 || colors > limit || columns > limit ||
			(int64(bpc)*int64(colors)*int64(columns)+7)/8 > int64(limit) { // < 2⁶¹: each factor is at most 2²⁸
			return fmt.Errorf("a predictor with %d colours of %d bits in %d columns", colors, bpc, columns)
		}
	}
	return nil
}
