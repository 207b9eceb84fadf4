package pdf

import (
	"bytes"
	"compress/zlib"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/units"
)

var updateGopdf = flag.Bool("update", false, "rewrite testdata/gopdf-adapter.pdf")

// adapterOutput draws through the gopdf adapter what the drawing pass
// relies on gopdf for: a text object with TJ adjustments that overprints,
// one with character spacing that does not, a rule, a filled box and a
// placeholder photo; uncompressed, so the golden file reads as text.
func adapterOutput(t *testing.T) []byte {
	t.Helper()
	media := display.Rect{W: units.Pt(200), H: units.Pt(100)}
	w, err := newGPW(media, zlib.NoCompression)
	if err != nil {
		t.Fatal(err)
	}
	f, err := sharedLib().Face("serif")
	if err != nil {
		t.Fatal(err)
	}
	_, stub, err := f.Subset([]rune("AV区新港闻"))
	if err != nil {
		t.Fatal(err)
	}
	var missing []rune
	if err := w.addFont("NotoSerifSC-Regular", stub, int(f.UnitsPerEm()), func(r rune) { missing = append(missing, r) }); err != nil {
		t.Fatal(err)
	}
	if err := w.addPage(media); err != nil {
		t.Fatal(err)
	}
	if err := w.font("NotoSerifSC-Regular", 10); err != nil {
		t.Fatal(err)
	}
	w.textColor(display.Black())
	k, fu := w.kernFor("NotoSerifSC-Regular", -125.4)
	if k != -125 || fu != -125 {
		t.Errorf("kernFor(-125.4) = %d, %d; want -125 thousandths from -125 font units", k, fu)
	}
	if err := w.cell(10, 20-ascent(f, 10), 10, "港区新闻", []int16{fu, 0, 40}, true); err != nil {
		t.Fatal(err)
	}
	if err := w.spacing(0.5); err != nil {
		t.Fatal(err)
	}
	if err := w.cell(10, 40-ascent(f, 10), 10, "AV", []int16{0}, false); err != nil {
		t.Fatal(err)
	}
	if err := w.spacing(0); err != nil {
		t.Fatal(err)
	}
	if err := w.cell(10, 60, 10, "港区", nil, false); err == nil {
		t.Error("a cell with too few adjustments was accepted")
	}
	w.strokeColor(display.Black())
	w.lineWidth(0.5)
	w.line(10, 50, 190, 50)
	ink := display.Color{C: 1000}
	if err := w.box(display.Rect{X: units.Pt(150), Y: units.Pt(10), W: units.Pt(20), H: units.Pt(20)}, &ink, nil, 0); err != nil {
		t.Fatal(err)
	}
	frame := display.Rect{X: units.Pt(100), Y: units.Pt(60), W: units.Pt(40), H: units.Pt(30)}
	if err := w.image("photo:a.jpg", placeholderJPEG(3), frame, frame); err != nil {
		t.Fatal(err)
	}
	out, err := w.bytes()
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("missing glyphs %q", string(missing))
	}
	return out
}

// TestGopdfAdapterGolden: what gopdf writes for the adapter's calls is the
// golden file, byte for byte. A gopdf upgrade that changes any behaviour
// the drawing pass and the finisher rely on (the kerning override's order,
// the TJ values, the marker ExtGStates, the text placement, the placeholder
// image, the header) fails here first. Check the diff of
// testdata/gopdf-adapter.pdf against those assumptions (gopdf.go) before
// rewriting it with -update. (The font stub's stream is deflated by gopdf
// at its own level, so a Go release that changed compress/flate's output
// would show here too; the written PDFs would change with it anyway.)
func TestGopdfAdapterGolden(t *testing.T) {
	got := adapterOutput(t)
	// What the finisher relies on, said outright.
	for _, want := range []string{
		"%PDF-1.6",
		"/ca 0.997", "/ca 0.998", // the overprint markers
		"[<0006>125<00030004>-40<0005>] TJ", // the queued adjustments, in order, negated as TJ wants
		"broadsheet photo 3",                // the placeholder reaches the file whole
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("gopdf output lacks %q", want)
		}
	}
	golden := filepath.Join("testdata", "gopdf-adapter.pdf")
	if *updateGopdf {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		lo := max(0, i-80)
		t.Errorf("gopdf output differs from %s at byte %d (%d bytes, golden %d):\n got …%q…\nwant …%q…",
			golden, i, len(got), len(want), got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
	}
}
