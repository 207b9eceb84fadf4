package images

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"sync"
	"sync/atomic"
	"testing"
)

// pngOf returns a w×h PNG whose pixels depend on seed.
func pngOf(t *testing.T, w, h int, seed byte) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i) + seed
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCacheSameAsDecode: what the cache returns — info, error, pixels —
// is what Decode returns for the same bytes, good or damaged, first time
// or again, with pixels kept or not.
func TestCacheSameAsDecode(t *testing.T) {
	good, err := os.ReadFile("../editions/testdata/hostile/rotated.jpg")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile("../editions/testdata/hostile/garbled.jpg")
	if err != nil {
		t.Fatal(err)
	}
	for _, budget := range []int64{0, 1 << 30} {
		c := NewCache(budget)
		for round := 0; round < 2; round++ {
			for _, data := range [][]byte{good, bad, pngOf(t, 7, 5, 1)} {
				wi, wimg, werr := Decode(data)
				vi, verr := c.Validate(data)
				di, dimg, derr := c.Decode(data)
				if vi != wi || di != wi || (verr == nil) != (werr == nil) || (derr == nil) != (werr == nil) {
					t.Fatalf("budget %d round %d: cache %v/%v %v/%v, Decode %v %v", budget, round, vi, verr, di, derr, wi, werr)
				}
				if werr != nil {
					if verr.Error() != werr.Error() || derr.Error() != werr.Error() {
						t.Fatalf("messages differ: %v / %v / %v", verr, derr, werr)
					}
					continue
				}
				if !samePixels(dimg, wimg) {
					t.Fatalf("budget %d round %d: cached pixels differ from a fresh decode", budget, round)
				}
			}
		}
	}
	var nilCache *Cache
	if _, err := nilCache.Validate(bad); err == nil {
		t.Fatal("a nil cache accepted a garbled JPEG")
	}
}

// TestCacheBudget: pixels beyond the budget are dropped least recently
// used first, and the bytes held never exceed the budget; validation
// results are kept regardless.
func TestCacheBudget(t *testing.T) {
	a, b, d := pngOf(t, 10, 10, 1), pngOf(t, 10, 10, 2), pngOf(t, 10, 10, 3)
	c := NewCache(2 * 10 * 10 * 4) // room for two 10×10 NRGBA images
	kept := func(data []byte) bool {
		e, _ := c.lookup(data)
		c.mu.Lock()
		defer c.mu.Unlock()
		return e.img != nil
	}
	c.Decode(a)
	c.Decode(b)
	c.Decode(a) // a is now the more recently used
	c.Decode(d) // evicts b
	if !kept(a) || kept(b) || !kept(d) {
		t.Fatalf("kept a %v b %v d %v, want a and d", kept(a), kept(b), kept(d))
	}
	if c.held > c.budget {
		t.Fatalf("holds %d bytes over a budget of %d", c.held, c.budget)
	}
	if _, err := c.Validate(b); err != nil {
		t.Fatal(err)
	}
	if len(c.m) != 3 {
		t.Fatalf("%d entries, want 3", len(c.m))
	}
	small := NewCache(10)
	small.Decode(a)
	if small.held != 0 {
		t.Fatalf("kept %d bytes over a budget of 10", small.held)
	}
}

// TestCacheConcurrent: many goroutines asking for the same images at once
// all get the right answer, and each content is decoded into one entry
// (run with -race in CI's go test when enabled).
func TestCacheConcurrent(t *testing.T) {
	c := NewCache(1 << 20)
	datas := [][]byte{pngOf(t, 9, 4, 1), pngOf(t, 4, 9, 2), {1, 2, 3}}
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := datas[i%len(datas)]
			info, img, err := c.Decode(data)
			if i%len(datas) == 2 {
				if err == nil {
					t.Error("three bytes accepted as an image")
				}
				return
			}
			if err != nil || img == nil || img.Bounds().Dx() != info.Width {
				t.Errorf("%v %v", info, err)
			}
		}()
	}
	wg.Wait()
	if len(c.m) != len(datas) {
		t.Fatalf("%d entries for %d contents", len(c.m), len(datas))
	}
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.NRGBAModel.Convert(a.At(x, y)) != color.NRGBAModel.Convert(b.At(x, y)) {
				return false
			}
		}
	}
	return true
}

// TestCacheDecodesOnce: in a cache that keeps no pixels, a caller that
// needs the pixels (an ad's ink) gets them from one decode, and checking
// the same bytes afterwards decodes nothing more; a plain check of a
// baseline JPEG decodes nothing at all.
func TestCacheDecodesOnce(t *testing.T) {
	c := NewCache(0)
	ad := pngOf(t, 12, 8, 5)
	if _, img, err := c.Decode(ad); err != nil || img == nil {
		t.Fatalf("Decode: %v", err)
	}
	if _, err := c.Validate(ad); err != nil {
		t.Fatal(err)
	}
	if n, k := c.decodes.Load(), c.checks.Load(); n != 1 || k != 0 {
		t.Errorf("%d decodes and %d checks for one Decode and one Validate, want 1 and 0", n, k)
	}
	photo, err := os.ReadFile("../editions/samples/photos/meeting.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Validate(photo); err != nil {
		t.Fatal(err)
	}
	if n, k := c.decodes.Load(), c.checks.Load(); n != 1 || k != 1 {
		t.Errorf("checking a baseline JPEG: %d decodes and %d checks, want 1 and 1", n, k)
	}
}

// TestDerivedOncePerContent: in a cache that keeps no pixels, Derived
// decodes an image and computes from it once for each content and name,
// whoever asks first (Derived, Decode or Validate); a damaged image gives
// Decode's error every time; a nil cache computes each time.
func TestDerivedOncePerContent(t *testing.T) {
	sum := func(img image.Image) int { return img.Bounds().Dx() * img.Bounds().Dy() }
	calls := 0
	counted := func(img image.Image) int { calls++; return sum(img) }
	c := NewCache(0)
	ad := pngOf(t, 12, 8, 5)
	for round := 0; round < 3; round++ {
		if v, err := Derived(c, ad, "area", counted); err != nil || v != 96 {
			t.Fatalf("round %d: Derived = %d, %v; want 96", round, v, err)
		}
	}
	if calls != 1 || c.decodes.Load() != 1 {
		t.Errorf("three asks: %d computations and %d decodes, want 1 and 1", calls, c.decodes.Load())
	}
	if _, err := c.Validate(ad); err != nil || c.decodes.Load() != 1 {
		t.Errorf("Validate after Derived: %v, %d decodes, want nil and 1", err, c.decodes.Load())
	}
	// Another name computes again, from one more decode (no pixels kept).
	if v, err := Derived(c, ad, "twice", func(img image.Image) int { return 2 * sum(img) }); err != nil || v != 192 {
		t.Fatalf("Derived twice = %d, %v", v, err)
	}
	// Asked first by Validate, the entry exists: Derived decodes once more.
	other := pngOf(t, 3, 3, 9)
	if _, err := c.Validate(other); err != nil {
		t.Fatal(err)
	}
	if v, err := Derived(c, other, "area", counted); err != nil || v != 9 || calls != 2 {
		t.Fatalf("after Validate: Derived = %d, %v, %d computations", v, err, calls)
	}
	bad, err := os.ReadFile("../editions/testdata/hostile/garbled.jpg")
	if err != nil {
		t.Fatal(err)
	}
	_, _, werr := Decode(bad)
	for round := 0; round < 2; round++ {
		if _, err := Derived(c, bad, "area", counted); err == nil || err.Error() != werr.Error() {
			t.Fatalf("damaged, round %d: %v, want %v", round, err, werr)
		}
	}
	var nilCache *Cache
	for round := 0; round < 2; round++ {
		if v, err := Derived(nilCache, ad, "area", counted); err != nil || v != 96 {
			t.Fatalf("nil cache: %d, %v", v, err)
		}
	}
	if calls != 4 {
		t.Errorf("%d computations, want 4 (the nil cache computes each time)", calls)
	}
}

// TestValidateSum: a result validated under the SHA-256 a caller gives is
// the one Validate finds for the same bytes (no second check), and the
// same as Validate's; a damaged image's error too. So does DerivedSum.
func TestValidateSum(t *testing.T) {
	photo, err := os.ReadFile("../editions/samples/photos/meeting.jpg")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile("../editions/testdata/hostile/garbled.jpg")
	if err != nil {
		t.Fatal(err)
	}
	c := NewCache(0)
	for _, data := range [][]byte{photo, bad} {
		wi, werr := Validate(data)
		si, serr := c.ValidateSum(data, sha256.Sum256(data))
		vi, verr := c.Validate(data)
		if si != wi || vi != wi || fmt.Sprint(serr) != fmt.Sprint(werr) || fmt.Sprint(verr) != fmt.Sprint(werr) {
			t.Errorf("ValidateSum %v %v, Validate through the cache %v %v, alone %v %v", si, serr, vi, verr, wi, werr)
		}
	}
	if k := c.checks.Load(); k != 2 {
		t.Errorf("%d checks for two images, each validated twice; want 2", k)
	}
	ad := pngOf(t, 4, 2, 3)
	calls := 0
	area := func(img image.Image) int { calls++; return img.Bounds().Dx() * img.Bounds().Dy() }
	if v, err := DerivedSum(c, ad, sha256.Sum256(ad), "area", area); err != nil || v != 8 {
		t.Fatalf("DerivedSum = %d, %v", v, err)
	}
	if v, err := Derived(c, ad, "area", area); err != nil || v != 8 || calls != 1 {
		t.Errorf("Derived after DerivedSum = %d, %v, %d computations; want 8 and 1", v, err, calls)
	}
}

// TestMemo: Memo computes once per content and name, however many ask at
// once, keeps an error as it keeps a value, and computes every time
// without a cache.
func TestMemo(t *testing.T) {
	c := NewCache(0)
	sum := sha256.Sum256([]byte("an ad"))
	var calls atomic.Int64
	fn := func() (int, error) { calls.Add(1); return 42, nil }
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := Memo(c, sum, "x", fn); v != 42 || err != nil {
				t.Errorf("Memo: %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("computed %d times for one content and name, want 1", n)
	}
	Memo(c, sum, "y", fn)
	Memo(c, sha256.Sum256([]byte("another")), "x", fn)
	if n := calls.Load(); n != 3 {
		t.Errorf("computed %d times for three contents and names, want 3", n)
	}
	bad := errors.New("refused")
	for range 2 {
		if _, err := Memo(c, sum, "z", func() (int, error) { calls.Add(1); return 0, bad }); err != bad {
			t.Errorf("the error: %v", err)
		}
	}
	if n := calls.Load(); n != 4 {
		t.Errorf("an error computed again: %d calls, want 4", n)
	}
	for range 2 {
		Memo(nil, sum, "x", fn)
	}
	if n := calls.Load(); n != 6 {
		t.Errorf("without a cache: %d calls, want 6", n)
	}
}
