package layout_test

import (
	"io"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// BenchmarkPipeline runs the whole pipeline on the one-page sample: load the
// edition, compose it, write the PDF (PDF/X-4 and PDF/A-2u). The font
// library is shared across iterations, as a batch run shares it.
func BenchmarkPipeline(b *testing.B) {
	const path = "../editions/samples/local-news.yaml"
	lib := fonts.NewLibrary()
	pages := 0
	run := func() {
		ed, err := editions.Load(path)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := layout.Compose(ed, lib, layout.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := pdf.Write(io.Discard, doc, lib, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
		pages = len(doc.Pages)
	}
	run() // parse the faces once
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
}
