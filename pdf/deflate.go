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
// version and level give the same bytes on every machine). Measured on the
// one-page sample's five subsets (461 kB, glyphs in order of first use) by
// BenchmarkFontLevels, -cpu 1, user CPU time of 40 runs at a load average
// of 9 to 14 (so ±30%): compress/flate at level 6, the level used before,
// gives 311.3 kB in 12.8 ms; klauspost's level 7 310.9 kB in 8.5 ms, its
// level 6 314.2 kB in 7.5 ms and level 5 316.6 kB in 5.7 ms; compress/flate
// at level 1 336.5 kB. Level 7 is as small as before for two thirds of the
// time (Typst embeds the same subsets in 291 kB); the pieces are
// compressed on every core at Close (see startDeflate).
const fontLevel = 7

// zlibChunk is the size of the pieces a stream is compressed in, each on a
// goroutine of its own. A constant, so the bytes do not depend on GOMAXPROCS
// or on which piece finishes first.
const zlibChunk = 128 << 10

// deflateWindow is how far back deflate refers: the data before a piece
// that its compressor is primed with.
const deflateWindow = 32 << 10

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
// compressed on its own, primed with the window of data before it (so it
// may refer back into the piece before, as one compressor would), and
// each but the last ends with a sync flush, so the pieces join into one
// deflate stream that depends only on data. Unprimed pieces made the body
// face's subset of the one-page sample 1.4 kB larger.
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
			fw, err := w.zs.font(b, data[max(0, start-deflateWindow):start])
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
