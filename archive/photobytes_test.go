package archive

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/layout"
)

// A photo saved over while a batch has an edition in flight (loaded and
// checked, not yet written) does not reach its PDF: the batch embeds the
// bytes loading read and checked, so the PDF is the one the unchanged
// photo gives, whether the new file is another valid JPEG or garbage; so
// too when it optimises the photos (pdf.Options.OptimizePhotos, where the
// walk that checks a photo optimises it for the writer).
func TestBatchEmbedsThePhotosLoadingChecked(t *testing.T) {
	for _, optimize := range []bool{false, true} {
		t.Run(map[bool]string{false: "as-is", true: "optimize"}[optimize], func(t *testing.T) {
			batchEmbedsThePhotosLoadingChecked(t, optimize)
		})
	}
}

func batchEmbedsThePhotosLoadingChecked(t *testing.T, optimize bool) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 3)
	const photo = "photos/harbour-dusk.jpg" // on the sample's page
	original, err := os.ReadFile(filepath.Join(samples, photo))
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile(filepath.Join(samples, "photos/meeting.jpg")) // not on the page
	if err != nil {
		t.Fatal(err)
	}
	garbage := append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte("saved over "), 100)...)
	// The first edition is left alone: the others' PDFs must be its bytes.
	replace := map[string][]byte{jobs[1].Input: other, jobs[2].Input: garbage}
	opt := Options{OutDir: filepath.Join(dir, "out"), Jobs: 1, Program: "test", Force: true,
		compose: func(ed *editions.Edition, lib *fonts.Library) (*display.Document, error) {
			if b, ok := replace[ed.Source]; ok {
				if err := os.WriteFile(filepath.Join(filepath.Dir(ed.Source), photo), b, 0o644); err != nil {
					return nil, err
				}
			}
			return layout.Compose(ed, lib, layout.Options{})
		}}
	opt.PDF.OptimizePhotos = optimize
	sum, err := Run(context.Background(), context.Background(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != 3 {
		t.Errorf("summary %+v, want 3 ok", sum)
	}
	want, err := os.ReadFile(jobs[0].Output(opt.OutDir))
	if err != nil {
		t.Fatal(err)
	}
	embedded := func(b []byte) []byte { return b }
	if optimize {
		// With optimal Huffman tables: those bytes are a function of the
		// file's (images.OptimizeJPEG), and not the file's.
		embedded = images.OptimizeJPEG
		if bytes.Contains(want, original) {
			t.Error("the photo is in the PDF as its file is")
		}
	}
	original = embedded(original)
	if !bytes.Contains(want, original) {
		t.Fatal("the photo's JPEG is not in the PDF byte for byte")
	}
	for _, j := range jobs[1:] {
		got, err := os.ReadFile(j.Output(opt.OutDir))
		if err != nil {
			t.Error(err)
			continue
		}
		if !bytes.Contains(got, original) {
			t.Errorf("%s: the photo loading checked is not in the PDF", j.Rel)
		}
		if bytes.Contains(got, replace[j.Input]) || bytes.Contains(got, embedded(replace[j.Input])) {
			t.Errorf("%s: the photo saved after loading is in the PDF", j.Rel)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the PDF (%d bytes) differs from the one the unchanged photo gives (%d bytes)", j.Rel, len(got), len(want))
		}
	}
}

// A photo saved over once the key is made, before loading reads it, does
// not split the key from the PDF: loading takes the bytes the key hashed,
// so the edition's key and PDF are those of the unchanged photo.
func TestBatchKeysWhatItEmbeds(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 2)
	const photo = "photos/harbour-dusk.jpg"                                 // on the sample's page
	other, err := os.ReadFile(filepath.Join(samples, "photos/meeting.jpg")) // not on the page
	if err != nil {
		t.Fatal(err)
	}
	var report bytes.Buffer
	opt := Options{OutDir: filepath.Join(dir, "out"), Jobs: 1, Program: "test", Report: &report,
		keyed: func(ed *editions.Edition) {
			if ed.Source == jobs[1].Input {
				if err := os.WriteFile(filepath.Join(filepath.Dir(ed.Source), photo), other, 0o644); err != nil {
					t.Error(err)
				}
			}
		}}
	sum, err := Run(context.Background(), context.Background(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != 2 {
		t.Fatalf("summary %+v, want 2 ok", sum)
	}
	recs := map[string]Record{}
	for _, r := range readRecords(t, report.Bytes()) {
		recs[r.Input] = r
	}
	// The two editions were the same files when their keys were made.
	if a, b := recs[jobs[0].Input], recs[jobs[1].Input]; a.Key != b.Key || a.SHA256 != b.SHA256 {
		t.Errorf("key %s and PDF %s against the unchanged edition's %s and %s", b.Key, b.SHA256, a.Key, a.SHA256)
	}
	pdf, err := os.ReadFile(jobs[1].Output(opt.OutDir))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(pdf, other) || bytes.Contains(pdf, images.OptimizeJPEG(other)) {
		t.Error("the photo saved after the key is in the PDF")
	}
}
