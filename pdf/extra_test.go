package pdf

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/units"
)

// TestPNG: an RGB PNG with an alpha channel is placed, gets an ICC-based
// colour space and a soft mask, and the file stays valid.
func TestPNG(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 32, 32))
	for y := 0; y < 32; y++ {
		for x := 0; x < 32; x++ {
			img.Set(x, y, color.NRGBA{R: 200, G: uint8(x * 8), B: 40, A: uint8(128 + y*4)})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := testDoc(t, 1)
	doc.Pages[0].Items = append(doc.Pages[0].Items, &display.Image{Source: p, Frame: display.Rect{X: units.Mm(20), Y: units.Mm(120), W: units.Mm(30), H: units.Mm(30)}})
	ctx := readBack(t, render(t, doc, Options{}))
	found := false
	for _, e := range ctx.Table {
		sd, ok := e.Object.(types.StreamDict)
		if !ok || sd.Subtype() == nil || *sd.Subtype() != "Image" || isDCT(sd) {
			continue
		}
		if cs, ok := sd.Dict["ColorSpace"].(types.Array); ok && cs[0] == types.Name("ICCBased") {
			found = true
			if _, ok := sd.Dict["SMask"]; !ok {
				t.Error("PNG with alpha has no soft mask")
			}
		}
	}
	if !found {
		t.Error("no ICC-based PNG image in the file")
	}
}

// TestOutputProfile: a print shop's own profile is embedded with its
// identifier, without the ICC registry; a profile that is not CMYK is
// refused.
func TestOutputProfile(t *testing.T) {
	doc := testDoc(t, 1)
	own := []byte(ifra26s) // any CMYK profile will do
	ctx := readBack(t, render(t, doc, Options{OutputProfile: own, OutputCondition: "Druckerei Nord 2026"}))
	root, _ := ctx.Catalog()
	arr, _ := ctx.DereferenceArray(root["OutputIntents"])
	if len(arr) != 2 {
		t.Fatalf("%d output intents", len(arr))
	}
	for _, o := range arr {
		oi := dict(t, ctx, o)
		if got := textOf(t, oi["OutputConditionIdentifier"]); got != "Druckerei Nord 2026" {
			t.Errorf("OutputConditionIdentifier %q", got)
		}
		if _, ok := oi["RegistryName"]; ok {
			t.Error("own profile must not claim the ICC registry")
		}
	}
	var b bytes.Buffer
	err := Write(&b, doc, sharedLib(), Options{OutputProfile: []byte(srgb)})
	if err == nil || !strings.Contains(err.Error(), "CMYK") {
		t.Errorf("RGB output profile: error %v", err)
	}
	// Without an identifier, the profile's description names the condition.
	ctx = readBack(t, render(t, doc, Options{OutputProfile: own}))
	root, _ = ctx.Catalog()
	arr, _ = ctx.DereferenceArray(root["OutputIntents"])
	if got := textOf(t, dict(t, ctx, arr[0])["OutputConditionIdentifier"]); got != iccDescription(own) {
		t.Errorf("OutputConditionIdentifier %q, want the profile description", got)
	}
}

// TestConcurrentWrites: one font library serves concurrent writers, and
// they all write the same bytes.
func TestConcurrentWrites(t *testing.T) {
	doc := testDoc(t, 2)
	want := render(t, doc, Options{})
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	errs := make([]error, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			errs[i] = Write(&b, doc, sharedLib(), Options{})
			outs[i] = b.Bytes()
		}()
	}
	wg.Wait()
	for i := range outs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(outs[i], want) {
			t.Errorf("writer %d wrote different bytes", i)
		}
	}
}

// TestTrimSizes: every page of an edition has the same trim size.
func TestTrimSizes(t *testing.T) {
	doc := testDoc(t, 2)
	doc.Pages[1].Trim.W -= units.Mm(1)
	var b bytes.Buffer
	if err := Write(&b, doc, sharedLib(), Options{}); err == nil || !strings.Contains(err.Error(), "trim size") {
		t.Errorf("different trim sizes: error %v", err)
	}
}

// TestPrecompressedProfiles checks that the build-time compressed profiles
// (icc/gen.go) inflate to the profiles they stand for.
func TestPrecompressedProfiles(t *testing.T) {
	for _, c := range []struct {
		name string
		raw  string
		zz   string
	}{{"IFRA26S", ifra26s, ifra26sZ}, {"sRGB", srgb, srgbZ}} {
		r, err := zlib.NewReader(strings.NewReader(c.zz))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(got) != c.raw {
			t.Errorf("%s.icc.zz does not inflate to %s.icc: run go generate in pdf/", c.name, c.name)
		}
	}
}
