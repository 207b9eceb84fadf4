package editions

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/bench/edgen"
)

// BenchmarkLoad loads the four-page sample: YAML, validation, and every
// photo and ad checked whole (a plain load waits for the check; render
// lets it run beside composing).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("samples/four-pages.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadEightPages reads an eight-page edition, the one-page sample
// repeated with its sentences in another order on each page (bench/edgen,
// as genpages -vary writes it): YAML parse, decoding with positions,
// resolving and validation, without opening the photos. Render does this
// before anything else runs beside it, so its cost is wall time.
//
//	go test ./editions -run '^$' -bench ReadEightPages -benchmem
func BenchmarkReadEightPages(b *testing.B) {
	y, err := edgen.GenerateWith("samples/local-news.yaml", 8, edgen.Options{Vary: true})
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "edition.yaml")
	if err := os.WriteFile(path, y, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(y)))
	b.ReportAllocs()
	for b.Loop() {
		ed, err := Read(path)
		if err != nil {
			b.Fatal(err)
		}
		if len(ed.Pages) != 8 {
			b.Fatalf("%d pages, want 8", len(ed.Pages))
		}
	}
}
