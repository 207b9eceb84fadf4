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
	box := pdfbox.Visible(src, pd, inh)
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

func (m *migrator) object(o types.Object) (types.Object, error) {
	switch o := o.(type) {
	case types.IndirectRef:
		nr := o.ObjectNumber.Value()
		if r, ok := m.done[nr]; ok {
			return r, nil
		}
		obj, err := m.src.Dereference(o)
		if err != nil {
			return nil, err
		}
		r := ref(m.o.reserve()) // the number first: cycles
		m.done[nr] = r
		c, err := m.object(obj)
		if err != nil {
			return nil, err
		}
		if err := m.write(r.ObjectNumber.Value(), c); err != nil {
			return nil, err
		}
		return r, nil
	case types.Dict:
		return m.dict(o)
	case types.StreamDict:
		d := o.Dict.Clone().(types.Dict)
		delete(d, "Length") // may be a reference; written anew
		d, err := m.dict(d)
		if err != nil {
			return nil, err
		}
		sd := o
		sd.Dict = d
		return sd, nil
	case types.Array:
		a := make(types.Array, len(o))
		for i, v := range o {
			c, err := m.object(v)
			if err != nil {
				return nil, err
			}
			a[i] = c
		}
		return a, nil
	default:
		return o, nil
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

func (m *migrator) dict(d types.Dict) (types.Dict, error) {
	keys := make([]string, 0, len(d))
	for k := range d {
		if k != "Parent" && k != "P" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := types.Dict{}
	for _, k := range keys {
		c, err := m.object(d[k])
		if err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, nil
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
	if err := pdfbox.CheckNesting(data); err != nil {
		return nil, fmt.Errorf("it %v", err)
	}
	return pdfcpu.Read(bytes.NewReader(data), readConfig())
}
