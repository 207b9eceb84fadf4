package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/jpeg"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// optimizeCases are the files TestOptimizeJPEG holds OptimizeJPEG to: the
// sample photos (4:2:0 and gray, image/jpeg's and others' tables) and the
// libjpeg-made ones (restart intervals, 4:4:4, 4:2:2, 1×2, gray,
// non-interleaved scans; see testdata/jpeg/make.sh).
func optimizeCases(t testing.TB) []string {
	t.Helper()
	var paths []string
	for _, g := range []string{"../editions/samples/photos/*.jpg", "testdata/jpeg/*.jpg"} {
		p, err := filepath.Glob(g)
		if err != nil || len(p) == 0 {
			t.Fatalf("%s: no files (%v)", g, err)
		}
		paths = append(paths, p...)
	}
	return paths
}

// TestOptimizeJPEG: every file image/jpeg decodes comes out smaller,
// decoding to the very same pixels, with its other segments and restart
// markers kept, and as small as jpegtran -optimize makes it (within 0.5%,
// where jpegtran is installed); optimising it again changes nothing. A
// file image/jpeg refuses, or one not plain baseline, comes back as it
// is. And the kinds a newspaper
// meets are among those optimised.
func TestOptimizeJPEG(t *testing.T) {
	_, err := exec.LookPath("jpegtran")
	jpegtran := err == nil
	optimised := map[string]bool{}
	for _, p := range optimizeCases(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		orig := bytes.Clone(data)
		out := OptimizeJPEG(data)
		if !bytes.Equal(data, orig) {
			t.Fatalf("%s: the input was changed", p)
		}
		want, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil || !checkJPEG(data) {
			// Refused by image/jpeg, or not plain baseline (progressive,
			// arithmetic): kept as it is.
			if !bytes.Equal(out, data) {
				t.Errorf("%s: rewritten, though image/jpeg says %v and the walk %v", p, err, checkJPEG(data))
			}
			continue
		}
		if len(out) >= len(data) {
			t.Errorf("%s: %d bytes, not smaller than %d", p, len(out), len(data))
			continue
		}
		optimised[filepath.Base(p)] = true
		got, err := jpeg.Decode(bytes.NewReader(out))
		if err != nil {
			t.Errorf("%s: the optimised file does not decode: %v", p, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the optimised file decodes to other pixels", p)
		}
		if a, b := otherSegments(data), otherSegments(out); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: segments other than DHT changed:\n%q\n%q", p, a, b)
		}
		if a, b := restartMarkers(data), restartMarkers(out); a != b {
			t.Errorf("%s: restart markers %q, were %q", p, b, a)
		}
		if again := OptimizeJPEG(out); !bytes.Equal(again, out) {
			t.Errorf("%s: optimised twice, %d bytes, once %d", p, len(again), len(out))
		}
		if !jpegtran {
			continue
		}
		ref, err := exec.Command("jpegtran", jpegtranArgs(t, data, p)...).Output()
		if err != nil {
			t.Fatalf("jpegtran %s: %v", p, err)
		}
		t.Logf("%s: %d bytes, optimised %d, jpegtran %d", p, len(data), len(out), len(ref))
		if len(out) > len(ref)*1005/1000 {
			t.Errorf("%s: %d bytes, jpegtran %d (+%.2f%%)", p, len(out), len(ref), 100*float64(len(out)-len(ref))/float64(len(ref)))
		}
	}
	if !jpegtran {
		t.Skip("jpegtran is not installed (Debian: libjpeg-turbo-progs): sizes not compared with its")
	}
	for _, name := range []string{
		"flower-field.jpg", "old-pier-1987.jpg", // 4:2:0, gray
		"good-444-r2b.jpg", "good-422-r5b.jpg", "good-122-r4b.jpg", "good-gray-r3b.jpg", // with restarts
		"harbour-r1b.jpg", "harbour-r1row.jpg", "crop-q100-r1b.jpg",
		"crop-noninterleaved-420.jpg", "crop-noninterleaved-444-r3b.jpg", "crop-gray-r2b.jpg", // a scan a component
	} {
		if !optimised[name] {
			t.Errorf("%s: not optimised", name)
		}
	}
}

// jpegtranArgs are the arguments that make jpegtran -optimize write the
// file at path as OptimizeJPEG does: every segment kept, the same restart
// interval, the same scans (a scan script in a temporary folder).
func jpegtranArgs(t *testing.T, data []byte, path string) []string {
	t.Helper()
	args := []string{"-optimize", "-copy", "all"}
	var ids []byte
	var script strings.Builder
	scans := 0
	for p := 2; p+4 <= len(data) && data[p] == 0xff && data[p+1] != 0xd9; {
		m, size := data[p+1], int(binary.BigEndian.Uint16(data[p+2:]))
		seg := data[p+4 : p+2+size]
		p += 2 + size
		switch m {
		case 0xdd:
			args = append(args, "-restart", fmt.Sprintf("%dB", binary.BigEndian.Uint16(seg)))
		case 0xc0:
			for i := range int(seg[5]) {
				ids = append(ids, seg[6+3*i])
			}
		case 0xda:
			scans++
			for i := range int(seg[0]) {
				if i > 0 {
					script.WriteString(" ")
				}
				fmt.Fprint(&script, bytes.IndexByte(ids, seg[1+2*i]))
			}
			script.WriteString(";\n")
			// On to the marker after the scan's data.
			for p+1 < len(data) && (data[p] != 0xff || data[p+1] == 0 || data[p+1] >= 0xd0 && data[p+1] <= 0xd7) {
				p++
			}
		}
	}
	if scans > 1 {
		f := filepath.Join(t.TempDir(), "scans.txt")
		if err := os.WriteFile(f, []byte(script.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "-scans", f)
	}
	return append(args, path)
}

// otherSegments lists a JPEG's marker segments but DHT, whole, up to its
// first scan's data, and the markers after it that are not restarts.
func otherSegments(data []byte) []string {
	var segs []string
	for p := 2; p+4 <= len(data) && data[p] == 0xff && data[p+1] != 0xd9; {
		m, size := data[p+1], int(binary.BigEndian.Uint16(data[p+2:]))
		if m != 0xc4 {
			segs = append(segs, string(data[p:p+2+size]))
		}
		p += 2 + size
		if m == 0xda {
			for p+1 < len(data) && (data[p] != 0xff || data[p+1] == 0 || data[p+1] >= 0xd0 && data[p+1] <= 0xd7) {
				p++
			}
		}
	}
	return segs
}

// restartMarkers is the sequence of restart markers' numbers in a JPEG's
// data.
func restartMarkers(data []byte) string {
	var b strings.Builder
	for i := 0; i+1 < len(data); i++ {
		if data[i] == 0xff && data[i+1] >= 0xd0 && data[i+1] <= 0xd7 {
			b.WriteByte('0' + data[i+1] - 0xd0)
		}
	}
	return b.String()
}

// TestOptimizeJPEGUnchanged: what OptimizeJPEG does not take comes back as
// it is — progressive, arithmetic-coded, cut short anywhere, with bytes
// after its end, with a byte of its data changed to a marker, with random
// damage (mutateJPEG), garbage, nothing — without a panic.
func TestOptimizeJPEGUnchanged(t *testing.T) {
	check := func(name string, data []byte) {
		t.Helper()
		orig := bytes.Clone(data)
		if out := OptimizeJPEG(data); !bytes.Equal(out, orig) {
			if _, err := jpeg.Decode(bytes.NewReader(orig)); err == nil {
				return // damage image/jpeg takes: TestOptimizeJPEG's concern, and the fuzz target's
			}
			t.Errorf("%s: changed (%d bytes, was %d)", name, len(out), len(orig))
		}
	}
	for _, name := range []string{"progressive.jpg", "arithmetic.jpg"} {
		data, err := os.ReadFile(filepath.Join("testdata/jpeg", name))
		if err != nil {
			t.Fatal(err)
		}
		if out := OptimizeJPEG(data); !bytes.Equal(out, data) {
			t.Errorf("%s: changed", name)
		}
	}
	for _, g := range []string{"", "\xff\xd8", "\xff\xd8\xff\xd9", "not a JPEG at all"} {
		check(fmt.Sprintf("%q", g), []byte(g))
	}
	r := rand.New(rand.NewPCG(12, 4))
	for _, p := range optimizeCases(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, cut := range []int{2, 100, len(data) / 3, len(data) - 3, len(data) - 2, len(data) - 1} {
			check(fmt.Sprintf("%s cut to %d", p, cut), data[:cut])
		}
		check(p+" with a byte after its end", append(bytes.Clone(data), 0))
		check(p+" with a copy after its end", append(bytes.Clone(data), data...))
		bad := bytes.Clone(data)
		bad[len(bad)/2], bad[len(bad)/2+1] = 0xff, 0xd4
		check(p+" with a marker in its data", bad)
		for i := range 30 {
			check(fmt.Sprintf("%s mutation %d", p, i), mutateJPEG(r, data))
		}
	}
}

// TestOptimizeJPEGSameBytes holds the optimiser to the reference (the
// optimiser as it was before it was made fast, in jpegopt_ref_test.go)
// over every JPEG in the repository and many seeded mutations of each
// (most refused, some with other coefficients): the same bytes, and the
// same answer to whether the walk took the file, every time. One
// optimizer serves every file, as a batch's do.
func TestOptimizeJPEGSameBytes(t *testing.T) {
	corpus := jpegCorpus(t)
	names := slices.Sorted(maps.Keys(corpus))
	budget := 8 << 20 // bytes optimised per file
	if testing.Short() {
		budget /= 10
	}
	var o JPEGOptimizer
	var ref optRefOptimizer
	var rewritten, kept int
	check := func(name string, data []byte) {
		got, walked := o.optimize(data)
		want, refWalked := ref.optimize(data)
		if !bytes.Equal(got, want) || walked != refWalked {
			t.Fatalf("%s: %d bytes, walked %v; the reference: %d bytes, walked %v", name, len(got), walked, len(want), refWalked)
		}
		if bytes.Equal(got, data) {
			kept++
		} else {
			rewritten++
		}
	}
	for i, name := range names {
		data := corpus[name]
		check(name, data)
		r := rand.New(rand.NewPCG(uint64(i), 0x6f707420))
		for k := range min(1000, max(20, budget/max(len(data), 1))) {
			m := mutateJPEG(r, data)
			for range r.IntN(3) {
				m = mutateJPEG(r, m)
			}
			check(fmt.Sprintf("%s mutation %d", name, k), m)
		}
	}
	t.Logf("%d files, %d rewritten, %d kept as they are", len(names), rewritten, kept)
	if rewritten < 200 || kept < 1000 {
		t.Errorf("the corpus is too thin to tell: %d rewritten, %d kept", rewritten, kept)
	}
}

// FuzzOptimizeJPEG: OptimizeJPEG never panics nor changes its input, and
// writes the reference's bytes (jpegopt_ref_test.go); what it rewrites,
// image/jpeg decodes before and after to the same pixels, and it is
// smaller; what image/jpeg refuses comes back as it is.
// Its walk takes only what checkJPEG takes, and validateOptimizing
// answers as Validate does, with OptimizeJPEG's bytes.
func FuzzOptimizeJPEG(f *testing.F) {
	addJPEGSeeds(f)
	photos, _ := samplePhotos(f)
	f.Add(photos[0][:2<<10]) // a sample photo's headers, and its data cut short
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		var o JPEGOptimizer
		out, walked := o.optimize(data)
		if !bytes.Equal(data, orig) {
			t.Fatal("the input was changed")
		}
		if ref, refWalked := (&optRefOptimizer{}).optimize(data); !bytes.Equal(out, ref) || walked != refWalked {
			t.Fatalf("%d bytes, walked %v; the reference: %d bytes, walked %v", len(out), walked, len(ref), refWalked)
		}
		if walked && !checkJPEG(data) {
			t.Fatal("the optimiser's walk takes what checkJPEG does not")
		}
		// Validating while optimising answers as Validate does.
		info, vout, verr := validateOptimizing(data, &o)
		winfo, werr := Validate(data)
		if info != winfo || (verr == nil) != (werr == nil) || verr != nil && verr.Error() != werr.Error() {
			t.Fatalf("validateOptimizing: %+v, %v; Validate: %+v, %v", info, verr, winfo, werr)
		}
		if !bytes.Equal(vout, out) {
			t.Fatal("validateOptimizing optimised to other bytes")
		}
		if bytes.Equal(out, data) {
			return
		}
		want, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("rewritten, but image/jpeg refuses the input: %v", err)
		}
		if len(out) >= len(data) {
			t.Fatalf("rewritten to %d bytes from %d", len(out), len(data))
		}
		got, err := jpeg.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("the output does not decode: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatal("the output decodes to other pixels")
		}
	})
}

// TestOptimizingCache: a cache that optimises as it validates answers as
// Validate does for every test JPEG and holds OptimizeJPEG's bytes, which
// OptimizedJPEG returns once and lets go; past its budget it holds none.
func TestOptimizingCache(t *testing.T) {
	small := NewOptimizingCache(100)
	c := NewOptimizingCache(64 << 20)
	for _, p := range optimizeCases(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		info, err := c.Validate(data)
		winfo, werr := Validate(data)
		if info != winfo || (err == nil) != (werr == nil) {
			t.Errorf("%s: %+v, %v; Validate: %+v, %v", p, info, err, winfo, werr)
		}
		want := OptimizeJPEG(data)
		if held := c.optHeld; (held == int64(len(want))) != (err == nil) {
			t.Errorf("%s: %d bytes held, the optimised file is %d", p, held, len(want))
		}
		if got := c.OptimizedJPEG(data, nil); !bytes.Equal(got, want) {
			t.Errorf("%s: other optimised bytes", p)
		}
		if c.optHeld != 0 {
			t.Errorf("%s: %d bytes still held once taken", p, c.optHeld)
		}
		if got := c.OptimizedJPEG(data, nil); !bytes.Equal(got, want) {
			t.Errorf("%s: other optimised bytes the second time", p)
		}
		if _, err := small.Validate(data); err == nil && small.optHeld > 100 {
			t.Errorf("%s: %d bytes held, over the budget of 100", p, small.optHeld)
		}
	}
}

// BenchmarkOptimizeJPEG optimises every sample photo (see
// BenchmarkCheckJPEG); MB/s counts the input's bytes.
func BenchmarkOptimizeJPEG(b *testing.B) {
	photos, total := samplePhotos(b)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range photos {
			if out := OptimizeJPEG(data); len(out) >= len(data) {
				b.Fatal("not smaller")
			}
		}
	}
}

// BenchmarkJPEGOptimizer is BenchmarkOptimizeJPEG with one JPEGOptimizer
// kept from photo to photo.
func BenchmarkJPEGOptimizer(b *testing.B) {
	var o JPEGOptimizer
	benchmarkOptimizer(b, o.optimize)
}

// BenchmarkRefJPEGOptimizer is BenchmarkJPEGOptimizer with the reference
// (jpegopt_ref_test.go), the optimiser before it was made fast.
func BenchmarkRefJPEGOptimizer(b *testing.B) {
	var o optRefOptimizer
	benchmarkOptimizer(b, o.optimize)
}

func benchmarkOptimizer(b *testing.B, optimize func([]byte) ([]byte, bool)) {
	photos, total := samplePhotos(b)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range photos {
			if out, _ := optimize(data); len(out) >= len(data) {
				b.Fatal("not smaller")
			}
		}
	}
}

// samplePhotos reads the sample photos, and their total size.
func samplePhotos(tb testing.TB) ([][]byte, int) {
	tb.Helper()
	paths, err := filepath.Glob("../editions/samples/photos/*.jpg")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no sample photos: %v", err)
	}
	var photos [][]byte
	total := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		photos = append(photos, data)
		total += len(data)
	}
	return photos, total
}

// TestOptimizeJPEGTooLarge: a JPEG of more than maxOptimized bytes (here
// a sample photo behind APP15 segments of filler, which image/jpeg skips)
// is embedded as it is, not recorded, and still checked: validating it
// through an optimising cache gives its own bytes and no error, and the
// same file cut short is refused.
func TestOptimizeJPEGTooLarge(t *testing.T) {
	photo, err := os.ReadFile("../editions/samples/photos/harbour-dusk.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(OptimizeJPEG(photo), photo) {
		t.Fatal("the sample photo is not optimised")
	}
	big := append([]byte(nil), photo[:2]...)
	seg := make([]byte, 4+65533)
	seg[0], seg[1] = 0xff, 0xef
	binary.BigEndian.PutUint16(seg[2:], 65535)
	for len(big)+len(photo) <= maxOptimized {
		big = append(big, seg...)
	}
	big = append(big, photo[2:]...)
	if got := OptimizeJPEG(big); !bytes.Equal(got, big) {
		t.Errorf("a %d-byte JPEG was coded again (%d bytes)", len(big), len(got))
	}
	info, out, err := validateOptimizing(big, &JPEGOptimizer{})
	if err != nil || info.Format != "jpeg" || !bytes.Equal(out, big) {
		t.Errorf("validateOptimizing: %+v, %d bytes, %v", info, len(out), err)
	}
	if _, _, err := validateOptimizing(big[:len(big)-1000], &JPEGOptimizer{}); err == nil {
		t.Error("a large JPEG cut short was not refused")
	}
}

// TestOptimizeJPEGSamePixelsCorpus holds every file of the corpus that the
// optimiser rewrites (the repository's JPEGs and fuzz corpus, and
// image/jpeg's own of many sizes and qualities) to decoding to the same
// pixels as before. TestOptimizeJPEGSameBytes holds the optimiser to the
// reference, so this is what holds the reference: a scan or restart
// interval whose last bit was 1 once came out with it 0 (the padding's
// 1 bits were or-ed in, then one taken away), which image/jpeg's own
// q100 100×61 file decoded to other pixels with.
func TestOptimizeJPEGSamePixelsCorpus(t *testing.T) {
	corpus := jpegCorpus(t)
	var o JPEGOptimizer
	rewritten := 0
	for _, name := range slices.Sorted(maps.Keys(corpus)) {
		data := corpus[name]
		out := o.Optimize(data)
		if bytes.Equal(out, data) {
			continue
		}
		rewritten++
		want, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: rewritten, though image/jpeg refuses it: %v", name, err)
		}
		got, err := jpeg.Decode(bytes.NewReader(out))
		if err != nil {
			t.Errorf("%s: the optimised file does not decode: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the optimised file decodes to other pixels", name)
		}
	}
	if rewritten < 20 {
		t.Errorf("only %d files rewritten", rewritten)
	}
	t.Logf("%d of %d files rewritten", rewritten, len(corpus))
}
