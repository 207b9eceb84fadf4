package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"sort"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/internal/pdfbox"
)

// ads imports the first page of each ad as a form XObject, with its
// resources copied object by object (keys in sorted order, so the result is
// deterministic), and paints it in its frame, scaled uniformly and centred,
// after the page's other content. gopdf's own importer (gofpdi) is not used:
// it writes dictionaries in map order and panics on malformed files.
func (f *finisher) ads() error {
	n := 0
	type imported struct {
		ref  types.IndirectRef
		bbox [4]float64
	}
	cache := map[string]imported{} // one form XObject per ad file
	var knockout types.IndirectRef // the ExtGState ads are painted in
	var dicts []types.Dict
	var refs []types.IndirectRef
	for i, ads := range f.dr.ads {
		if len(ads) == 0 {
			continue
		}
		if dicts == nil { // one walk of the page tree, not one per page
			var err error
			if dicts, refs, err = pageList(f.ctx); err != nil {
				return err
			}
		}
		if i >= len(dicts) {
			return fmt.Errorf("page %d: not in the page tree", i+1)
		}
		pd, ref := dicts[i], &refs[i]
		res, err := f.ctx.DereferenceDict(pd["Resources"])
		if err != nil || res == nil {
			return fmt.Errorf("page %d: resources: %v", i+1, err)
		}
		xobjs, err := f.ctx.DereferenceDict(res["XObject"])
		if err != nil {
			return err
		}
		if xobjs == nil {
			xobjs = types.Dict{}
		}
		// An ad is painted knocking out, whatever state the page's content
		// left (small black text overprints): under overprint, an ad's
		// shapes would mix with the ones beneath them on press.
		egs, err := f.ctx.DereferenceDict(res["ExtGState"])
		if err != nil {
			return err
		}
		if egs == nil {
			egs = types.Dict{}
		}
		if knockout.ObjectNumber == 0 {
			if knockout, err = f.add(types.Dict{"Type": types.Name("ExtGState"), "OP": types.Boolean(false), "op": types.Boolean(false), "OPM": types.Integer(0)}); err != nil {
				return err
			}
		}
		egs["BSadKnockout"] = knockout
		if r, ok := res["ExtGState"].(types.IndirectRef); ok {
			f.set(r.ObjectNumber.Value(), egs)
		} else {
			res["ExtGState"] = egs
		}
		var content bytes.Buffer
		h := pt(f.dr.geoms[i].media.H)
		for _, ad := range ads {
			n++
			im, ok := cache[ad.source]
			if !ok {
				ref, bbox, err := f.importPage(ad.source)
				if err != nil {
					return fmt.Errorf("page %d: ad %s: %w", f.doc.Pages[i].Number, ad.source, err)
				}
				im = imported{ref, bbox}
				cache[ad.source] = im
			}
			form, bbox := im.ref, im.bbox
			name := fmt.Sprintf("BSad%d", n)
			xobjs[name] = form
			fw, fh := pt(ad.frame.W), pt(ad.frame.H)
			bw, bh := bbox[2]-bbox[0], bbox[3]-bbox[1]
			s := math.Min(fw/bw, fh/bh)
			// Each product is rounded by a conversion so that no CPU fuses
			// it into a multiply-add: the same bytes everywhere.
			sw, sh, sx, sy := float64(s*bw), float64(s*bh), float64(s*bbox[0]), float64(s*bbox[1])
			tx := pt(ad.frame.X) + (fw-sw)/2 - sx
			ty := h - pt(ad.frame.Y+ad.frame.H) + (fh-sh)/2 - sy
			fmt.Fprintf(&content, "q /BSadKnockout gs %.6f 0 0 %.6f %.4f %.4f cm /%s Do Q\n", s, s, tx, ty, name)
		}
		// The resource dictionary is gopdf's, shared by all pages: a name
		// per ad keeps them apart.
		if r, ok := res["XObject"].(types.IndirectRef); ok {
			f.set(r.ObjectNumber.Value(), xobjs)
		} else {
			res["XObject"] = xobjs
			if r, ok := pd["Resources"].(types.IndirectRef); ok {
				f.changed[r.ObjectNumber.Value()] = true
			}
		}
		cref, err := f.stream(types.Dict{}, content.Bytes(), true)
		if err != nil {
			return err
		}
		switch c := pd["Contents"].(type) {
		case types.Array:
			pd["Contents"] = append(c, cref)
		case nil:
			pd["Contents"] = cref
		default:
			pd["Contents"] = types.Array{c, cref}
		}
		f.changed[ref.ObjectNumber.Value()] = true
	}
	return nil
}

// importPage copies the first page of the PDF file at path into the
// document as a form XObject and returns it with its bounding box.
func (f *finisher) importPage(path string) (types.IndirectRef, [4]float64, error) {
	var bbox [4]float64
	data, err := os.ReadFile(path)
	if err != nil {
		return types.IndirectRef{}, bbox, err
	}
	src, err := readPDF(data)
	if err != nil {
		return types.IndirectRef{}, bbox, fmt.Errorf("reading: %w", err)
	}
	if err := src.EnsurePageCount(); err != nil {
		return types.IndirectRef{}, bbox, err
	}
	if src.PageCount < 1 {
		return types.IndirectRef{}, bbox, fmt.Errorf("no pages")
	}
	pd, _, inh, err := src.PageDict(1, true)
	if err != nil {
		return types.IndirectRef{}, bbox, err
	}
	box := pdfbox.Visible(src, pd, inh)
	if box == nil {
		return types.IndirectRef{}, bbox, fmt.Errorf("no media box")
	}
	bbox = [4]float64{box.LL.X, box.LL.Y, box.UR.X, box.UR.Y}
	if bbox[2] <= bbox[0] || bbox[3] <= bbox[1] {
		return types.IndirectRef{}, bbox, fmt.Errorf("empty media box")
	}
	content, err := pdfbox.Content(src, pd)
	if err != nil {
		return types.IndirectRef{}, bbox, err
	}
	m := &migrator{src: src, f: f, done: map[int]types.IndirectRef{}}
	var res types.Object = types.Dict{}
	if inh.Resources != nil {
		if res, err = m.object(inh.Resources); err != nil {
			return types.IndirectRef{}, bbox, err
		}
	}
	form := types.Dict{
		"Type":      types.Name("XObject"),
		"Subtype":   types.Name("Form"),
		"BBox":      types.NewNumberArray(bbox[0], bbox[1], bbox[2], bbox[3]),
		"Resources": res,
	}
	ref, err := f.stream(form, content, true)
	return ref, bbox, err
}

// migrator copies objects from another file into the document.
type migrator struct {
	src  *model.Context
	f    *finisher
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
		ref, err := m.f.add(types.Dict{}) // reserve the number first: cycles
		if err != nil {
			return nil, err
		}
		m.done[nr] = ref
		c, err := m.object(obj)
		if err != nil {
			return nil, err
		}
		if c == nil {
			c = types.Dict{}
		}
		m.f.set(ref.ObjectNumber.Value(), c)
		return ref, nil
	case types.Dict:
		return m.dict(o)
	case types.StreamDict:
		d, err := m.dict(o.Dict)
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
