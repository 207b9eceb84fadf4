package editions

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/units"
)

// MaxFileSize is the largest edition file Load reads (an edition is text;
// anything larger is a mistake, such as naming a photo instead).
const MaxFileSize = fsafe.MaxEdition

// Load reads the edition file at path, validates it, resolves the paths it
// names against its directory and reads the headers of its photos, ads and
// fonts. The error, when not nil, is Problems (every problem found, each at
// file:line:col) or an error reading the file.
func Load(path string) (*Edition, error) {
	return LoadWith(path, LoadOptions{})
}

// LoadWith is Load with options: folders outside the edition's own from
// which it may read files.
//
// The files are checked even when the edition has other problems, so that
// every problem is listed at once: a missing photo was said only once the
// date beside it was mended. Only files whose names are valid are checked
// (a photo named x.gif is said to be no JPEG or PNG, and not opened).
func LoadWith(path string, opt LoadOptions) (*Edition, error) {
	ed, err := read(path)
	if ed == nil {
		return nil, err
	}
	if err := ed.readFiles(opt, err); err != nil {
		return nil, err
	}
	return ed, nil
}

// ReadFiles completes an edition that Read returned, as LoadWith would:
// it reads the photos, ads and fonts the edition names, with opt. It is for
// a caller that read the edition first to list its files (an archive's
// up-to-date check) and would otherwise parse it twice. Call it once, on
// an edition from Read or Parse.
//
// On an edition Read returned with problems, it checks the files as
// LoadWith does such an edition's, and returns their problems with the
// edition's own, never nil: every problem at once, from one parse.
func (ed *Edition) ReadFiles(opt LoadOptions) error {
	return ed.readFiles(opt, ed.problems)
}

// Read reads and parses the edition file at path (Parse) without opening
// the photos, ads and fonts it names: enough to list them (an archive's
// up-to-date check, Inputs), not to lay the edition out.
//
// When the file decoded but what it says has problems (a date that is no
// date, a missing id), Read returns them (Problems) with the edition as
// far as it was resolved beside them: enough to list and check the files
// it names (Inputs, ReadFiles, which reports their problems with these,
// as LoadWith does), never to lay out. Otherwise an error comes with a
// nil edition.
func Read(path string) (*Edition, error) {
	ed, err := read(path)
	if ed != nil && err != nil {
		ed.problems = err
	}
	return ed, err
}

// read is Read, but an edition that decoded and has problems only in what
// it says (Problems found after decoding, see parse) is returned with
// them, for its files to be checked too.
func read(path string) (*Edition, error) {
	data, err := fsafe.ReadFile(path, MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("the edition %s %s", path, fsafe.Explain(err))
	}
	return parse(path, data)
}

// Parse validates an edition held in memory, without touching any file:
// name is the file name used in messages and the base for relative paths.
// Photo and ad headers are not read (Load reads them).
func Parse(name string, data []byte) (*Edition, error) {
	ed, err := parse(name, data)
	if err != nil {
		return nil, err
	}
	return ed, nil
}

// parse is Parse, but when the file decoded and the problems are in what
// it says (a date that is no date, an unknown key, a missing id), it
// returns the edition as far as it was resolved beside them: enough to
// check the files it names (readFiles), not to lay it out.
func parse(name string, data []byte) (ed *Edition, err error) {
	ps := &problems{file: name, src: data}
	defer func() {
		// yaml.v3 has panicked on hostile input before; never let it escape.
		if r := recover(); r != nil {
			ed, err = nil, Problems{{Pos: Pos{File: name}, Msg: fmt.Sprintf("the YAML parser failed on this file: %v", r)}}
		}
	}()
	text, lfOnly := yamlText(data)
	if !text {
		if !utf8.Valid(data) {
			line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
			ps.add(line, 0, "", "the file is not UTF-8 text (save it as UTF-8)")
			return nil, ps.err()
		}
		if !checkCharacters(data, ps) {
			return nil, ps.err()
		}
	}
	root, ok := parseSplit(data, lfOnly, splitPieces(), minSplitBytes)
	if !ok {
		if root, err = decodeOne(name, data, ps); err != nil {
			return nil, err
		}
	}
	checkTags(root, ps)
	if len(root.Content) == 0 {
		ps.add(1, 1, "", "the edition file is empty")
		return nil, ps.err()
	}
	if top := root.Content[0]; top.Kind != yaml.MappingNode {
		ps.add(top.Line, top.Column, "", "an edition is a mapping of keys (paper:, date:, issue:, pages:, …), not %s", kindName(top))
		return nil, ps.err()
	}
	d := &decoder{ps: ps, aliases: maxAliasExpansions, src: data}
	raw := rawEdition{controls: mayHoldControls(data)}
	d.decode(root.Content[0], reflect.ValueOf(&raw).Elem(), "the edition")
	// Resolve even after decoding problems, so that one run reports them all.
	dir := filepath.Dir(name)
	ed = resolve(&raw, ps, dir)
	ed.Source, ed.Dir = name, dir
	return ed, ps.err()
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

var unknownAnchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// syntaxProblem turns a yaml.v3 syntax error in data into a positioned
// problem. yaml.v3 counts its lines from 0 and writes no line for line 0,
// so a problem on the first line came without one ("f.yaml: YAML syntax:
// mapping values are not allowed in this context"); it is put on line 1.
// An alias to an unknown anchor comes without a line wherever it is; it is
// put on the line of the first such alias. yaml.v3 gives no column, and
// often names the line where the problem's context starts: syntaxPlace
// finds the line and column at fault where it can; a column it cannot
// find is not given (0), rather than said to be 1.
func syntaxProblem(name string, data []byte, err error) error {
	msg := err.Error()
	line, col := 1, 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		parser := parserProblem(msg)
		if parser {
			line++
		}
		line = min(line, 1+bytes.Count(data, []byte("\n")))
		line, col = syntaxPlace(data, err.Error(), msg, line, parser)
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
		if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
			if i := aliasAt(data, m[1]); i >= 0 {
				line += bytes.Count(data[:i], []byte("\n"))
			}
		}
	}
	return Problems{{Pos: Pos{File: name, Line: line, Column: col}, Msg: "YAML syntax: " + msg}}
}

// parserProblem tells whether msg is one of yaml.v3's parser errors (its
// parserc.go), not a scanner error. yaml.v3 adds 1 to its 0-based line for
// a scanner error only, so a parser error named the line before: for
// "- a\nb: 1" it said "line 1: did not find expected '-' indicator",
// where line 2 is wrong. (With a context, "while parsing a block mapping",
// the line is the context's, one too low as well.) The two sets of
// messages are disjoint: the scanner's "did not find expected …" name
// other things.
func parserProblem(msg string) bool {
	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"did not find expected '-' indicator", "did not find expected <document start>",
		"did not find expected <stream-start>", "did not find expected key",
		"did not find expected node content", "found duplicate %TAG directive",
		"found duplicate %YAML directive", "found incompatible YAML document",
		"found undefined tag handle":
		return true
	}
	return false
}

// aliasAt is the offset of the first alias *anchor in data, or -1.
func aliasAt(data []byte, anchor string) int {
	alias := []byte("*" + anchor)
	for i := 0; ; {
		k := bytes.Index(data[i:], alias)
		if k < 0 {
			return -1
		}
		end := i + k + len(alias)
		if end == len(data) || bytes.IndexByte([]byte(" \t\r\n,[]{}"), data[end]) >= 0 {
			return i + k
		}
		i += k + 1
	}
}

// resolve applies defaults and checks meanings. Problems go to ps.
func resolve(raw *rawEdition, ps *problems, dir string) *Edition {
	ed := &Edition{Paper: strings.TrimSpace(raw.Paper)}
	if ed.Paper == "" && raw.Paper != "" {
		ps.add(raw.At.Line, raw.At.Column, "", "paper: the paper's name is empty")
	}
	ed.Date = parseDate(raw.Date, ps)
	if raw.Issue != nil {
		ed.Issue = *raw.Issue
		if ed.Issue <= 0 {
			ps.add(raw.At.Line, raw.At.Column, "", "issue should be a positive number, not %d", ed.Issue)
		}
	}
	fontNames := map[string]bool{}
	for _, n := range fonts.Builtin() {
		fontNames[n] = true
	}
	for _, f := range raw.Fonts {
		if !fontNameRE.MatchString(f.Name) {
			ps.add(f.Font.At.Line, f.Font.At.Column, "", "font name %q: use letters, digits and -", f.Name)
		}
		p := f.Font.File
		if p != "" && !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		ed.Fonts = append(ed.Fonts, FontFile{Name: f.Name, Path: p, Pos: f.Font.At})
		fontNames[f.Name] = true
	}
	ed.Styles = resolveStyles(raw.Style, ps, fontNames)
	if raw.Fallback != nil {
		fb := resolveFallback(raw.Fallback, "fallback", ps, fontNames)
		for _, s := range []*Style{&ed.Styles.Body, &ed.Styles.Headline, &ed.Styles.Kicker, &ed.Styles.Subtitle,
			&ed.Styles.Byline, &ed.Styles.Dateline, &ed.Styles.Caption, &ed.Styles.Credit, &ed.Styles.Folio} {
			if s.Fallback == nil {
				s.Fallback = fb
			}
		}
	}
	ed.Page = resolveGeometry(raw.Preset, raw.Page, ed.Styles.Body.Size, ps)
	resolvePages(ed, raw, ps, dir)
	return ed
}

var fontNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

func parseDate(s scalar, ps *problems) Date {
	var d Date
	if !s.Set {
		return d
	}
	var y, m, day int
	if n, _ := fmt.Sscanf(s.Value, "%4d-%2d-%2d", &y, &m, &day); n != 3 || len(s.Value) != 10 {
		ps.add(s.Pos.Line, s.Pos.Column, "", "date %q should be written YYYY-MM-DD", s.Value)
		return d
	}
	days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days[1] = 29
	}
	if y < 1800 || m < 1 || m > 12 || day < 1 || day > days[m-1] {
		ps.add(s.Pos.Line, s.Pos.Column, "", "date %q is not a real date", s.Value)
		return d
	}
	return Date{y, m, day}
}

// lengthOr parses a length scalar, or returns def when unset. "em" lengths
// are taken relative to em (the size they are relative to).
func lengthOr(s scalar, def, em units.Length, what string, ps *problems) units.Length {
	if !s.Set {
		return def
	}
	v := strings.TrimSpace(s.Value)
	if strings.HasSuffix(v, "em") && em > 0 {
		num, den, err := parseDecimal(strings.TrimSuffix(v, "em"))
		if err != nil {
			ps.add(s.Pos.Line, s.Pos.Column, "", "%s: %q is not a length (%v)", what, s.Value, err)
			return def
		}
		return em.Scale(num, den)
	}
	l, err := units.Parse(v)
	if err != nil && strings.Contains(err.Error(), "too large") {
		ps.add(s.Pos.Line, s.Pos.Column, "", "%s: %q is far too large for a page", what, s.Value)
		return def
	}
	if err != nil {
		hint := "use mm, cm, pt or in"
		if em > 0 {
			hint += ", or em"
		}
		ps.add(s.Pos.Line, s.Pos.Column, "", "%s: %q is not a length (%s)", what, s.Value, hint)
		return def
	}
	return l
}

// parseDecimal reads "1.25" as 125/100, exactly.
func parseDecimal(s string) (num, den int64, err error) {
	l, err := units.Parse(strings.TrimSpace(s) + "pt")
	if err != nil {
		return 0, 0, fmt.Errorf("%q is not a number", s)
	}
	return int64(l), int64(units.Point), nil
}

func choice(s scalar, def string, allowed []string, what string, ps *problems) string {
	if !s.Set {
		return def
	}
	for _, a := range allowed {
		if s.Value == a {
			return a
		}
	}
	msg := fmt.Sprintf("%s %q is not one of %s", what, s.Value, strings.Join(allowed, ", "))
	if sg := suggest(s.Value, allowed); sg != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sg)
	}
	ps.add(s.Pos.Line, s.Pos.Column, "", "%s", msg)
	return def
}

// DefaultStyles are the styles of a Chinese broadsheet (DESIGN.md).
func DefaultStyles() Styles {
	body := Style{Font: fonts.Serif, Size: units.Pt(9), Leading: 13500, Indent: units.Pt(18), Punctuation: PunctFull, Strict: true, Normalize: true}
	role := func(font string, size units.Length) Style {
		return Style{Font: font, Size: size, Leading: size.Scale(3, 2), Punctuation: PunctFull, Strict: true, Normalize: true}
	}
	head := role(fonts.SansBlack, units.Pt(54))
	// Headline marks are set half width (半角): a full-width bracket or
	// quote leaves half an em of white, a hole at 54 pt.
	head.Punctuation = PunctHalf
	head.Scale = DefaultHeadlineScale()
	return Styles{
		Body:     body,
		Headline: head,
		Kicker:   role(fonts.SerifBold, units.Pt(16)),
		Subtitle: role(fonts.Kai, units.Pt(15)),
		Byline:   role(fonts.Kai, units.Pt(9)),
		Dateline: role(fonts.SansBold, units.Pt(9)),
		Caption:  role(fonts.Kai, units.Pt(9)),
		Credit:   role(fonts.Kai, units.Pt(9)),
		Folio:    role(fonts.SansBold, units.Pt(8)),
	}
}

// DefaultHeadlineScale is the headline sizes by rank on a 对开 page: the
// lead at 54 pt (the 48–60 pt a broadsheet's front-page lead takes), then
// 36, 28 and 22 pt, and 18 pt for the smallest rank at a narrow span.
func DefaultHeadlineScale() []units.Length {
	return []units.Length{units.Pt(54), units.Pt(36), units.Pt(28), units.Pt(22), units.Pt(18)}
}

// scaleFor is the headline scale for a headline style whose size was set
// to size without a scale: the default scale's ratios from that size.
func scaleFor(size units.Length) []units.Length {
	def := DefaultHeadlineScale()
	out := make([]units.Length, len(def))
	for i, d := range def {
		out[i] = size.Scale(int64(d), int64(def[0]))
	}
	return out
}

func resolveStyles(raw *rawStyles, ps *problems, fonts map[string]bool) Styles {
	st := DefaultStyles()
	if raw == nil {
		return st
	}
	pairs := []struct {
		name string
		raw  *rawStyle
		dst  *Style
	}{
		{"body", raw.Body, &st.Body}, {"headline", raw.Headline, &st.Headline},
		{"kicker", raw.Kicker, &st.Kicker}, {"subtitle", raw.Subtitle, &st.Subtitle},
		{"byline", raw.Byline, &st.Byline}, {"dateline", raw.Dateline, &st.Dateline},
		{"caption", raw.Caption, &st.Caption}, {"credit", raw.Credit, &st.Credit},
		{"folio", raw.Folio, &st.Folio},
	}
	for _, p := range pairs {
		if p.raw == nil {
			continue
		}
		r, s := p.raw, p.dst
		if r.Font.Set && knownFont(r.Font, "style "+p.name, ps, fonts) {
			s.Font = r.Font.Value
		}
		if r.Fallback != nil {
			s.Fallback = resolveFallback(r.Fallback, "style "+p.name+" fallback", ps, fonts)
		}
		oldSize := s.Size
		s.Size = lengthOr(r.Size, s.Size, 0, "style "+p.name+" size", ps)
		if s.Size < units.Pt(4) || s.Size > units.Pt(200) {
			ps.add(r.Size.Pos.Line, r.Size.Pos.Column, "", "style %s: size %s is outside 4pt–200pt", p.name, s.Size)
			s.Size = oldSize
		}
		if !r.Leading.Set && s.Size != oldSize {
			s.Leading = s.Leading.Scale(int64(s.Size), int64(oldSize))
		}
		s.Leading = lengthOr(r.Leading, s.Leading, s.Size, "style "+p.name+" leading", ps)
		if s.Leading < s.Size {
			ps.add(r.At.Line, r.At.Column, "", "style %s: leading %s is less than the size %s; lines would overlap", p.name, s.Leading, s.Size)
			s.Leading = s.Size
		}
		if r.Indent.Set || s.Size != oldSize {
			def := s.Indent.Scale(int64(s.Size), int64(oldSize))
			s.Indent = lengthOr(r.Indent, def, s.Size, "style "+p.name+" indent", ps)
		}
		s.Punctuation = Punctuation(choice(r.Punctuation, string(s.Punctuation), []string{"full", "half", "kaiming"}, "punctuation", ps))
		s.Strict = choice(r.Kinsoku, map[bool]string{true: "strict", false: "basic"}[s.Strict], []string{"strict", "basic"}, "kinsoku", ps) == "strict"
		if r.Normalize != nil {
			s.Normalize = *r.Normalize
		}
		switch {
		case len(r.Scale) > 0 && p.name != "headline":
			ps.add(r.At.Line, r.At.Column, "", "style %s: only the headline style has a scale", p.name)
		case len(r.Scale) > 0:
			s.Scale = resolveScale(r.Scale, s.Size, ps)
			if len(s.Scale) > 0 {
				s.Size = s.Scale[0]
			}
		case p.name == "headline" && s.Size != oldSize:
			s.Scale = scaleFor(s.Size)
		}
	}
	return st
}

// knownFont reports whether the font name s is built in or declared under
// fonts:, and adds a problem naming the known ones when it is neither.
func knownFont(s scalar, what string, ps *problems, fonts map[string]bool) bool {
	if fonts[s.Value] {
		return true
	}
	names := make([]string, 0, len(fonts))
	for n := range fonts {
		names = append(names, n)
	}
	sort.Strings(names)
	msg := fmt.Sprintf("%s: font %q is neither built in nor named under fonts: (known: %s)", what, s.Value, strings.Join(names, ", "))
	if sg := suggest(s.Value, names); sg != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sg)
	}
	ps.add(s.Pos.Line, s.Pos.Column, "", "%s", msg)
	return false
}

// resolveFallback reads a fallback: list of font names, each built in or
// declared under fonts:, in the order given; a name given twice counts
// once. An empty list is no fallback: a role's own [] keeps the edition's
// from it (a masthead that must stop at a character its face lacks).
func resolveFallback(raw []scalar, what string, ps *problems, fonts map[string]bool) []string {
	out := []string{}
	for _, r := range raw {
		if !knownFont(r, what, ps, fonts) || slices.Contains(out, r.Value) {
			continue
		}
		out = append(out, r.Value)
	}
	return out
}

// resolveScale reads a headline scale: lengths (or ems of the headline
// size), largest first, each from 4 pt to 200 pt.
func resolveScale(raw []scalar, size units.Length, ps *problems) []units.Length {
	var out []units.Length
	for i, r := range raw {
		l := lengthOr(r, 0, size, "style headline scale", ps)
		switch {
		case l == 0:
			return nil
		case l < units.Pt(4) || l > units.Pt(200):
			ps.add(r.Pos.Line, r.Pos.Column, "", "style headline scale: size %s is outside 4pt–200pt", l)
			return nil
		case i > 0 && l > out[i-1]:
			ps.add(r.Pos.Line, r.Pos.Column, "", "style headline scale: %s is larger than the size before it (%s); list the sizes largest first", l, out[i-1])
			return nil
		}
		out = append(out, l)
	}
	return out
}

// Preset is a named page size and grid.
type Preset struct {
	Name          string
	Description   string
	Width, Height units.Length
	Columns       int
	ColumnChars   int // at the default 9 pt body
	Top, Bottom   units.Length
}

// Presets lists the page presets.
//
// Sources: the 对开 broadsheet of 390 × 546 mm with 8 columns of 13
// characters at 9 pt is the common Chinese daily (the DESIGN.md defaults);
// the narrow broadsheet of 350 × 500 mm is the trimmed 对开 many city papers
// moved to; 四开 (273 × 390 mm) is half a 对开 sheet, the tabloid.
func Presets() []Preset {
	return []Preset{
		{"duikai", "对开 broadsheet, 390 × 546 mm, 8 columns", units.Mm(390), units.Mm(546), 8, 13, units.Mm(25), units.Mm(20)},
		{"duikai-narrow", "窄幅对开 narrow broadsheet, 350 × 500 mm, 7 columns", units.Mm(350), units.Mm(500), 7, 13, units.Mm(22), units.Mm(18)},
		{"sikai", "四开 tabloid, 273 × 390 mm, 5 columns", units.Mm(273), units.Mm(390), 5, 13, units.Mm(18), units.Mm(15)},
	}
}

func resolveGeometry(presetName scalar, raw *rawPage, body units.Length, ps *problems) Geometry {
	names := []string{}
	for _, p := range Presets() {
		names = append(names, p.Name)
	}
	name := choice(presetName, "duikai", names, "preset", ps)
	var pr Preset
	for _, p := range Presets() {
		if p.Name == name {
			pr = p
		}
	}
	g := Geometry{Preset: pr.Name, Width: pr.Width, Height: pr.Height, Columns: pr.Columns, ColumnChars: pr.ColumnChars,
		Bleed: units.Mm(3), Gutter: body.Scale(3, 2), Margins: Margins{Top: pr.Top, Bottom: pr.Bottom}}
	var inside, outside scalar
	at := Pos{}
	if raw != nil {
		at = raw.At
		g.Width = lengthOr(raw.Width, g.Width, 0, "page width", ps)
		g.Height = lengthOr(raw.Height, g.Height, 0, "page height", ps)
		g.Bleed = lengthOr(raw.Bleed, g.Bleed, 0, "bleed", ps)
		g.Gutter = lengthOr(raw.Gutter, g.Gutter, body, "gutter", ps)
		if raw.Columns != nil {
			g.Columns = *raw.Columns
		}
		if raw.ColumnChars != nil {
			g.ColumnChars = *raw.ColumnChars
		}
		if m := raw.Margins; m != nil {
			g.Margins.Top = lengthOr(m.Top, g.Margins.Top, 0, "top margin", ps)
			g.Margins.Bottom = lengthOr(m.Bottom, g.Margins.Bottom, 0, "bottom margin", ps)
			inside, outside = m.Inside, m.Outside
		}
	}
	bad := func(format string, args ...any) { ps.add(at.Line, at.Column, "", format, args...) }
	switch {
	case g.Width < units.Mm(50) || g.Height < units.Mm(50) || g.Width > units.Mm(2000) || g.Height > units.Mm(2000):
		bad("page size %.1f × %.1f mm is outside 50–2000 mm", g.Width.Millimetres(), g.Height.Millimetres())
		return g
	case g.Columns < 1 || g.Columns > 20:
		bad("columns should be 1 to 20, not %d", g.Columns)
		return g
	case g.ColumnChars < 4 || g.ColumnChars > 60:
		bad("column-chars should be 4 to 60, not %d", g.ColumnChars)
		return g
	case g.Bleed < 0 || g.Bleed > units.Mm(20):
		bad("bleed should be 0 to 20 mm, not %.1f mm", g.Bleed.Millimetres())
	case g.Gutter < 0:
		bad("gutter cannot be negative")
	}
	// The columns are a whole number of characters; what is left of the
	// width goes to the margins, equally unless they are given.
	left := g.Width - g.TypeWidth(body)
	g.Margins.Inside = lengthOr(inside, left/2, 0, "inside margin", ps)
	g.Margins.Outside = lengthOr(outside, left-g.Margins.Inside, 0, "outside margin", ps)
	if left < 0 || g.Margins.Inside < 0 || g.Margins.Outside < 0 {
		bad("%d columns of %d characters at %s with %s gutters (%.1f mm) do not fit the page width %.1f mm",
			g.Columns, g.ColumnChars, body, g.Gutter, g.TypeWidth(body).Millimetres(), g.Width.Millimetres())
	} else if g.Margins.Inside+g.Margins.Outside+g.TypeWidth(body) > g.Width {
		bad("margins %.1f + %.1f mm and the type area %.1f mm are wider than the page %.1f mm",
			g.Margins.Inside.Millimetres(), g.Margins.Outside.Millimetres(), g.TypeWidth(body).Millimetres(), g.Width.Millimetres())
	}
	for _, m := range []struct {
		name string
		v    units.Length
	}{{"top", g.Margins.Top}, {"bottom", g.Margins.Bottom}} {
		if m.v < 0 {
			bad("the %s margin cannot be negative (%.1f mm)", m.name, m.v.Millimetres())
			return g
		}
	}
	if g.Margins.Top+g.Margins.Bottom+units.Pt(72) > g.Height {
		bad("top and bottom margins (%.1f + %.1f mm) leave less than an inch of type area on a page %.1f mm high",
			g.Margins.Top.Millimetres(), g.Margins.Bottom.Millimetres(), g.Height.Millimetres())
	}
	return g
}

var idRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func resolvePages(ed *Edition, raw *rawEdition, ps *problems, dir string) {
	if len(raw.Pages) == 0 {
		ps.add(raw.At.Line, raw.At.Column, "", "pages: the edition has no pages")
	}
	numbers := map[int]bool{}
	articles := 0
	// A number not given, or not a whole number, is said once by decoding
	// (a required key missing, a wrong type), and checked no further: it
	// gave "page number should be 1 or more, not 0" beside it.
	number := func(rp *rawPageSp) int {
		if rp.Number == nil {
			return 0
		}
		return *rp.Number
	}
	for i := range raw.Pages {
		rp := &raw.Pages[i]
		articles += len(rp.Articles)
		n := number(rp)
		switch {
		case rp.Number == nil:
		case n < 1:
			ps.add(rp.At.Line, rp.At.Column, "", "page number should be 1 or more, not %d", n)
		case numbers[n]:
			ps.add(rp.At.Line, rp.At.Column, "", "page %d appears twice", n)
		}
		numbers[n] = true
	}
	// Sized beforehand: an article is some 300 bytes, and growing the
	// lists by appending copied each page's articles four times over.
	ids := make(map[string]Pos, articles)
	if len(raw.Pages) > 0 {
		ed.Pages = make([]Page, 0, len(raw.Pages))
	}
	for i := range raw.Pages {
		rp := &raw.Pages[i]
		pg := Page{Number: number(rp), Section: strings.TrimSpace(rp.Section), Pos: rp.At}
		if len(rp.Articles) > 0 {
			pg.Articles = make([]Article, 0, len(rp.Articles))
		}
		pg.Style = Section(choice(rp.Style, string(SectionNews), []string{string(SectionNews), string(SectionFeature)}, "page style", ps))
		for _, e := range rp.Editors {
			pg.Editors = append(pg.Editors, Editor{Role: e.Name, Name: strings.TrimSpace(e.Value)})
		}
		for i := range rp.Articles {
			ra := &rp.Articles[i]
			a := resolveArticle(ra, ed, ps, dir, pg.Number, numbers, raw.controls)
			if a.ID != "" {
				if prev, dup := ids[a.ID]; dup {
					ps.add(ra.At.Line, ra.At.Column, a.ID, "the id %q is already used at %s", a.ID, prev)
				} else {
					ids[a.ID] = ra.At
				}
			}
			pg.Articles = append(pg.Articles, a)
		}
		for i := range rp.Ads {
			ra := &rp.Ads[i]
			ad := Ad{ID: ra.ID.Value, Pos: ra.At}
			if ad.ID == "" {
				ad.ID = fmt.Sprintf("ad-p%d-%d", pg.Number, i+1)
			}
			ad.File = resolvePath(ra.File, dir)
			ad.Label = DefaultAdLabel
			if ra.Label.Set {
				ad.Label = strings.TrimSpace(ra.Label.Value)
			}
			ad.Format = formatOf(ad.File)
			if ad.Format == "" {
				ps.add(ra.File.Pos.Line, ra.File.Pos.Column, "", "ad %s: %q is not a JPEG, PNG or PDF file (by its name)", ad.ID, ra.File.Value)
			}
			if ra.Place != nil {
				ad.Place = *resolvePlace(ra.Place, ed.Page.Columns, ps, "", "ad "+ad.ID+": at:")
				if ad.Place.Line < 0 {
					ad.Place.Bottom = true // an ad stands on the foot unless given a line
				}
			}
			pg.Ads = append(pg.Ads, ad)
		}
		ed.Pages = append(ed.Pages, pg)
	}
}

func resolvePath(s scalar, dir string) string {
	p := strings.TrimSpace(s.Value)
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

func formatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jpg", ".jpeg":
		return JPEG
	case ".png":
		return PNG
	case ".pdf":
		return PDF
	}
	return ""
}

// resolvePlace checks and resolves a place, which its messages name by
// key: an article's place: ("place", with article the article's id) or an
// ad's at: ("ad x: at:"; it gave "place column 7 …" for an ad, which has
// no place: key).
func resolvePlace(r *rawPlace, columns int, ps *problems, article, key string) *Place {
	p := &Place{Line: -1, Bottom: r.Bottom}
	if r.Column != nil {
		p.Column = *r.Column
	}
	if r.Span != nil {
		p.Span = *r.Span
	}
	if r.Line != nil {
		p.Line = *r.Line
	}
	if r.Lines != nil {
		p.Lines = *r.Lines
	}
	// A column or span not given, or not a whole number, is said once by
	// decoding, and the place is not checked further.
	if r.Column != nil && r.Span != nil && (p.Column < 1 || p.Span < 1 || p.Column+p.Span-1 > columns) {
		ps.add(r.At.Line, r.At.Column, article, "%s column %d span %d does not fit the %d columns of the page", key, p.Column, p.Span, columns)
	}
	if r.Line != nil && p.Line < 0 {
		ps.add(r.At.Line, r.At.Column, article, "%s line should be 0 or more, not %d", key, p.Line)
	}
	if r.Lines != nil && p.Lines < 1 {
		ps.add(r.At.Line, r.At.Column, article, "%s lines should be 1 or more, not %d", key, p.Lines)
	}
	if p.Bottom && r.Line != nil {
		ps.add(r.At.Line, r.At.Column, article, "%s gives both line and bottom: choose one", key)
	}
	return p
}

// resolveArticle checks and resolves one article of page page. controls
// is false when no text in the file can hold a control character
// (mayHoldControls), and the texts need not be searched for one.
func resolveArticle(ra *rawArticle, ed *Edition, ps *problems, dir string, page int, pages map[int]bool, controls bool) Article {
	id := ra.ID.Value
	a := Article{ID: id, Pos: ra.At,
		Kicker: oneLine(ra.Kicker), Headline: oneLine(ra.Headline), Subtitle: oneLine(ra.Subtitle),
		Byline: oneLine(ra.Byline), Dateline: oneLine(ra.Dateline)}
	// An id not given is said once, as a required key missing (at the
	// article); this one said it again.
	if ra.ID.Set && !idRE.MatchString(id) {
		ps.add(ra.ID.Pos.Line, ra.ID.Pos.Column, "", "article id %q: use letters, digits, - and _ (it names the article in messages)", id)
	}
	add := func(p Pos, format string, args ...any) { ps.add(p.Line, p.Column, id, format, args...) }
	for _, f := range []struct {
		what, text string
	}{{"kicker", ra.Kicker}, {"headline", ra.Headline}, {"subtitle", ra.Subtitle}, {"byline", ra.Byline}, {"dateline", ra.Dateline}, {"body", ra.Body.Value}} {
		if !controls {
			break
		}
		if r, ok := badControl(f.text); ok {
			add(ra.At, "%s contains the control character U+%04X", f.what, r)
		}
	}
	a.Body, a.BodyPos = paragraphs(ra.Body.Value), paragraphPositions(ra.Body)
	if ra.Photo != nil {
		if len(a.Body) > 0 {
			add(ra.Body.Pos, "an article with photo: is a photo story and takes no body (use photos: for pictures in a story)")
		}
		ph := resolvePhoto(ra.Photo, id, ps, dir)
		a.Story = &ph
		if ph.Title == "" && a.Headline == "" {
			add(ra.Photo.At, "a photo story needs a title (photo: {title: …}) or a headline")
		}
	} else {
		if a.Headline == "" {
			add(ra.At, "the article has no headline")
		}
		if len(a.Body) == 0 {
			add(ra.At, "the article has no body (a photo story takes photo: instead)")
		}
	}
	for i := range ra.Photos {
		a.Photos = append(a.Photos, resolvePhoto(&ra.Photos[i], id, ps, dir))
	}
	if ra.Rank != nil {
		a.Rank = *ra.Rank
		if a.Rank < 1 || a.Rank > 4 {
			add(ra.At, "rank should be 1 to 4, not %d", a.Rank)
		}
	}
	if ra.Span != nil {
		a.Span = *ra.Span
		if a.Span < 1 || a.Span > ed.Page.Columns {
			add(ra.At, "span should be 1 to %d columns, not %d", ed.Page.Columns, a.Span)
		}
	}
	if ra.Place != nil {
		a.Place = resolvePlace(ra.Place, ed.Page.Columns, ps, id, "place")
	}
	if ra.ContinueOn != nil {
		a.ContinueOn = *ra.ContinueOn
		switch {
		case !pages[a.ContinueOn]:
			add(ra.At, "continue-on: page %d is not in this edition", a.ContinueOn)
		case a.ContinueOn <= page:
			add(ra.At, "continue-on: page %d does not come after page %d", a.ContinueOn, page)
		}
	}
	return a
}

func resolvePhoto(rp *rawPhoto, article string, ps *problems, dir string) Photo {
	p := Photo{File: resolvePath(rp.File, dir), Title: oneLine(rp.Title), Caption: oneLine(rp.Caption),
		Credit: oneLine(rp.Credit), FocusX: 500, FocusY: 500, Pos: rp.At}
	p.Format = formatOf(p.File)
	// A file not given is said once, as a required key missing.
	if rp.File.Set && (p.Format == "" || p.Format == PDF) {
		ps.add(rp.File.Pos.Line, rp.File.Pos.Column, article, "photo %q should be a JPEG or PNG file (by its name)", rp.File.Value)
	}
	p.Fit = Fit(choice(rp.Fit, "cover", []string{"cover", "contain"}, "fit", ps))
	p.Cropped = p.Fit == FitCover && (rp.Fit.Set || len(rp.Focus) > 0)
	if len(rp.Focus) > 0 {
		if len(rp.Focus) != 2 {
			ps.add(rp.At.Line, rp.At.Column, article, "focus should be two numbers from 0 to 1, [x, y]")
		} else {
			for i, f := range rp.Focus {
				num, den, err := parseDecimal(f.Value)
				v := int((num*1000 + den/2) / max(den, 1))
				if err != nil || v < 0 || v > 1000 {
					ps.add(f.Pos.Line, f.Pos.Column, article, "focus %q should be a number from 0 to 1", f.Value)
					continue
				}
				if i == 0 {
					p.FocusX = v
				} else {
					p.FocusY = v
				}
			}
		}
	}
	if rp.Span != nil {
		p.Span = *rp.Span
		if p.Span < 1 {
			ps.add(rp.At.Line, rp.At.Column, article, "photo span should be 1 or more, not %d", p.Span)
		}
	}
	return p
}

// mayHoldControls reports whether a text in the edition file data may hold
// a control character other than tab and the line breaks. Parse has made
// sure that the file's own characters are ones YAML allows (yamlText),
// among which the only other control is NEL (U+0085); yaml.v3 makes a
// value of the file's characters, joining lines with spaces or line feeds,
// and reads escapes (\x01, \u0085) only in double quotes, after a
// backslash. So without a backslash or a NEL in the file no text holds
// one, and resolveArticle need not look.
func mayHoldControls(data []byte) bool {
	return bytes.IndexByte(data, '\\') >= 0 || bytes.Contains(data, []byte("\u0085"))
}

// badControl finds a control character other than tab and newline (and
// carriage return): what unicode.IsControl calls one, U+0000–U+001F and
// U+007F–U+009F, read from the bytes without decoding the text's runes.
// A C1 control is the two bytes C2 80–C2 9F; 0xC2 is never a continuation
// byte, so a match is always a whole character, as ranging over the string
// would decode it.
func badControl(s string) (rune, bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\n' && c != '\t' && c != '\r', c == 0x7F:
			return rune(c), true
		case c == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F:
			return rune(s[i+1]), true
		}
	}
	return 0, false
}

// oneLine folds a multi-line YAML value into one line.
func oneLine(s string) string { return joinLines(strings.Split(strings.TrimSpace(s), "\n")) }

// paragraphs splits a body on blank lines and folds each paragraph's lines.
func paragraphs(body string) []string {
	var out []string
	var cur []string
	flush := func() {
		if p := joinLines(cur); p != "" {
			out = append(out, p)
		}
		cur = cur[:0]
	}
	for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// paragraphPositions returns where each paragraph of body (as paragraphs
// splits it) starts in the file: its first line and column in a literal
// block (body: |), whose lines are the file's lines; the value's own
// position in any other style, whose lines the YAML folds.
func paragraphPositions(body scalar) []Pos {
	var out []Pos
	inPar := false
	for i, line := range strings.Split(strings.ReplaceAll(body.Value, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			inPar = false
			continue
		}
		if !inPar {
			p := body.Pos
			if body.blockCol > 0 {
				p.Line, p.Column = body.Pos.Line+1+i, body.blockCol+len(line)-len(strings.TrimLeft(line, " \t"))
			}
			out = append(out, p)
		}
		inPar = true
	}
	return out
}

// joinLines joins lines broken in the YAML: without a space between
// Chinese text (where a line break means nothing), with one between Latin
// words.
func joinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(l)
			if prev < 0x2E80 && next < 0x2E80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
