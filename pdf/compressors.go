package pdf

import (
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"

	"github.com/broadsheet-news/broadsheet/images"
)

// Compressors lends compressors to the Writers that share it: a compressor
// at fontLevel holds about 1 MB of tables, a zlib one 0.7 MB, and a Writer
// uses two or three of each kind. A run that writes many documents (a
// batch) passes one Compressors to all of them (Options.Compressors), so
// that the tables are made once, not once a document, and their memory is
// not zeroed afresh for every edition: in a batch of one-page editions
// they were a third of every byte allocated. A compressor is reset before
// each use and keeps nothing of what it compressed, so the bytes written
// do not depend on sharing. It is safe for concurrent use; a Writer
// without one keeps its compressors to itself.
type Compressors struct {
	mu    sync.Mutex
	keep  int                    // compressors kept at most, of each kind
	fonts []*flate.Writer        // at fontLevel
	zlibs map[int][]*zlib.Writer // by level
	bufs  [][]byte               // for compressed pieces (startDeflate)
	jpegs []*images.JPEGOptimizer
}

// NewCompressors returns an empty Compressors that keeps, of each kind,
// as many compressors as two documents written at once on every core use.
func NewCompressors() *Compressors {
	return &Compressors{keep: 2 * runtime.GOMAXPROCS(0), zlibs: map[int][]*zlib.Writer{}}
}

// font returns a compressor at fontLevel writing to dst, primed with dict
// (the data before, which its output may refer back to; nil for none): a
// kept one reset, or a new one.
func (c *Compressors) font(dst io.Writer, dict []byte) (*flate.Writer, error) {
	c.mu.Lock()
	if n := len(c.fonts); n > 0 {
		z := c.fonts[n-1]
		c.fonts = c.fonts[:n-1]
		c.mu.Unlock()
		z.ResetDict(dst, dict) // never Reset: it would prime with the last dict
		return z, nil
	}
	c.mu.Unlock()
	return flate.NewWriterDict(dst, fontLevel, dict)
}

// putFont gives back a compressor font returned, once its stream is
// finished.
func (c *Compressors) putFont(z *flate.Writer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.fonts) < c.keep {
		c.fonts = append(c.fonts, z)
	}
}

// zlib returns a zlib compressor at level writing to dst: a kept one
// reset, or a new one.
func (c *Compressors) zlib(level int, dst io.Writer) (*zlib.Writer, error) {
	c.mu.Lock()
	if ws := c.zlibs[level]; len(ws) > 0 {
		z := ws[len(ws)-1]
		c.zlibs[level] = ws[:len(ws)-1]
		c.mu.Unlock()
		z.Reset(dst)
		return z, nil
	}
	c.mu.Unlock()
	return zlib.NewWriterLevel(dst, level)
}

// putZlib gives back a compressor zlib returned at level, once its stream
// is finished.
func (c *Compressors) putZlib(level int, z *zlib.Writer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.zlibs[level]) < c.keep {
		c.zlibs[level] = append(c.zlibs[level], z)
	}
}

// pieceBuffer is the capacity of a buffer buffer returns: a piece of
// zlibChunk bytes compressed to three quarters of its size (the outlines of
// the sample's faces compress to 60 to 70%).
const pieceBuffer = zlibChunk*3/4 + 64

// buffer returns an empty slice to compress a piece into: a kept one, or a
// new one of pieceBuffer bytes.
func (c *Compressors) buffer() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.bufs); n > 0 {
		b := c.bufs[n-1]
		c.bufs = c.bufs[:n-1]
		return b[:0]
	}
	return make([]byte, 0, pieceBuffer)
}

// putBuffer gives back a slice buffer returned, once what it holds is
// written.
func (c *Compressors) putBuffer(b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cap(b) >= pieceBuffer && len(c.bufs) < 4*c.keep {
		c.bufs = append(c.bufs, b)
	}
}

// jpegOptimizer returns a JPEG optimizer: a kept one, with its buffers, or
// a new one.
func (c *Compressors) jpegOptimizer() *images.JPEGOptimizer {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.jpegs); n > 0 {
		o := c.jpegs[n-1]
		c.jpegs = c.jpegs[:n-1]
		return o
	}
	return &images.JPEGOptimizer{}
}

// putJPEGOptimizer gives back an optimizer jpegOptimizer returned.
func (c *Compressors) putJPEGOptimizer(o *images.JPEGOptimizer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.jpegs) < c.keep {
		c.jpegs = append(c.jpegs, o)
	}
}
