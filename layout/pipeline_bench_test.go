package layout_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/broadsheet-news/broadsheet/bench/edgen"

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
	run := func() { pages = renderPipeline(b, lib, path) }
	run() // parse the faces once
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
}

// BenchmarkBatch renders the two samples (one page and four pages) one
// after the other on one core, as `broadsheet batch -j 1` does, and reports
// the time per page: "shared-library" over one font library for the whole
// run (each face parsed once per process), "library-per-edition" with a new
// library for every edition, as separate `broadsheet render` runs would
// have (process start aside). The difference is what the shared library
// saves a batch.
func BenchmarkBatch(b *testing.B) {
	paths := []string{"../editions/samples/local-news.yaml", "../editions/samples/four-pages.yaml"}
	for _, c := range []struct {
		name   string
		shared bool
	}{{"shared-library", true}, {"library-per-edition", false}} {
		b.Run(c.name, func(b *testing.B) {
			lib := fonts.NewLibrary()
			pages := 0
			for _, path := range paths {
				pages += renderPipeline(b, lib, path) // parse the shared faces once
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, path := range paths {
					if !c.shared {
						lib = fonts.NewLibrary()
					}
					renderPipeline(b, lib, path)
				}
			}
			b.ReportMetric(float64(b.Elapsed())/1e6/float64(b.N)/float64(pages), "ms/page")
		})
	}
}

// renderPipeline runs one edition through every stage as the render
// command does — load, compose page by page (layout.Stream) into the PDF
// writer (pdf.Writer) with the default standards, which embeds the photos
// and ads as loading read them — and returns its page count.
func renderPipeline(b *testing.B, lib *fonts.Library, path string) int {
	// Generated editions name the sample's photos by absolute path.
	ed, err := editions.LoadWith(path, editions.LoadOptions{AllowPaths: []string{"../editions/samples"}})
	if err != nil {
		b.Fatal(err)
	}
	pw := pdf.NewWriter(io.Discard, lib, pdf.Options{Files: ed.TakeFileBytes})
	doc, err := layout.Stream(ed, lib, layout.Options{}, pw.Page)
	if err != nil {
		b.Fatal(err)
	}
	if err := pw.Close(doc); err != nil {
		b.Fatal(err)
	}
	return len(doc.Outline)
}

// BenchmarkLongEdition renders generated editions (bench/edgen: the
// four-page sample repeated) of 8 and 400 pages through the streaming
// pipeline into io.Discard, and reports, besides -benchmem's totals, the
// peak of the heap's live and not yet collected objects during an
// iteration (peak-heap-MB, sampled every millisecond), the peak of the
// heap the garbage collector found live (peak-live-MB: what the run
// retains, whatever the collector's pacing) and the time per page. Flat
// memory (issue 12) means the 400-page peaks stay within twice the 8-page
// ones: the 400-page run reports the ratios (heap-x8, live-x8) when the
// 8-page one ran first.
//
//	go test ./layout -run '^$' -bench LongEdition -benchmem -benchtime 1x
func BenchmarkLongEdition(b *testing.B) {
	var heap8, live8 float64
	for _, n := range []int{8, 400} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			y, err := edgen.Generate("../editions/samples/four-pages.yaml", n)
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "edition.yaml")
			if err := os.WriteFile(path, y, 0o644); err != nil {
				b.Fatal(err)
			}
			lib := fonts.NewLibrary()
			renderPipeline(b, lib, path) // parse the faces once
			runtime.GC()
			var peak, peakLive atomic.Uint64
			stop := make(chan struct{})
			sampled := make(chan struct{})
			go func() {
				defer close(sampled)
				s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
				t := time.NewTicker(time.Millisecond)
				defer t.Stop()
				for {
					metrics.Read(s)
					if v := s[0].Value.Uint64(); v > peak.Load() {
						peak.Store(v)
					}
					if v := s[1].Value.Uint64(); v > peakLive.Load() {
						peakLive.Store(v)
					}
					select {
					case <-stop:
						return
					case <-t.C:
					}
				}
			}()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				renderPipeline(b, lib, path)
			}
			b.StopTimer()
			close(stop)
			<-sampled
			heap, live := float64(peak.Load())/(1<<20), float64(peakLive.Load())/(1<<20)
			b.ReportMetric(heap, "peak-heap-MB")
			b.ReportMetric(live, "peak-live-MB")
			b.ReportMetric(float64(b.Elapsed())/1e6/float64(b.N)/float64(n), "ms/page")
			switch {
			case n == 8:
				heap8, live8 = heap, live
			case heap8 > 0 && live8 > 0:
				b.ReportMetric(heap/heap8, "heap-x8")
				b.ReportMetric(live/live8, "live-x8")
			}
		})
	}
}
