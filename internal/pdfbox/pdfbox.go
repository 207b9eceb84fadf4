// Package pdfbox holds the rules an ad's PDF page is read by, shared by the
// edition loader and the PDF writer so the two can never disagree: the
// size of the page (Visible), its content streams (Content) and how its
// first page is found (FirstPage).
package pdfbox

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Visible is the part of page pd (read with ctx, inh its inherited
// attributes) that shows: its CropBox when it has a readable one, else
// its MediaBox; nil when it has neither.
func Visible(ctx *model.Context, pd types.Dict, inh *model.InheritedPageAttrs) *types.Rectangle {
	var box *types.Rectangle
	if inh != nil {
		box = inh.MediaBox
	}
	if cb, ok := pd["CropBox"]; ok {
		if a, err := ctx.DereferenceArray(cb); err == nil && len(a) == 4 {
			if r, err := ctx.RectForArray(a); err == nil {
				box = r
			}
		}
	}
	return box
}
