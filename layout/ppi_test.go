package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// TestLowPPIMessage: the low-resolution warning speaks of what the editor
// sees on the page — the photo's frame and the pixels that show in it —
// not of the larger area a cover crop draws the whole image over.
func TestLowPPIMessage(t *testing.T) {
	lib := fonts.NewLibrary()
	ed := loadSample(t, "../editions/samples/testdata/lowres-photo.yaml")
	doc := composeEd(t, ed, lib)
	var img *display.Image
	for _, it := range doc.Pages[0].Items {
		if v, ok := it.(*display.Image); ok && v.Article == "lowres" {
			img = v
		}
	}
	if img == nil {
		t.Fatal("the photo of lowres is not drawn")
	}
	if img.Draw.W <= img.Frame.W && img.Draw.H <= img.Frame.H {
		t.Fatalf("the fixture's photo is not cropped (frame %+v, draw %+v): the test needs a crop", img.Frame, img.Draw)
	}
	var msg string
	for _, d := range doc.Diagnostics {
		if d.Code == "low-ppi" && d.Article == "lowres" {
			msg = d.Message
		}
	}
	if msg == "" {
		t.Fatalf("no low-ppi warning: %+v", doc.Diagnostics)
	}
	ppi := 400 * int64(units.Inch) / int64(img.Draw.W)
	frame := fmt.Sprintf("in a %.0f×%.0f mm frame: %d ppi", img.Frame.W.Millimetres(), img.Frame.H.Millimetres(), ppi)
	if !strings.Contains(msg, frame) || !strings.Contains(msg, "of its 400×266 pixels") || !strings.Contains(msg, "newsprint needs 150") {
		t.Errorf("message %q, want the frame and ppi (%q) and the pixels that show", msg, frame)
	}
	if trim := ed.Page.Width.Millimetres(); img.Frame.W.Millimetres() > trim {
		t.Errorf("frame %v wider than the %v mm page", img.Frame, trim)
	}
	if drawn := fmt.Sprintf("%.0f×%.0f mm", img.Draw.W.Millimetres(), img.Draw.H.Millimetres()); strings.Contains(msg, drawn) {
		t.Errorf("message %q names the cover-crop draw size %s", msg, drawn)
	}
}

// TestLowPPIMessageWhole: a photo fitted whole shows all its pixels, and
// a cover crop counts the pixels left in the frame.
func TestLowPPIMessageWhole(t *testing.T) {
	mm := units.Mm
	frame := display.Rect{W: mm(100), H: mm(50)}
	got := lowPPIMessage("p.jpg", 400, 200, frame, frame, 101, 150)
	if want := "photo p.jpg shows its 400×200 pixels in a 100×50 mm frame: 101 ppi; newsprint needs 150"; got != want {
		t.Errorf("whole: %q, want %q", got, want)
	}
	got = lowPPIMessage("p.jpg", 400, 200, frame, display.Rect{W: mm(200), H: mm(100)}, 50, 150)
	if want := "photo p.jpg shows 200×100 of its 400×200 pixels in a 100×50 mm frame: 50 ppi; newsprint needs 150"; got != want {
		t.Errorf("cropped: %q, want %q", got, want)
	}
}
