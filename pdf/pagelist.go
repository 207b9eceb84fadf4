package pdf

import (
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pageList returns the dictionary and reference of every page in order,
// walking the page tree once. pdfcpu's PageDict walks the tree from its
// root on every call, so looking pages up one by one (for their boxes, for
// each bookmark) cost time quadratic in the pages: writing 10,000 pages
// took minutes.
func pageList(ctx *model.Context) ([]types.Dict, []types.IndirectRef, error) {
	root, err := ctx.Pages()
	if err != nil {
		return nil, nil, err
	}
	var dicts []types.Dict
	var refs []types.IndirectRef
	seen := map[int]bool{}
	var walk func(ref types.IndirectRef, depth int) error
	walk = func(ref types.IndirectRef, depth int) error {
		if depth > 64 || seen[ref.ObjectNumber.Value()] {
			return fmt.Errorf("page tree: a loop or too deep at object %d", ref.ObjectNumber.Value())
		}
		seen[ref.ObjectNumber.Value()] = true
		d, err := ctx.DereferenceDict(ref)
		if err != nil || d == nil {
			return fmt.Errorf("page tree: object %d: %v", ref.ObjectNumber.Value(), err)
		}
		if t, _ := d["Type"].(types.Name); t == "Page" {
			dicts, refs = append(dicts, d), append(refs, ref)
			return nil
		}
		kids, err := ctx.DereferenceArray(d["Kids"])
		if err != nil {
			return err
		}
		for _, k := range kids {
			kr, ok := k.(types.IndirectRef)
			if !ok {
				return fmt.Errorf("page tree: a kid that is not a reference")
			}
			if err := walk(kr, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(*root, 0); err != nil {
		return nil, nil, err
	}
	return dicts, refs, nil
}
