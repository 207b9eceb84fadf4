package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/images"
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
// (icc/gen.go) decode, as a PDF reader decodes them with the dictionary
// the writer gives them (pdfcpu's FlateDecode with the predictor), to the
// profiles they stand for.
func TestPrecompressedProfiles(t *testing.T) {
	for _, c := range []struct {
		name      string
		raw, zz   string
		colors, n int
	}{{"IFRA26S", ifra26s, ifra26sZ, ifra26sColors, 4}, {"sRGB", srgb, srgbZ, srgbColors, 3}} {
		d := packedDict(c.raw, c.colors, c.n, "x")
		parms := map[string]int{}
		for k, v := range d["DecodeParms"].(types.Dict) {
			parms[k] = int(v.(types.Integer))
		}
		f, err := filter.NewFilter(string(d["Filter"].(types.Name)), parms)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		r, err := f.Decode(strings.NewReader(c.zz))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(got) != c.raw {
			t.Errorf("%s.icc.zz does not decode to %s.icc (%d bytes, want %d): run go generate in pdf/", c.name, c.name, len(got), len(c.raw))
		}
	}
}

// TestPNGKinds: opaque RGB, palette and gray PNGs (embedded without
// decoding, with the PNG predictors), a gray PNG with transparency
// (decoded, with a soft mask) and 16-bit gray and RGB PNGs (decoded to 8
// bits) print in their colours: MuPDF renders the middle of each frame.
func TestPNGKinds(t *testing.T) {
	dir := t.TempDir()
	pal := color.Palette{color.RGBA{0, 0, 255, 255}, color.RGBA{255, 255, 0, 255}}
	paletted := image.NewPaletted(image.Rect(0, 0, 20, 20), pal) // all index 0: blue
	rgb := image.NewRGBA(image.Rect(0, 0, 20, 20))
	gray := image.NewGray(image.Rect(0, 0, 20, 20))
	grayA := image.NewNRGBA(image.Rect(0, 0, 20, 20))
	gray16 := image.NewGray16(image.Rect(0, 0, 20, 20))
	rgb16 := image.NewNRGBA64(image.Rect(0, 0, 20, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 20; x++ {
			rgb.Set(x, y, color.RGBA{255, 0, 0, 255})
			gray.Set(x, y, color.Gray{Y: 128})
			grayA.Set(x, y, color.NRGBA{0, 160, 0, 255})
			gray16.Set(x, y, color.Gray16{Y: 0x4040})
			rgb16.Set(x, y, color.NRGBA64{0, 0x8080, 0xffff, 0xffff})
		}
	}
	grayA.Set(0, 0, color.NRGBA{0, 160, 0, 0}) // one clear pixel: a soft mask
	doc := testDoc(t, 1)
	want := map[string]color.RGBA{}
	for i, c := range []struct {
		name string
		img  image.Image
		want color.RGBA
	}{{"rgb.png", rgb, color.RGBA{255, 0, 0, 255}}, {"pal.png", paletted, color.RGBA{0, 0, 255, 255}},
		{"gray.png", gray, color.RGBA{128, 128, 128, 255}}, {"alpha.png", grayA, color.RGBA{0, 160, 0, 255}},
		{"gray16.png", gray16, color.RGBA{64, 64, 64, 255}}, {"rgb16.png", rgb16, color.RGBA{0, 128, 255, 255}}} {
		var b bytes.Buffer
		if err := png.Encode(&b, c.img); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		frame := display.Rect{X: units.Mm(int64(10 + 30*(i%4))), Y: units.Mm(int64(150 + 30*(i/4))), W: units.Mm(20), H: units.Mm(20)}
		doc.Pages[0].Items = append(doc.Pages[0].Items, &display.Image{Source: p, Frame: frame})
		want[c.name] = c.want
	}
	path := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(path, render(t, doc, Options{Standards: []Standard{}}), 0o644); err != nil {
		t.Fatal(err)
	}
	png72 := filepath.Join(dir, "page.png")
	if out, err := runTool(t, "mutool", "draw", "-r", "72", "-o", png72, path, "1"); err != nil {
		t.Fatalf("mutool: %v\n%s", err, out)
	}
	f, err := os.Open(png72)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"rgb.png", "pal.png", "gray.png", "alpha.png", "gray16.png", "rgb16.png"} {
		x := int(units.Mm(int64(20 + 30*(i%4))).Points())
		y := int(units.Mm(int64(160 + 30*(i/4))).Points())
		r, g, b, _ := img.At(x, y).RGBA()
		w := want[name]
		if d := max(absDiff(r>>8, uint32(w.R)), absDiff(g>>8, uint32(w.G)), absDiff(b>>8, uint32(w.B))); d > 12 {
			t.Errorf("%s prints as %d/%d/%d, want %d/%d/%d", name, r>>8, g>>8, b>>8, w.R, w.G, w.B)
		}
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// TestOptimizePhotos: by default a sample photo is the file byte for
// byte; with OptimizePhotos it is embedded with optimal Huffman tables
// (images.OptimizeJPEG, smaller), the same with and without an image
// cache, which keeps it within its budget. Either way the photo is a
// DCTDecode image.
func TestOptimizePhotos(t *testing.T) {
	photo := "../editions/samples/photos/harbour-dusk.jpg"
	data, err := os.ReadFile(photo)
	if err != nil {
		t.Fatal(err)
	}
	opt := images.OptimizeJPEG(data)
	if len(opt) >= len(data) {
		t.Fatalf("the sample photo is not made smaller (%d bytes, was %d)", len(opt), len(data))
	}
	doc := func() *display.Document {
		d := testDoc(t, 1)
		d.Pages[0].Items = append(d.Pages[0].Items, &display.Image{Source: photo, Frame: display.Rect{X: units.Mm(20), Y: units.Mm(120), W: units.Mm(60), H: units.Mm(40)}})
		return d
	}
	asIs := render(t, doc(), Options{})
	if !bytes.Contains(asIs, data) {
		t.Error("by default the photo is not in the PDF byte for byte")
	}
	optPDF := render(t, doc(), Options{OptimizePhotos: true})
	if !bytes.Contains(optPDF, opt) || bytes.Contains(optPDF, data) {
		t.Error("the photo is not in the PDF optimised")
	}
	if len(optPDF) >= len(asIs) {
		t.Errorf("the PDF is %d bytes, as is %d", len(optPDF), len(asIs))
	}
	// A watch's cache (kept for the session), a render's or batch's
	// (optimised as loading validates, let go once written), one with
	// no budget, and one over its budget.
	for _, c := range []struct {
		name  string
		cache *images.Cache
		keeps bool
	}{{"watch", images.NewCache(64 << 20), true}, {"render", images.NewOptimizingCache(64 << 20), false},
		{"no budget", images.NewCache(0), false}, {"over budget", images.NewOptimizingCache(1000), false}} {
		if _, err := c.cache.Validate(data); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if got := render(t, doc(), Options{OptimizePhotos: true, Images: c.cache}); !bytes.Equal(got, optPDF) {
				t.Fatalf("%s cache (%d): other bytes", c.name, i)
			}
		}
		got := c.cache.OptimizedJPEG(data, nil)
		if !bytes.Equal(got, opt) {
			t.Errorf("%s cache: other optimised bytes", c.name)
		}
		if kept := &got[0] == &c.cache.OptimizedJPEG(data, nil)[0]; kept != c.keeps {
			t.Errorf("%s cache: keeps the optimised photo %v, want %v", c.name, kept, c.keeps)
		}
	}
	for _, b := range [][]byte{asIs, optPDF} {
		n := 0
		for _, e := range readBack(t, b).Table {
			if sd, ok := e.Object.(types.StreamDict); ok && sd.Subtype() != nil && *sd.Subtype() == "Image" && isDCT(sd) {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%d DCTDecode images, want 3", n)
		}
	}
}
