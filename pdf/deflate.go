package pdf

import (
	"encoding/binary"
	"hash/adler32"
	"runtime"
	"sync"
)

// fontLevel is the deflate level of the embedded font programs, which
// klauspost/compress/flate compresses (a maintained drop-in for
// compress/flate, already a dependency for the preview's PNGs; pure Go, so a
// version and level give the same bytes on every machine). Its levels 1
// to 6 are its fast matchers, 7 to 9 lazy matching with hash chains, whose
// tables (640 kB) are cleared for every piece. Compressing the font
// programs was a third of a batch's CPU time, so the level is 5: on the
// one-page sample's five subsets (BenchmarkFontLevels, glyphs in the
// face's order, name tables trimmed) it gives 302.2 kB where level 7 gave
// 296.9 and level 6 299.8, and with the pieces below it took 0.80 of level
// 7's time in 128 kB pieces primed with 32 kB (alternated runs, -cpu 1); a
// batch of 40 one-page editions took 5% less CPU at level 5 alone. Level
// 4 gives 307.5 kB, which with --photos optimize would take the sample's
// PDF past Typst's (issue 12). compress/flate at level 6, the level used
// first, gave 311.3 kB in twice level 7's time. The pieces are compressed
// on every core at Close (see startDeflate).
const fontLevel = 5

// zlibChunk is the size of the pieces a stream is compressed in, each on a
// goroutine of its own. A constant, so the bytes do not depend on GOMAXPROCS
// or on which piece finishes first. At 256 kB the one-page sample's body
// face (318 kB) is two pieces: compressed on two cores, the larger takes
// as long as the three 128 kB pieces did, and priming costs half as much.
const zlibChunk = 256 << 10

// primeWindow is how much of the data before a piece its compressor is
// primed with, so that the piece may refer back into it. Deflate reaches
// back 32 kB, but a fast matcher primed with 32 kB compresses all of it
// again (and throws the result away): with 8 kB the one-page sample's PDF
// is 134 bytes larger than with 32 kB, for a quarter of that work, and
// without priming 525 bytes larger than with 8 kB.
const primeWindow = 8 << 10

// workers bounds the goroutines that subset and compress one document's
// fonts. It is made per Write (no package-level state) with one slot per
// CPU that Go may use, and takes its compressors from the Writer's
// Compressors.
type workers struct {
	slots chan struct{}
	zs    *Compressors
}

func newWorkers(zs *Compressors) *workers { return newWorkersN(runtime.GOMAXPROCS(0), zs) }

func newWorkersN(n int, zs *Compressors) *workers {
	return &workers{slots: make(chan struct{}, n), zs: zs}
}

// run calls fn on a goroutine once a slot is free, and marks wg done after.
func (w *workers) run(wg *sync.WaitGroup, fn func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.slots <- struct{}{}
		defer func() { <-w.slots }()
		fn()
	}()
}

// zstream is a zlib stream being compressed in the background.
type zstream struct {
	wg    sync.WaitGroup
	data  []byte
	parts [][]byte
	errs  []error
}

// startDeflate starts compressing data as one zlib stream at fontLevel, in
// pieces of zlibChunk bytes compressed concurrently on w. Each piece is
// compressed on its own, primed with the primeWindow bytes of data before
// it (so it may refer back into the piece before), and each but the last
// ends with a sync flush, so the pieces join into one deflate stream that
// depends only on data.
func startDeflate(w *workers, data []byte) *zstream {
	n := (len(data) + zlibChunk - 1) / zlibChunk
	if n == 0 {
		n = 1
	}
	z := &zstream{data: data, parts: make([][]byte, n), errs: make([]error, n)}
	for i := range n {
		w.run(&z.wg, func() {
			start, end := i*zlibChunk, min((i+1)*zlibChunk, len(data))
			b := &sliceWriter{b: w.zs.buffer()}
			fw, err := w.zs.font(b, data[max(0, start-primeWindow):start])
			if err != nil {
				z.errs[i] = err
				return
			}
			defer w.zs.putFont(fw)
			if _, err := fw.Write(data[start:end]); err != nil {
				z.errs[i] = err
				return
			}
			if i == n-1 {
				err = fw.Close()
			} else {
				err = fw.Flush()
			}
			z.errs[i] = err
			z.parts[i] = b.b
		})
	}
	return z
}

// release gives the pieces' memory back to zs once they are written.
func (z *zstream) release(zs *Compressors) {
	for i, p := range z.parts {
		zs.putBuffer(p)
		z.parts[i] = nil
	}
}

// wait waits for the pieces and returns the zlib stream as the pieces it
// is written in (see objWriter.streamParts): a header, the deflate data
// and the Adler-32 of data.
func (z *zstream) wait() ([][]byte, error) {
	z.wg.Wait()
	for _, err := range z.errs {
		if err != nil {
			return nil, err
		}
	}
	// CMF: deflate, 32 kB window; FLG: "default" level, no dictionary, and
	// the check bits that make CMF·256+FLG a multiple of 31 (0x789c).
	out := make([][]byte, 0, len(z.parts)+2)
	out = append(out, []byte{0x78, 0x9c})
	out = append(out, z.parts...)
	return append(out, binary.BigEndian.AppendUint32(nil, adler32.Checksum(z.data))), nil
}
