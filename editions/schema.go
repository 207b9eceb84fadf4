package editions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// SchemaID is the $id of the edition format's JSON Schema.
const SchemaID = "https://broadsheet.news/schema/edition.json"

// Schema returns the JSON Schema (draft 2020-12) of the edition format, for
// editors that check and complete YAML against one (yaml-language-server).
//
// It is generated from the types the loader decodes into: their keys (the
// yaml tags), which keys are required, which hold lists, mappings or
// numbers, and no key besides (a misspelt key fails, as it fails Load). The
// descriptions, choices and patterns come from fieldDocs, which a test keeps
// complete; the choices of preset come from Presets. The output is
// deterministic: keys sorted, two-space indent, a final newline.
func Schema() []byte {
	g := &schemaGen{defs: map[string]any{}}
	root := g.object(reflect.TypeFor[rawEdition]())
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = SchemaID
	root["title"] = "Broadsheet edition"
	root["description"] = "One issue of a newspaper for Broadsheet: its pages, articles, photos and ads. See README.md, “The edition format”."
	root["$defs"] = g.defs
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		panic(fmt.Sprintf("editions: encoding the schema: %v", err)) // plain maps and strings cannot fail
	}
	return buf.Bytes()
}

// fieldDoc documents one key: its description and, for a value the loader
// reads as text and checks itself (a scalar), its JSON Schema.
type fieldDoc struct {
	desc   string
	schema map[string]any // for scalars; nil: text
}

const lengthPattern = `^\s*[+-]?[0-9]+(\.[0-9]+)?\s*(mm|cm|pt|in)\s*$`
const lengthEmPattern = `^\s*[+-]?[0-9]+(\.[0-9]+)?\s*(mm|cm|pt|in|em)\s*$`

func length(em bool) map[string]any {
	if em {
		return map[string]any{"type": "string", "pattern": lengthEmPattern, "examples": []string{"2em", "13.5pt", "3mm"}}
	}
	return map[string]any{"type": "string", "pattern": lengthPattern, "examples": []string{"3mm", "9pt", "0.5cm", "1in"}}
}

func choices(c ...string) map[string]any { return map[string]any{"type": "string", "enum": c} }

// textOrNumber is a scalar the loader reads as text, which YAML may type as
// a number (an id: 1, a body of digits).
var textOrNumber = map[string]any{"type": []string{"string", "number"}}

// fieldDocs documents every key of the raw types, by type and Go field name.
func fieldDocs() map[string]fieldDoc {
	presets := []string{}
	for _, p := range Presets() {
		presets = append(presets, p.Name)
	}
	fontDoc := fieldDoc{"The face: a built-in name (serif, serif-bold, sans-bold, sans-black, kai) or one declared under fonts:.",
		map[string]any{"type": "string", "examples": []string{"serif", "serif-bold", "sans-bold", "sans-black", "kai"}}}
	return map[string]fieldDoc{
		"rawEdition.Paper":  {desc: "The paper's name, shown in the masthead and the folios, e.g. 港区新闻."},
		"rawEdition.Date":   {"The edition's date, YYYY-MM-DD. The PDF's dates come from here, never from the clock.", map[string]any{"type": "string", "pattern": `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, "examples": []string{"2026-03-18"}}},
		"rawEdition.Issue":  {desc: "The issue number (期), a positive whole number."},
		"rawEdition.Preset": {"The page size and grid to start from: duikai 对开 390×546 mm, 8 columns; duikai-narrow 350×500 mm, 7; sikai 四开 273×390 mm, 5. Default duikai.", choices(presets...)},
		"rawEdition.Page":   {desc: "Overrides of any part of the preset's page geometry."},
		"rawEdition.Fonts":  {desc: "Your own TrueType faces, by the name styles use: {myserif: {file: fonts/MySerif.ttf}}."},
		"rawEdition.Fallback": {"Faces, in order, that set a character a role's own font has no glyph for (a rare character of a name), in every role without its own fallback:, e.g. [rare].",
			map[string]any{"type": "array", "items": fontDoc.schema}},
		"rawEdition.Style": {desc: "The type of each role: font, size, leading, indent, punctuation, kinsoku."},
		"rawEdition.Pages": {desc: "The pages of the edition, in order."},

		"rawPage.Width":       {"The trim width.", length(false)},
		"rawPage.Height":      {"The trim height.", length(false)},
		"rawPage.Margins":     {desc: "The margins around the type area; inside and outside default to centring it."},
		"rawPage.Bleed":       {"How far photos and tints run beyond the trim (default 3mm).", length(false)},
		"rawPage.Columns":     {desc: "The number of columns."},
		"rawPage.ColumnChars": {desc: "The column width in body characters (a column is a whole number of them)."},
		"rawPage.Gutter":      {"The space between columns (em: of the body size).", length(true)},

		"rawMargins.Top":     {"The top margin.", length(false)},
		"rawMargins.Bottom":  {"The bottom margin.", length(false)},
		"rawMargins.Inside":  {"The inside (left) margin.", length(false)},
		"rawMargins.Outside": {"The outside (right) margin.", length(false)},

		"rawFont.File": {desc: "The TrueType (glyf) font file, relative to the edition file."},

		"rawStyle.Font":        fontDoc,
		"rawStyle.Size":        {"The type size.", length(false)},
		"rawStyle.Leading":     {"The distance between baselines (em: of the size).", length(true)},
		"rawStyle.Indent":      {"The first-line indent (em: of the size), 2em for body text.", length(true)},
		"rawStyle.Punctuation": {"How wide punctuation is set: full 全角式 (default), half 半角式, kaiming 开明式.", choices("full", "half", "kaiming")},
		"rawStyle.Kinsoku":     {"The line-breaking rules (禁则): strict or basic.", choices("strict", "basic")},
		"rawStyle.Normalize":   {desc: "Normalise pasted punctuation and quotes (default true)."},
		"rawStyle.Scale": {"The headline style only: the headline sizes by rank, largest first, e.g. [36pt, 28pt, 22pt, 18pt] (em: of the headline size).",
			map[string]any{"type": "array", "items": length(true), "minItems": 1}},
		"rawStyle.Fallback": {"Faces, in order, that set a character this role's font has no glyph for; replaces the edition's fallback: ([] for none).",
			map[string]any{"type": "array", "items": fontDoc.schema}},

		"rawStyles.Body":     {desc: "Body text (正文)."},
		"rawStyles.Headline": {desc: "Headlines (主题)."},
		"rawStyles.Kicker":   {desc: "Kickers (引题)."},
		"rawStyles.Subtitle": {desc: "Subtitles (副题)."},
		"rawStyles.Byline":   {desc: "Bylines."},
		"rawStyles.Dateline": {desc: "Datelines (本报讯)."},
		"rawStyles.Caption":  {desc: "Photo captions."},
		"rawStyles.Credit":   {desc: "Photo credits."},
		"rawStyles.Folio":    {desc: "The folio line at the page's foot."},

		"rawPageSp.Number":   {desc: "The page's folio number."},
		"rawPageSp.Section":  {desc: "The section (版名), e.g. 要闻."},
		"rawPageSp.Style":    {"How the page is set: news (default) or feature, a literary page (副刊): headlines in the serif (宋), kickers and subtitles in 楷体, bylines without ■.", choices(string(SectionNews), string(SectionFeature))},
		"rawPageSp.Editors":  {desc: "The page's editors in the order written, e.g. {责任编辑: 王某, 美编: 李某, 校对: 赵某}."},
		"rawPageSp.Articles": {desc: "The articles, in order of importance: the first leads the page."},
		"rawPageSp.Ads":      {desc: "Ads placed on the page grid."},

		"rawArticle.ID":         {"The article's id, unique in the edition; it names the article in every message.", textOrNumber},
		"rawArticle.Kicker":     {desc: "The kicker (引题), above the headline."},
		"rawArticle.Headline":   {desc: "The headline (主题)."},
		"rawArticle.Subtitle":   {desc: "The subtitle (副题), below the headline."},
		"rawArticle.Byline":     {desc: "The byline, e.g. ■记者 张三 通讯员 李四."},
		"rawArticle.Dateline":   {desc: "The dateline that starts the body, e.g. 本报讯."},
		"rawArticle.Body":       {"The text; paragraphs are separated by blank lines.", textOrNumber},
		"rawArticle.Photos":     {desc: "Photos set at the module's right, with captions and credits."},
		"rawArticle.Photo":      {desc: "A photo story: one photo with a title and caption, and no body."},
		"rawArticle.Rank":       {desc: "The headline rank, 1 (largest) to 4; by default from the article's importance."},
		"rawArticle.Span":       {desc: "A hint: the columns the module spans."},
		"rawArticle.Place":      {desc: "An explicit place on the page grid."},
		"rawArticle.ContinueOn": {desc: "The later page the rest of the text jumps to, with jump lines."},

		"rawPhoto.File":    {"The JPEG or PNG file, relative to the edition file.", map[string]any{"type": "string"}},
		"rawPhoto.Title":   {desc: "A photo story's title."},
		"rawPhoto.Caption": {desc: "The caption."},
		"rawPhoto.Credit":  {desc: "The credit, e.g. ■摄影 记者 王五."},
		"rawPhoto.Fit":     {"cover (default): crop to fill the frame around focus; contain: show the whole photo.", choices("cover", "contain")},
		"rawPhoto.Focus": {"The point to keep when cropping, [x, y] from 0 to 1 (default [0.5, 0.5]).",
			map[string]any{"type": "array", "items": map[string]any{"type": "number", "minimum": 0, "maximum": 1}, "minItems": 2, "maxItems": 2}},
		"rawPhoto.Span": {desc: "The columns the photo spans."},

		"rawPlace.Column": {desc: "The first column, from 1."},
		"rawPlace.Span":   {desc: "The number of columns."},
		"rawPlace.Line":   {desc: "The first grid line, from 0 at the top of the type area."},
		"rawPlace.Lines":  {desc: "The height in grid lines."},
		"rawPlace.Bottom": {desc: "Set at the foot of the type area."},

		"rawAd.ID":    {"The ad's name in messages (default ad-pN-M: page N, M-th ad).", textOrNumber},
		"rawAd.File":  {"The ad: a PDF (its first page, placed as vectors) or a JPEG or PNG image.", map[string]any{"type": "string"}},
		"rawAd.Label": {"The mark set over the ad that tells readers it is one, as China's Advertising Law asks (default 广告; \"\" for none, where the ad's artwork carries its own).", map[string]any{"type": "string"}},
		"rawAd.Place": {desc: "Where the ad goes on the page grid."},
	}
}

// defNames are the names of the raw types in the schema's $defs.
var defNames = map[string]string{
	"rawPage": "page", "rawMargins": "margins", "rawFont": "font", "rawStyle": "style", "rawStyles": "styles",
	"rawPageSp": "pageSpec", "rawArticle": "article", "rawPhoto": "photo", "rawPlace": "place", "rawAd": "ad",
}

type schemaGen struct {
	defs map[string]any
	docs map[string]fieldDoc
}

// object is the schema of a raw struct type.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	if g.docs == nil {
		g.docs = fieldDocs()
	}
	props := map[string]any{}
	var required []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue // At: the position, not a key
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts == "required" {
			required = append(required, name)
		}
		doc, ok := g.docs[t.Name()+"."+f.Name]
		if !ok {
			panic(fmt.Sprintf("editions: schema: %s.%s has no entry in fieldDocs", t.Name(), f.Name))
		}
		s := g.of(f.Type, doc)
		s["description"] = doc.desc
		props[name] = s
	}
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// of is the schema of a field's type.
func (g *schemaGen) of(t reflect.Type, doc fieldDoc) map[string]any {
	switch t {
	case reflect.TypeFor[scalar]():
		if doc.schema == nil {
			return map[string]any{"type": "string"}
		}
		return copyMap(doc.schema)
	case reflect.TypeFor[[]scalar](): // focus, scale: a list whose items the loader checks
		if doc.schema == nil {
			panic("editions: schema: a list of scalars needs its schema in fieldDocs")
		}
		return copyMap(doc.schema)
	case reflect.TypeFor[namedStrings]():
		return map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}}
	case reflect.TypeFor[namedFonts]():
		return map[string]any{"type": "object", "additionalProperties": g.ref(reflect.TypeFor[rawFont]())}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.of(t.Elem(), doc)
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.of(t.Elem(), fieldDoc{})}
	case reflect.Struct:
		return g.ref(t)
	}
	panic(fmt.Sprintf("editions: schema: no JSON type for %v", t))
}

// ref defines t under $defs and refers to it.
func (g *schemaGen) ref(t reflect.Type) map[string]any {
	name, ok := defNames[t.Name()]
	if !ok {
		panic(fmt.Sprintf("editions: schema: %v has no name in defNames", t))
	}
	if _, done := g.defs[name]; !done {
		g.defs[name] = true // a placeholder against recursion
		g.defs[name] = g.object(t)
	}
	return map[string]any{"$ref": "#/$defs/" + name}
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
