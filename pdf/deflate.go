package pdf

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"runtime"
	"sync"
)

// fontLevel is the deflate level of the embedded font programs. Measured on
// the one-page sample's four subsets (450 kB; 325 kB of it the body face's),
// one core: Huffman-only coding gives 374 kB in 4 ms, level 4 300 kB in
// 15 ms, level 6 297 kB in 12 ms, level 9 297 kB in 14 ms. Level 6 takes
// 77 kB off every page for about 8 ms of CPU, which runs on the other cores
// while gopdf draws (see startDeflate). Go's compress/flate is pure Go, so a
// level gives the same bytes on every machine.
const fontLevel = flate.DefaultCompression

// zlibChunk is the size of the pieces a stream is compressed in, each on a
// goroutine of its own. A constant, so the bytes do not depend on GOMAXPROCS
// or on which piece finishes first.
const zlibChunk = 128 << 10

// workers bounds the goroutines that subset and compress one document's
// fonts. It is made per Write (no package-level state) with one slot per
// CPU that Go may use.
type workers chan struct{}

func newWorkers() workers { return make(workers, runtime.GOMAXPROCS(0)) }

// run calls fn on a goroutine once a slot is free, and marks wg done after.
func (w workers) run(wg *sync.WaitGroup, fn func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		w <- struct{}{}
		defer func() { <-w }()
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

// startDeflate starts compressing data as one zlib stream at level, in
// pieces of zlibChunk bytes compressed concurrently on w. Each piece but the
// first is primed with the 32 kB window before it (as pigz does), and each
// but the last ends with a sync flush, so the pieces join into one deflate
// stream, within a few bytes of what one compressor would write, and
// depending only on data and level.
func startDeflate(w workers, data []byte, level int) *zstream {
	n := (len(data) + zlibChunk - 1) / zlibChunk
	if n == 0 {
		n = 1
	}
	z := &zstream{data: data, parts: make([][]byte, n), errs: make([]error, n)}
	for i := range n {
		w.run(&z.wg, func() {
			start, end := i*zlibChunk, min((i+1)*zlibChunk, len(data))
			dict := data[max(0, start-32<<10):start]
			var b bytes.Buffer
			b.Grow((end-start)*3/4 + 64)
			fw, err := flate.NewWriterDict(&b, level, dict)
			if err != nil {
				z.errs[i] = err
				return
			}
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
			z.parts[i] = b.Bytes()
		})
	}
	return z
}

// bytes waits for the pieces and returns the zlib stream: a header, the
// deflate data and the Adler-32 of data.
func (z *zstream) bytes() ([]byte, error) {
	z.wg.Wait()
	size := 6
	for i, p := range z.parts {
		if z.errs[i] != nil {
			return nil, z.errs[i]
		}
		size += len(p)
	}
	out := make([]byte, 0, size)
	// CMF: deflate, 32 kB window; FLG: "default" level, no dictionary, and
	// the check bits that make CMF·256+FLG a multiple of 31 (0x789c).
	out = append(out, 0x78, 0x9c)
	for _, p := range z.parts {
		out = append(out, p...)
	}
	return binary.BigEndian.AppendUint32(out, adler32.Checksum(z.data)), nil
}
