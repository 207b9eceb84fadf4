package pdfbox

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/hhrutter/lzw"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"pgregory.net/rapid"

	"github.com/broadsheet-news/broadsheet/internal/pdftest"
)

// onePage is a one-page PDF whose page dictionary holds extra (e.g. a
// CropBox), with a correct cross-reference table.
func onePage(extra string) []byte {
	return pdftest.File(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 800] >>",
		"<< /Type /Page /Parent 2 0 R "+extra+">>",
	)
}

func TestVisible(t *testing.T) {
	for _, c := range []struct {
		name, extra string
		want        [4]float64
	}{
		{"media box, inherited", "", [4]float64{0, 0, 600, 800}},
		{"crop box wins", "/CropBox [10 20 310 420] ", [4]float64{10, 20, 310, 420}},
		{"own media box", "/MediaBox [0 0 300 200] ", [4]float64{0, 0, 300, 200}},
		{"crop box over own media box", "/MediaBox [0 0 300 200] /CropBox [5 5 295 195] ", [4]float64{5, 5, 295, 195}},
	} {
		t.Run(c.name, func(t *testing.T) {
			conf := &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF}
			ctx, err := pdfcpu.Read(bytes.NewReader(onePage(c.extra)), conf)
			if err != nil {
				t.Fatal(err)
			}
			if err := ctx.EnsurePageCount(); err != nil {
				t.Fatal(err)
			}
			_, inh, err := FirstPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			r := Visible(inh)
			if r == nil {
				t.Fatal("no box")
			}
			if got := [4]float64{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y}; got != c.want {
				t.Errorf("box %v, want %v", got, c.want)
			}
		})
	}
	// A CropBox on the page tree node is the page's too (both boxes are
	// inheritable); the loader once read the page's own CropBox only.
	_, inh, err := FirstPage(read(t, pdftest.File("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 800] /CropBox [10 20 310 420] >>",
		"<< /Type /Page /Parent 2 0 R >>")))
	if err != nil {
		t.Fatal(err)
	}
	if r := Visible(inh); r == nil || [4]float64{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y} != [4]float64{10, 20, 310, 420} {
		t.Errorf("inherited crop box: %v, want [10 20 310 420]", r)
	}
}

// read reads a PDF as the loader and the writer do.
func read(t *testing.T, data []byte) *model.Context {
	t.Helper()
	conf := &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF}
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// TestFirstPage: the first page in document order, past a page tree node
// without pages, with the attributes it inherits from the nearest node
// that has each; a page tree that loops or nests too deep is an error,
// not a stack overflow (pdfcpu's PageDict recursed forever on a node
// among its own kids).
func TestFirstPage(t *testing.T) {
	ctx := read(t, pdftest.File(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R 6 0 R] /Count 2 /MediaBox [0 0 600 800] /Rotate 90 /Resources << /ProcSet [/PDF] >> >>",
		"<< /Type /Pages /Kids [] /Count 0 /MediaBox [0 0 1 1] >>",
		"<< /Type /Pages /Kids [5 0 R] /Count 1 /CropBox [10 10 500 700] >>",
		"<< /Type /Page /Parent 4 0 R /Rotate 0 /Contents 7 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
		"<< /Length 0 >>\nstream\n\nendstream",
	))
	pd, inh, err := FirstPage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := pd["Contents"]; !ok {
		t.Errorf("first page %v, want object 5", pd)
	}
	if r := inh.MediaBox; r == nil || r.UR.X != 600 || r.UR.Y != 800 {
		t.Errorf("media box %v, want the root's (not the empty node's before it)", r)
	}
	if r := inh.CropBox; r == nil || r.LL.X != 10 || r.UR.Y != 700 {
		t.Errorf("crop box %v, want its parent's", r)
	}
	if inh.Rotate != 0 {
		t.Errorf("rotate %d, want the page's own 0", inh.Rotate)
	}
	if inh.Resources == nil || inh.Resources["ProcSet"] == nil {
		t.Errorf("resources %v, want the root's", inh.Resources)
	}

	for _, c := range []struct {
		name string
		objs []string
		want string
	}{
		{"a node its own kid", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Kids [2 0 R] /Count 1 >>"}, "loops"},
		{"a loop through a kid", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}, "loops"},
		{"no page", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}, "no page"},
		{"a kid not a reference", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [5] /Count 1 >>"}, "not a reference"},
		{"no page tree", []string{"<< /Type /Catalog >>"}, "no page tree"},
		{"a deep tree", deepTree(maxTreeDepth + 2), "levels deep"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, err := pdfcpu.Read(bytes.NewReader(pdftest.File(c.objs...)), &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF})
			if err != nil {
				t.Fatalf("pdfcpu: %v", err)
			}
			if _, _, err := FirstPage(ctx); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("FirstPage: %v, want an error saying %q", err, c.want)
			}
		})
	}
}

// deepTree is a catalog over a chain of n page tree nodes, the last
// holding a page.
func deepTree(n int) []string {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
	for i := 0; i < n; i++ {
		objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", i+3))
	}
	return append(objs, "<< /Type /Page /MediaBox [0 0 10 10] >>")
}

// TestCheckStructure: arrays and dictionaries nested past MaxNesting are
// an error, counted outside comments, strings and stream data, and inside
// a Flate object stream (pdfcpu's parser overflowed the stack on ten
// megabytes of "["); so are more than MaxObjects objects, in the file and
// in object streams (pdfcpu took 5.5 GB to read 1,150,000).
func TestCheckStructure(t *testing.T) {
	deep := func(open, close string, n int) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	page := func(extra string) []byte {
		return pdftest.File("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] "+extra+" >>")
	}
	var objStm bytes.Buffer
	zw := zlib.NewWriter(&objStm)
	zw.Write([]byte("5 0 " + deep("[", "]", MaxNesting+1)))
	zw.Close()
	stm := func(dict string, body []byte) []byte {
		return pdftest.File("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
			fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(body), body))
	}
	for _, c := range []struct {
		name string
		data []byte
		bad  bool
	}{
		{"arrays at the limit", page("/A " + deep("[", "]", MaxNesting-2)), false}, // inside the page's and the object's dictionaries
		{"arrays past it", page("/A " + deep("[", "]", MaxNesting)), true},
		{"dictionaries past it", page("/A " + deep("<< /B ", ">>", MaxNesting)), true},
		{"brackets in a string", page("/A (" + deep("[", "]", 2*MaxNesting) + ")"), false},
		{"a string with escaped parentheses", page(`/A (\( ` + deep("[", "]", 2*MaxNesting) + `)`), false},
		{"brackets in a comment", page("%" + deep("[", "]", 2*MaxNesting) + "\n"), false},
		{"brackets in stream data", stm("/Type /XObject", []byte(deep("[", "]", 2*MaxNesting))), false},
		{"an object stream", stm("/Type /ObjStm /N 1 /First 4", []byte("5 0 "+deep("[", "]", MaxNesting+1))), true},
		{"a Flate object stream", stm("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", objStm.Bytes()), true},
		{"objects up to the limit", many(MaxObjects - 3), false}, // with the catalog, page tree and page
		{"objects past it", many(MaxObjects - 2), true},
		{"an object stream of too many", stm(fmt.Sprintf("/Type /ObjStm /N %d /First 4", MaxObjects), []byte("5 0 null")), true},
		{"its /N after a /Name", stm(fmt.Sprintf("/Type /ObjStm /Name /S /N %d /First 4", MaxObjects), []byte("5 0 null")), true},
		{"an object stream filtered with LZW", stm("/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode", []byte("5 0 null")), true},
		{"the word obj in a string", page("/A (" + strings.Repeat(" obj ", MaxObjects+1) + ")"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := CheckStructure(c.data); (err != nil) != c.bad {
				t.Errorf("CheckStructure = %v, want an error: %v", err, c.bad)
			}
		})
	}
}

// TestCheckStructureXRefEntries: cross-reference sections claiming more
// than MaxXRefEntries entries, by a stream's /Index or /Size or the /Size
// of trailers, in all, are an error, wherever the dictionary stands (a
// 360-byte file whose cross-reference stream had /Index [0 2000000000]
// ended pdfcpu.Read with "fatal error: out of memory"); a sampled
// function's /Size array is not counted.
func TestCheckStructureXRefEntries(t *testing.T) {
	xref := func(dict string) []byte {
		f := pdftest.File("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>")
		return append(f, fmt.Sprintf("4 0 obj\n<< /Type /XRef %s /W [1 4 2] /Length 0 >>\nstream\n\nendstream\nendobj\n", dict)...)
	}
	max := MaxXRefEntries - 4 // the file's trailer has /Size 4
	for _, c := range []struct {
		name string
		data []byte
		bad  bool
	}{
		{"a stream's /Size at the limit", xref(fmt.Sprintf("/Size %d", max)), false},
		{"past it", xref(fmt.Sprintf("/Size %d", max+1)), true},
		{"/Index at the limit", xref(fmt.Sprintf("/Index [0 %d]", max)), false},
		{"/Index past it", xref("/Index [0 2000000000]"), true},
		{"/Index past it in all", xref(fmt.Sprintf("/Index [0 %d 9000000 1]", max)), true},
		{"/Index past it, with comments", xref("/Index %[\n[0%0\n 5 +10 2000000000]"), true},
		{"an escaped /Index", xref("/Ind#65x [0 2000000000]"), true},
		{"two sections", xref(fmt.Sprintf("/Index [0 %d] /Size %d", max/2, max/2+1)), true},
		{"in another stream's data", pdftest.File("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>", "<< /Length 48 >>\nstream\n<< /Type /XRef /Size 2000000000 >> stream\nendstream"), true},
		{"a sampled function's /Size", xref("/F << /FunctionType 0 /Size [2000000000] >>"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := CheckStructure(c.data); (err != nil) != c.bad || c.bad && !strings.Contains(err.Error(), "cross-reference") {
				t.Errorf("CheckStructure = %v, want an error: %v", err, c.bad)
			}
		})
	}
}

// TestCheckStructureStreamLength: a stream length past MaxDecoded, given
// directly or as a number object (in the file or in an object stream), is
// an error: pdfcpu allocates a stream's /Length before it reads it, and a
// 424-byte file with /Length 100000000000 ended pdfcpu.Read with "fatal
// error: out of memory". /Length1, a font program's, is not a stream's.
func TestCheckStructureStreamLength(t *testing.T) {
	file := func(objs ...string) []byte {
		return pdftest.File(append([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>"}, objs...)...)
	}
	huge := fmt.Sprint(MaxDecoded + 1)
	for _, c := range []struct {
		name string
		data []byte
		bad  bool
	}{
		{"a length", file("<< /Length 3 >>\nstream\n0 g\nendstream"), false},
		{"a length past the limit", file("<< /Length " + huge + " >>\nstream\n0 g\nendstream"), true},
		{"one of 100000000000", file("<< /Length 100000000000 >>\nstream\n0 g\nendstream"), true},
		{"an escaped /Length", file("<< /Len#67th 100000000000 >>\nstream\n0 g\nendstream"), true},
		{"a length by reference", file("<< /Length 5 0 R >>\nstream\n0 g\nendstream", "3"), false},
		{"past the limit by reference", file("<< /Length 5 0 R >>\nstream\n0 g\nendstream", huge), true},
		{"in an object stream", file("<< /Length 5 0 R >>\nstream\n0 g\nendstream",
			"<< /Type /ObjStm /N 2 /First 8 /Length 20 >>\r\nstream\r\n6 0 5 5 null "+huge+"\nendstream"), true},
		{"a number in an object stream", file("<< /Length 3 >>\nstream\n0 g\nendstream",
			"<< /Type /ObjStm /N 2 /First 8 /Length 20 >>\nstream\n6 0 5 5 null 3\nendstream"), false},
		{"a font program's /Length1", file("<< /Length 3 /Length1 " + huge + " >>\nstream\n0 g\nendstream"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := CheckStructure(c.data); (err != nil) != c.bad || c.bad && !strings.Contains(err.Error(), "stream length") {
				t.Errorf("CheckStructure = %v, want an error: %v", err, c.bad)
			}
		})
	}
}

// many is a one-page PDF with n more objects.
func many(n int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"}
	for range n {
		objs = append(objs, "null")
	}
	return pdftest.File(objs...)
}

// TestCheckDecodedSize: a stream that decodes past the limit is an error
// whatever its filters (Flate with parameters, LZW, run-length, in a
// chain), which pdfcpu would have decoded whole; one within it is not;
// and a stream's decoded size is measured right, for each filter.
func TestCheckDecodedSize(t *testing.T) {
	const limit = 1 << 20
	zeros := func(n int) []byte { return make([]byte, n) }
	flate := func(b []byte) []byte {
		var out bytes.Buffer
		zw := zlib.NewWriter(&out)
		zw.Write(b)
		zw.Close()
		return out.Bytes()
	}
	lzwOf := func(b []byte) []byte {
		var out bytes.Buffer
		w := lzw.NewWriter(&out, true)
		w.Write(b)
		w.Close()
		return out.Bytes()
	}
	runLength := func(n int) []byte { // n zeros, 128 a run
		var out []byte
		for ; n >= 128; n -= 128 {
			out = append(out, 129, 0)
		}
		if n > 0 {
			out = append(out, byte(257-n), 0)
		}
		return append(out, 128)
	}
	fl := types.PDFFilter{Name: "FlateDecode"}
	flPNG := types.PDFFilter{Name: "FlateDecode", DecodeParms: types.Dict{"Predictor": types.Integer(12), "Columns": types.Integer(100)}}
	for _, c := range []struct {
		name    string
		raw     []byte
		filters []types.PDFFilter
		bad     bool
	}{
		{"Flate with parameters, over", flate(zeros(limit + 1)), []types.PDFFilter{flPNG}, true},
		{"Flate with parameters, at the limit", flate(zeros(limit)), []types.PDFFilter{flPNG}, false},
		{"LZW, over", lzwOf(zeros(limit + 1)), []types.PDFFilter{{Name: "LZWDecode"}}, true},
		{"LZW, at the limit", lzwOf(zeros(limit)), []types.PDFFilter{{Name: "LZWDecode"}}, false},
		{"run-length, over", runLength(limit + 1), []types.PDFFilter{{Name: "RunLengthDecode"}}, true},
		{"run-length, at the limit", runLength(limit), []types.PDFFilter{{Name: "RunLengthDecode"}}, false},
		{"Flate in Flate, over", flate(flate(zeros(limit + 1))), []types.PDFFilter{fl, fl}, true},
		{"hex, over", []byte(strings.Repeat("00 ", limit+1) + ">"), []types.PDFFilter{{Name: "ASCIIHexDecode"}}, true},
		{"hex, at the limit", []byte(strings.Repeat("00", limit) + ">"), []types.PDFFilter{{Name: "ASCIIHexDecode"}}, false},
		{"hex, an odd digit past the limit", []byte(strings.Repeat("00", limit) + "0>"), []types.PDFFilter{{Name: "ASCIIHexDecode"}}, true},
		{"ASCII85 z, over", []byte(strings.Repeat("z", limit/4+1) + "~>"), []types.PDFFilter{{Name: "ASCII85Decode"}}, true},
		{"ASCII85 z, at the limit", []byte(strings.Repeat("z", limit/4) + "~>"), []types.PDFFilter{{Name: "ASCII85Decode"}}, false},
		{"an image filter", zeros(limit + 1), []types.PDFFilter{{Name: "DCTDecode"}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := checkDecodedSize(c.raw, c.filters, limit); (err != nil) != c.bad {
				t.Errorf("checkDecodedSize = %v, want an error: %v", err, c.bad)
			}
		})
	}
}

// TestDecodedSizeExact: what checkDecodedSize's readers give for a stream
// pdfcpu's encoders made is exactly what pdfcpu decodes it to, for random
// data through each filter: a bomb cannot pass by being undercounted, nor
// a good stream be refused by an overcount.
func TestDecodedSizeExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.SampledFrom([]string{"ASCIIHexDecode", "ASCII85Decode", "RunLengthDecode", "LZWDecode"}).Draw(t, "filter")
		// Runs of a few bytes, as real data has, so run-length encodes
		// runs; one at least (pdfcpu's run-length encoder panics on none).
		var data []byte
		for _, run := range rapid.SliceOfN(rapid.IntRange(0, 300), 1, 40).Draw(t, "runs") {
			data = append(data, bytes.Repeat([]byte{byte(run)}, run%7+1)...)
		}
		f, err := filter.NewFilter(name, map[string]int{})
		if err != nil {
			t.Fatal(err)
		}
		enc, err := f.Encode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(enc)
		dec, err := f.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := io.ReadAll(dec)
		n := int64(len(want))
		if checkDecodedSize(raw, []types.PDFFilter{{Name: name}}, n) != nil {
			t.Fatalf("%s: %d bytes counted past their own %d", name, n, n)
		}
		if n > 0 && checkDecodedSize(raw, []types.PDFFilter{{Name: name}}, n-1) == nil {
			t.Fatalf("%s: %d bytes not counted past %d", name, n, n-1)
		}
	})

}

// TestCheckStructureFilterParameters: a /Columns or /Colors past its bound
// is refused before pdfcpu reads the file (a cross-reference stream's
// /Predictor 12 /Columns 100000000000 was a fatal out-of-memory error in
// pdfcpu.Read), escaped or not, but not inside a string.
func TestCheckStructureFilterParameters(t *testing.T) {
	for _, extra := range []string{
		"/DecodeParms << /Predictor 12 /Columns 100000000000 >>",
		"/DecodeParms <</Predictor 12/Columns\n1048577>>",
		"/DecodeParms << /Predictor 12 /Col#75mns 100000000000 >>",
		"/DecodeParms << /Predictor 12 /Colors 33 >>",
	} {
		if err := CheckStructure(onePage(extra)); err == nil {
			t.Errorf("%q let through", extra)
		}
	}
	for _, extra := range []string{
		"/DecodeParms << /Predictor 12 /Columns 1048576 /Colors 32 >>",
		"/S (/Columns 1048577)",
	} {
		if err := CheckStructure(onePage(extra)); err != nil {
			t.Errorf("%q: %v", extra, err)
		}
	}
}

// TestCheckStructureObjectStreamsEscapedOrTwice: an object stream that
// names itself or its filter with #xx escapes (pdfcpu decodes them), or
// is compressed twice, is measured all the same; both went through.
func TestCheckStructureObjectStreamsEscapedOrTwice(t *testing.T) {
	big := bytes.Repeat([]byte{' '}, MaxDecoded+1)
	z1 := deflate(big)
	z2 := deflate(z1)
	file := func(dict string, data []byte) []byte {
		return []byte(fmt.Sprintf("%%PDF-1.7\n5 0 obj\n<< %s /Length %d >>\nstream\r\n%s\nendstream\nendobj\n", dict, len(data), data))
	}
	for _, c := range []struct {
		name string
		file []byte
	}{
		{"flate twice", file("/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]", z2)},
		{"escaped type", file("/Type /Obj#53tm /N 1 /First 4 /Filter /FlateDecode", z1)},
		{"escaped filter key", file("/Type /ObjStm /N 1 /First 4 /Fil#74er /FlateDecode", z1)},
	} {
		if err := CheckStructure(c.file); err == nil {
			t.Errorf("%s: let through", c.name)
		}
	}
}

// TestObjectStreamFilters: the filters of an object or cross-reference
// stream are read from its dictionary: a Flate object stream within the
// bounds passes, and one whose /Filter is another name, an array with
// another, or a reference (which would leave a bomb unmeasured) is
// refused; a key that only starts like /Filter is not one.
func TestObjectStreamFilters(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte("1 0 null"))
	zw.Close()
	file := func(dict string) []byte {
		return []byte(fmt.Sprintf("%%PDF-1.7\n5 0 obj\n<< %s /Length %d >>\nstream\r\n%s\nendstream\nendobj\n", dict, z.Len(), z.Bytes()))
	}
	for _, c := range []struct {
		dict string
		ok   bool
	}{
		{"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", true},
		{"/Type /ObjStm /N 1 /First 4 /Filter [ /FlateDecode ]", true},
		{"/Type /XRef /Size 2 /W [1 2 1] /Filter/FlateDecode", true},
		{"/Type /ObjStm /N 1 /First 4 /FilterX 3 /Filter /FlateDecode", true},
		{"/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode", false},
		{"/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /RunLengthDecode]", false},
		{"/Type /ObjStm /N 1 /First 4 /Filter 7 0 R", false},
	} {
		if err := CheckStructure(file(c.dict)); (err == nil) != c.ok {
			t.Errorf("%s: %v, want passed: %v", c.dict, err, c.ok)
		}
	}
}

// BenchmarkCheckStructureManyStreams checks a file of 40,000 empty
// streams after one object header (664 kB): each stream's dictionary is
// read from that header on, no further back than the last stream, so the
// check is linear in the file. Reading back to the header for each took
// 19.4 s for this file (55fa418, -benchtime 1x); it takes 0.8 ms.
func BenchmarkCheckStructureManyStreams(b *testing.B) {
	data := append([]byte("%PDF-1.7\n1 0 obj\n"), bytes.Repeat([]byte("stream\nendstream\n"), 40000)...)
	for b.Loop() {
		if err := CheckStructure(data); err != nil {
			b.Fatal(err)
		}
	}
}
