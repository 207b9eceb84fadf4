package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image/color"
	"image/jpeg"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/units"
)

// overprintMaxSize is the largest size of black text that overprints.
// Small black type overprints so that misregistration on newsprint never
// shows a white halo around it; larger type knocks out.
const overprintMaxSize = 12 * units.Point

// contentLevel is the zlib level at which gopdf compresses the page
// content streams (its default is 6). They are text operators, which level
// 1 compresses almost as well: on the one-page sample 2.7 kB more in 1.39
// MB, for 1.8% fewer instructions per Write.
const contentLevel = zlib.BestSpeed

// slugSize is the size of the slug line's text.
const slugSize = 6 * units.Point

// pageGeom is a page's geometry as written: the media box may have grown to
// hold marks, and everything is shifted by (dx, dy).
type pageGeom struct {
	media, bleed, trim display.Rect // in written coordinates (from the new media's top-left)
	dx, dy             units.Length
}

// adPlacement is an ad to import as vectors by the finisher.
type adPlacement struct {
	source string
	frame  display.Rect // in written coordinates
}

// drawn is what the drawing pass tells the finisher.
type drawn struct {
	pdf   []byte
	geoms []pageGeom
	ads   [][]adPlacement // per page, in item order
	// programs holds the font program of each font, by the BaseFont gopdf
	// gives it (the family name), for the finisher to embed: gopdf embeds
	// a stub without outlines (see fonts.Face.Subset).
	programs map[string][]byte
	// zprograms holds the same programs zlib-compressed at fontLevel, by
	// BaseFont; they are compressed in the background (see startDeflate).
	zprograms map[string]*zstream
	// familyNames holds each font's family name (name ID 1), by BaseFont,
	// for the font descriptor's /FontFamily.
	familyNames map[string]string
	// photos are the RGB JPEGs that gopdf drew as placeholders (see image).
	photos []photo
}

// marksMargin is how far the media box reaches beyond the bleed when marks
// are drawn: room for crop marks, registration marks and the slug line.
const marksMargin = 36 * units.Point // ≈ 12.7 mm

// geometry computes each page's written geometry.
func geometry(doc *display.Document, marks bool) ([]pageGeom, error) {
	geoms := make([]pageGeom, len(doc.Pages))
	for i, p := range doc.Pages {
		if p.Media.W <= 0 || p.Media.H <= 0 {
			return nil, fmt.Errorf("page %d: media box %v×%v is empty", p.Number, p.Media.W, p.Media.H)
		}
		if !inside(p.Trim, p.Bleed) || !inside(p.Bleed, p.Media) || p.Trim.W <= 0 || p.Trim.H <= 0 {
			return nil, fmt.Errorf("page %d: trim box must lie inside the bleed box and the bleed box inside the media box", p.Number)
		}
		if t0 := doc.Pages[0].Trim; p.Trim.W != t0.W || p.Trim.H != t0.H {
			return nil, fmt.Errorf("page %d: trim size %v×%v differs from page %d's %v×%v: every page of an edition has the same trim box",
				p.Number, p.Trim.W, p.Trim.H, doc.Pages[0].Number, t0.W, t0.H)
		}
		g := pageGeom{media: p.Media, bleed: p.Bleed, trim: p.Trim}
		if marks {
			g.media = display.Rect{X: p.Bleed.X - marksMargin, Y: p.Bleed.Y - marksMargin,
				W: p.Bleed.W + 2*marksMargin, H: p.Bleed.H + 2*marksMargin}
		}
		g.dx, g.dy = -g.media.X, -g.media.Y
		g.media = shift(g.media, g.dx, g.dy)
		g.bleed = shift(g.bleed, g.dx, g.dy)
		g.trim = shift(g.trim, g.dx, g.dy)
		geoms[i] = g
	}
	return geoms, nil
}

func inside(a, b display.Rect) bool {
	return a.X >= b.X && a.Y >= b.Y && a.X+a.W <= b.X+b.W && a.Y+a.H <= b.Y+b.H
}

func shift(r display.Rect, dx, dy units.Length) display.Rect {
	return display.Rect{X: r.X + dx, Y: r.Y + dy, W: r.W, H: r.H}
}

func pt(l units.Length) float64 { return l.Points() }

// percent converts a colour channel in thousandths to gopdf's whole percent.
func percent(v int) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 1000 {
		return 100
	}
	return uint8((v + 5) / 10)
}

// drawer draws one Document with gopdf.
type drawer struct {
	w          *gpw // gopdf, behind its adapter
	lib        *fonts.Library
	doc        *display.Document
	families   map[string]string // face name → gopdf family
	faces      map[string]*fonts.Face
	famFaces   map[string]*fonts.Face // gopdf family → face
	missing    []string               // characters no face had, for the error
	images     map[string][]byte
	programs   map[string][]byte   // gopdf family → font program to embed
	zprograms  map[string]*zstream // gopdf family → the program, being compressed
	workers    *workers            // goroutines for subsetting and compressing
	famNames   map[string]string   // gopdf family → the face's family name (name ID 1)
	photos     []photo             // RGB JPEGs drawn as placeholders, by index
	photoIndex map[string]int      // source → index in photos
	text       []byte              // run's text object, reused
	pairs      []int16             // run's adjustments between the text object's characters, reused
}

// draw lays the Document down with gopdf and returns its bytes.
func draw(doc *display.Document, lib *fonts.Library, marks bool) (*drawn, error) {
	return drawPages(doc, lib, marks, false)
}

// drawPages is draw; when release, it drops each page's items once the page
// is drawn (a Writer owns its pages), so the display list and gopdf's copy
// of it are not both whole at once.
func drawPages(doc *display.Document, lib *fonts.Library, marks, release bool) (*drawn, error) {
	geoms, err := geometry(doc, marks)
	if err != nil {
		return nil, err
	}
	w, err := newGPW(geoms[0].media, contentLevel)
	if err != nil {
		return nil, err
	}
	d := &drawer{
		w: w, lib: lib, doc: doc,
		families: map[string]string{}, faces: map[string]*fonts.Face{}, famFaces: map[string]*fonts.Face{},
		images: map[string][]byte{}, programs: map[string][]byte{}, famNames: map[string]string{},
		zprograms: map[string]*zstream{}, workers: newWorkers(),
		photoIndex: map[string]int{},
	}
	if err := d.loadFonts(marks); err != nil {
		return nil, err
	}
	out := &drawn{geoms: geoms, ads: make([][]adPlacement, len(doc.Pages)), programs: d.programs, zprograms: d.zprograms, familyNames: d.famNames}
	for i := range doc.Pages {
		p := &doc.Pages[i]
		g := geoms[i]
		if err := d.w.addPage(g.media); err != nil {
			return nil, err
		}
		for j, it := range p.Items {
			if err := d.item(it, g, &out.ads[i]); err != nil {
				return nil, fmt.Errorf("page %d item %d: %w", p.Number, j+1, err)
			}
		}
		if marks {
			if err := d.marks(p, g); err != nil {
				return nil, fmt.Errorf("page %d marks: %w", p.Number, err)
			}
		}
		if release {
			p.Items = nil
		}
	}
	if len(d.missing) > 0 {
		return nil, fmt.Errorf("no glyph for %s", strings.Join(d.missing, ", "))
	}
	out.photos = d.photos
	if out.pdf, err = d.w.bytes(); err != nil {
		return nil, err
	}
	return out, nil
}

// loadFonts registers every face the document uses, in name order, under a
// family named after its PostScript name, as a subset holding the
// characters the document sets in it (fonts.Face.Subset: gopdf would
// otherwise parse the whole 10–15 MB file and embed its whole loca and hmtx
// on every Write).
func (d *drawer) loadFonts(marks bool) error {
	chars := map[string]map[rune]bool{}
	var names []string
	use := func(face, text string) {
		set := chars[face]
		if set == nil {
			set = map[rune]bool{}
			chars[face] = set
			names = append(names, face)
		}
		for _, r := range text {
			set[r] = true
		}
	}
	for _, p := range d.doc.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*display.GlyphRun); ok {
				use(r.Face, "")
				for _, g := range r.Glyphs {
					use(r.Face, g.Text)
				}
			}
		}
	}
	if face := d.doc.Meta.SlugFace; marks && face != "" {
		for i := range d.doc.Pages {
			use(face, d.doc.Pages[i].Slug)
		}
	}
	sort.Strings(names)
	// Subset the faces concurrently; register them with gopdf in name order.
	type subset struct {
		face          *fonts.Face
		program, stub []byte
		err           error
	}
	subsets := make([]subset, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		f, err := d.lib.Face(name)
		if err != nil {
			return fmt.Errorf("font %q: %w", name, err)
		}
		runes := make([]rune, 0, len(chars[name]))
		for r := range chars[name] {
			runes = append(runes, r)
		}
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		subsets[i].face = f
		d.workers.run(&wg, func() {
			subsets[i].program, subsets[i].stub, subsets[i].err = f.Subset(runes)
		})
	}
	wg.Wait()
	used := map[string]bool{}
	for i, name := range names {
		f, program, stub := subsets[i].face, subsets[i].program, subsets[i].stub
		if err := subsets[i].err; err != nil {
			return fmt.Errorf("font %q: subsetting: %w", name, err)
		}
		ps := pdfName(f.PostScriptName())
		if ps == "" {
			ps = "Font"
		}
		family := ps
		for n := 2; used[family]; n++ {
			family = fmt.Sprintf("%s-%d", ps, n)
		}
		used[family] = true
		d.programs[family] = program
		// Compressed in the background while gopdf draws; the finisher
		// waits for it.
		d.zprograms[family] = startDeflate(d.workers, program)
		d.famNames[family] = f.FamilyName()
		faceName := name
		missing := func(r rune) {
			d.missing = append(d.missing, fmt.Sprintf("%q (U+%04X) in font %q", r, r, faceName))
		}
		if err := d.w.addFont(family, stub, int(f.UnitsPerEm()), missing); err != nil {
			return fmt.Errorf("font %q: %w", name, err)
		}
		d.families[name] = family
		d.faces[name] = f
		d.famFaces[family] = f
	}
	return nil
}

// pdfName keeps the characters a PostScript font name may hold.
func pdfName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x7f && r > 0x20 && !strings.ContainsRune("()<>[]{}/%#", r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxInk is the total area coverage newsprint takes, in thousandths
// (240%): colours above it are refused rather than printed as mud.
const maxInk = 2400

func checkInk(c display.Color) error {
	if c.C < 0 || c.M < 0 || c.Y < 0 || c.K < 0 || c.C > 1000 || c.M > 1000 || c.Y > 1000 || c.K > 1000 {
		return fmt.Errorf("colour %d/%d/%d/%d: channels must lie in 0–1000", c.C, c.M, c.Y, c.K)
	}
	if t := c.C + c.M + c.Y + c.K; t > maxInk {
		return fmt.Errorf("colour %d/%d/%d/%d: total ink %d.%d%% exceeds 240%%", c.C, c.M, c.Y, c.K, t/10, t%10)
	}
	return nil
}

func (d *drawer) item(it display.Item, g pageGeom, ads *[]adPlacement) error {
	var colours []display.Color
	switch it := it.(type) {
	case *display.GlyphRun:
		colours = append(colours, it.Color)
	case *display.Rule:
		colours = append(colours, it.Color)
	case *display.Box:
		if it.Fill != nil {
			colours = append(colours, *it.Fill)
		}
		if it.Stroke != nil {
			colours = append(colours, *it.Stroke)
		}
	}
	for _, c := range colours {
		if err := checkInk(c); err != nil {
			return err
		}
	}
	switch it := it.(type) {
	case *display.GlyphRun:
		return d.run(it, g)
	case *display.Rule:
		if it.Width <= 0 {
			return fmt.Errorf("rule of width %v", it.Width)
		}
		d.w.strokeColor(it.Color)
		d.w.lineWidth(pt(it.Width))
		d.w.line(pt(it.From.X+g.dx), pt(it.From.Y+g.dy), pt(it.To.X+g.dx), pt(it.To.Y+g.dy))
	case *display.Box:
		stroke := it.Stroke
		if it.StrokeWidth <= 0 {
			stroke = nil
		}
		return d.w.box(shift(it.Frame, g.dx, g.dy), it.Fill, stroke, pt(it.StrokeWidth))
	case *display.Image:
		return d.image(it, g)
	case *display.PDFPage:
		*ads = append(*ads, adPlacement{source: it.Source, frame: shift(it.Frame, g.dx, g.dy)})
	default:
		return fmt.Errorf("unknown item %T", it)
	}
	return nil
}

// kernTolerance is how far (in points) run lets a glyph drawn with a
// TJ adjustment land from its X: adjustments are whole thousandths of an
// em, so this holds every adjustment up to 20 pt; larger type that needs a
// finer step starts a new text object instead.
const kernTolerance = 0.01

// run draws a glyph run with as few text objects as it can. A text object
// starts at a glyph's X with a character spacing (Tc) taken from the gap
// after its first glyph; every later glyph that the spacing alone would
// misplace gets a TJ adjustment (see kerner) of whole thousandths of an em,
// chosen from where the previous glyphs actually land, so rounding never
// accumulates. A glyph that cannot be placed within kernTolerance that way
// starts the next text object. So a justified line, even with compressed
// punctuation and Han–Latin gaps, is usually one text object.
func (d *drawer) run(r *display.GlyphRun, g pageGeom) error {
	family, ok := d.families[r.Face]
	if !ok {
		return fmt.Errorf("font %q not loaded", r.Face)
	}
	if r.Size <= 0 {
		return fmt.Errorf("glyph run in %q at size %v", r.Face, r.Size)
	}
	size := pt(r.Size)
	if err := d.w.font(family, size); err != nil {
		return err
	}
	d.w.textColor(r.Color)
	overprint := r.Color == display.Black() && r.Size <= overprintMaxSize
	face := d.faces[r.Face]
	typoAsc := ascent(face, size)
	baseline := pt(r.Baseline + g.dy)

	glyphs := r.Glyphs
	for i := 0; i < len(glyphs); {
		if glyphs[i].Text == "" {
			i++
			continue
		}
		// gopdf writes the start with two decimals: follow the glyphs
		// from there.
		x0 := pt(glyphs[i].X + g.dx)
		pos := math.Round(x0*100) / 100
		d.text = append(d.text[:0], glyphs[i].Text...)
		d.pairs = zeros(d.pairs[:0], glyphs[i].Text)
		adv := advance(face, size, glyphs[i].Text)
		n := utf8.RuneCountInString(glyphs[i].Text)
		// The spacing: the first gap, unless the first glyph has several
		// characters (Tc would spread them).
		tc := 0.0
		if n == 1 {
			if k := next(glyphs, i+1); k < len(glyphs) {
				tc = math.Round((pt(glyphs[k].X-glyphs[i].X)-adv)*1000) / 1000
			}
		}
		pos += adv + float64(n)*tc
		j := i + 1
		for ; j < len(glyphs); j++ {
			gl := glyphs[j]
			if gl.Text == "" {
				continue
			}
			m := utf8.RuneCountInString(gl.Text)
			if m > 1 && tc != 0 {
				break
			}
			// The adjustment in thousandths of an em that brings the
			// glyph nearest its X, as gopdf will write it.
			want := pt(gl.X + g.dx)
			k, fu := d.w.kernFor(family, (want-pos)*1000/size)
			at := pos + float64(float64(k)*size)/1000
			if math.Abs(at-want) > kernTolerance {
				break
			}
			a := advance(face, size, gl.Text)
			d.pairs = zeros(append(d.pairs, fu), gl.Text)
			d.text = append(d.text, gl.Text...)
			pos = at + a + float64(m)*tc
		}
		if j == i+1 {
			tc = 0
		}
		if err := d.w.spacing(tc); err != nil {
			return err
		}
		if err := d.w.cell(x0, baseline-typoAsc, size, string(d.text), d.pairs, overprint); err != nil {
			return err
		}
		i = j
	}
	return d.w.spacing(0)
}

// next returns the index of the first glyph from i on with text.
func next(glyphs []display.Glyph, i int) int {
	for i < len(glyphs) && glyphs[i].Text == "" {
		i++
	}
	return i
}

// zeros appends to pairs no adjustment between the characters of one
// glyph's text.
func zeros(pairs []int16, text string) []int16 {
	for n := utf8.RuneCountInString(text); n > 1; n-- {
		pairs = append(pairs, 0)
	}
	return pairs
}

// image places a JPEG or PNG: the whole image fills Draw and is clipped to
// Frame.
//
// An RGB JPEG (a photo) reaches gopdf as a placeholder: a 1×1 JPEG whose
// comment names the photo's index in drawn.photos. gopdf writes the same
// drawing operators as for the photo itself (they depend only on the
// frame), and the finisher replaces the placeholder's object by the photo's
// bytes, with an ICC-based colour space. The photo's bytes are so written
// once, by the finisher, instead of by gopdf and again by the finisher (which
// must rewrite the object to change its colour space), and gopdf neither
// hashes nor copies them. Other images (gray and CMYK JPEGs, PNGs) go
// through gopdf.
func (d *drawer) image(im *display.Image, g pageGeom) error {
	data, ok := d.images[im.Source]
	if !ok {
		var err error
		data, err = fsafe.ReadFile(im.Source, fsafe.MaxImage)
		if err == nil {
			data, err = prepareImage(data) // 16-bit/interlaced PNG, EXIF orientation
		}
		if err != nil {
			return fmt.Errorf("image %s: %w", im.Source, err)
		}
		d.images[im.Source] = data
	}
	id, held := "file:"+im.Source, data
	if i, ok := d.photoIndex[im.Source]; ok {
		id, held = "photo:"+im.Source, placeholderJPEG(i)
	} else if w, h, ok := rgbJPEG(data); ok {
		i := len(d.photos)
		d.photos = append(d.photos, photo{data: data, w: w, h: h})
		d.photoIndex[im.Source] = i
		id, held = "photo:"+im.Source, placeholderJPEG(i)
	}
	frame := shift(im.Frame, g.dx, g.dy)
	dr := im.Draw
	if dr.W <= 0 || dr.H <= 0 {
		dr = im.Frame
	}
	dr = shift(dr, g.dx, g.dy)
	if err := d.w.image(id, held, frame, dr); err != nil {
		return fmt.Errorf("image %s: %w", im.Source, err)
	}
	return nil
}

// photo is an RGB JPEG that the finisher writes in place of its
// placeholder.
type photo struct {
	data []byte
	w, h int
}

// rgbJPEG reports whether data is a three-component (RGB) JPEG, with its
// size, reading only its header.
func rgbJPEG(data []byte) (w, h int, ok bool) {
	if len(data) < 3 || data[0] != 0xff || data[1] != 0xd8 {
		return 0, 0, false
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false
	}
	if cfg.ColorModel != color.YCbCrModel && cfg.ColorModel != color.RGBAModel {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}
