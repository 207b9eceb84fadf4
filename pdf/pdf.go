// Package pdf writes a composed edition (display.Document) as PDF, finished
// for the print shop (PDF/X-4) and the archive (PDF/A-2u).
//
// # Design: gopdf draws, a finisher completes
//
// Writing happens in two passes. First gopdf v0.33.0 draws the display
// list: pages, glyph runs (TrueType subsets, Identity-H), rules, boxes and
// images. gopdf cannot write what the standards require: output intents,
// XMP metadata, BleedBox, a trailer /ID, subset tags, a CIDToGIDMap, a PDF
// 1.6 header, ExtGStates for overprint; its ToUnicode CMaps cannot express
// characters beyond the BMP, and its page importer (gofpdi) writes
// dictionaries in map order. So, second, a finisher reads gopdf's bytes with
// pdfcpu v0.11.1, changes objects in pdfcpu's model and writes the file
// again as one revision: gopdf's header; every object still reachable from
// the catalog, in object-number order, gopdf's unchanged ones as the bytes
// gopdf wrote and the changed and new ones serialised by the finisher; a
// classic xref section and a trailer whose /ID is a hash of the bytes
// before it.
//
// Why not a rewrite with pdfcpu's writer: it stamps the clock into
// /ModDate and the /ID, re-encodes every stream (slower, and fonts and
// JPEGs gain nothing), and follows references from stream dictionaries in
// map order. Our own writer is short, deterministic by construction, and
// copies gopdf's unchanged objects (its page content streams, above all)
// byte for byte. Why not patches to gopdf: they would have to be carried
// as a fork of a module others also import; the finisher works on the
// published module.
//
// The objects the finisher replaced (gopdf's ToUnicode maps, its font
// stubs, the photo placeholders, its empty outline) are dropped: their
// numbers go on the xref's free list. On the one-page sample they were
// 46 kB; until the finisher wrote an incremental update, they stayed.
//
// # Speed: what gopdf does not see
//
// gopdf parses a whole font file on every Write and compresses what it
// embeds at zlib's default level; hashes and copies every image. So each
// face reaches it as a per-document subset with empty outlines
// (fonts.Face.Subset)
// and each RGB photo as a 1×1 placeholder JPEG (drawer.image); the finisher
// embeds the real font programs (compressed once, at fontLevel, in parallel
// pieces that start as soon as a face is subset) and the
// photos (byte for byte, once). The default ICC profiles are compressed at
// build time (icc/gen.go). gopdf writes each text object with fmt, glyph
// by glyph, so a glyph run goes to it as one text object: a character
// spacing plus TJ adjustments, queued by drawer.run and handed to gopdf by
// its kerning override (gpw.kerner). Everything that depends on gopdf's
// internals is in gopdf.go, behind the adapter gpw, with a golden test.
// Nothing is cached between Writes: a Write's cost
// is its own document's, and concurrent Writes share only read-only data.
//
// # Determinism
//
// No clock: gopdf writes no Info dictionary (SetInfo is never called, which
// is where gopdf would put time.Now), and the finisher dates the document
// with the edition date. gopdf's own output depends only on the call
// sequence (its font and image caches are insertion-ordered); the finisher
// iterates objects in number order and dictionaries are serialised with
// sorted keys. Subset tags are hashes of the glyph sets; the /ID and XMP
// document ID are hashes of the content.
package pdf

import (
	"fmt"
	"io"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// Write writes doc as a PDF to w, with the faces of lib, finished for the
// standards in opt. It writes nothing to w if it fails before the end.
func Write(w io.Writer, doc *display.Document, lib *fonts.Library, opt Options) error {
	return write(w, doc, lib, opt, false)
}

// write is Write; when release, it drops each page's items once drawn (see
// drawPages).
func write(w io.Writer, doc *display.Document, lib *fonts.Library, opt Options, release bool) error {
	if doc == nil || len(doc.Pages) == 0 {
		return fmt.Errorf("pdf: document has no pages")
	}
	if lib == nil {
		return fmt.Errorf("pdf: no font library")
	}
	dr, err := drawPages(doc, lib, opt.Marks, release)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	// finish writes only once everything is computed.
	if err := finish(w, doc, dr, opt); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}
