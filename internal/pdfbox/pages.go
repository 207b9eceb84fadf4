package pdfbox

import (
	"errors"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// MaxTreeDepth bounds how deep an ad's page tree may nest: a one-page ad's
// is one or two levels deep.
const MaxTreeDepth = 64

// FirstPage is ctx.PageDict(1, true), once the page tree is known to end.
// pdfcpu walks the tree by recursion, without noticing a node that is its
// own kid: a page tree that loops (/Kids [2 0 R] in object 2) or nests a
// million levels deep overflowed the goroutine's stack, a fatal error no
// recover catches.
func FirstPage(ctx *model.Context) (types.Dict, *model.InheritedPageAttrs, error) {
	root, err := ctx.Pages()
	if err != nil {
		return nil, nil, err
	}
	if root == nil {
		return nil, nil, errors.New("no page tree")
	}
	if err := checkTree(ctx, *root, map[int]bool{}, map[int]bool{}, 0); err != nil {
		return nil, nil, err
	}
	pd, _, inh, err := ctx.PageDict(1, true)
	return pd, inh, err
}

// checkTree walks the page tree below node by every kid pdfcpu could
// follow, whatever its type, each node once.
func checkTree(ctx *model.Context, node types.IndirectRef, visiting, done map[int]bool, depth int) error {
	nr := node.ObjectNumber.Value()
	if visiting[nr] {
		return errors.New("a page tree that loops")
	}
	if done[nr] {
		return nil
	}
	if depth > MaxTreeDepth {
		return errors.New("a page tree nested too deep")
	}
	d, err := ctx.DereferenceDict(node)
	if err != nil || d == nil {
		return nil // pdfcpu says what is wrong with it
	}
	kids, _ := ctx.DereferenceArray(d["Kids"])
	visiting[nr] = true
	for _, k := range kids {
		if r, ok := k.(types.IndirectRef); ok {
			if err := checkTree(ctx, r, visiting, done, depth+1); err != nil {
				return err
			}
		}
	}
	delete(visiting, nr)
	done[nr] = true
	return nil
}
