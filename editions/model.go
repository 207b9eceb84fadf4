// Package editions reads an edition file: the YAML that describes one
// issue of a newspaper (its pages, articles, photos and ads), strictly, with
// every problem reported at its file, line and column. It applies the
// defaults of a Chinese broadsheet, resolves paths against the edition
// file, and reads and checks the photos and ads it names, keeping their
// bytes for the writer (Edition.FileBytes). It knows nothing of layout or
// PDF.
package editions

import (
	"fmt"
	"strconv"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// Edition is one issue of a paper, resolved and validated.
type Edition struct {
	Source string // the edition file's path as given
	Dir    string // the directory paths are resolved against
	Paper  string // the paper's name, e.g. 港区新闻
	Date   Date
	Issue  int
	Page   Geometry
	Fonts  []FontFile // user fonts, in the order written
	Styles Styles
	Pages  []Page

	pixels   func() error // the pixel check a Background load left running
	problems error        // what Read found wrong with the edition (Problems), for ReadFiles
	files    *fileSet     // each photo, image ad and PDF ad as loading read it (FileBytes)
}

// Date is a calendar date (no clock, no zone).
type Date struct{ Year, Month, Day int }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return pad(d.Year, 4) + "-" + pad(d.Month, 2) + "-" + pad(d.Day, 2)
}

// Chinese formats the date as 2026年3月18日.
func (d Date) Chinese() string {
	return itoa(d.Year) + "年" + itoa(d.Month) + "月" + itoa(d.Day) + "日"
}

// Weekday returns the day of the week as 星期一 … 星期日.
func (d Date) Weekday() string {
	// Zeller-like computation (Sakamoto's method), no time package needed.
	t := []int{0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4}
	if d.Month < 1 || d.Month > 12 {
		return "" // not a date (Load never returns one)
	}
	y := d.Year
	if d.Month < 3 {
		y--
	}
	w := ((y+y/4-y/100+y/400+t[d.Month-1]+d.Day)%7 + 7) % 7 // 0 = Sunday
	return "星期" + []string{"日", "一", "二", "三", "四", "五", "六"}[w]
}

// Geometry is the paper size and the grid.
type Geometry struct {
	Preset        string // the preset it started from
	Width, Height units.Length
	Margins       Margins
	Bleed         units.Length
	Columns       int
	ColumnChars   int          // column width in body characters
	Gutter        units.Length // space between columns
}

// ColumnWidth is the measure of one column: a whole number of body characters.
func (g Geometry) ColumnWidth(body units.Length) units.Length {
	return body * units.Length(g.ColumnChars)
}

// TypeWidth is the width of the type area: the columns and their gutters.
func (g Geometry) TypeWidth(body units.Length) units.Length {
	return g.ColumnWidth(body)*units.Length(g.Columns) + g.Gutter*units.Length(g.Columns-1)
}

// Margins are the space around the type area. On a single-sided page
// (every page of a newspaper is printed as one) inside is the left margin.
type Margins struct {
	Top, Bottom, Inside, Outside units.Length
}

// FontFile is a user font registered under a name.
type FontFile struct {
	Name string
	Path string // absolute or relative to the working directory
	Pos  Pos
}

// Punctuation is how wide punctuation is set.
type Punctuation string

// Punctuation styles (GB/T 15834 and clreq).
const (
	PunctFull    Punctuation = "full"    // 全角式: every mark a full em, compressed where adjacent
	PunctHalf    Punctuation = "half"    // 半角式: most marks half an em
	PunctKaiming Punctuation = "kaiming" // 开明式: full em for 。！？, half for the rest
)

// Style is how one role of text is set.
type Style struct {
	Font        string // a font name: built-in (serif, serif-bold, sans-bold, sans-black, kai) or from Fonts
	Size        units.Length
	Leading     units.Length // baseline to baseline
	Indent      units.Length // first-line indent
	Punctuation Punctuation
	Strict      bool // strict kinsoku (true) or basic
	Normalize   bool // normalise pasted punctuation and quotes
	// Scale is the headline's size scale, largest first: a headline of
	// rank r is set at Scale[r-1], the smallest rank at a narrow span one
	// step smaller (see layout). Only the headline style has one; its Size
	// is Scale[0].
	Scale []units.Length
	// Fallback names the faces, in order, that set a character Font has
	// no glyph for (a rare character of a name, 生僻字): the role's own
	// fallback: list, else the edition's. Empty: no fallback, and such a
	// character is an error.
	Fallback []string
}

// Styles holds the style of every text role.
type Styles struct {
	Body, Headline, Kicker, Subtitle, Byline, Dateline, Caption, Credit, Folio Style
}

// Section is the style of a page's section: news (the default) or feature.
type Section string

// Sections.
const (
	// SectionNews sets a page in the news styles.
	SectionNews Section = "news"
	// SectionFeature sets a literary (副刊) page: headlines in the serif
	// (宋) face, kickers and subtitles in 楷体, and bylines without the ■
	// that marks a reporter's news byline.
	SectionFeature Section = "feature"
)

// Page is one page of the edition.
type Page struct {
	Number   int
	Section  string
	Style    Section // the section style: news or feature
	Editors  []Editor
	Articles []Article // in order of importance
	Ads      []Ad
	Pos      Pos
}

// Editor is one credit in a page's editors line: 责任编辑 王某.
type Editor struct{ Role, Name string }

// Article is one story: a headline block, a body, photos; or a photo story.
type Article struct {
	ID         string
	Kicker     string // 引题
	Headline   string // 主题
	Subtitle   string // 副题
	Byline     string
	Dateline   string   // e.g. 本报讯, set before the first paragraph
	Body       []string // paragraphs, each trimmed, none empty
	BodyPos    []Pos    // where each paragraph of Body starts in the file (as many as Body)
	Photos     []Photo
	Story      *Photo // set when the article is a photo story
	Rank       int    // headline rank 1..4; 0 = from order
	Span       int    // hinted column span; 0 = automatic
	Place      *Place // explicit placement; nil = automatic
	ContinueOn int    // page the overflow jumps to; 0 = none
	Pos        Pos
}

// Fit says how a photo fills its frame.
type Fit string

// Fits.
const (
	FitCover   Fit = "cover"   // fill the frame, cropping around the focus
	FitContain Fit = "contain" // show the whole photo
)

// Format is the kind of a photo's or an ad's file, by its name.
type Format string

// Formats. The zero value is no format Broadsheet reads.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	PDF  Format = "pdf" // ads only: a one-page PDF placed as vectors
)

// Photo is an image with its caption and credit.
type Photo struct {
	File        string // resolved path
	Format      Format // JPEG or PNG
	PixelWidth  int
	PixelHeight int
	Title       string // a photo story's title
	Caption     string
	Credit      string
	Fit         Fit
	FocusX      int // focal point, in thousandths of the width (500 = centre)
	FocusY      int // in thousandths of the height
	// Cropped is true when the editor said how to crop (a focus, or fit:
	// cover written out): the photo may then be cropped more than the
	// layout's limit (Policy.MaxCrop) to fill its frame.
	Cropped bool
	Span    int // hinted column span; 0 = automatic
	// Orientation is the photo's EXIF orientation, 1 (upright) to 8. The
	// pixel size above is the upright size, with the orientation applied.
	Orientation int
	Pos         Pos
}

// Place is an explicit position on the page grid. Its first line is
// Line, or the foot of the module area when Bottom, or its top when Line
// is unset (-1); an ad given no line is loaded with Bottom set, as ads
// stand on the foot of the page unless told otherwise.
type Place struct {
	Column int  // first column, 1-based
	Span   int  // columns spanned
	Line   int  // first grid line from the top of the type area, 0-based; -1 = unset (the top)
	Lines  int  // height in grid lines; 0 = automatic
	Bottom bool // stand on the bottom of the type area
}

// DefaultAdLabel is the mark over an ad when the edition gives none.
const DefaultAdLabel = "广告"

// Ad is a reserved rectangle holding an image or a one-page PDF.
type Ad struct {
	ID          string
	File        string // resolved path
	Format      Format // JPEG, PNG or PDF
	PixelWidth  int    // for images
	PixelHeight int
	PageWidth   units.Length // for a PDF: the size of its page
	PageHeight  units.Length
	Orientation int    // an image ad's EXIF orientation (see Photo)
	MaxInk      int    // the highest total ink of a PDF ad's colours or a CMYK or gray image ad's pixels, in percent (see PDFInfo, RasterInk)
	InkAt       string // the CMYK colour that reaches MaxInk
	InkNote     string // a PDF ad's image whose ink is not in MaxInk (see PDFInfo.InkNote), for a warning
	RGB         bool   // an RGB image ad, whose ink the output profile decides (see RasterInk)
	// Label is the mark set over the ad that tells readers it is one, as
	// China's Advertising Law (§14) asks of an ad in a newspaper:
	// DefaultAdLabel unless the edition gives another, "" for none (an
	// ad whose artwork carries its own).
	Label string
	Place Place
	Pos   Pos
}

func itoa(n int) string { return strconv.Itoa(n) }

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// FontError is a user font of the edition that could not be registered.
type FontError struct {
	Font FontFile
	Err  error
}

func (e *FontError) Error() string {
	return fmt.Sprintf("%s: font %s: %v", e.Font.Pos, e.Font.Name, e.Err)
}

func (e *FontError) Unwrap() error { return e.Err }

// Library is the font library the edition is set with: shared, unless the
// edition declares fonts of its own, which get a library of their own so
// their names cannot clash with another edition's (in a batch). A font
// that cannot be registered is a *FontError.
func (ed *Edition) Library(shared *fonts.Library) (*fonts.Library, error) {
	if len(ed.Fonts) == 0 {
		return shared, nil
	}
	lib := fonts.NewLibrary()
	for _, f := range ed.Fonts {
		if err := lib.AddFile(f.Name, f.Path); err != nil {
			return nil, &FontError{Font: f, Err: err}
		}
	}
	return lib, nil
}

// Locate returns where, in the edition's file, a problem found composing
// is about: where(page, article) is the article's place (by its id), else
// the page's (by its number), else the file alone; a continued article's
// problems are its own. The places are gathered once, for a caller that
// asks for every diagnostic of a long edition.
func (ed *Edition) Locate() (where func(page int, article string) Pos) {
	pages := map[int]Pos{}
	articles := map[string]Pos{}
	for _, pg := range ed.Pages {
		if _, ok := pages[pg.Number]; !ok {
			pages[pg.Number] = pg.Pos
		}
		for _, a := range pg.Articles {
			if _, ok := articles[a.ID]; !ok {
				articles[a.ID] = a.Pos
			}
		}
	}
	return func(page int, article string) Pos {
		if p, ok := articles[article]; ok && article != "" {
			return p
		}
		if p, ok := pages[page]; ok && page > 0 {
			return p
		}
		return Pos{File: ed.Source}
	}
}
