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

// MaxDecoded bounds what one stream of an ad may decompress to, against
// compression bombs.
const MaxDecoded = 256 << 20

// Content is page pd's content streams (read with ctx) decoded through
// DecodeLimited and joined, as the edition loader checks them and the PDF
// writer copies them.
func Content(ctx *model.Context, pd types.Dict) ([]byte, error) {
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
		if err := DecodeLimited(sd); err != nil {
			return nil, err
		}
		out.Write(sd.Content)
		out.WriteByte('\n')
	}
	return out.Bytes(), nil
}

// DecodeLimited decodes a stream, refusing one that decodes past
// MaxDecoded bytes (a compression bomb): a Flate stream without
// parameters is inflated here through a limit; any other is measured
// first (checkDecodedSize) and then decoded by pdfcpu.
func DecodeLimited(sd *types.StreamDict) error {
	if len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == "FlateDecode" && sd.FilterPipeline[0].DecodeParms == nil {
		zr, err := zlib.NewReader(bytes.NewReader(sd.Raw))
		if err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(zr, MaxDecoded+1))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return err
		}
		if len(b) > MaxDecoded {
			return fmt.Errorf("a stream inflates past %d MB", MaxDecoded>>20)
		}
		if err != nil {
			return err
		}
		sd.Content = b
		return nil
	}
	if err := checkDecodedSize(sd.Raw, sd.FilterPipeline, MaxDecoded); err != nil {
		return err
	}
	return sd.Decode()
}
