// Package pdfbox holds the rules an ad's PDF page is read by, shared by the
// edition loader and the PDF writer so the two can never disagree: the
// size of the page (Visible), its content streams (Content) and how its
// first page is found (FirstPage).
package pdfbox

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Visible is the part of a page that shows, from its attributes with
// those it inherits (FirstPage's inh): its CropBox when it has one, else
// its MediaBox; nil when it has neither. Both are inheritable (ISO
// 32000-1, Table 30).
func Visible(inh *model.InheritedPageAttrs) *types.Rectangle {
	if inh == nil {
		return nil
	}
	if inh.CropBox != nil {
		return inh.CropBox
	}
	return inh.MediaBox
}
