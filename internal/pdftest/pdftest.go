// Package pdftest builds small PDF files for tests: the hand-made ads the
// reader's and the writer's tests feed to pdfcpu.
package pdftest

import (
	"bytes"
	"fmt"
)

// File is a PDF file of the objects given, numbered from 1 (the first the
// catalog), with a correct cross-reference table.
func File(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, 0, len(objs))
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

// ImageAd is a one-page PDF ad (40 × 40 pt) that draws one image XObject
// over its page: dict is the image's dictionary without /Length, data its
// stream, written as it is; extra are further objects, numbered from 6.
func ImageAd(dict string, data []byte, extra ...string) []byte {
	content := "q 40 0 0 40 0 0 cm /Im0 Do Q"
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 40 40] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)}
	return File(append(objs, extra...)...)
}
