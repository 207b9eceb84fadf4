package pdfbox

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// onePage is a one-page PDF whose page dictionary holds extra (e.g. a
// CropBox), with a correct cross-reference table.
func onePage(extra string) []byte {
	return pdfOf(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 800] >>",
		"<< /Type /Page /Parent 2 0 R "+extra+">>",
	)
}

// pdfOf is a PDF of the objects given, numbered from 1 (the first the
// catalog), with a correct cross-reference table.
func pdfOf(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
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
			pd, _, inh, err := ctx.PageDict(1, true)
			if err != nil {
				t.Fatal(err)
			}
			r := Visible(ctx, pd, inh)
			if r == nil {
				t.Fatal("no box")
			}
			if got := [4]float64{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y}; got != c.want {
				t.Errorf("box %v, want %v", got, c.want)
			}
		})
	}
}

// TestFirstPage: a page tree that loops or nests past MaxTreeDepth is
// refused before pdfcpu walks it; pdfcpu's recursion overflowed the stack
// on both, fatally. (The fuzz input editions/testdata/fuzz/FuzzInspectPDF/
// 4a48564e1b1a0744 is the loop as the fuzzer found it.)
func TestFirstPage(t *testing.T) {
	deep := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
	for i := 2; i < MaxTreeDepth+3; i++ {
		deep = append(deep, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", i+1))
	}
	deep = append(deep, "<< /Type /Page /MediaBox [0 0 10 10] >>")
	for _, c := range []struct {
		name string
		pdf  []byte
		want string
	}{
		{"one page", onePage(""), ""},
		{"a tree that loops", pdfOf(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
		), "loops"},
		{"a loop through a page", pdfOf(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Kids [2 0 R] >>",
		), "loops"},
		{"a kid twice", pdfOf(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 /MediaBox [0 0 10 10] >>",
			"<< /Type /Page /Parent 2 0 R >>",
		), ""},
		{"too deep", pdfOf(deep...), "too deep"},
	} {
		ctx, err := pdfcpu.Read(bytes.NewReader(c.pdf), &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if err := ctx.EnsurePageCount(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		pd, _, err := FirstPage(ctx)
		if c.want == "" && (err != nil || pd == nil) || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestPrecheck: arrays nested past MaxNesting are refused before
// pdfcpu's parser recurses into them (four million '['s overflowed its
// stack, fatally), and so are /Columns and /Colors past their bounds
// (pdfcpu sized its row buffers by them: fatally out of memory); brackets
// and names in strings, hex strings, comments and stream data do not
// count, and every PDF of the repository passes.
func TestPrecheck(t *testing.T) {
	deep := strings.Repeat("[", MaxNesting+1) + strings.Repeat("]", MaxNesting+1)
	deepDict := strings.Repeat("<</A ", MaxNesting+1) + strings.Repeat(">>", MaxNesting+1)
	if err := Precheck(onePage("/X " + deep)); err == nil {
		t.Error("arrays nested too deep were let through")
	}
	if err := Precheck(onePage("/X " + deepDict)); err == nil {
		t.Error("dictionaries nested too deep were let through")
	}
	for _, extra := range []string{
		"/DecodeParms << /Predictor 12 /Columns 100000000000 >>",
		"/DecodeParms <</Predictor 12/Columns\n1048577>>",
		"/DecodeParms << /Predictor 12 /Col#75mns 100000000000 >>",
		"/DecodeParms << /Predictor 12 /Colors 33 >>",
	} {
		if err := Precheck(onePage(extra)); err == nil {
			t.Errorf("%q let through", extra)
		}
	}
	many := strings.Repeat("[", MaxNesting)
	for _, extra := range []string{
		"/X " + strings.Repeat("[[]]", 100*MaxNesting),
		"/S (" + many + ") ",
		"/DecodeParms << /Predictor 12 /Columns 1048576 /Colors 32 >> /S (/Columns 1048577)",
		"/S (a\\)" + many + ") ",
		"/H <" + strings.Repeat("5B", MaxNesting+1) + ">\n%" + many + "\n",
		"/Contents 4 0 R>>\nendobj\n4 0 obj\n<< /Length 1001 >>\nstream\n" + many + "\nendstream\nendobj\n5 0 obj <<",
	} {
		if err := Precheck(onePage(extra)); err != nil {
			t.Errorf("%.40q…: %v", extra, err)
		}
	}
	files, _ := filepath.Glob("../../*/*/*.pdf")
	more, _ := filepath.Glob("../../*/*/*/*.pdf")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := Precheck(b); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if len(files)+len(more) < 5 {
		t.Errorf("only %d PDFs found", len(files)+len(more))
	}
}

// TestPrecheckObjectStreams: an object or cross-reference stream that
// inflates past the limit, through one Flate filter or several, is
// refused before pdfcpu.Read decodes it without one; one within the limit,
// other streams, and other filters pass.
func TestPrecheckObjectStreams(t *testing.T) {
	const limit = 1 << 20
	big := bytes.Repeat([]byte{' '}, limit+1)
	small := []byte("1 0 << /Type /Catalog /Pages 2 0 R >>")
	file := func(dict string, data []byte) []byte {
		return []byte(fmt.Sprintf("%%PDF-1.7\n5 0 obj\n<< %s /Length %d >>\nstream\r\n%s\nendstream\nendobj\n", dict, len(data), data))
	}
	for _, c := range []struct {
		name string
		file []byte
		ok   bool
	}{
		{"object stream, flate", file("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", deflate(big)), false},
		{"object stream, flate twice", file("/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]", deflate(deflate(big))), false},
		{"object stream, escaped names", file("/Type /Obj#53tm /N 1 /First 4 /Filter /Flate#44ecode", deflate(big)), false},
		{"cross-reference stream", file("/Type /XRef /Size 1 /W [1 2 1] /Filter /FlateDecode", deflate(big)), false},
		{"object stream within the limit", file("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", deflate(small)), true},
		{"a content stream", file("/Filter /FlateDecode", deflate(big)), true},
		{"object stream, another filter", file("/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode", big[:100]), true},
		{"object stream, not compressed", file("/Type /ObjStm /N 1 /First 4", small), true},
	} {
		if err := precheck(c.file, limit); (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
