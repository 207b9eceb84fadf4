// Package pdf writes a composed edition (display.Document) as PDF, finished
// for the print shop (PDF/X-4) and the archive (PDF/A-2u).
//
// # Design: one pass, page by page
//
// The writer writes the file itself, object by object, as the pages come
// (Writer.Page): each page's content stream is encoded from its display
// list, compressed and written at once, and so is each image and ad the
// first time a page places it; the page's display list is then released.
// What needs the whole document waits for Close: the fonts (subset to the
// glyphs the pages used), the page tree, the shared resources, the
// metadata, the output intents, the outline, the cross-reference section
// and the trailer, whose /ID hashes every byte before it. So the memory a
// Write takes does not grow with the number of pages.
//
// Glyphs are numbered per face in order of first use (fontUse): a content
// stream written before the document's glyph set is known uses codes that
// stay valid, since Close builds each subset (fonts.Face.SubsetGlyphs) with
// a CIDToGIDMap that takes each code to its glyph. The subset keeps the
// face's order, which deflates smaller and faster (glyphOrder). The
// ToUnicode map and the W array follow the codes.
//
// Why not gopdf, which drew the pages until 2026-12: it keeps every page's
// operators in memory until the end, so an edition's memory grew by about
// half a megabyte a page; it numbers glyphs by its own subset, known only
// once every character is; and what the standards need and it cannot write
// (output intents, XMP, BleedBox, /ID, subset tags, a CIDToGIDMap, ToUnicode
// beyond the BMP, PDF 1.6, overprint ExtGStates) took a second pass that
// re-read its whole output with pdfcpu. Why not pdfcpu's writer: it stamps
// the clock into /ModDate and the /ID, and re-encodes every stream.
// pdfcpu's reader is still used, to import ads; its object types serialise
// the dictionaries written here (keys sorted).
//
// # Speed
//
// Font programs are subset at Close on every core and deflated at
// fontLevel in pieces of a fixed size (startDeflate), so the bytes do not
// depend on the number of cores. Photos (JPEG) are embedded byte for byte,
// or, with Options.OptimizePhotos, a baseline one with optimal Huffman
// tables (images.OptimizeJPEG, on the workers).
// The default ICC profiles are compressed at build time (icc/gen.go). A
// glyph run is one text object: a character spacing taken from its first
// gap and TJ adjustments where a glyph would otherwise land more than
// posTolerance from its X. Nothing is cached between Writes (but the
// optimised photos Options.Images keeps, when the caller passes one): a Write's cost
// is its own document's, and concurrent Writes share only read-only data
// and, when the caller passes one (a batch does), a Compressors, which
// lends its compressors' tables, reset, to one Write after another.
//
// # Determinism
//
// No clock: the document is dated with the edition date. Object numbers,
// resource names and glyph codes follow the order of the pages and their
// items; dictionaries are serialised with sorted keys; numbers are written
// from values rounded by explicit conversions (no fused multiply-add).
// Subset tags are hashes of the glyph sets; the /ID and XMP document ID
// are hashes of the content.
package pdf
