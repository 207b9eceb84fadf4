package pdfbox

import (
	"errors"
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// maxTreeDepth is the deepest a page tree may nest (a real one is a few
// levels deep; PDF writers balance it).
const maxTreeDepth = 64

// FirstPage returns the first page of the document read into ctx, in
// document order, with the attributes it inherits (MediaBox, CropBox,
// Rotate and Resources, each from the nearest node on its path from the
// catalog's /Pages that has it). A node with /Kids is a page tree node
// unless its /Type says /Page; any other is a page. A page tree that
// loops (a node met twice), nests deeper than maxTreeDepth or holds no
// page is an error.
//
// pdfcpu's PageDict walks the tree by recursion without marking what it
// visited: a node among its own kids recursed until the stack overflowed,
// which is fatal to the process (no recover catches it), so an ad could
// stop a whole batch.
func FirstPage(ctx *model.Context) (types.Dict, *model.InheritedPageAttrs, error) {
	root, err := ctx.Pages()
	if err != nil {
		return nil, nil, err
	}
	if root == nil {
		return nil, nil, errors.New("the catalog has no page tree (Pages)")
	}
	w := pageWalk{ctx: ctx, seen: map[int]bool{}}
	pd, inh, err := w.visit(*root, model.InheritedPageAttrs{}, 0)
	if err != nil {
		return nil, nil, err
	}
	if pd == nil {
		return nil, nil, errors.New("the page tree holds no page")
	}
	return pd, &inh, nil
}

type pageWalk struct {
	ctx  *model.Context
	seen map[int]bool // object numbers of the nodes visited
}

// visit returns the first page under the node ref, which inherits inh;
// nil when the node holds none.
func (w *pageWalk) visit(ref types.IndirectRef, inh model.InheritedPageAttrs, depth int) (types.Dict, model.InheritedPageAttrs, error) {
	if depth > maxTreeDepth {
		return nil, inh, fmt.Errorf("the page tree nests more than %d levels deep", maxTreeDepth)
	}
	nr := ref.ObjectNumber.Value()
	if w.seen[nr] {
		return nil, inh, fmt.Errorf("the page tree loops: object %d is met twice", nr)
	}
	w.seen[nr] = true
	d, err := w.ctx.DereferenceDict(ref)
	if err != nil {
		return nil, inh, err
	}
	if d == nil {
		return nil, inh, nil // a reference to nothing: no page here
	}
	if err := w.inherit(d, &inh); err != nil {
		return nil, inh, fmt.Errorf("object %d: %w", nr, err)
	}
	kids, err := w.ctx.DereferenceArray(d["Kids"])
	if err != nil {
		return nil, inh, fmt.Errorf("object %d: Kids: %w", nr, err)
	}
	if t := d.Type(); kids == nil || t != nil && *t == "Page" {
		return d, inh, nil
	}
	for _, k := range kids {
		if k == nil {
			continue
		}
		kr, ok := k.(types.IndirectRef)
		if !ok {
			return nil, inh, fmt.Errorf("object %d: a kid of the page tree is not a reference", nr)
		}
		pd, pinh, err := w.visit(kr, inh, depth+1)
		if err != nil || pd != nil {
			return pd, pinh, err
		}
	}
	return nil, inh, nil
}

// inherit sets in inh the inheritable attributes node d has.
func (w *pageWalk) inherit(d types.Dict, inh *model.InheritedPageAttrs) error {
	for _, b := range []struct {
		key string
		r   **types.Rectangle
	}{{"MediaBox", &inh.MediaBox}, {"CropBox", &inh.CropBox}} {
		o, ok := d[b.key]
		if !ok {
			continue
		}
		a, err := w.ctx.DereferenceArray(o)
		if err != nil {
			return fmt.Errorf("/%s: %w", b.key, err)
		}
		if len(a) != 4 {
			return fmt.Errorf("/%s: %d numbers, not 4", b.key, len(a))
		}
		if *b.r, err = w.ctx.RectForArray(a); err != nil {
			return fmt.Errorf("/%s: %w", b.key, err)
		}
	}
	if o, ok := d["Rotate"]; ok {
		o, err := w.ctx.Dereference(o)
		if err != nil {
			return fmt.Errorf("/Rotate: %w", err)
		}
		switch o := o.(type) {
		case types.Integer:
			inh.Rotate = o.Value()
		case types.Float:
			inh.Rotate = int(math.Round(o.Value()))
		}
	}
	if o, ok := d["Resources"]; ok {
		res, err := w.ctx.DereferenceDict(o)
		if err != nil {
			return fmt.Errorf("/Resources: %w", err)
		}
		inh.Resources = res
	}
	return nil
}

// Copied reports whether a dictionary entry of an ad is copied with it:
// all but a page's or a form's Parent and a structure element's P, which
// lead back up into the page tree and the structure tree, outside what the
// page draws.
func Copied(key string) bool { return key != "Parent" && key != "P" }
