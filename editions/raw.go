package editions

import (
	"bytes"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// The raw types mirror the YAML as written; resolve turns them into the
// Edition model with defaults applied and lengths in units.

type rawEdition struct {
	At       Pos
	Paper    string      `yaml:"paper,required"`
	Date     scalar      `yaml:"date,required"`
	Issue    *int        `yaml:"issue,required"`
	Preset   scalar      `yaml:"preset"`
	Page     *rawPage    `yaml:"page"`
	Fonts    namedFonts  `yaml:"fonts"`
	Fallback []scalar    `yaml:"fallback"`
	Style    *rawStyles  `yaml:"style"`
	Pages    []rawPageSp `yaml:"pages,required"`

	controls bool // a text may hold a control character (mayHoldControls); not a key
}

type rawPage struct {
	At          Pos
	Width       scalar      `yaml:"width"`
	Height      scalar      `yaml:"height"`
	Margins     *rawMargins `yaml:"margins"`
	Bleed       scalar      `yaml:"bleed"`
	Columns     *int        `yaml:"columns"`
	ColumnChars *int        `yaml:"column-chars"`
	Gutter      scalar      `yaml:"gutter"`
}

type rawMargins struct {
	At      Pos
	Top     scalar `yaml:"top"`
	Bottom  scalar `yaml:"bottom"`
	Inside  scalar `yaml:"inside"`
	Outside scalar `yaml:"outside"`
}

type rawFont struct {
	At   Pos
	File string `yaml:"file,required"`
}

type rawStyle struct {
	At          Pos
	Font        scalar   `yaml:"font"`
	Size        scalar   `yaml:"size"`
	Leading     scalar   `yaml:"leading"`
	Indent      scalar   `yaml:"indent"`
	Punctuation scalar   `yaml:"punctuation"`
	Kinsoku     scalar   `yaml:"kinsoku"`
	Normalize   *bool    `yaml:"normalize"`
	Scale       []scalar `yaml:"scale"`
	Fallback    []scalar `yaml:"fallback"`
}

type rawStyles struct {
	At       Pos
	Body     *rawStyle `yaml:"body"`
	Headline *rawStyle `yaml:"headline"`
	Kicker   *rawStyle `yaml:"kicker"`
	Subtitle *rawStyle `yaml:"subtitle"`
	Byline   *rawStyle `yaml:"byline"`
	Dateline *rawStyle `yaml:"dateline"`
	Caption  *rawStyle `yaml:"caption"`
	Credit   *rawStyle `yaml:"credit"`
	Folio    *rawStyle `yaml:"folio"`
}

type rawPageSp struct {
	At       Pos
	Number   *int         `yaml:"number,required"` // nil when not given or not a number: said once, by decoding
	Section  string       `yaml:"section"`
	Style    scalar       `yaml:"style"`
	Editors  namedStrings `yaml:"editors"`
	Articles []rawArticle `yaml:"articles"`
	Ads      []rawAd      `yaml:"ads"`
}

type rawArticle struct {
	At         Pos
	ID         scalar     `yaml:"id,required"`
	Kicker     string     `yaml:"kicker"`
	Headline   string     `yaml:"headline"`
	Subtitle   string     `yaml:"subtitle"`
	Byline     string     `yaml:"byline"`
	Dateline   string     `yaml:"dateline"`
	Body       scalar     `yaml:"body"`
	Photos     []rawPhoto `yaml:"photos"`
	Photo      *rawPhoto  `yaml:"photo"`
	Rank       *int       `yaml:"rank"`
	Span       *int       `yaml:"span"`
	Place      *rawPlace  `yaml:"place"`
	ContinueOn *int       `yaml:"continue-on"`
}

// decodeNode names the article in every problem found inside it.
func (a *rawArticle) decodeNode(d *decoder, n *yaml.Node) {
	outer := d.article
	d.article = ""
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
				d.article = n.Content[i+1].Value
			}
		}
	}
	d.decodeStruct(n, reflect.ValueOf(a).Elem(), "article")
	d.article = outer
}

type rawPhoto struct {
	At      Pos
	File    scalar   `yaml:"file,required"`
	Title   string   `yaml:"title"`
	Caption string   `yaml:"caption"`
	Credit  string   `yaml:"credit"`
	Fit     scalar   `yaml:"fit"`
	Focus   []scalar `yaml:"focus"`
	Span    *int     `yaml:"span"`
}

type rawPlace struct {
	At     Pos
	Column *int `yaml:"column,required"` // nil when not given or not a number: said once, by decoding
	Span   *int `yaml:"span,required"`
	Line   *int `yaml:"line"`
	Lines  *int `yaml:"lines"`
	Bottom bool `yaml:"bottom"`
}

type rawAd struct {
	At    Pos
	ID    scalar    `yaml:"id"`
	File  scalar    `yaml:"file,required"`
	Place *rawPlace `yaml:"at,required"`
	Label scalar    `yaml:"label"`
}

// scalar is a plain value kept with its position, for values whose
// meaning (a length, a date, a choice) is checked when resolving.
type scalar struct {
	Value string
	Pos   Pos
	Set   bool
	// blockCol is the column of a literal block's lines (body: |), whose
	// lines are the file's: 0 for any other style.
	blockCol int
}

func (s *scalar) decodeNode(d *decoder, n *yaml.Node) {
	if n.Kind != yaml.ScalarNode {
		d.add(n, "expected a single value, not %s", kindName(n))
		return
	}
	s.Pos = Pos{File: d.ps.file, Line: n.Line, Column: n.Column}
	if n.Tag == "!!null" {
		return
	}
	s.Value, s.Set = n.Value, true
	if n.Style&yaml.LiteralStyle != 0 {
		s.blockCol = d.blockColumn(n.Line)
	}
}

// namedStrings is a mapping of names to text that keeps the order written
// (the editors of a page: 责任编辑, 美编, 校对).
type namedStrings []namedString

type namedString struct {
	Name, Value string
	Pos         Pos
}

func (ns *namedStrings) decodeNode(d *decoder, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		d.add(n, "editors should be a mapping such as {责任编辑: 王某, 美编: 李某}, not %s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], d.resolve(n.Content[i+1])
		if v == nil {
			continue
		}
		if v.Kind != yaml.ScalarNode {
			d.add(v, "the name under %q should be text, not %s", k.Value, kindName(v))
			continue
		}
		*ns = append(*ns, namedString{Name: strings.TrimSpace(k.Value), Value: v.Value,
			Pos: Pos{File: d.ps.file, Line: k.Line, Column: k.Column}})
	}
}

// namedFonts is the fonts mapping (name → {file}), in the order written.
type namedFonts []namedFont

type namedFont struct {
	Name string
	Font rawFont
}

func (nf *namedFonts) decodeNode(d *decoder, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		d.add(n, "fonts should be a mapping such as {myserif: {file: fonts/MySerif.ttf}}, not %s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f := namedFont{Name: n.Content[i].Value}
		d.decode(n.Content[i+1], reflect.ValueOf(&f.Font).Elem(), "font "+f.Name)
		*nf = append(*nf, f)
	}
}

// blockColumn is the column of the first line holding text after line
// (1-based) in d.src: where a block scalar's lines start. 0 when there is
// none. The file's line starts are found once, on the first call: scanning
// from the top for every block made loading an edition quadratic in its
// length.
func (d *decoder) blockColumn(line int) int {
	if d.lineStarts == nil {
		d.lineStarts = lineStarts(d.src)
	}
	for i := line; i < len(d.lineStarts); i++ { // line i+1
		text := d.src[d.lineStarts[i]:]
		if j := bytes.IndexByte(text, '\n'); j >= 0 {
			text = text[:j]
		}
		if t := bytes.TrimLeft(text, " "); len(bytes.TrimSpace(t)) > 0 {
			return len(text) - len(t) + 1
		}
	}
	return 0
}

// lineStarts is the offset in src of each line's first byte, lines ending
// at '\n'.
func lineStarts(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}
