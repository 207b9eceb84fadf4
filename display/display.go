// Package display holds the display list: every page of an edition composed
// into positioned items. It is the contract between the layout engine and the
// writers (PDF, PNG preview), and imports nothing of either.
package display

import (
	"strconv"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/units"
)

// Document is the display list: every page of an edition composed into
// positioned items. It is the contract between composing and writing: plain
// data, testable without a PDF. Coordinates are from the top-left corner of
// the page's media box, y growing downwards; colours are CMYK.
type Document struct {
	Meta        Meta
	Pages       []Page
	Outline     []Bookmark
	Diagnostics []Diagnostic
}

// Meta describes the edition for the document's metadata.
type Meta struct {
	Title   string // e.g. "港区新闻 2026年3月18日 第5321期"
	Paper   string // the paper's name
	Date    string // the edition date, YYYY-MM-DD
	Issue   int
	Subject string
	Creator string
	// SlugFace is the face of the slug line printed outside the bleed when
	// a writer draws printer's marks ("" when the document has no text).
	SlugFace string
}

// Rect is an axis-aligned rectangle from the media box's top-left corner.
type Rect struct {
	X, Y, W, H units.Length
}

// Point is a position from the media box's top-left corner.
type Point struct {
	X, Y units.Length
}

// Color is a CMYK colour, each channel in thousandths (0–1000).
type Color struct {
	C, M, Y, K int
}

// Black returns pure process black (0/0/0/100), the colour of text and rules.
func Black() Color { return Color{K: 1000} }

// Page is one composed page.
type Page struct {
	Number int    // the folio number
	Name   string // e.g. "A1 要闻", for bookmarks
	// Media is the whole sheet; Trim the finished page; Bleed the trim
	// grown by the bleed. Media equals Bleed unless marks are drawn.
	Media, Bleed, Trim Rect
	// Slug is the page's slug line (paper, date, issue, page), printed in
	// Meta.SlugFace outside the bleed when a writer draws printer's marks.
	Slug  string
	Items []Item
	// Modules are the frames of the page's modules (articles and ads), for
	// a preview that shows them; writers of the printed page ignore them.
	Modules []Module
}

// Module is the frame of one module on the page: an article's, or an ad's
// (Article "").
type Module struct {
	Article string
	Frame   Rect
}

// Item is one thing drawn on a page: *GlyphRun, *Image, *Rule, *Box or *PDFPage.
type Item interface{ isItem() }

// GlyphRun is text on one baseline in one face and size.
type GlyphRun struct {
	Face     string       // the font library's face name
	Size     units.Length // font size
	Baseline units.Length // y of the baseline
	Glyphs   []Glyph
	Color    Color
	// Article names the article the run belongs to ("" for page furniture),
	// so reading order and reports can be recovered from the display list.
	Article string
	Role    Role
}

// Role is what a run of text is on the page. Writers may style by it
// (a preview may colour headlines); they never decide text by it.
type Role uint8

// Roles. The zero value, RoleNone, is no role: every run the layout engine
// draws has one of the others.
const (
	RoleNone           Role = iota
	RoleBody                // an article's body text
	RoleHeadline            // the headline proper (主题)
	RoleHeadlineRepeat      // the headline repeated over a continued part
	RoleKicker              // the line over the headline (引题)
	RoleSubtitle            // the line under the headline (副题), or a photo story's title under its headline
	RoleByline              // the byline, at the head of the flow
	RoleDateline            // the dateline (本报讯) run in before the first paragraph
	RoleCaption             // a photo's caption
	RoleCredit              // a photo's credit
	RoleJump                // a jump line (下转/上接)
	RoleFolio               // the folio line above the type area
	RoleMasthead            // the paper's name, date and issue on page 1
	RoleEditors             // the editors' line under the type area
	RoleAdLabel             // the mark over an ad (广告)
)

// String is the role's name, e.g. "body"; "" for RoleNone.
func (r Role) String() string {
	switch r {
	case RoleNone:
		return ""
	case RoleBody:
		return "body"
	case RoleHeadline:
		return "headline"
	case RoleHeadlineRepeat:
		return "headline-repeat"
	case RoleKicker:
		return "kicker"
	case RoleSubtitle:
		return "subtitle"
	case RoleByline:
		return "byline"
	case RoleDateline:
		return "dateline"
	case RoleCaption:
		return "caption"
	case RoleCredit:
		return "credit"
	case RoleJump:
		return "jump"
	case RoleFolio:
		return "folio"
	case RoleMasthead:
		return "masthead"
	case RoleEditors:
		return "editors"
	case RoleAdLabel:
		return "ad-label"
	}
	return "role(" + strconv.Itoa(int(r)) + ")"
}

// Glyph is one cluster of source text at a horizontal position. Text is
// usually one character; the writer draws it at X on the run's baseline.
type Glyph struct {
	Text string
	X    units.Length
}

// Image places a raster image file (JPEG or PNG) in Frame, showing the part
// of the image given by Crop (in image pixels scaled to Frame).
type Image struct {
	Source string // path of the image file
	Frame  Rect   // where it shows on the page (clipped)
	// Draw is where the whole image is drawn (larger than Frame when cropped).
	Draw    Rect
	Article string
}

// Rule is a straight line.
type Rule struct {
	From, To Point
	Width    units.Length
	Color    Color
}

// Box is a filled and/or stroked rectangle.
type Box struct {
	Frame       Rect
	Fill        *Color
	Stroke      *Color
	StrokeWidth units.Length
}

// PDFPage places the first page of a PDF file (an ad) as vectors in Frame.
type PDFPage struct {
	Source string
	Frame  Rect
}

func (*GlyphRun) isItem() {}
func (*Image) isItem()    {}
func (*Rule) isItem()     {}
func (*Box) isItem()      {}
func (*PDFPage) isItem()  {}

// Bookmark is an outline entry: a page or an article under a page.
type Bookmark struct {
	Title string
	Page  int // index into Document.Pages
	Y     units.Length
	Kids  []Bookmark
}

// Severity says whether a diagnostic stops the render.
type Severity int

// Severities.
const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is a problem found while composing, named by page and article.
type Diagnostic struct {
	Severity Severity
	Page     int       // folio number, 0 when not on a page
	Article  string    // article id, "" when none
	Code     diag.Code // a stable short code, e.g. diag.Overset, diag.LowPPI, diag.MissingGlyph
	Message  string
	// Frame is where on the page the problem is, when the composer knows
	// (the module of an overset article, the hole of an underset one, the
	// frame of a low-resolution photo); nil otherwise.
	Frame *Rect
}
