package pdfbox

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"encoding/ascii85"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/internal/pdftest"
)

func deflate(b []byte) []byte {
	var o bytes.Buffer
	w := zlib.NewWriter(&o)
	w.Write(b)
	w.Close()
	return o.Bytes()
}

func unlzw(b []byte) []byte { // LZW as pdfcpu reads it with /EarlyChange 0
	var o bytes.Buffer
	w := lzw.NewWriter(&o, lzw.MSB, 8)
	w.Write(b)
	w.Close()
	return o.Bytes()
}

func a85(b []byte) []byte {
	o := make([]byte, ascii85.MaxEncodedLen(len(b)))
	return append(o[:ascii85.Encode(o, b)], "~>"...)
}

// stream is a content stream of raw bytes through the named filters, each
// with the parameters given ("" for none).
func stream(raw []byte, filters ...string) *types.StreamDict {
	sd := &types.StreamDict{Dict: types.Dict{}, Raw: raw}
	for i := 0; i < len(filters); i += 2 {
		f := types.PDFFilter{Name: filters[i]}
		if p := filters[i+1]; p != "" {
			f.DecodeParms = types.Dict{}
			for _, kv := range strings.Split(p, " ") {
				k, v, _ := strings.Cut(kv, "=")
				var n int
				for _, c := range strings.TrimPrefix(v, "-") {
					n = n*10 + int(c-'0')
				}
				if strings.HasPrefix(v, "-") {
					n = -n
				}
				f.DecodeParms[k] = types.Integer(n)
			}
		}
		sd.FilterPipeline = append(sd.FilterPipeline, f)
	}
	return sd
}

// TestDecodeLimitedRefusesPredictorBuffers: a predictor's parameters
// cannot size a buffer past the limit, nor make pdfcpu panic: /Columns of
// 10¹¹ on a 13-byte stream was a fatal out-of-memory error no recover
// catches (checkDecodedSize measures only what the data decodes to).
func TestDecodeLimitedRefusesPredictorBuffers(t *testing.T) {
	const limit = 1 << 20
	for _, c := range []struct {
		name, parms string
	}{
		{"huge columns", "Predictor=12 Columns=100000000000"},
		{"a row past the limit", "Predictor=12 Columns=1048577"},
		{"overflowing row", "Predictor=12 Colors=4611686018427387904 Columns=4611686018427387904"},
		{"no columns", "Predictor=12 Columns=0"},
		{"negative colours", "Predictor=12 Colors=-3"},
		{"tiff, 17 bits", "Predictor=2 BitsPerComponent=17"},
	} {
		err := decodeLimited(stream(deflate([]byte("0 0 m")), "FlateDecode", c.parms), limit)
		if err == nil || !strings.Contains(err.Error(), "predictor") {
			t.Errorf("%s: %v, want an error saying \"predictor\"", c.name, err)
		}
	}
	if err := decodeLimited(stream(deflate([]byte("0 0 m")), "FlateDecode", "Predictor=12 Columns=100000"), limit); err == nil {
		t.Error("a row longer than the data decoded")
	}
}

// TestDecodeLimitedAsPdfcpu: below the limit, every pipeline decodes to
// the bytes pdfcpu's own decoding gives.
func TestDecodeLimitedAsPdfcpu(t *testing.T) {
	text := []byte("q 1 0 0 1 0 0 cm 0 0 0 1 k 0 0 10 10 re f Q\n")
	up := []byte{2, 'q', ' ', '1', ' ', 2, 0, 0, 0, 0} // two PNG "up" rows of 4 bytes: "q 1 q 1 "
	for _, c := range []struct {
		name string
		sd   *types.StreamDict
	}{
		{"none", stream(text)},
		{"flate", stream(deflate(text), "FlateDecode", "")},
		{"flate, parameters", stream(deflate(text), "FlateDecode", "Columns=1")},
		{"flate, png predictor", stream(deflate(up), "FlateDecode", "Predictor=12 Columns=4")},
		{"flate, tiff predictor", stream(deflate(text[:44]), "FlateDecode", "Predictor=2 Columns=4")},
		{"flate, predictor, no data", stream(deflate(nil), "FlateDecode", "Predictor=12 Columns=4")},
		{"flate, cut short", stream(deflate(text)[:20], "FlateDecode", "Columns=1")},
		{"flate, png predictor of 3 colours", stream(deflate([]byte{0, 1, 2, 3, 1, 1, 1, 1}), "FlateDecode", "Predictor=12 Colors=3 Columns=1")},
		{"flate twice", stream(deflate(deflate(text)), "FlateDecode", "", "FlateDecode", "")},
		{"ascii85 then flate", stream(a85(deflate(text)), "ASCII85Decode", "", "FlateDecode", "")},
		{"ascii hex", stream([]byte("71 20 51>"), "ASCIIHexDecode", "")},
		{"lzw", stream(unlzw(text), "LZWDecode", "EarlyChange=0")},
		{"run length", stream([]byte{2, 'q', ' ', 'Q', 0xfe, ' ', 0x80}, "RunLengthDecode", "")},
		{"jpeg, left as it is", stream([]byte("\xff\xd8"), "DCTDecode", "")},
	} {
		want := *c.sd
		werr := want.Decode()
		err := decodeLimited(c.sd, 1<<20)
		if (err == nil) != (werr == nil) || !bytes.Equal(c.sd.Content, want.Content) {
			t.Errorf("%s: %q, %v; pdfcpu: %q, %v", c.name, c.sd.Content, err, want.Content, werr)
		}
	}
}

// TestContentLimitsThePage: a page's content streams together are held to
// the limit, not each alone.
func TestContentLimitsThePage(t *testing.T) {
	ctx, err := pdfcpu.Read(bytes.NewReader(onePage("")), &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF})
	if err != nil {
		t.Fatal(err)
	}
	half := deflate(bytes.Repeat([]byte{' '}, 600<<10))
	one := types.Dict{"Contents": *stream(half, "FlateDecode", "")}
	if _, err := content(ctx, one, 1<<20); err != nil {
		t.Fatalf("one stream under the limit: %v", err)
	}
	two := types.Dict{"Contents": types.Array{*stream(half, "FlateDecode", ""), *stream(half, "FlateDecode", "")}}
	if _, err := content(ctx, two, 1<<20); err == nil || !strings.Contains(err.Error(), "inflate past") {
		t.Fatalf("two streams over the limit together: %v", err)
	}
}

// TestContentNamesAStreamOften: a stream the Contents array names more
// than once is joined as often as it is named, in order, and counts each
// time toward the limit (it is decoded once: a page naming one stream
// 200,000 times was decoded as often, 806 MB in 8.5 s, before it was
// refused).
func TestContentNamesAStreamOften(t *testing.T) {
	file := func(contents string) []byte {
		return pdftest.File("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents "+contents+" >>",
			"<< /Length 3 >>\nstream\n0 g\nendstream", "<< /Length 3 >>\nstream\n1 g\nendstream")
	}
	for _, c := range []struct {
		contents, want string
		limit          int
	}{
		{"[4 0 R 5 0 R 4 0 R 9 0 R 4 0 R]", "0 g\n1 g\n0 g\n0 g\n", 1 << 20},
		{"4 0 R", "0 g\n", 1 << 20},
		{"[]", "", 1 << 20},
		{"[4 0 R 5 0 R 4 0 R]", "0 g\n1 g\n0 g\n", 11},
		{"[4 0 R 5 0 R 4 0 R 4 0 R]", "", 12},
		{"[" + strings.Repeat("4 0 R ", 3000) + "]", "", 10000},
	} {
		ctx, err := pdfcpu.Read(bytes.NewReader(file(c.contents)), &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF})
		if err != nil {
			t.Fatal(err)
		}
		pd, _, err := FirstPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := content(ctx, pd, c.limit)
		if c.want == "" && c.contents != "[]" {
			if err == nil || !strings.Contains(err.Error(), "inflate past") {
				t.Errorf("%.40s, limit %d: %q, %v; want it refused", c.contents, c.limit, got, err)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("%.40s: %q, %v; want %q", c.contents, got, err, c.want)
		}
	}
}
