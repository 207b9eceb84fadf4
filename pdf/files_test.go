package pdf

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/units"
)

// Options.Files gives the writer the image and ad files: it embeds what
// Files gives, the same bytes as from the files, and opens no file that
// Files has (here they are gone from the disk); a file Files has not is
// read as without Files.
func TestOptionsFiles(t *testing.T) {
	doc := testDoc(t, 2)
	ad := writeAd(t, t.TempDir())
	doc.Pages[1].Items = append(doc.Pages[1].Items, &display.PDFPage{Source: ad,
		Frame: display.Rect{X: units.Mm(20), Y: units.Mm(120), W: units.Mm(100), H: units.Mm(50)}})
	want := render(t, doc, Options{})
	files := map[string][]byte{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			var src string
			switch it := it.(type) {
			case *display.Image:
				src = it.Source
			case *display.PDFPage:
				src = it.Source
			default:
				continue
			}
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			files[src] = b
		}
	}
	if len(files) != 3 {
		t.Fatalf("%d files, want two photos and an ad", len(files))
	}
	hide := func() {
		for p := range files {
			if err := os.Rename(p, p+".away"); err != nil {
				t.Fatal(err)
			}
		}
	}
	unhide := func() {
		for p := range files {
			if err := os.Rename(p+".away", p); err != nil {
				t.Fatal(err)
			}
		}
	}
	asked := map[string]bool{}
	all := func(p string) ([]byte, bool, error) {
		asked[p] = true
		b, ok := files[p]
		return b, ok, nil
	}
	hide()
	if got := render(t, doc, Options{Files: all}); !bytes.Equal(got, want) {
		t.Error("the PDF from Files's bytes differs from the PDF from the files")
	}
	if len(asked) != len(files) {
		t.Errorf("Files was asked for %v", asked)
	}
	var b bytes.Buffer
	if err := Write(&b, doc, sharedLib(), Options{}); err == nil {
		t.Fatal("without Files, the writer wrote a PDF of files that are not there: the test proves nothing")
	}
	unhide()
	onlyAd := func(p string) ([]byte, bool, error) {
		if p != ad {
			return nil, false, nil
		}
		return files[p], true, nil
	}
	if err := os.Rename(ad, ad+".away"); err != nil {
		t.Fatal(err)
	}
	if got := render(t, doc, Options{Files: onlyAd}); !bytes.Equal(got, want) {
		t.Error("the PDF from the photos' files and the ad from Files differs")
	}
	if err := os.Rename(ad+".away", ad); err != nil {
		t.Fatal(err)
	}
	// An error from Files (the file changed since it was checked) ends
	// the write with it.
	changed := errors.New("changed after loading checked it")
	failing := func(string) ([]byte, bool, error) { return nil, true, changed }
	if err := Write(&b, doc, sharedLib(), Options{Files: failing}); !errors.Is(err, changed) {
		t.Errorf("Files's error: the writer gave %v", err)
	}
}
