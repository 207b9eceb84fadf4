package layout_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/bench/edgen"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// generated writes an edition of n pages (the four-page sample repeated,
// with its jumps) and loads it.
func generated(t *testing.T, n int) *editions.Edition {
	t.Helper()
	b, err := edgen.Generate("../editions/samples/four-pages.yaml", n)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "gen.yaml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// The generated edition names the sample's photos by absolute path.
	ed, err := editions.LoadWith(path, editions.LoadOptions{AllowPaths: []string{"../editions/samples"}})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// streamPDF composes ed with Stream straight into a pdf.Writer and returns
// the PDF and the document's diagnostics.
func streamPDF(t *testing.T, ed *editions.Edition, lib *fonts.Library, opt layout.Options) ([]byte, []display.Diagnostic) {
	t.Helper()
	var b bytes.Buffer
	pw := pdf.NewWriter(&b, lib, pdf.Options{Marks: true})
	doc, err := layout.Stream(ed, lib, opt, pw.Page)
	if err != nil {
		t.Fatal(err)
	}
	if err := pw.Close(doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), doc.Diagnostics
}

// TestParallelSameBytes composes editions with jumps (the four-page
// sample, whose page 1 lead continues on page 4, and a generated 12-page
// edition with a jump in each block of four) one page after the other on
// one core, then with a worker per P for GOMAXPROCS P = 2 and 8, with and
// without SharePages (at P = 8 the four pages have two workers each), and
// requires the same PDF bytes and diagnostics, which also must equal what
// Compose and Write give.
func TestParallelSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("composes 16 pages three times")
	}
	lib := fonts.NewLibrary()
	for _, c := range []struct {
		name string
		ed   *editions.Edition
	}{
		{"four-pages", loadEd(t, "../editions/samples/four-pages.yaml")},
		{"generated-12", generated(t, 12)},
	} {
		t.Run(c.name, func(t *testing.T) {
			prev := runtime.GOMAXPROCS(1)
			defer runtime.GOMAXPROCS(prev)
			serial, sdiags := streamPDF(t, c.ed, lib, layout.Options{Workers: 1})
			if !bytes.Contains(serial, []byte("BT")) {
				t.Fatal("no text in the serial PDF")
			}
			doc, err := layout.Compose(c.ed, lib, layout.Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			jumps := 0
			for _, p := range doc.Pages {
				for _, it := range p.Items {
					if r, ok := it.(*display.GlyphRun); ok && strings.Contains(runText(r), "上接第") {
						jumps++
					}
				}
			}
			if jumps == 0 {
				t.Fatal("no continued story: the test would not exercise the wait for a jump")
			}
			var whole bytes.Buffer
			if err := pdf.Write(&whole, doc, lib, pdf.Options{Marks: true}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(whole.Bytes(), serial) {
				t.Fatal("Stream into pdf.Writer and Compose with pdf.Write give different bytes")
			}
			for _, procs := range []int{2, 8} {
				for _, share := range []bool{false, true} {
					runtime.GOMAXPROCS(procs)
					got, diags := streamPDF(t, c.ed, lib, layout.Options{SharePages: share})
					if !bytes.Equal(got, serial) {
						t.Errorf("GOMAXPROCS=%d, SharePages %v: the PDF differs from the serial run's (%d and %d bytes)", procs, share, len(got), len(serial))
					}
					if !reflect.DeepEqual(diags, sdiags) {
						t.Errorf("GOMAXPROCS=%d, SharePages %v: diagnostics differ from the serial run's:\n%v\n%v", procs, share, diags, sdiags)
					}
				}
			}
		})
	}
}

func loadEd(t *testing.T, path string) *editions.Edition {
	t.Helper()
	ed, err := editions.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

func runText(r *display.GlyphRun) string {
	var b strings.Builder
	for _, g := range r.Glyphs {
		b.WriteString(g.Text)
	}
	return b.String()
}

// TestStreamOrderAndStop: pages come out in page order whatever the
// order of the edition's list, and an error from emit stops the stream and
// is returned.
func TestStreamOrderAndStop(t *testing.T) {
	ed := loadEd(t, "../editions/samples/four-pages.yaml")
	// List the pages backwards: Stream composes them by number.
	for i, j := 0, len(ed.Pages)-1; i < j; i, j = i+1, j-1 {
		ed.Pages[i], ed.Pages[j] = ed.Pages[j], ed.Pages[i]
	}
	lib := fonts.NewLibrary()
	var got []int
	doc, err := layout.Stream(ed, lib, layout.Options{Workers: 3}, func(p *display.Page) error {
		got = append(got, p.Number)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 2, 3, 4}; !reflect.DeepEqual(got, want) {
		t.Fatalf("pages emitted %v, want %v", got, want)
	}
	if len(doc.Pages) != 0 || len(doc.Outline) != 4 || doc.Meta.SlugFace == "" {
		t.Fatalf("the streamed document has %d pages (want none), %d bookmarks (want 4), slug face %q", len(doc.Pages), len(doc.Outline), doc.Meta.SlugFace)
	}
	for i, bm := range doc.Outline {
		if bm.Page != i {
			t.Errorf("bookmark %d points at page index %d", i, bm.Page)
		}
	}

	stop := errors.New("disk full")
	got = nil
	_, err = layout.Stream(ed, lib, layout.Options{Workers: 2}, func(p *display.Page) error {
		got = append(got, p.Number)
		if p.Number == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("Stream returned %v, want the emit error", err)
	}
	if want := []int{1, 2}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after the error, pages emitted %v, want %v", got, want)
	}
}
