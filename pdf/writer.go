package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// A Writer writes a PDF from pages handed to it one at a time, in page
// order, as a streaming composer (layout.Stream) produces them; Close takes
// what needs the whole document (the metadata, with the slug face, and the
// outline) and finishes the file. The bytes are those Write gives for the
// same Document.
//
// Memory stays flat however long the edition: Page writes the page's
// content stream (compressed), and each image or ad the first time a page
// uses it, to w at once, and keeps nothing of the page but its boxes, the
// number of its content stream and its slug line. Of the fonts it keeps
// only the glyphs used, numbered in order of first use; Close subsets the
// faces to those glyphs, in that order, so that the codes written earlier
// stay valid. So the Writer writes to w as it goes: when a call fails,
// what w holds is not a PDF, and is to be discarded (the command line and
// the archive write through a temporary file that is renamed only on
// success; Write buffers).
type Writer struct {
	w   io.Writer
	lib *fonts.Library
	opt Options
	o   *objWriter // nil until the first page

	pagesNr, resNr int // the page tree's root and the shared resources
	pages          []pageRec
	enc            pageEnc

	fonts    map[string]*fontUse // by face name
	fontList []*fontUse          // in order of first use
	images   map[string]string   // source → XObject name
	pending  map[string]*photo   // source → being prepared, for its first page
	xobjects []xobject           // images and ads, in order of first use
	ads      map[string]adForm   // source → imported form
	iccs     map[[32]byte]int    // RGB image profiles written, by hash
	missing  []string            // characters no face had, for the error
	seenMiss map[string]bool
	workers  *workers
	zs       *Compressors // opt.Compressors, or the Writer's own

	done   bool
	closed bool  // Close succeeded: the file is whole
	err    error // the first error: every later call returns it
}

// pageRec is what the Writer keeps of a written page.
type pageRec struct {
	geom    pageGeom
	content int // the content stream's object number
	slug    string
}

// xobject is an image or ad's resource name and object number.
type xobject struct {
	name string
	nr   int
}

// NewWriter returns a Writer that writes to w with the faces of lib,
// finished for the standards in opt.
func NewWriter(w io.Writer, lib *fonts.Library, opt Options) *Writer {
	pw := &Writer{w: w, lib: lib, opt: opt,
		fonts: map[string]*fontUse{}, images: map[string]string{}, pending: map[string]*photo{}, ads: map[string]adForm{},
		iccs: map[[32]byte]int{}, seenMiss: map[string]bool{}}
	pw.zs = opt.Compressors
	if pw.zs == nil {
		pw.zs = NewCompressors()
	}
	pw.workers = newWorkers(pw.zs)
	return pw
}

// Write writes doc as a PDF to w, with the faces of lib, finished for the
// standards in opt. It writes nothing to w if it fails: the file is built
// in memory (the whole document is there already) and written at the end.
// doc is left as it was.
func Write(w io.Writer, doc *display.Document, lib *fonts.Library, opt Options) error {
	if doc == nil {
		return fmt.Errorf("pdf: document has no pages")
	}
	own := *doc
	own.Pages = slices.Clone(doc.Pages) // Stream releases its pages
	var buf bytes.Buffer
	if _, err := Stream(&buf, &own, lib, opt); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Written is what Stream wrote: the file's size and SHA-256.
type Written struct {
	Size   int64
	SHA256 [sha256.Size]byte
}

// Stream writes doc as a PDF to w page by page, releasing each page of doc
// (its Items) once written, so that a long document is never held whole
// twice, and returns the file's size and SHA-256 (the Writer hashes what it
// writes anyway, for the /ID). On an error w holds part of a file: write
// to a temporary file that is discarded then (internal/atomicfile), or use
// Write.
func Stream(w io.Writer, doc *display.Document, lib *fonts.Library, opt Options) (Written, error) {
	if doc == nil || len(doc.Pages) == 0 {
		return Written{}, fmt.Errorf("pdf: document has no pages")
	}
	pw := NewWriter(w, lib, opt)
	for i := range doc.Pages {
		if err := pw.Page(&doc.Pages[i]); err != nil {
			return Written{}, err
		}
		doc.Pages[i] = display.Page{}
	}
	rest := *doc
	rest.Pages = nil
	if err := pw.Close(&rest); err != nil {
		return Written{}, err
	}
	return Written{Size: pw.o.n, SHA256: pw.SHA256()}, nil
}

// Page writes the next page. The Writer keeps nothing of p once it
// returns.
func (pw *Writer) Page(p *display.Page) error {
	if pw.done {
		return errors.New("pdf: page after Close")
	}
	if pw.err != nil {
		return pw.err
	}
	if p == nil {
		return errors.New("pdf: nil page")
	}
	if err := pw.page(p); err != nil {
		pw.err = fmt.Errorf("pdf: %w", err)
		return pw.err
	}
	return nil
}

func (pw *Writer) page(p *display.Page) error {
	if pw.lib == nil {
		return fmt.Errorf("no font library")
	}
	var first *display.Rect
	if len(pw.pages) > 0 {
		t := pw.pages[0].geom.pageTrim
		first = &t
	}
	g, err := geometry(p, first, pw.opt.Marks)
	if err != nil {
		return err
	}
	if pw.o == nil {
		pw.o = newObjWriter(pw.w, pw.zs)
		pw.pagesNr, pw.resNr = pw.o.reserve(), pw.o.reserve()
	}
	e := &pw.enc
	e.reset(g)
	pw.startImages(p)
	var ads []*display.PDFPage
	for j, it := range p.Items {
		if ad, ok := it.(*display.PDFPage); ok {
			ads = append(ads, ad) // painted after the rest
			continue
		}
		if err := pw.item(e, it); err != nil {
			return fmt.Errorf("page %d item %d: %w", p.Number, j+1, err)
		}
	}
	for _, ad := range ads {
		if err := pw.ad(e, ad); err != nil {
			return fmt.Errorf("page %d: ad %s: %w", p.Number, ad.Source, err)
		}
	}
	z, err := pw.o.deflate(e.b, contentLevel)
	if err != nil {
		return err
	}
	nr := pw.o.rawStream(0, "<</Filter/FlateDecode/Length "+strconv.Itoa(len(z))+">>", z)
	pw.pages = append(pw.pages, pageRec{geom: g, content: nr, slug: p.Slug})
	return pw.o.err
}

// Close writes what needs the whole document — the fonts, the marks' slug
// lines, the page tree, the metadata and outline of doc (whose Pages must
// be empty: the pages are those given to Page) — and ends the file.
func (pw *Writer) Close(doc *display.Document) error {
	if pw.done {
		return errors.New("pdf: Close called twice")
	}
	pw.done = true
	if pw.err != nil {
		return pw.err
	}
	if doc == nil {
		return errors.New("pdf: no document")
	}
	if len(doc.Pages) > 0 {
		return fmt.Errorf("pdf: Close: the document carries %d pages; pages go to Page", len(doc.Pages))
	}
	if len(pw.pages) == 0 {
		return fmt.Errorf("pdf: document has no pages")
	}
	if err := pw.close(doc); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	pw.closed = true
	return nil
}

// SHA256 is the SHA-256 of every byte written to the file, from its header
// to its end, once Close has returned nil (the zero array before): the
// Writer hashes what it writes for the trailer's /ID and goes on to the
// end, so a caller that records the file's digest (an archive's report)
// need not hash it again.
func (pw *Writer) SHA256() [sha256.Size]byte {
	var sum [sha256.Size]byte
	if pw.closed {
		pw.o.sum.Sum(sum[:0])
	}
	return sum
}

func (pw *Writer) close(doc *display.Document) error {
	// Check what the catalog needs before writing more.
	date, hasDate, err := editionDate(doc.Meta)
	if err != nil {
		return err
	}
	if pw.opt.any() && !hasDate {
		return fmt.Errorf("PDF/X-4 and PDF/A-2u need the edition date (Meta.Date)")
	}
	if pw.opt.any() && doc.Meta.Title == "" {
		return fmt.Errorf("PDF/X-4 needs a title (Meta.Title)")
	}
	for _, b := range doc.Outline {
		if err := checkBookmark(b, len(pw.pages)); err != nil {
			return err
		}
	}
	// Marks, with the slug line in the slug face, known only now.
	var marks []int
	if pw.opt.Marks {
		var slug *fontUse
		if face := doc.Meta.SlugFace; face != "" {
			if slug, err = pw.font(face); err != nil {
				return fmt.Errorf("slug face: %w", err)
			}
		}
		marks = make([]int, len(pw.pages))
		for i := range pw.pages {
			e := &pw.enc
			e.reset(pw.pages[i].geom)
			if err := pw.marks(e, pw.pages[i], slug); err != nil {
				return fmt.Errorf("page %d marks: %w", i+1, err)
			}
			z, err := pw.o.deflate(e.b, contentLevel)
			if err != nil {
				return err
			}
			marks[i] = pw.o.rawStream(0, "<</Filter/FlateDecode/Length "+strconv.Itoa(len(z))+">>", z)
		}
	}
	if len(pw.missing) > 0 {
		return fmt.Errorf("no glyph for %s", strings.Join(pw.missing, ", "))
	}
	fontNrs, err := pw.embedFonts()
	if err != nil {
		return err
	}
	// The resources every page shares.
	on := pw.o.object(0, "<</OP true/OPM 1/Type/ExtGState/op true>>")
	off := pw.o.object(0, "<</OP false/OPM 0/Type/ExtGState/op false>>")
	var res bytes.Buffer
	res.WriteString("<</ExtGState<</" + gsOn + " " + strconv.Itoa(on) + " 0 R/" + gsOff + " " + strconv.Itoa(off) + " 0 R>>/Font<<")
	for i, fu := range pw.fontList {
		res.WriteString("/" + fu.res + " " + strconv.Itoa(fontNrs[i]) + " 0 R")
	}
	res.WriteString(">>/ProcSet[/PDF/Text/ImageB/ImageC/ImageI]")
	if len(pw.xobjects) > 0 {
		res.WriteString("/XObject<<")
		for _, x := range pw.xobjects {
			res.WriteString("/" + x.name + " " + strconv.Itoa(x.nr) + " 0 R")
		}
		res.WriteString(">>")
	}
	res.WriteString(">>")
	pw.o.object(pw.resNr, res.String())
	// The pages.
	pageNrs := make([]int, len(pw.pages))
	var b []byte
	for i, p := range pw.pages {
		g := p.geom
		h := pt(g.media.H)
		b = append(b[:0], "<</BleedBox"...)
		b = appendRect(b, g.bleed, h)
		b = append(b, "/Contents "...)
		if marks != nil {
			b = append(b, '[')
			b = appendRef(b, p.content)
			b = append(b, ' ')
			b = appendRef(b, marks[i])
			b = append(b, ']')
		} else {
			b = appendRef(b, p.content)
		}
		b = append(b, "/MediaBox"...)
		b = appendRect(b, g.media, h)
		b = append(b, "/Parent "...)
		b = appendRef(b, pw.pagesNr)
		b = append(b, "/Resources "...)
		b = appendRef(b, pw.resNr)
		b = append(b, "/TrimBox"...)
		b = appendRect(b, g.trim, h)
		b = append(b, "/Type/Page>>"...)
		pageNrs[i] = pw.o.object(0, string(b))
	}
	b = append(b[:0], "<</Count "...)
	b = strconv.AppendInt(b, int64(len(pageNrs)), 10)
	b = append(b, "/Kids["...)
	for i, nr := range pageNrs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendRef(b, nr)
	}
	b = append(b, "]/Type/Pages>>"...)
	pw.o.object(pw.pagesNr, string(b))
	root, info, err := pw.catalog(doc, date, hasDate, pageNrs)
	if err != nil {
		return err
	}
	return pw.o.finish(root, info)
}

// appendRef appends a reference to object nr.
func appendRef(b []byte, nr int) []byte {
	b = strconv.AppendInt(b, int64(nr), 10)
	return append(b, " 0 R"...)
}

// appendRect appends a page box from the page's top-left as a PDF
// rectangle (see pdfRect).
func appendRect(b []byte, r display.Rect, pageH float64) []byte {
	b = append(b, '[')
	for i, v := range pdfRectValues(r, pageH) {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, v, 3)
	}
	return append(b, ']')
}

// pdfRectValues converts a rectangle from the page's top-left to PDF user
// space: llx, lly, urx, ury, to thousandths of a point.
func pdfRectValues(r display.Rect, pageH float64) [4]float64 {
	return [4]float64{round(pt(r.X), 3), round(pageH-pt(r.Y+r.H), 3), round(pt(r.X+r.W), 3), round(pageH-pt(r.Y), 3)}
}

// pdfRect is pdfRectValues as a PDF array.
func pdfRect(r display.Rect, pageH float64) types.Array {
	v := pdfRectValues(r, pageH)
	return types.Array{types.Float(v[0]), types.Float(v[1]), types.Float(v[2]), types.Float(v[3])}
}

// font returns the face name's use in this document, registering it.
func (pw *Writer) font(name string) (*fontUse, error) {
	if fu, ok := pw.fonts[name]; ok {
		return fu, nil
	}
	f, err := pw.lib.Face(name)
	if err != nil {
		return nil, fmt.Errorf("font %q: %w", name, err)
	}
	fu := newFontUse(name, f, "F"+strconv.Itoa(len(pw.fontList)+1))
	pw.fonts[name] = fu
	pw.fontList = append(pw.fontList, fu)
	return fu, nil
}

// noGlyph records a character that face has no glyph for.
func (pw *Writer) noGlyph(face string, r rune) {
	s := fmt.Sprintf("%q (U+%04X) in font %q", r, r, face)
	if !pw.seenMiss[s] {
		pw.seenMiss[s] = true
		pw.missing = append(pw.missing, s)
	}
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

// item writes one display item (ads aside).
func (pw *Writer) item(e *pageEnc, it display.Item) error {
	switch it := it.(type) {
	case *display.GlyphRun:
		if err := checkInk(it.Color); err != nil {
			return err
		}
		fu, err := pw.font(it.Face)
		if err != nil {
			return err
		}
		return e.text(fu, it, func(r rune) { pw.noGlyph(it.Face, r) })
	case *display.Rule:
		if err := checkInk(it.Color); err != nil {
			return err
		}
		if it.Width <= 0 {
			return fmt.Errorf("rule of width %v", it.Width)
		}
		e.rule(e.x(it.From.X), e.y(it.From.Y), e.x(it.To.X), e.y(it.To.Y), pt(it.Width), it.Color)
	case *display.Box:
		for _, c := range []*display.Color{it.Fill, it.Stroke} {
			if c != nil {
				if err := checkInk(*c); err != nil {
					return err
				}
			}
		}
		stroke := it.Stroke
		if it.StrokeWidth <= 0 {
			stroke = nil
		}
		e.box(it.Frame, it.Fill, stroke, pt(it.StrokeWidth))
	case *display.Image:
		name, err := pw.image(it.Source)
		if err != nil {
			return fmt.Errorf("image %s: %w", it.Source, err)
		}
		dr := it.Draw
		if dr.W <= 0 || dr.H <= 0 {
			dr = it.Frame
		}
		e.image(name, it.Frame, dr)
	default:
		return fmt.Errorf("unknown item %T", it)
	}
	return nil
}

// pageGeom is a page's geometry as written: the media box may have grown to
// hold marks, and everything is shifted by (dx, dy).
type pageGeom struct {
	media, bleed, trim display.Rect // in written coordinates (from the new media's top-left)
	dx, dy             units.Length
	pageTrim           display.Rect // the trim box as the page gave it
}

// marksMargin is how far the media box reaches beyond the bleed when marks
// are drawn: room for crop marks, registration marks and the slug line.
const marksMargin = 36 * units.Point // ≈ 12.7 mm

// geometry computes a page's written geometry; first is the first page's
// trim box (nil for the first page), whose size every page shares.
func geometry(p *display.Page, first *display.Rect, marks bool) (pageGeom, error) {
	if p.Media.W <= 0 || p.Media.H <= 0 {
		return pageGeom{}, fmt.Errorf("page %d: media box %v×%v is empty", p.Number, p.Media.W, p.Media.H)
	}
	if !inside(p.Trim, p.Bleed) || !inside(p.Bleed, p.Media) || p.Trim.W <= 0 || p.Trim.H <= 0 {
		return pageGeom{}, fmt.Errorf("page %d: trim box must lie inside the bleed box and the bleed box inside the media box", p.Number)
	}
	if first != nil && (p.Trim.W != first.W || p.Trim.H != first.H) {
		return pageGeom{}, fmt.Errorf("page %d: trim size %v×%v differs from the first page's %v×%v: every page of an edition has the same trim box",
			p.Number, p.Trim.W, p.Trim.H, first.W, first.H)
	}
	g := pageGeom{media: p.Media, bleed: p.Bleed, trim: p.Trim, pageTrim: p.Trim}
	if marks {
		g.media = display.Rect{X: p.Bleed.X - marksMargin, Y: p.Bleed.Y - marksMargin,
			W: p.Bleed.W + 2*marksMargin, H: p.Bleed.H + 2*marksMargin}
	}
	g.dx, g.dy = -g.media.X, -g.media.Y
	g.media = shift(g.media, g.dx, g.dy)
	g.bleed = shift(g.bleed, g.dx, g.dy)
	g.trim = shift(g.trim, g.dx, g.dy)
	return g, nil
}

func inside(a, b display.Rect) bool {
	return a.X >= b.X && a.Y >= b.Y && a.X+a.W <= b.X+b.W && a.Y+a.H <= b.Y+b.H
}

func shift(r display.Rect, dx, dy units.Length) display.Rect {
	return display.Rect{X: r.X + dx, Y: r.Y + dy, W: r.W, H: r.H}
}

func pt(l units.Length) float64 { return l.Points() }
