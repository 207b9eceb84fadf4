package layout

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// BenchmarkComposeFourPages composes the four-page sample, placement
// included, with the faces already parsed (as in a batch run).
func BenchmarkComposeFourPages(b *testing.B) {
	ed := loadSample(b, "../editions/samples/four-pages.yaml")
	lib := fonts.NewLibrary()
	composeEd(b, ed, lib) // parse the faces once
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compose(ed, lib, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(len(ed.Pages)), "ms/page")
}
