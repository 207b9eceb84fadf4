package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestCheckJPEGSamples: the walk takes every sample photo (baseline, 4:2:0
// and gray) whole, and refuses each of them cut short, with a byte of its
// compressed data changed to a marker, or with its end-of-image marker
// gone — which image/jpeg refuses too.
func TestCheckJPEGSamples(t *testing.T) {
	paths, err := filepath.Glob("../editions/samples/photos/*.jpg")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample photos: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !checkJPEG(data) {
			t.Errorf("%s: not taken", p)
			continue
		}
		if checkJPEG(data[:len(data)*2/3]) {
			t.Errorf("%s: taken cut to two thirds", p)
		}
		bad := bytes.Clone(data)
		bad[len(bad)/2], bad[len(bad)/2+1] = 0xff, 0xd4 // an RST marker out of place
		if checkJPEG(bad) {
			t.Errorf("%s: taken with a marker in its data", p)
		}
		if checkJPEG(data[:len(data)-2]) {
			t.Errorf("%s: taken without its end-of-image marker", p)
		}
	}
}

// TestCheckJPEGKinds: what image/jpeg encodes — 4:2:0 colour and gray, at
// sizes that are not whole MCUs (down to one pixel), at the lowest and
// highest qualities — is taken.
func TestCheckJPEGKinds(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {7, 9}, {17, 33}, {64, 48}, {100, 3}} {
		for _, q := range []int{1, 50, 100} {
			rgb := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
			gray := image.NewGray(image.Rect(0, 0, size.X, size.Y))
			for i := range rgb.Pix {
				rgb.Pix[i] = byte(i*37 + i/7)
			}
			for i := range gray.Pix {
				gray.Pix[i] = byte(i * 11)
			}
			for _, img := range []image.Image{rgb, gray} {
				var b bytes.Buffer
				if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
					t.Fatal(err)
				}
				if !checkJPEG(b.Bytes()) {
					t.Errorf("%v quality %d %T: not taken", size, q, img)
				}
			}
		}
	}
}

// BenchmarkValidateJPEG compares the walk with a whole decode on a sample
// photo (1600 × 1067, 4:2:0).
func BenchmarkValidateJPEG(b *testing.B) {
	data, err := os.ReadFile("../editions/samples/photos/harbour-dusk.jpg")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("walk", func(b *testing.B) {
		for b.Loop() {
			if !checkJPEG(data) {
				b.Fatal("not taken")
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzCheckJPEG: whatever the walk takes, image/jpeg decodes. (What it
// does not take is decoded whole by Validate, so a "no" is never wrong,
// only slower.) And the walk answers as the reference walker does. The
// seeds include the small libjpeg-made files, for restart intervals and
// scans image/jpeg's encoder does not write.
func FuzzCheckJPEG(f *testing.F) {
	addJPEGSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		got := checkJPEG(data)
		if want := refCheckJPEG(data); got != want {
			t.Fatalf("the walk says %v, the reference %v", got, want)
		}
		if !got {
			return
		}
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			t.Fatalf("taken, but image/jpeg says: %v", err)
		}
	})
}

// addJPEGSeeds adds the seeds of the JPEG fuzz targets: the small
// libjpeg-made files (restart intervals and scans image/jpeg's encoder does
// not write) and what image/jpeg encodes, colour and gray, at a few sizes.
func addJPEGSeeds(f *testing.F) {
	made, err := filepath.Glob("testdata/jpeg/*.jpg")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range made {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= 4<<10 {
			f.Add(data)
		}
	}
	for _, size := range []image.Point{{1, 1}, {9, 17}, {33, 8}} {
		rgb := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
		for i := range rgb.Pix {
			rgb.Pix[i] = byte(i * 29)
		}
		gray := image.NewGray(image.Rect(0, 0, size.X, size.Y))
		for i := range gray.Pix {
			gray.Pix[i] = byte(i * 13)
		}
		for _, img := range []image.Image{rgb, gray} {
			var b bytes.Buffer
			if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 75}); err != nil {
				f.Fatal(err)
			}
			f.Add(b.Bytes())
		}
	}
}

// jpegCorpus gathers the JPEGs to hold the walk to: every .jpg and .jpeg
// file in the repository (the sample photos, the hostile test photos, the
// libjpeg-made ones in testdata/jpeg), the seeds and finds of
// FuzzCheckJPEG, and what image/jpeg encodes at a few sizes and qualities.
func jpegCorpus(t testing.TB) map[string][]byte {
	t.Helper()
	corpus := map[string][]byte{}
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != ".." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if ext := strings.ToLower(filepath.Ext(p)); d.IsDir() || (ext != ".jpg" && ext != ".jpeg") {
			return nil
		}
		data, err := os.ReadFile(p)
		corpus[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	finds, err := filepath.Glob("testdata/fuzz/FuzzCheckJPEG/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range finds {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// The corpus file format: a header line, then []byte("...").
		_, arg, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(arg, "[]byte("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		corpus[p] = []byte(s)
	}
	for _, size := range []image.Point{{1, 1}, {9, 17}, {33, 8}, {100, 61}} {
		for _, q := range []int{1, 75, 100} {
			rgb := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
			gray := image.NewGray(image.Rect(0, 0, size.X, size.Y))
			for i := range rgb.Pix {
				rgb.Pix[i] = byte(i*29 + i/5)
			}
			for i := range gray.Pix {
				gray.Pix[i] = byte(i*13 + i/3)
			}
			for _, img := range []image.Image{rgb, gray} {
				var b bytes.Buffer
				if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
					t.Fatal(err)
				}
				corpus[fmt.Sprintf("encoded %T %v q%d", img, size, q)] = b.Bytes()
			}
		}
	}
	return corpus
}

// jpegSegments finds where a JPEG's segments start (their 0xFF) up to and
// including the first SOS, the start of its first scan's data, and the
// restart markers after that, for the mutations to aim at.
func jpegSegments(data []byte) (segs []int, scan int, rsts []int) {
	p := 2
	for p+4 <= len(data) && data[p] == 0xff && data[p+1] != 0xd9 {
		segs = append(segs, p)
		next := p + 2 + int(binary.BigEndian.Uint16(data[p+2:]))
		if data[p+1] == 0xda {
			scan = next
			break
		}
		p = next
	}
	for i := max(scan, 2); i+1 < len(data); i++ {
		if data[i] == 0xff && data[i+1] >= 0xd0 && data[i+1] <= 0xd7 {
			rsts = append(rsts, i)
		}
	}
	return segs, min(scan, len(data)), rsts
}

// mutateJPEG damages a JPEG in one of the ways a file is damaged or made
// oddly: cut short, a byte changed, a marker inserted or a restart marker
// lost, the restart interval changed or added or removed, bytes lost or
// repeated, a header bit flipped. The same rand gives the same mutation.
func mutateJPEG(r *rand.Rand, data []byte) []byte {
	segs, scan, rsts := jpegSegments(data)
	n := len(data)
	if n < 4 {
		return append(bytes.Clone(data), byte(r.IntN(256)))
	}
	// A position, in the compressed data three times in four.
	pos := func() int {
		if scan > 0 && scan < n && r.IntN(4) != 0 {
			return scan + r.IntN(n-scan)
		}
		return r.IntN(n)
	}
	insert := func(at int, b ...byte) []byte {
		return slices.Insert(bytes.Clone(data), at, b...)
	}
	markers := []byte{0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd9, 0x00, 0xff, 0xc4, 0xda, 0xdd, 0xe1, 0xfe}
	switch r.IntN(12) {
	case 0: // cut anywhere
		return data[:r.IntN(n)]
	case 1: // cut near the end
		return data[:n-1-r.IntN(min(n-1, 64))]
	case 2: // a byte changed
		out := bytes.Clone(data)
		out[pos()] ^= byte(1 + r.IntN(255))
		return out
	case 3: // a byte made 0xFF or 0x00
		out := bytes.Clone(data)
		out[pos()] = []byte{0xff, 0x00}[r.IntN(2)]
		return out
	case 4: // a marker (or a stuffed 0xFF) inserted
		return insert(pos(), 0xff, markers[r.IntN(len(markers))])
	case 5: // two bytes overwritten by a marker
		out := bytes.Clone(data)
		p := pos()
		out[p] = 0xff
		if p+1 < n {
			out[p+1] = markers[r.IntN(len(markers))]
		}
		return out
	case 6: // the restart interval changed, or one set where there was none
		for _, s := range segs {
			if data[s+1] == 0xdd && s+6 <= n {
				out := bytes.Clone(data)
				ri := int(binary.BigEndian.Uint16(data[s+4:]))
				choice := []int{0, 1, 2, ri - 1, ri + 1, 2 * ri, r.IntN(1 << 16)}[r.IntN(7)]
				binary.BigEndian.PutUint16(out[s+4:], uint16(max(choice, 0)))
				return out
			}
		}
		at := 2
		if len(segs) > 0 {
			at = segs[r.IntN(len(segs))]
		}
		ri := r.IntN(6)
		return insert(at, 0xff, 0xdd, 0, 4, byte(ri>>8), byte(ri))
	case 7: // the restart interval segment or a restart marker lost
		for _, s := range segs {
			if data[s+1] == 0xdd && r.IntN(2) == 0 {
				return slices.Delete(bytes.Clone(data), s, min(s+6, n))
			}
		}
		if len(rsts) > 0 {
			s := rsts[r.IntN(len(rsts))]
			return slices.Delete(bytes.Clone(data), s, s+2)
		}
		return data[:pos()]
	case 8: // a restart marker renumbered
		if len(rsts) > 0 {
			out := bytes.Clone(data)
			s := rsts[r.IntN(len(rsts))]
			out[s+1] = 0xd0 + byte((int(out[s+1])-0xd0+1+r.IntN(7))%8)
			return out
		}
		out := bytes.Clone(data)
		out[pos()] ^= 1 << r.IntN(8)
		return out
	case 9: // bytes lost
		p := pos()
		return slices.Delete(bytes.Clone(data), p, min(n, p+1+r.IntN(16)))
	case 10: // bytes repeated
		p := pos()
		e := min(n, p+1+r.IntN(16))
		return insert(p, data[p:e]...)
	default: // a bit of the headers flipped
		out := bytes.Clone(data)
		out[r.IntN(max(scan, 1))] ^= 1 << r.IntN(8)
		return out
	}
}

// TestCheckJPEGSameAnswers holds the walk to the reference (the walker as
// it was before it was made fast, in jpegcheck_ref_test.go) over every
// JPEG in the repository and many seeded mutations of each: the same
// answer every time. What it takes from the small files, image/jpeg must
// decode.
func TestCheckJPEGSameAnswers(t *testing.T) {
	corpus := jpegCorpus(t)
	names := slices.Sorted(maps.Keys(corpus))
	budget := 20 << 20 // bytes walked per file
	if testing.Short() {
		budget /= 10
	}
	var taken, refused, restarts int
	check := func(name string, data []byte) {
		want, got := refCheckJPEG(data), checkJPEG(data)
		if got != want {
			t.Fatalf("%s: the walk says %v, the reference %v (%d bytes: %q)", name, got, want, len(data), data[:min(len(data), 64)])
		}
		if got {
			taken++
			if len(data) <= 4<<10 {
				if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
					t.Fatalf("%s: taken, but image/jpeg says: %v", name, err)
				}
			}
		} else {
			refused++
		}
	}
	for i, name := range names {
		data := corpus[name]
		check(name, data)
		if _, _, rsts := jpegSegments(data); len(rsts) > 0 && checkJPEG(data) {
			restarts++
		}
		if len(data) <= 2<<10 { // every cut of a small file
			for k := range len(data) {
				check(fmt.Sprintf("%s cut to %d", name, k), data[:k])
			}
		}
		r := rand.New(rand.NewPCG(uint64(i), 0x6a706567))
		for k := range min(3000, max(50, budget/max(len(data), 1))) {
			m := mutateJPEG(r, data)
			for range r.IntN(3) { // sometimes two or three at once
				m = mutateJPEG(r, m)
			}
			check(fmt.Sprintf("%s mutation %d", name, k), m)
		}
	}
	t.Logf("%d files, %d answers taken, %d refused; %d files with restart markers taken", len(names), taken, refused, restarts)
	if taken < 1000 || refused < 1000 || restarts < 5 {
		t.Errorf("the corpus is too thin to tell: %d taken, %d refused, %d with restarts", taken, refused, restarts)
	}
}

// BenchmarkCheckJPEG walks every sample photo (1600 × 1067 and 1800 × 1200,
// 4:2:0 and gray, 185 to 350 kB); MB/s counts compressed bytes.
func BenchmarkCheckJPEG(b *testing.B) {
	benchmarkCheck(b, checkJPEG)
}

// BenchmarkRefCheckJPEG is BenchmarkCheckJPEG for the reference walker,
// to compare the two in one binary.
func BenchmarkRefCheckJPEG(b *testing.B) {
	benchmarkCheck(b, refCheckJPEG)
}

// BenchmarkCheckJPEGSmall walks the small libjpeg-made files of
// testdata/jpeg that the walk takes (0.4 to 2 kB each), where building
// the look-up tables is much of the time; MB/s counts compressed bytes.
func BenchmarkCheckJPEGSmall(b *testing.B) {
	paths, err := filepath.Glob("testdata/jpeg/*.jpg")
	if err != nil {
		b.Fatal(err)
	}
	var files [][]byte
	total := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if len(data) <= 4<<10 && checkJPEG(data) {
			files = append(files, data)
			total += len(data)
		}
	}
	if len(files) < 5 {
		b.Fatalf("%d small files taken", len(files))
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			if !checkJPEG(data) {
				b.Fatal("not taken")
			}
		}
	}
}

func benchmarkCheck(b *testing.B, check func([]byte) bool) {
	photos, total := samplePhotos(b)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range photos {
			if !check(data) {
				b.Fatal("not taken")
			}
		}
	}
}

// TestJPEGBitReader: fill and fillBytes, called whenever the walk would
// (before a take that needs more bits, or at any moment), give the bits of
// the data with 0xFF 0x00 read as 0xFF, in order, up to the first marker
// or the data's end and never past it; they keep n below 64 and pos on a
// byte of the data, with every byte before pos loaded.
func TestJPEGBitReader(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		data := rapid.SliceOfN(rapid.SampledFrom([]byte{0x00, 0xff, 0xd0, 0xd9, 0x01, 0x7f, 0x80, 0xfe, 0x55, 0xaa}), 0, 80).Draw(t, "data")
		// The reference: the bytes the entropy-coded data holds, and
		// where it stops.
		var bytesIn []byte
		loadedBefore := map[int]int{} // a byte position: data bytes before it
		stop := 0
		for stop < len(data) {
			loadedBefore[stop] = len(bytesIn)
			b := data[stop]
			if b == 0xff {
				if stop+1 >= len(data) || data[stop+1] != 0 {
					break
				}
				stop++
			}
			bytesIn = append(bytesIn, b)
			stop++
		}
		loadedBefore[stop] = len(bytesIn)
		bit := func(i int) uint64 { return uint64(bytesIn[i/8]>>(7-i%8)) & 1 }

		pos, acc, n, consumed := 0, uint64(0), uint(0), 0
		for {
			k := rapid.UintRange(1, 31).Draw(t, "k")
			if n < k || rapid.Bool().Draw(t, "fill anyway") {
				var ok bool
				if pos, acc, n, ok = fill(data, pos, acc, n); !ok {
					pos, acc, n = fillBytes(data, pos, acc, n)
				}
			}
			before, onByte := loadedBefore[pos]
			if !onByte || pos > stop || n >= 64 || 8*before != consumed+int(n) {
				t.Fatalf("pos %d (stop %d), n %d, %d bits consumed: not where the loaded bytes say", pos, stop, n, consumed)
			}
			if n < k {
				if pos != stop || consumed+int(k) <= 8*len(bytesIn) {
					t.Fatalf("short of %d bits with %d held at pos %d, %d consumed, though the data holds %d bytes to %d", k, n, pos, consumed, len(bytesIn), stop)
				}
				return
			}
			for i := range k {
				if got := acc >> (63 - i) & 1; got != bit(consumed+int(i)) {
					t.Fatalf("bit %d is %d, the data's is %d", consumed+int(i), got, bit(consumed+int(i)))
				}
			}
			acc <<= k
			n -= k
			consumed += int(k)
		}
	})
}
