// Package preview draws the pages of a display list as raster images (PNG),
// for a layout editor to look at while working: the same display list the
// PDF writer prints, with the problems the composer found marked in colour
// and labelled on the page, and the module boundaries on request.
//
// It is a second writer beside package pdf, pure Go, and like it depends on
// the display list and the fonts alone. Glyphs are drawn from the outlines
// of the same TrueType faces the PDF embeds (parsed with
// golang.org/x/image/font/sfnt), rasterised with golang.org/x/image/vector;
// photos (JPEG, PNG) are decoded, scaled and clipped to their frames.
// Imported PDF pages (ads as vectors) are not rendered: they show as a
// grey, labelled placeholder box of their frame.
//
// Colours are converted from CMYK to RGB the way poppler converts
// DeviceCMYK without colour management, so that a preview matches a
// pdftoppm rendering of the PDF.
package preview

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"github.com/klauspost/compress/flate"
	"hash/adler32"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // photos
	"io"
	"math"
	"path/filepath"
	"runtime"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/units"
)

// DefaultDPI is the resolution when Options.DPI is zero.
const DefaultDPI = 100

// Options say how pages are drawn.
type Options struct {
	DPI float64 // pixels per inch; DefaultDPI when 0
	// Modules draws the frame of every module (display.Page.Modules).
	Modules bool
	// Plain leaves the diagnostics unmarked: the page as printed.
	Plain bool
}

func (o Options) dpi() float64 {
	if o.DPI <= 0 {
		return DefaultDPI
	}
	return o.DPI
}

// Mark is a diagnostic as marked on a page image: its place in pixels, for
// a viewer to link the diagnostic to.
type Mark struct {
	Diagnostic int // index into Document.Diagnostics; -1 for a missing glyph found by the preview
	Code       diag.Code
	Severity   display.Severity
	Label      string
	Rect       image.Rectangle // in the page image's pixels
}

// Page is one page drawn.
type Page struct {
	Number int // the folio
	Image  *image.RGBA
	Marks  []Mark
}

// Renderer draws pages. It keeps the faces' outlines and the glyph masks
// between calls, and decoded photos in its image cache, so a watcher
// redrawing an edition after each save pays for them once. It is safe for concurrent use; Page calls
// are serialised.
type Renderer struct {
	lib *fonts.Library

	mu     sync.Mutex
	faces  map[string]*outlineFace
	masks  map[maskKey]*glyphMask
	images *images.Cache
	z      vector.Rasterizer
	buf    sfnt.Buffer
}

// PixelBudget is the memory for decoded photos that NewRenderer's own
// cache keeps when it is given none: about forty 2,400 × 1,600 photos.
const PixelBudget = 256 << 20

// NewRenderer returns a renderer drawing glyphs from lib's faces and photos
// through cache: pass the cache the edition was loaded with
// (editions.LoadOptions.Images, keeping pixels) and photos are decoded once
// for both. Nil gives the renderer a cache of its own of PixelBudget.
func NewRenderer(lib *fonts.Library, cache *images.Cache) *Renderer {
	if cache == nil {
		cache = images.NewCache(PixelBudget)
	}
	return &Renderer{lib: lib, faces: map[string]*outlineFace{}, masks: map[maskKey]*glyphMask{}, images: cache}
}

// outlineFace is a library face with its outlines.
type outlineFace struct {
	face *fonts.Face
	font *sfnt.Font
}

// maskKey names one glyph drawn at one size and sub-pixel phase.
type maskKey struct {
	face   string
	gid    uint16
	ppem   fixed.Int26_6
	fx, fy uint8 // sub-pixel offset in quarter pixels
}

// glyphMask is a glyph's coverage, with the offset of its top-left from
// the glyph's origin (rounded down to the pixel).
type glyphMask struct {
	mask   *image.Alpha
	dx, dy int
}

// geom converts page coordinates to pixels.
type geom struct {
	ox, oy units.Length // the media box's top-left
	scale  float64      // pixels per point
}

func (g geom) x(l units.Length) float64 { return float64(l-g.ox) / 1000 * g.scale }
func (g geom) y(l units.Length) float64 { return float64(l-g.oy) / 1000 * g.scale }
func (g geom) rect(r display.Rect) (x0, y0, x1, y1 float64) {
	return g.x(r.X), g.y(r.Y), g.x(r.X + r.W), g.y(r.Y + r.H)
}

// pixelRect is the rectangle of pixels whose centres lie inside r (as a
// PDF renderer fills a rectangle).
func (g geom) pixelRect(r display.Rect) image.Rectangle {
	x0, y0, x1, y1 := g.rect(r)
	return image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
}

// Size returns the size in pixels of page p drawn at dpi: the media box,
// rounded up to whole pixels.
func Size(p *display.Page, dpi float64) image.Point {
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	return image.Pt(int(math.Ceil(p.Media.W.Points()*dpi/72-1e-6)), int(math.Ceil(p.Media.H.Points()*dpi/72-1e-6)))
}

// Page draws page index i (0-based) of doc.
func (r *Renderer) Page(doc *display.Document, i int, opts Options) (*Page, error) {
	if i < 0 || i >= len(doc.Pages) {
		return nil, fmt.Errorf("page index %d: the document has %d pages", i, len(doc.Pages))
	}
	p := &doc.Pages[i]
	if p.Media.W <= 0 || p.Media.H <= 0 {
		return nil, fmt.Errorf("page %d: empty media box", p.Number)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	dpi := opts.dpi()
	sz := Size(p, dpi)
	img := image.NewRGBA(image.Rectangle{Max: sz})
	fillWhite(img)
	g := geom{ox: p.Media.X, oy: p.Media.Y, scale: dpi / 72}
	out := &Page{Number: p.Number, Image: img}
	r.prepareMasks(p, g) // first: photos may still be decoding from loading
	photos, err := r.decodeAll(p)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	var missing []missingGlyph
	for j, it := range p.Items {
		var err error
		switch it := it.(type) {
		case *display.GlyphRun:
			missing, err = r.run(img, g, it, missing)
		case *display.Rule:
			r.rule(img, g, it)
		case *display.Box:
			r.box(img, g, it)
		case *display.Image:
			err = r.image(img, g, it, photos[it.Source])
		case *display.PDFPage:
			err = r.placeholder(img, g, it)
		default:
			err = fmt.Errorf("unknown item %T", it)
		}
		if err != nil {
			return nil, fmt.Errorf("page %d item %d: %w", p.Number, j+1, err)
		}
	}
	if opts.Modules {
		for _, m := range p.Modules {
			label := m.Article
			if label == "" {
				label = "ad"
			}
			r.frame(img, g.pixelRect(m.Frame), moduleColor, 1, label, false)
		}
	}
	if !opts.Plain {
		out.Marks = r.marks(img, g, doc, p, missing)
	}
	return out, nil
}

// fillWhite paints img white by doubling copies (a memmove, not a loop
// over 13 MB of bytes).
func fillWhite(img *image.RGBA) {
	p := img.Pix
	if len(p) == 0 {
		return
	}
	p[0] = 0xff
	for n := 1; n < len(p); n *= 2 {
		copy(p[n:], p[:n])
	}
}

// RGB converts a display colour as poppler converts DeviceCMYK without a
// colour profile (xpdf's blend of the sixteen corners of the CMYK cube), so
// that a preview looks as a PDF viewer shows the page: process black is a
// very dark grey, not #000.
func RGB(c display.Color) color.RGBA {
	// xpdf's RGB for the sixteen corners of the CMYK cube, indexed by the
	// inks present: C, M, Y, K from the high bit down.
	corners := [16][3]float64{
		{1, 1, 1}, {0.1373, 0.1216, 0.1255}, {1, 0.9490, 0}, {0.1098, 0.1020, 0},
		{0.9255, 0, 0.5490}, {0.1412, 0, 0}, {0.9294, 0.1098, 0.1412}, {0.1333, 0, 0},
		{0, 0.6784, 0.9373}, {0, 0.0588, 0.1412}, {0, 0.6510, 0.3137}, {0, 0.0745, 0},
		{0.1804, 0.1922, 0.5725}, {0, 0, 0.0078}, {0.2118, 0.2119, 0.2235}, {0, 0, 0},
	}
	ink := [4]float64{ch(c.C), ch(c.M), ch(c.Y), ch(c.K)}
	var rgb [3]float64
	for i, corner := range corners {
		x := 1.0
		for j, v := range ink {
			if i>>(3-j)&1 == 1 {
				x *= v
			} else {
				x *= 1 - v
			}
		}
		for k := range rgb {
			rgb[k] += corner[k] * x
		}
	}
	return color.RGBA{R: byte8(rgb[0]), G: byte8(rgb[1]), B: byte8(rgb[2]), A: 0xff}
}

func ch(v int) float64 { return math.Min(1, math.Max(0, float64(v)/1000)) }

func byte8(v float64) uint8 { return uint8(math.Round(math.Min(1, math.Max(0, v)) * 255)) }

// face returns the named face with its outlines, parsing them once.
func (r *Renderer) face(name string) (*outlineFace, error) {
	if f, ok := r.faces[name]; ok {
		return f, nil
	}
	face, err := r.lib.Face(name)
	if err != nil {
		return nil, fmt.Errorf("font %q: %w", name, err)
	}
	font, err := sfnt.Parse(face.Bytes())
	if err != nil {
		return nil, fmt.Errorf("font %q outlines: %w", name, err)
	}
	f := &outlineFace{face: face, font: font}
	r.faces[name] = f
	return f, nil
}

// missingGlyph is a character drawn in a face that has no glyph for it.
type missingGlyph struct {
	r    rune
	rect image.Rectangle
}

// run draws a glyph run: each character's outline at its X on the
// baseline, the characters of a cluster one after the other.
func (r *Renderer) run(img *image.RGBA, g geom, run *display.GlyphRun, missing []missingGlyph) ([]missingGlyph, error) {
	if run.Size <= 0 {
		return missing, fmt.Errorf("glyph run in %q at size %v", run.Face, run.Size)
	}
	f, err := r.face(run.Face)
	if err != nil {
		return missing, err
	}
	src := image.NewUniform(RGB(run.Color))
	ppemF := run.Size.Points() * g.scale
	err = eachGlyph(f, g, run, func(ru rune, gid uint16, ok bool, ppem fixed.Int26_6, x, by, adv float64) error {
		if !ok && ru != ' ' && ru != '\u3000' {
			a := math.Max(adv, ppemF/2)
			missing = append(missing, missingGlyph{r: ru, rect: image.Rect(int(x), int(by-ppemF*0.88), int(math.Ceil(x+a)), int(math.Ceil(by+ppemF*0.12)))})
		}
		if !ok || gid == 0 {
			return nil
		}
		m, err := r.mask(f, run.Face, gid, ppem, x, by)
		if err != nil {
			return fmt.Errorf("glyph %q in %q: %w", ru, run.Face, err)
		}
		if m.mask != nil {
			ix, iy := int(math.Floor(x)), int(math.Floor(by))
			rect := m.mask.Rect.Add(image.Pt(ix+m.dx, iy+m.dy))
			draw.DrawMask(img, rect, src, image.Point{}, m.mask, m.mask.Rect.Min, draw.Over)
		}
		return nil
	})
	return missing, err
}

// eachGlyph calls fn for each character of run with its glyph (ok false
// when the face has none), the size in pixels, its origin (x, by) and its
// advance in pixels.
func eachGlyph(f *outlineFace, g geom, run *display.GlyphRun, fn func(ru rune, gid uint16, ok bool, ppem fixed.Int26_6, x, by, adv float64) error) error {
	ppem := fixed.Int26_6(math.Round(run.Size.Points() * g.scale * 64))
	by := g.y(run.Baseline)
	for _, gl := range run.Glyphs {
		x := g.x(gl.X)
		for _, ru := range gl.Text {
			gid, ok := f.face.GlyphIndex(ru)
			adv := float64(f.face.Advance(ru, run.Size)) / 1000 * g.scale
			if err := fn(ru, gid, ok, ppem, x, by, adv); err != nil {
				return err
			}
			x += adv
		}
	}
	return nil
}

// prepareMasks rasterises, on all CPUs, the glyph masks the page's runs
// need that the renderer does not have yet: outlines are most of the time
// of drawing a page the first time. A glyph that fails is left for run to
// report.
func (r *Renderer) prepareMasks(p *display.Page, g geom) {
	type job struct {
		f   *outlineFace
		key maskKey
		m   *glyphMask
	}
	var jobs []*job
	seen := map[maskKey]bool{}
	for _, it := range p.Items {
		run, ok := it.(*display.GlyphRun)
		if !ok || run.Size <= 0 {
			continue
		}
		f, err := r.face(run.Face)
		if err != nil {
			continue
		}
		eachGlyph(f, g, run, func(_ rune, gid uint16, ok bool, ppem fixed.Int26_6, x, by, _ float64) error {
			if !ok || gid == 0 {
				return nil
			}
			key := maskKeyAt(run.Face, gid, ppem, x, by)
			if _, have := r.masks[key]; !have && !seen[key] {
				seen[key] = true
				jobs = append(jobs, &job{f: f, key: key})
			}
			return nil
		})
	}
	workers := min(runtime.GOMAXPROCS(0), len(jobs)/64)
	if workers < 2 {
		return // not worth the goroutines: run draws them as it goes
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf sfnt.Buffer
			var z vector.Rasterizer
			for i := w; i < len(jobs); i += workers {
				jobs[i].m, _ = rasterize(jobs[i].f, jobs[i].key, &buf, &z)
			}
		}()
	}
	wg.Wait()
	for _, j := range jobs {
		if j.m != nil {
			r.masks[j.key] = j.m
		}
	}
}

// maskKeyAt is the cache key of glyph gid drawn with its origin at (x, y)
// pixels: masks are cached by the origin's quarter-pixel phase.
func maskKeyAt(name string, gid uint16, ppem fixed.Int26_6, x, y float64) maskKey {
	fx := uint8(math.Floor((x - math.Floor(x)) * 4))
	fy := uint8(math.Floor((y - math.Floor(y)) * 4))
	return maskKey{face: name, gid: gid, ppem: ppem, fx: fx, fy: fy}
}

// mask returns glyph gid's coverage for an origin at (x, y) pixels.
func (r *Renderer) mask(f *outlineFace, name string, gid uint16, ppem fixed.Int26_6, x, y float64) (*glyphMask, error) {
	key := maskKeyAt(name, gid, ppem, x, y)
	if m, ok := r.masks[key]; ok {
		return m, nil
	}
	m, err := rasterize(f, key, &r.buf, &r.z)
	if err != nil {
		return nil, err
	}
	r.masks[key] = m
	return m, nil
}

// rasterize draws the glyph key names from its outline, with buf and z as
// scratch (one pair per goroutine: the face's outlines may be read by
// several at once).
func rasterize(f *outlineFace, key maskKey, buf *sfnt.Buffer, z *vector.Rasterizer) (*glyphMask, error) {
	fx, fy := key.fx, key.fy
	segs, err := f.font.LoadGlyph(buf, sfnt.GlyphIndex(key.gid), key.ppem, nil)
	if err != nil {
		return nil, err
	}
	m := &glyphMask{}
	if len(segs) == 0 {
		return m, nil
	}
	ox, oy := float32(fx)/4+0.125, float32(fy)/4+0.125
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, s := range segs {
		n := 1
		switch s.Op {
		case sfnt.SegmentOpQuadTo:
			n = 2
		case sfnt.SegmentOpCubeTo:
			n = 3
		}
		for _, a := range s.Args[:n] {
			px, py := float32(a.X)/64+ox, float32(a.Y)/64+oy
			minX, maxX = min(minX, px), max(maxX, px)
			minY, maxY = min(minY, py), max(maxY, py)
		}
	}
	x0, y0 := int(math.Floor(float64(minX))), int(math.Floor(float64(minY)))
	x1, y1 := int(math.Ceil(float64(maxX))), int(math.Ceil(float64(maxY)))
	w, h := x1-x0, y1-y0
	if w <= 0 || h <= 0 {
		return m, nil
	}
	z.Reset(w, h)
	dx, dy := ox-float32(x0), oy-float32(y0)
	for _, s := range segs {
		a := s.Args
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			z.ClosePath()
			z.MoveTo(fl(a[0].X)+dx, fl(a[0].Y)+dy)
		case sfnt.SegmentOpLineTo:
			z.LineTo(fl(a[0].X)+dx, fl(a[0].Y)+dy)
		case sfnt.SegmentOpQuadTo:
			z.QuadTo(fl(a[0].X)+dx, fl(a[0].Y)+dy, fl(a[1].X)+dx, fl(a[1].Y)+dy)
		case sfnt.SegmentOpCubeTo:
			z.CubeTo(fl(a[0].X)+dx, fl(a[0].Y)+dy, fl(a[1].X)+dx, fl(a[1].Y)+dy, fl(a[2].X)+dx, fl(a[2].Y)+dy)
		}
	}
	z.ClosePath()
	m.mask = image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(m.mask, m.mask.Rect, image.Opaque, image.Point{})
	m.dx, m.dy = x0, y0
	return m, nil
}

func fl(v fixed.Int26_6) float32 { return float32(v) / 64 }

// fill fills the polygon pts (pixels) with c, anti-aliased.
func (r *Renderer) fill(img *image.RGBA, c color.Color, pts ...[2]float64) {
	if len(pts) < 3 {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	b := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	clip := b.Intersect(img.Rect)
	if clip.Empty() {
		return
	}
	z := &r.z
	z.Reset(b.Dx(), b.Dy())
	z.MoveTo(float32(pts[0][0]-float64(b.Min.X)), float32(pts[0][1]-float64(b.Min.Y)))
	for _, p := range pts[1:] {
		z.LineTo(float32(p[0]-float64(b.Min.X)), float32(p[1]-float64(b.Min.Y)))
	}
	z.ClosePath()
	dst := img.SubImage(b).(*image.RGBA)
	if b != clip {
		// The rasteriser draws its whole area: draw into a scratch mask
		// and composite the part on the page.
		m := image.NewAlpha(image.Rect(0, 0, b.Dx(), b.Dy()))
		z.Draw(m, m.Rect, image.Opaque, image.Point{})
		draw.DrawMask(img, clip, image.NewUniform(c), image.Point{}, m, clip.Min.Sub(b.Min), draw.Over)
		return
	}
	z.Draw(dst, b, image.NewUniform(c), image.Point{})
}

// rect fills the rectangle (x0, y0)–(x1, y1) in pixels.
func (r *Renderer) rect(img *image.RGBA, c color.Color, x0, y0, x1, y1 float64) {
	r.fill(img, c, [2]float64{x0, y0}, [2]float64{x1, y0}, [2]float64{x1, y1}, [2]float64{x0, y1})
}

// rule draws a straight line as the quadrilateral its width sweeps, at
// least a hairline wide.
func (r *Renderer) rule(img *image.RGBA, g geom, ru *display.Rule) {
	x0, y0, x1, y1 := g.x(ru.From.X), g.y(ru.From.Y), g.x(ru.To.X), g.y(ru.To.Y)
	w := math.Max(ru.Width.Points()*g.scale, 1)
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	r.fill(img, RGB(ru.Color), [2]float64{x0 + nx, y0 + ny}, [2]float64{x1 + nx, y1 + ny}, [2]float64{x1 - nx, y1 - ny}, [2]float64{x0 - nx, y0 - ny})
}

// box fills and strokes a rectangle.
func (r *Renderer) box(img *image.RGBA, g geom, b *display.Box) {
	x0, y0, x1, y1 := g.rect(b.Frame)
	if b.Fill != nil {
		r.rect(img, RGB(*b.Fill), x0, y0, x1, y1)
	}
	if b.Stroke != nil && b.StrokeWidth > 0 {
		c := RGB(*b.Stroke)
		w := math.Max(b.StrokeWidth.Points()*g.scale, 1) / 2
		r.rect(img, c, x0-w, y0-w, x1+w, y0+w)
		r.rect(img, c, x0-w, y1-w, x1+w, y1+w)
		r.rect(img, c, x0-w, y0+w, x0+w, y1-w)
		r.rect(img, c, x1-w, y0+w, x1+w, y1-w)
	}
}

// decodeAll reads and decodes the page's images, on all CPUs, through the
// renderer's image cache (so pixels that loading or an earlier page
// decoded are not decoded again), and returns them upright by file.
func (r *Renderer) decodeAll(p *display.Page) (map[string]image.Image, error) {
	var paths []string
	seen := map[string]bool{}
	for _, it := range p.Items {
		if im, ok := it.(*display.Image); ok && !seen[im.Source] {
			seen[im.Source] = true
			paths = append(paths, im.Source)
		}
	}
	out := make([]image.Image, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, path := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = r.decode(path)
		}()
	}
	wg.Wait()
	m := make(map[string]image.Image, len(paths))
	for i, path := range paths {
		if errs[i] != nil {
			return nil, fmt.Errorf("image: %w", errs[i])
		}
		m[path] = out[i]
	}
	return m, nil
}

// decode reads the image file at path and returns it upright.
func (r *Renderer) decode(path string) (image.Image, error) {
	data, err := fsafe.ReadFile(path, fsafe.MaxImage)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", filepath.Base(path), fsafe.Explain(err))
	}
	info, im, err := r.images.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s %w", filepath.Base(path), err)
	}
	return images.Upright(im, info.Orientation), nil
}

// image draws a photo: the whole image scaled to Draw, clipped to Frame.
func (r *Renderer) image(img *image.RGBA, g geom, im *display.Image, src image.Image) error {
	dr := im.Draw
	if dr.W <= 0 || dr.H <= 0 {
		dr = im.Frame
	}
	clip := g.pixelRect(im.Frame).Intersect(img.Rect)
	if clip.Empty() {
		return nil
	}
	x0, y0, x1, y1 := g.rect(dr)
	// The scaler maps whole pixels: map the draw rectangle's rounded
	// corners, which keeps the image within half a pixel of where the PDF
	// puts it.
	target := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
	xdraw.ApproxBiLinear.Scale(img.SubImage(clip).(*image.RGBA), target, src, src.Bounds(), draw.Over, nil)
	return nil
}

// placeholder shows an imported PDF page (an ad drawn as vectors in the
// PDF) as a light grey box with its file name: the preview does not render
// PDF content.
func (r *Renderer) placeholder(img *image.RGBA, g geom, p *display.PDFPage) error {
	rect := g.pixelRect(p.Frame)
	x0, y0, x1, y1 := g.rect(p.Frame)
	r.rect(img, color.RGBA{0xe4, 0xe4, 0xe4, 0xff}, x0, y0, x1, y1)
	grey := color.RGBA{0x90, 0x90, 0x90, 0xff}
	r.fill(img, grey, [2]float64{x0, y0}, [2]float64{x0 + 1, y0}, [2]float64{x1, y1}, [2]float64{x1 - 1, y1})
	r.fill(img, grey, [2]float64{x1 - 1, y0}, [2]float64{x1, y0}, [2]float64{x0 + 1, y1}, [2]float64{x0, y1})
	r.frame(img, rect, grey, 1, "PDF "+filepath.Base(p.Source), false)
	return nil
}

// EncodePNG writes img as an 8-bit RGB PNG (the alpha channel dropped: a
// page is opaque). Every row is filtered with "Up" and compressed at
// deflate's best speed: image/png tries all five filters on every row, which
// took two thirds of a page's preview time, for a file about a fifth
// smaller. The rows are compressed in strips of stripRows on all CPUs, each
// strip ending on a sync flush, and the strips joined into one zlib stream
// (as pigz does); the strips are fixed, so the bytes do not depend on the
// number of CPUs.
func EncodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Rect
	width, height := b.Dx(), b.Dy()
	if width <= 0 || height <= 0 {
		return fmt.Errorf("png: empty image")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, truecolour
	writeChunk(bw, "IHDR", ihdr[:])

	strips := (height + stripRows - 1) / stripRows
	out := make([][]byte, strips)
	sums := make([]uint32, strips) // Adler-32 of each strip's filtered rows
	lens := make([]int, strips)
	errs := make([]error, strips)
	var wg sync.WaitGroup
	next := make(chan int, strips)
	for k := range strips {
		next <- k
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), strips) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var fw *flate.Writer
			row := make([]byte, 1+3*width)
			for k := range next {
				var buf bytes.Buffer
				if fw == nil {
					fw, errs[k] = flate.NewWriter(&buf, flate.BestSpeed)
					if errs[k] != nil {
						continue
					}
				} else {
					fw.Reset(&buf)
				}
				sums[k], lens[k], errs[k] = encodeStrip(fw, row, img, k*stripRows, min(height, (k+1)*stripRows))
				out[k] = buf.Bytes()
			}
		}()
	}
	wg.Wait()
	var idat bytes.Buffer
	idat.Write([]byte{0x78, 0x01}) // zlib: deflate, 32 KiB window, fastest
	sum := uint32(1)
	for k := range strips {
		if errs[k] != nil {
			return errs[k]
		}
		idat.Write(out[k])
		sum = adler32Combine(sum, sums[k], lens[k])
	}
	idat.Write([]byte{0x03, 0x00}) // a final, empty fixed-Huffman block
	var a [4]byte
	binary.BigEndian.PutUint32(a[:], sum)
	idat.Write(a[:])
	writeChunk(bw, "IDAT", idat.Bytes())
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

// stripRows is the number of rows EncodePNG compresses as one piece.
const stripRows = 128

// encodeStrip filters rows [y0, y1) into row and deflates them with fw,
// ending on a sync flush; it returns the rows' Adler-32 and their length.
func encodeStrip(fw *flate.Writer, row []byte, img *image.RGBA, y0, y1 int) (uint32, int, error) {
	b := img.Rect
	width := b.Dx()
	ad := adler32.New()
	n := 0
	for y := y0; y < y1; y++ {
		cur := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		row[0] = 2 // Up
		if y == 0 {
			for x := 0; x < width; x++ {
				row[1+3*x], row[2+3*x], row[3+3*x] = cur[4*x], cur[4*x+1], cur[4*x+2]
			}
		} else {
			up := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y-1):]
			for x := 0; x < width; x++ {
				row[1+3*x] = cur[4*x] - up[4*x]
				row[2+3*x] = cur[4*x+1] - up[4*x+1]
				row[3+3*x] = cur[4*x+2] - up[4*x+2]
			}
		}
		if _, err := fw.Write(row); err != nil {
			return 0, 0, err
		}
		ad.Write(row)
		n += len(row)
	}
	if err := fw.Flush(); err != nil {
		return 0, 0, err
	}
	return ad.Sum32(), n, nil
}

// adler32Combine returns the Adler-32 of A followed by B from their sums
// and B's length (as zlib's adler32_combine).
func adler32Combine(a, b uint32, lenB int) uint32 {
	const mod = 65521
	rem := uint64(lenB % mod)
	a1, a2 := uint64(a&0xffff), uint64(a>>16)
	b1, b2 := uint64(b&0xffff), uint64(b>>16)
	s1 := (a1 + b1 + mod - 1) % mod
	s2 := (a2 + b2 + rem*a1 + mod - rem) % mod
	return uint32(s2<<16 | s1)
}

// writeChunk writes one PNG chunk: length, type, data, CRC of type and data.
func writeChunk(w *bufio.Writer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
