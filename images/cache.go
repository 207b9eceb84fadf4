package images

import (
	"crypto/sha256"
	"image"
	"sync"
	"sync/atomic"
)

// Cache remembers what validating each image found, by the image's content
// (its SHA-256), and keeps decoded pixels up to a budget. One cache serves
// a whole run: a batch meets a photo or an ad that several editions share
// once, a watcher re-validates only the files that changed since the last
// save, and a preview draws from the pixels loading decoded. What it
// returns is what Decode of the same bytes returns, so a cache never
// changes output, only the time it takes. A nil *Cache caches nothing.
// It is safe for concurrent use.
type Cache struct {
	budget int64 // bytes of decoded pixels kept at most

	// optimize: validate JPEGs with OptimizeJPEG's walk (see
	// NewOptimizingCache); optBudget: bytes of optimised JPEGs kept at
	// most (OptimizedJPEG), optHeld: kept now (guarded by mu).
	optimize           bool
	optBudget, optHeld int64

	mu    sync.Mutex
	m     map[[sha256.Size]byte]*entry
	memo  map[memoKey]*memoEntry // what Memo computed, by content and name
	held  int64                  // bytes of pixels kept now
	clock uint64                 // for least-recently-used eviction

	decodes atomic.Int64 // whole decodes done, and
	checks  atomic.Int64 // Validate calls made (for tests)

	gate *memGate // holds decodes and checks to DecodeBudget
}

// entry is one image's result. done is closed once info and err are set
// (the first caller decodes, the others wait).
type entry struct {
	done chan struct{}
	info Info
	err  error

	// Guarded by Cache.mu.
	img     image.Image // nil when not kept (or evicted)
	size    int64
	used    uint64
	derived map[string]any // what Derived computed from the pixels, by name
}

// NewCache returns a cache keeping up to pixelBudget bytes of decoded
// pixels (least recently used dropped first); 0 keeps none, only what
// validation found — what a batch or a render needs.
func NewCache(pixelBudget int64) *Cache {
	return &Cache{budget: pixelBudget, optBudget: pixelBudget, m: map[[sha256.Size]byte]*entry{}, gate: newMemGate(DecodeBudget)}
}

// OptimizedKeep is the keep a render's or a batch's NewOptimizingCache is
// given: as many bytes of optimised photos, held between checking and
// writing, as an edition keeps of its files (editions' keptBytes); past
// that the writer optimises a photo itself, so memory stays flat however
// many photos.
const OptimizedKeep = 32 << 20

// NewOptimizingCache returns a cache that keeps no pixels and validates a
// plain baseline JPEG with OptimizeJPEG's walk, which checks it as
// Validate does and optimises it in the same pass, and holds the result
// for OptimizedJPEG, which returns it once and lets it go (a document
// embeds a photo once): up to keep bytes of optimised JPEGs held at a
// time (past that, or asked again, OptimizedJPEG optimises). A render or
// a batch validates its photos beside composing, so the PDF writer finds
// them optimised, and memory stays flat however many photos.
func NewOptimizingCache(keep int64) *Cache {
	return &Cache{optimize: true, optBudget: keep, m: map[[sha256.Size]byte]*entry{}, gate: newMemGate(DecodeBudget)}
}

// Validate is Validate of data, once per content.
func (c *Cache) Validate(data []byte) (Info, error) {
	if c == nil {
		return Validate(data)
	}
	return c.ValidateSum(data, sha256.Sum256(data))
}

// ValidateSum is Validate of data whose SHA-256 the caller has computed
// already (a batch hashes each file for its key): sum, which must be
// data's SHA-256, is the cache's key, so data is not hashed again.
func (c *Cache) ValidateSum(data []byte, sum [sha256.Size]byte) (Info, error) {
	if c == nil {
		return Validate(data)
	}
	e, first := c.lookupSum(sum)
	if first {
		c.fill(e, data, false)
	}
	<-e.done
	return e.info, e.err
}

// Decode is Decode of data: the pixels come from the cache when it kept
// them, and are decoded (and kept, within the budget) when not.
func (c *Cache) Decode(data []byte) (Info, image.Image, error) {
	if c == nil {
		return Decode(data)
	}
	e, first := c.lookup(data)
	return c.pixels(e, data, first)
}

// pixels returns data's pixels for its entry e: decoded now when the caller
// is the first to ask (first) or when they were not kept, else the kept
// ones.
func (c *Cache) pixels(e *entry, data []byte, first bool) (Info, image.Image, error) {
	if first {
		if img := c.fill(e, data, true); img != nil {
			return e.info, img, nil
		}
	}
	<-e.done
	if e.err != nil {
		return e.info, nil, e.err
	}
	c.mu.Lock()
	img := e.img
	if img != nil {
		c.clock++
		e.used = c.clock
	}
	c.mu.Unlock()
	if img != nil {
		return e.info, img, nil
	}
	c.decodes.Add(1)
	cost := c.gate.acquire(decodeCost(data))
	info, img, err := Decode(data)
	c.gate.release(cost)
	if err == nil {
		c.keep(e, img)
	}
	return info, img, err
}

// Derived returns fn of data's decoded pixels, computed once per content
// and name for the cache's life, pixels kept or not: a batch measures the
// ink of an ad that every edition carries once, not once an edition (with
// no pixel budget, a decode each time: 6% of a batch's CPU on the
// generated archive). fn must depend on the pixels only, and name must
// say what it computes. An image that does not decode returns Decode's
// error. With a nil cache it decodes and computes every time.
func Derived[T any](c *Cache, data []byte, name string, fn func(image.Image) T) (T, error) {
	var sum [sha256.Size]byte
	if c != nil {
		sum = sha256.Sum256(data)
	}
	return DerivedSum(c, data, sum, name, fn)
}

// DerivedSum is Derived of data whose SHA-256 the caller has computed
// already: sum, which must be data's SHA-256, is the cache's key.
func DerivedSum[T any](c *Cache, data []byte, sum [sha256.Size]byte, name string, fn func(image.Image) T) (T, error) {
	var zero T
	if c == nil {
		_, img, err := Decode(data)
		if err != nil {
			return zero, err
		}
		return fn(img), nil
	}
	e, first := c.lookupSum(sum)
	if !first {
		c.mu.Lock()
		v, ok := e.derived[name]
		c.mu.Unlock()
		if ok {
			return v.(T), nil
		}
	}
	_, img, err := c.pixels(e, data, first)
	if err != nil {
		return zero, err
	}
	t := fn(img)
	c.mu.Lock()
	if e.derived == nil {
		e.derived = map[string]any{}
	}
	e.derived[name] = t
	c.mu.Unlock()
	return t, nil
}

// memoKey and memoEntry hold what Memo computed: one value (or error) per
// content and name; done is closed once it is set.
type memoKey struct {
	sum  [sha256.Size]byte
	name string
}

type memoEntry struct {
	done chan struct{}
	v    any
	err  error
}

// Memo returns fn's result for the file whose SHA-256 is sum, computed
// once per content and name for the cache's life (the first caller
// computes, the others wait): a batch inspects a PDF ad that every
// edition carries once, not once an edition. fn must depend on the file's
// content only, and name must say what it computes. With a nil cache it
// computes every time.
func Memo[T any](c *Cache, sum [sha256.Size]byte, name string, fn func() (T, error)) (T, error) {
	if c == nil {
		return fn()
	}
	k := memoKey{sum, name}
	c.mu.Lock()
	if c.memo == nil {
		c.memo = map[memoKey]*memoEntry{}
	}
	e, ok := c.memo[k]
	if !ok {
		e = &memoEntry{done: make(chan struct{})}
		c.memo[k] = e
	}
	c.mu.Unlock()
	if ok {
		<-e.done
	} else {
		var v T
		v, e.err = fn()
		e.v = v
		close(e.done)
	}
	return e.v.(T), e.err
}

// optimizedName is the name OptimizedJPEG keeps its result by in an
// entry's derived values.
const optimizedName = "images.OptimizeJPEG"

// OptimizedJPEG is OptimizeJPEG of data, with o's buffers when o is not
// nil. A cache NewCache made computes it once per content and keeps it
// for the cache's life, within its pixel budget (a watch writes the same
// photos into every PDF it writes, and an optimised photo is about a
// tenth of its pixels); one NewOptimizingCache made returns, once, what
// validating data optimised, else optimises. With a nil cache it
// optimises every time. The result is read-only: it may be data, or what
// an earlier call returned.
func (c *Cache) OptimizedJPEG(data []byte, o *JPEGOptimizer) []byte {
	if o == nil {
		o = &JPEGOptimizer{}
	}
	if c == nil {
		return o.Optimize(data)
	}
	e, first := c.lookupSum(sha256.Sum256(data))
	if first {
		c.fill(e, data, false) // an entry is always filled
	}
	<-e.done
	c.mu.Lock()
	v, ok := e.derived[optimizedName]
	if ok && c.optimize { // held for this call: let go
		delete(e.derived, optimizedName)
		c.optHeld -= int64(len(v.([]byte)))
	}
	c.mu.Unlock()
	if ok {
		return v.([]byte)
	}
	out := o.Optimize(data)
	if !c.optimize {
		c.keepOptimized(e, out)
	}
	return out
}

// keepOptimized keeps out as e's optimised JPEG if the budget allows.
func (c *Cache) keepOptimized(e *entry, out []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := e.derived[optimizedName]; ok || c.optHeld+int64(len(out)) > c.optBudget {
		return
	}
	if e.derived == nil {
		e.derived = map[string]any{}
	}
	e.derived[optimizedName] = out
	c.optHeld += int64(len(out))
}

// lookup returns data's entry, and whether the caller is the first to ask
// (and so must fill it).
func (c *Cache) lookup(data []byte) (*entry, bool) {
	return c.lookupSum(sha256.Sum256(data))
}

// lookupSum is lookup of the data whose SHA-256 is key.
func (c *Cache) lookupSum(key [sha256.Size]byte) (*entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok {
		return e, false
	}
	e := &entry{done: make(chan struct{})}
	c.m[key] = e
	return e, true
}

// fill validates data into e. With pixels (a caller that needs them), or
// in a cache that keeps them, it decodes whole, keeps the pixels within
// the budget and returns them (nil on an error); otherwise it only
// validates (Validate, which need not compute them) and returns nil.
func (c *Cache) fill(e *entry, data []byte, pixels bool) image.Image {
	cost := c.gate.acquire(decodeCost(data))
	defer c.gate.release(cost)
	if !pixels && c.budget == 0 {
		c.checks.Add(1)
		if c.optimize {
			var out []byte
			e.info, out, e.err = validateOptimizing(data, &JPEGOptimizer{})
			if e.err == nil && e.info.Format == "jpeg" {
				c.keepOptimized(e, out)
			}
		} else {
			e.info, e.err = Validate(data)
		}
		close(e.done)
		return nil
	}
	c.decodes.Add(1)
	info, img, err := Decode(data)
	e.info, e.err = info, err
	close(e.done)
	if err != nil {
		return nil
	}
	c.keep(e, img)
	return img
}

// keep holds img in e if the budget allows, dropping the pixels of the
// least recently used entries to make room.
func (c *Cache) keep(e *entry, img image.Image) {
	size := pixelBytes(img)
	if size > c.budget {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	e.used = c.clock
	if e.img != nil {
		return
	}
	for c.held+size > c.budget {
		var old *entry
		for _, o := range c.m {
			if o.img != nil && (old == nil || o.used < old.used) {
				old = o
			}
		}
		if old == nil {
			return
		}
		c.held -= old.size
		old.img, old.size = nil, 0
	}
	e.img, e.size = img, size
	c.held += size
}

// pixelBytes is the memory an image's pixels take.
func pixelBytes(img image.Image) int64 {
	switch m := img.(type) {
	case *image.YCbCr:
		return int64(len(m.Y) + len(m.Cb) + len(m.Cr))
	case *image.Gray:
		return int64(len(m.Pix))
	case *image.Gray16:
		return int64(len(m.Pix))
	case *image.RGBA:
		return int64(len(m.Pix))
	case *image.NRGBA:
		return int64(len(m.Pix))
	case *image.RGBA64:
		return int64(len(m.Pix))
	case *image.NRGBA64:
		return int64(len(m.Pix))
	case *image.CMYK:
		return int64(len(m.Pix))
	case *image.Paletted:
		return int64(len(m.Pix))
	}
	b := img.Bounds()
	return int64(b.Dx()) * int64(b.Dy()) * 8
}
