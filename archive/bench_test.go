package archive

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/bench/edgen"
	"github.com/broadsheet-news/broadsheet/images"
)

// BenchmarkRunFailingEdition runs a batch of one edition of eight pages
// (the one-page sample eight times over, as edgen writes it, its photos
// named by absolute path) whose date is no date: a problem in what it
// says, which the run reports with every problem of its files. The image
// cache is the run's and lives across runs, as it does across the
// editions of one batch, so what is measured is reading the edition and
// checking its files' headers, not decoding its photos.
//
//	go test ./archive -run '^$' -bench RunFailingEdition -benchmem
func BenchmarkRunFailingEdition(b *testing.B) {
	y, err := edgen.GenerateWith(filepath.Join(samples, "local-news.yaml"), 8, edgen.Options{Vary: true})
	if err != nil {
		b.Fatal(err)
	}
	bad := bytes.Replace(y, []byte("date: 2026-03-18"), []byte("date: 2026-02-30"), 1)
	if bytes.Equal(bad, y) {
		b.Fatal("the sample's date has changed: update the benchmark")
	}
	path := filepath.Join(b.TempDir(), "edition.yaml")
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		b.Fatal(err)
	}
	jobs := []Job{{Input: path, Rel: "edition.yaml"}}
	opt := Options{OutDir: b.TempDir(), Images: images.NewCache(0)}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		sum, err := Run(ctx, ctx, jobs, opt)
		if err != nil || sum.Failed != 1 {
			b.Fatalf("%+v, %v: want the edition failed", sum, err)
		}
	}
}
