package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
)

// finisher completes gopdf's output: it reads the file with pdfcpu, changes
// or adds objects in pdfcpu's model, and writes the file again as one
// revision (see assemble): the live objects in object-number order, gopdf's
// unchanged ones byte for byte, with a classic xref section and a trailer
// carrying /ID.
type finisher struct {
	ctx     *model.Context
	doc     *display.Document
	dr      *drawn
	opt     Options
	base    []byte
	changed map[int]bool // object numbers the finisher serialises itself
	zw      *zlib.Writer // reused by deflate
}

// streamLevel is the zlib level of the streams the finisher compresses
// itself: ToUnicode maps, ad content, the profiles a user supplies (font
// programs are compressed at fontLevel, concurrently; see startDeflate).
// The CMaps (20.6 kB on the one-page sample) take 11.2 kB Huffman-only and
// 8.4 kB at level 1: too little to be worth the string matching's time.
const streamLevel = zlib.HuffmanOnly

// deflate adds a stream object of content compressed at streamLevel. One
// compressor serves a whole document.
func (f *finisher) deflate(d types.Dict, content []byte) (types.IndirectRef, error) {
	var b bytes.Buffer
	b.Grow(len(content)*7/8 + 64)
	if f.zw == nil {
		zw, err := zlib.NewWriterLevel(&b, streamLevel)
		if err != nil {
			return types.IndirectRef{}, err
		}
		f.zw = zw
	} else {
		f.zw.Reset(&b)
	}
	if _, err := f.zw.Write(content); err != nil {
		return types.IndirectRef{}, err
	}
	if err := f.zw.Close(); err != nil {
		return types.IndirectRef{}, err
	}
	return f.deflated(d, b.Bytes())
}

// readConfig is pdfcpu's configuration for reading gopdf's output. It is
// built here rather than by model.NewDefaultConfiguration, which would create
// a configuration directory in the user's home.
func readConfig() *model.Configuration {
	return &model.Configuration{
		Reader15:       true,
		ValidationMode: model.ValidationRelaxed,
		Eol:            types.EolLF,
	}
}

// readPDF reads a PDF file's cross-reference table and objects with
// pdfcpu's reader (pkg/pdfcpu). Its pkg/api, which wraps the same call,
// is not imported: it pulls in pdfcpu's form filling and, with it,
// go-runewidth, whose init builds a width table for 25 to 40 ms of every
// run's start-up. pdfcpu panics on some malformed files; the panic becomes
// an error here.
func readPDF(data []byte) (ctx *model.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			ctx, err = nil, fmt.Errorf("malformed PDF (%v)", r)
		}
	}()
	return pdfcpu.Read(bytes.NewReader(data), readConfig())
}

// finish writes the finished PDF to w.
func finish(w io.Writer, doc *display.Document, dr *drawn, opt Options) error {
	base := dr.pdf // with a PDF 1.6 header, as PDF/X-4 asks (see gpw.bytes)
	ctx, err := readPDF(base)
	if err != nil {
		return fmt.Errorf("reading gopdf output: %w", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return fmt.Errorf("reading gopdf output: %w", err)
	}
	if ctx.PageCount != len(doc.Pages) {
		return fmt.Errorf("gopdf wrote %d pages for %d", ctx.PageCount, len(doc.Pages))
	}
	f := &finisher{ctx: ctx, doc: doc, dr: dr, opt: opt, base: base, changed: map[int]bool{}}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"overprint", f.overprint},
		{"fonts", f.fonts},
		{"pages", f.pages},
		{"ads", f.ads},
		{"images", f.images},
		{"catalog", f.catalog},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("finishing PDF: %s: %w", s.name, err)
		}
	}
	pieces, err := f.assemble()
	if err != nil {
		return err
	}
	for _, b := range pieces {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// objNrs lists every object number in the file, in order.
func (f *finisher) objNrs() []int {
	nrs := make([]int, 0, len(f.ctx.Table))
	for nr, e := range f.ctx.Table {
		if nr > 0 && e != nil && !e.Free && e.Object != nil {
			nrs = append(nrs, nr)
		}
	}
	sort.Ints(nrs)
	return nrs
}

// add inserts a new object and returns a reference to it.
func (f *finisher) add(o types.Object) (types.IndirectRef, error) {
	nr, err := f.ctx.InsertObject(o)
	if err != nil {
		return types.IndirectRef{}, err
	}
	f.changed[nr] = true
	return *types.NewIndirectRef(nr, 0), nil
}

// set replaces object nr.
func (f *finisher) set(nr int, o types.Object) {
	f.ctx.Table[nr].Object = o
	f.changed[nr] = true
}

// stream makes a new Flate-compressed stream object.
func (f *finisher) stream(d types.Dict, content []byte, compress bool) (types.IndirectRef, error) {
	sd, err := f.ctx.NewStreamDictForBuf(content)
	if err != nil {
		return types.IndirectRef{}, err
	}
	if !compress {
		sd.FilterPipeline = nil
		delete(sd.Dict, "Filter")
	}
	for k, v := range d {
		sd.Dict[k] = v
	}
	if err := sd.Encode(); err != nil {
		return types.IndirectRef{}, err
	}
	return f.add(*sd)
}

// deflated adds a stream object whose content is already zlib-compressed:
// z is written as it is.
func (f *finisher) deflated(d types.Dict, z []byte) (types.IndirectRef, error) {
	sd := types.StreamDict{
		Dict:           types.Dict{"Filter": types.Name("FlateDecode")},
		Raw:            z,
		FilterPipeline: []types.PDFFilter{{Name: "FlateDecode"}},
	}
	for k, v := range d {
		sd.Dict[k] = v
	}
	return f.add(sd)
}

// overprint turns gopdf's two marker ExtGStates (see markOn, markOff in
// gopdf.go) into
// overprint on and off.
func (f *finisher) overprint() error {
	for _, nr := range f.objNrs() {
		d, ok := f.ctx.Table[nr].Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "ExtGState" {
			continue
		}
		ca, ok := d["ca"].(types.Float)
		if !ok {
			continue
		}
		nd := types.Dict{"Type": types.Name("ExtGState")}
		switch {
		case math.Abs(float64(ca)-markOn) < 1e-6:
			nd["OP"], nd["op"], nd["OPM"] = types.Boolean(true), types.Boolean(true), types.Integer(1)
		case math.Abs(float64(ca)-markOff) < 1e-6:
			nd["OP"], nd["op"] = types.Boolean(false), types.Boolean(false)
		default:
			continue
		}
		f.set(nr, nd)
	}
	return nil
}

// pdfRect converts a rectangle from the page's top-left to PDF user space.
func pdfRect(r display.Rect, pageH float64) types.Array {
	num := func(v float64) types.Object { return types.Float(math.Round(v*1000) / 1000) }
	return types.Array{num(pt(r.X)), num(pageH - pt(r.Y+r.H)), num(pt(r.X + r.W)), num(pageH - pt(r.Y))}
}

// pages sets the boxes of every page and the Print flag of annotations.
func (f *finisher) pages() error {
	dicts, refs, err := pageList(f.ctx) // one walk, not one per page
	if err != nil {
		return err
	}
	if len(dicts) != len(f.dr.geoms) {
		return fmt.Errorf("page tree: %d pages, %d drawn", len(dicts), len(f.dr.geoms))
	}
	for i, g := range f.dr.geoms {
		d, ref := dicts[i], refs[i]
		h := pt(g.media.H)
		d["MediaBox"] = pdfRect(g.media, h)
		d["BleedBox"] = pdfRect(g.bleed, h)
		d["TrimBox"] = pdfRect(g.trim, h)
		f.changed[ref.ObjectNumber.Value()] = true
		annots, err := f.ctx.DereferenceArray(d["Annots"])
		if err != nil {
			return err
		}
		for _, a := range annots {
			ad, err := f.ctx.DereferenceDict(a)
			if err != nil {
				return err
			}
			ad["F"] = types.Integer(4) // Print
			if r, ok := a.(types.IndirectRef); ok {
				f.changed[r.ObjectNumber.Value()] = true
			}
		}
	}
	return nil
}

// text encodes a text string as UTF-16BE with a byte order mark.
func text(s string) types.HexLiteral {
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return types.NewHexLiteral(b)
}

// live returns the numbers of the objects reachable from the catalog and
// the Info dictionary: what the finished file keeps. gopdf's objects that
// the finisher replaced (its ToUnicode maps, the font stubs, the photo
// placeholders, its empty outline) are left out.
func (f *finisher) live() map[int]bool {
	live := map[int]bool{}
	stack := []types.Object{*f.ctx.Root}
	if f.ctx.Info != nil {
		stack = append(stack, *f.ctx.Info)
	}
	for len(stack) > 0 {
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch o := o.(type) {
		case types.IndirectRef:
			nr := o.ObjectNumber.Value()
			if live[nr] {
				continue
			}
			live[nr] = true
			if e, ok := f.ctx.Table[nr]; ok && e != nil && e.Object != nil {
				stack = append(stack, e.Object)
			}
		case types.Dict:
			for _, v := range o {
				stack = append(stack, v)
			}
		case types.StreamDict:
			stack = append(stack, o.Dict)
		case types.Array:
			stack = append(stack, o...)
		}
	}
	return live
}

// assemble returns the finished file, as pieces to write in order: gopdf's
// header; every live object in number order, gopdf's unchanged ones as the
// bytes gopdf wrote, changed and new ones serialised here; one xref section
// (with the numbers of dropped objects on the free list) and a trailer
// carrying /ID. Stream contents (font programs, photos) and gopdf's objects
// are pieces of their own, not copied.
func (f *finisher) assemble() ([][]byte, error) {
	live := f.live()
	// Where each of gopdf's objects lies: from its offset to the next
	// object's, the last one to gopdf's xref section.
	type span struct {
		nr         int
		start, end int64
	}
	var spans []span
	size := 1
	for nr, e := range f.ctx.Table {
		size = max(size, nr+1)
		if nr > 0 && e != nil && !e.Free && e.Offset != nil && !e.Compressed {
			spans = append(spans, span{nr: nr, start: *e.Offset})
		}
	}
	if len(spans) == 0 || f.ctx.Write.OffsetPrevXRef == nil {
		return nil, fmt.Errorf("gopdf output: no objects or no xref")
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	where := make(map[int]span, len(spans))
	for i := range spans {
		spans[i].end = *f.ctx.Write.OffsetPrevXRef
		if i+1 < len(spans) {
			spans[i].end = spans[i+1].start
		}
		if spans[i].start >= spans[i].end || spans[i].end > int64(len(f.base)) {
			return nil, fmt.Errorf("gopdf output: object %d at %d..%d", spans[i].nr, spans[i].start, spans[i].end)
		}
		where[spans[i].nr] = spans[i]
	}

	pieces := [][]byte{f.base[:spans[0].start]} // %PDF-1.6 and the binary comment
	written := spans[0].start                   // offset of what buf starts with
	var buf bytes.Buffer                        // the text between pieces of their own
	buf.Grow(256 * len(f.changed))
	cut := func() { // ends the current text piece
		if buf.Len() > 0 {
			b := bytes.Clone(buf.Bytes())
			pieces = append(pieces, b)
			written += int64(len(b))
			buf.Reset()
		}
	}
	own := func(b []byte) { // adds b as a piece of its own
		cut()
		pieces = append(pieces, b)
		written += int64(len(b))
	}
	offsets := make([]int64, size)
	for nr := 1; nr < size; nr++ {
		if !live[nr] {
			continue
		}
		offsets[nr] = written + int64(buf.Len())
		if sp, ok := where[nr]; ok && !f.changed[nr] {
			own(f.base[sp.start:sp.end])
			continue
		}
		e, ok := f.ctx.Table[nr]
		if !ok || e == nil || e.Object == nil {
			return nil, fmt.Errorf("object %d is referred to but missing", nr)
		}
		fmt.Fprintf(&buf, "%d 0 obj\n", nr)
		switch o := e.Object.(type) {
		case types.StreamDict:
			if o.Raw == nil && o.Content != nil {
				if err := o.Encode(); err != nil {
					return nil, err
				}
			}
			o.Dict["Length"] = types.Integer(len(o.Raw))
			buf.WriteString(o.Dict.PDFString())
			buf.WriteString("\nstream\n")
			if len(o.Raw) < 4<<10 {
				buf.Write(o.Raw)
			} else {
				own(o.Raw)
			}
			buf.WriteString("\nendstream")
		default:
			buf.WriteString(o.PDFString())
		}
		buf.WriteString("\nendobj\n")
	}
	// One subsection from object 0; the numbers no live object has are
	// free, each entry naming the next free number (0 ends the list).
	xref := written + int64(buf.Len())
	fmt.Fprintf(&buf, "xref\n0 %d\n", size)
	nextFree := func(nr int) int {
		for n := nr + 1; n < size; n++ {
			if !live[n] {
				return n
			}
		}
		return 0
	}
	fmt.Fprintf(&buf, "%010d 65535 f\r\n", nextFree(0))
	for nr := 1; nr < size; nr++ {
		if live[nr] {
			fmt.Fprintf(&buf, "%010d 00000 n\r\n", offsets[nr])
		} else {
			fmt.Fprintf(&buf, "%010d 00001 f\r\n", nextFree(nr))
		}
	}
	cut()
	// The /ID is a hash of everything written before the trailer, so the
	// same Document and Options always give the same ID.
	sum := sha256.New()
	for _, b := range pieces {
		sum.Write(b)
	}
	id := types.NewHexLiteral(sum.Sum(nil)[:16])
	trailer := types.Dict{
		"Size": types.Integer(size),
		"Root": *f.ctx.Root,
		"ID":   types.Array{id, id},
	}
	if f.ctx.Info != nil {
		trailer["Info"] = *f.ctx.Info
	}
	buf.WriteString("trailer\n")
	buf.WriteString(trailer.PDFString())
	buf.WriteString("\nstartxref\n" + strconv.FormatInt(xref, 10) + "\n%%EOF\n")
	return append(pieces, buf.Bytes()), nil
}
