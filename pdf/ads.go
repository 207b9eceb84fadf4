package pdf

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/internal/pdfbox"
)

// adForm is an ad imported as a form XObject.
type adForm struct {
	name string
	bbox [4]float64
}

// ad paints the first page of an ad's PDF file in its frame, scaled
// uniformly and centred, knocking out whatever state the page's content
// left (small black text overprints): under overprint, an ad's shapes
// would mix with the ones beneath them on press. Each ad file is imported
// once, as a form XObject with its resources copied object by object (keys
// in sorted order, so the result is deterministic), the first time a page
// places it. gopdf's importer (gofpdi) was not used: it writes
// dictionaries in map order and panics on malformed files.
func (pw *Writer) ad(e *pageEnc, ad *display.PDFPage) error {
	im, ok := pw.ads[ad.Source]
	if !ok {
		nr, bbox, err := pw.importPage(ad.Source)
		if err != nil {
			return err
		}
		im = adForm{name: "Ad" + strconv.Itoa(len(pw.xobjects)+1), bbox: bbox}
		pw.xobjects = append(pw.xobjects, xobject{name: im.name, nr: nr})
		pw.ads[ad.Source] = im
	}
	bbox := im.bbox
	fw, fh := pt(ad.Frame.W), pt(ad.Frame.H)
	bw, bh := bbox[2]-bbox[0], bbox[3]-bbox[1]
	s := math.Min(fw/bw, fh/bh)
	// Each product is rounded by a conversion so that no CPU fuses it into
	// a multiply-add: the same bytes everywhere.
	sw, sh, sx, sy := float64(s*bw), float64(s*bh), float64(s*bbox[0]), float64(s*bbox[1])
	tx := e.x(ad.Frame.X) + (fw-sw)/2 - sx
	ty := e.y(ad.Frame.Y+ad.Frame.H) + (fh-sh)/2 - sy
	e.setGS(gsOff)
	e.b = append(e.b, "q\n"...)
	e.b = appendNum(e.b, s, 6)
	e.b = append(e.b, " 0 0 "...)
	e.b = appendNum(e.b, s, 6)
	e.b = append(e.b, ' ')
	e.b = appendNum(e.b, tx, 4)
	e.b = append(e.b, ' ')
	e.b = appendNum(e.b, ty, 4)
	e.b = append(e.b, " cm /"...)
	e.b = append(e.b, im.name...)
	e.b = append(e.b, " Do\nQ\n"...)
	return nil
}

// importPage copies the first page of the PDF file at path (its bytes
// from Options.Files, those loading checked, else read from the file) into
// the document as a form XObject and returns it with its bounding box.
func (pw *Writer) importPage(path string) (int, [4]float64, error) {
	var bbox [4]float64
	data, err := pw.opt.file(path, fsafe.MaxPDF)
	if err != nil {
		return 0, bbox, err
	}
	src, err := readPDF(data)
	if err != nil {
		return 0, bbox, fmt.Errorf("reading: %w", err)
	}
	if err := src.EnsurePageCount(); err != nil {
		return 0, bbox, err
	}
	if src.PageCount < 1 {
		return 0, bbox, fmt.Errorf("no pages")
	}
	pd, inh, err := pdfbox.FirstPage(src)
	if err != nil {
		return 0, bbox, err
	}
	box := pdfbox.Visible(inh)
	if box == nil {
		return 0, bbox, fmt.Errorf("no media box")
	}
	bbox = [4]float64{box.LL.X, box.LL.Y, box.UR.X, box.UR.Y}
	if bbox[2] <= bbox[0] || bbox[3] <= bbox[1] {
		return 0, bbox, fmt.Errorf("empty media box")
	}
	content, err := pdfbox.Content(src, pd)
	if err != nil {
		return 0, bbox, err
	}
	m := &migrator{src: src, o: pw.o, done: map[int]types.IndirectRef{}}
	var res types.Object = types.Dict{}
	if inh.Resources != nil {
		if res, err = m.object(inh.Resources); err != nil {
			return 0, bbox, err
		}
	}
	form := types.Dict{
		"Type":      types.Name("XObject"),
		"Subtype":   types.Name("Form"),
		"BBox":      types.NewNumberArray(bbox[0], bbox[1], bbox[2], bbox[3]),
		"Resources": res,
	}
	z, err := pw.o.deflate(content, contentLevel)
	if err != nil {
		return 0, bbox, err
	}
	form["Filter"] = types.Name("FlateDecode")
	return pw.o.stream(0, form, z), bbox, pw.o.err
}

// migrator copies objects from another file into the document, writing
// each one as soon as it is copied.
type migrator struct {
	src  *model.Context
	o    *objWriter
	done map[int]types.IndirectRef // source object number → new reference
}

// object copies o and what it references (but a page's Parent and a
// structure element's P: see pdfbox.Copied), each object given its new
// number when first met and written once everything it holds is copied:
// numbers in depth-first pre-order, objects in post-order, keys in sorted
// order, so the copy is deterministic. The walk keeps its own stack, not
// the goroutine's: an ad can chain a million objects by reference (and
// nest 256 levels in each), which a recursive copy took to a fatal stack
// overflow.
func (m *migrator) object(o types.Object) (types.Object, error) {
	res, f, err := m.start(o)
	if err != nil || f == nil {
		return res, err
	}
	stack := []*copyFrame{f}
	for {
		f := stack[len(stack)-1]
		if child, ok := f.next(); ok {
			res, cf, err := m.start(child)
			if err != nil {
				return nil, err
			}
			if cf != nil {
				stack = append(stack, cf)
			} else {
				f.put(res)
			}
			continue
		}
		res, err := m.finish(f)
		if err != nil {
			return nil, err
		}
		stack = stack[:len(stack)-1]
		if len(stack) == 0 {
			return res, nil
		}
		stack[len(stack)-1].put(res)
	}
}

// copyFrame is an object being copied: a reference whose object is being
// copied, or a dictionary, stream dictionary or array whose elements are.
type copyFrame struct {
	ref    types.IndirectRef // a reference's new number (ref set)
	isRef  bool
	target types.Object // a reference's object, given once
	given  bool
	copied types.Object // a reference's object as copied

	dict   types.Dict        // the dictionary's (or stream's) entries
	keys   []string          // its keys to copy, in order
	out    types.Dict        // the copy
	stream *types.StreamDict // a stream: its copy takes out as its dictionary

	arr    types.Array // an array
	arrOut types.Array
	isArr  bool

	i int // the next key or element
}

// start begins copying o: the copy itself when o holds nothing to copy or
// is a reference copied already, else a frame to work through.
func (m *migrator) start(o types.Object) (types.Object, *copyFrame, error) {
	switch o := o.(type) {
	case types.IndirectRef:
		nr := o.ObjectNumber.Value()
		if r, ok := m.done[nr]; ok {
			return r, nil, nil
		}
		obj, err := m.src.Dereference(o)
		if err != nil {
			return nil, nil, err
		}
		r := ref(m.o.reserve()) // the number first: cycles
		m.done[nr] = r
		return nil, &copyFrame{ref: r, isRef: true, target: obj}, nil
	case types.Dict:
		return nil, dictFrame(o), nil
	case types.StreamDict:
		d := o.Dict.Clone().(types.Dict)
		delete(d, "Length") // may be a reference; written anew
		f := dictFrame(d)
		sd := o
		f.stream = &sd
		return nil, f, nil
	case types.Array:
		return nil, &copyFrame{arr: o, arrOut: make(types.Array, len(o)), isArr: true}, nil
	default:
		return o, nil, nil
	}
}

// dictFrame is the frame copying d's entries but those pdfbox.Copied
// leaves out, in sorted order.
func dictFrame(d types.Dict) *copyFrame {
	keys := make([]string, 0, len(d))
	for k := range d {
		if pdfbox.Copied(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return &copyFrame{dict: d, keys: keys, out: types.Dict{}}
}

// next is the next element of f to copy, ok false when none is left.
func (f *copyFrame) next() (types.Object, bool) {
	switch {
	case f.isRef:
		if f.given {
			return nil, false
		}
		f.given = true
		return f.target, true
	case f.isArr:
		if f.i >= len(f.arr) {
			return nil, false
		}
		return f.arr[f.i], true
	default:
		if f.i >= len(f.keys) {
			return nil, false
		}
		return f.dict[f.keys[f.i]], true
	}
}

// put takes the copy of the element next gave.
func (f *copyFrame) put(c types.Object) {
	switch {
	case f.isRef:
		f.copied = c
	case f.isArr:
		f.arrOut[f.i] = c
		f.i++
	default:
		f.out[f.keys[f.i]] = c
		f.i++
	}
}

// finish ends f: it writes a reference's object under its new number and
// returns the reference, or returns the copied container.
func (m *migrator) finish(f *copyFrame) (types.Object, error) {
	switch {
	case f.isRef:
		if err := m.write(f.ref.ObjectNumber.Value(), f.copied); err != nil {
			return nil, err
		}
		return f.ref, nil
	case f.isArr:
		return f.arrOut, nil
	case f.stream != nil:
		sd := *f.stream
		sd.Dict = f.out
		return sd, nil
	default:
		return f.out, nil
	}
}

// write writes a copied object as object nr.
func (m *migrator) write(nr int, c types.Object) error {
	switch c := c.(type) {
	case nil:
		m.o.object(nr, "null")
	case types.StreamDict:
		if c.Raw == nil && c.Content != nil {
			if err := c.Encode(); err != nil {
				return err
			}
		}
		m.o.stream(nr, c.Dict, c.Raw)
	default:
		m.o.object(nr, c.PDFString())
	}
	return m.o.err
}

// readConfig is pdfcpu's configuration for reading an ad. It is built here
// rather than by model.NewDefaultConfiguration, which would create a
// configuration directory in the user's home.
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
	if err := pdfbox.CheckStructure(data); err != nil {
		return nil, fmt.Errorf("it %v", err)
	}
	return pdfcpu.Read(bytes.NewReader(data), readConfig())
}
