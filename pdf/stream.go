package pdf

import (
	"errors"
	"fmt"
	"io"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// A Writer writes a PDF from pages handed to it one at a time, in page
// order, as a streaming composer (layout.Stream) produces them; Close takes
// what needs the whole document (the metadata, with the slug face, and the
// outline) and writes the file. The bytes are those Write gives for the
// same Document.
//
// What it keeps between Page and Close: gopdf can draw a page only once
// every face is registered with it as a subset of the characters the whole
// document sets (fonts.Face.Subset renumbers the glyphs), so the pages are
// held until Close and drawn there. A writer of its own content streams,
// addressing glyphs by their ids in the whole face, could write each page
// at Page and release it.
type Writer struct {
	w     io.Writer
	lib   *fonts.Library
	opt   Options
	pages []display.Page
	done  bool
}

// NewWriter returns a Writer that writes to w with the faces of lib,
// finished for the standards in opt. It writes nothing to w before Close.
func NewWriter(w io.Writer, lib *fonts.Library, opt Options) *Writer {
	return &Writer{w: w, lib: lib, opt: opt}
}

// Page adds the next page. The Writer keeps its own copy of the page's
// header; the items are shared, and must not change until Close returns
// (layout.Stream keeps none).
func (pw *Writer) Page(p *display.Page) error {
	if pw.done {
		return errors.New("pdf: page after Close")
	}
	if p == nil {
		return errors.New("pdf: nil page")
	}
	pw.pages = append(pw.pages, *p)
	return nil
}

// Close writes the PDF of the pages added, with the metadata and outline of
// doc (whose Pages must be empty: the pages are those given to Page).
func (pw *Writer) Close(doc *display.Document) error {
	if pw.done {
		return errors.New("pdf: Close called twice")
	}
	pw.done = true
	if doc == nil {
		return errors.New("pdf: no document")
	}
	if len(doc.Pages) > 0 {
		return fmt.Errorf("pdf: Close: the document carries %d pages; pages go to Page", len(doc.Pages))
	}
	full := *doc
	full.Pages = pw.pages
	pw.pages = nil
	return write(pw.w, &full, pw.lib, pw.opt, true)
}
