package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

func TestParseStandards(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Standard
		err  bool
	}{
		{"x-4,a-2u", []Standard{X4, A2u}, false},
		{"a-2u, X-4", []Standard{X4, A2u}, false},
		{"PDF/A-2u", []Standard{A2u}, false},
		{"x-4", []Standard{X4}, false},
		{"none", []Standard{}, false},
		{"", nil, true},
		{"x-3", nil, true},
		{"x-4,,a-2u", nil, true},
	} {
		got, err := ParseStandards(c.in)
		if (err != nil) != c.err {
			t.Errorf("ParseStandards(%q) error = %v, want error %v", c.in, err, c.err)
			continue
		}
		if !c.err && (!slices.Equal(got, c.want) || got == nil) {
			t.Errorf("ParseStandards(%q) = %#v, want %#v", c.in, got, c.want)
		}
	}
	if o := (Options{}); !o.has(X4) || !o.has(A2u) {
		t.Error("zero Options must mean both standards")
	}
	if o := (Options{Standards: []Standard{}}); o.any() {
		t.Error("empty Standards must mean a plain PDF")
	}
}

// readBack parses a written PDF with pdfcpu in strict mode and validates it.
func readBack(t *testing.T, b []byte) *model.Context {
	t.Helper()
	conf := readConfig()
	conf.ValidationMode = model.ValidationStrict
	ctx, err := api.ReadContext(bytes.NewReader(b), conf)
	if err != nil {
		t.Fatalf("pdfcpu read: %v", err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatalf("pdfcpu validate (strict): %v", err)
	}
	return ctx
}

func dict(t *testing.T, ctx *model.Context, o types.Object) types.Dict {
	t.Helper()
	d, err := ctx.DereferenceDict(o)
	if err != nil || d == nil {
		t.Fatalf("dereference %v: %v", o, err)
	}
	return d
}

func textOf(t *testing.T, o types.Object) string {
	t.Helper()
	switch o := o.(type) {
	case types.HexLiteral:
		s, err := types.HexLiteralToString(o)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := types.StringOrHexLiteral(types.HexLiteral(o))
		if err == nil && s2 != nil {
			return *s2
		}
		return s
	case types.StringLiteral:
		return string(o)
	}
	t.Fatalf("not a string: %v", o)
	return ""
}

func TestStandardsKeys(t *testing.T) {
	doc := testDoc(t, 2)
	for _, c := range []struct {
		name string
		std  []Standard
	}{
		{"both", nil}, {"x-4", []Standard{X4}}, {"a-2u", []Standard{A2u}}, {"none", []Standard{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{Standards: c.std}
			x4, a2 := opt.has(X4), opt.has(A2u)
			b := render(t, doc, opt)
			if !bytes.HasPrefix(b, []byte("%PDF-1.6\n%")) || b[10] < 128 || b[11] < 128 || b[12] < 128 || b[13] < 128 {
				t.Errorf("header %q: want %%PDF-1.6 and a binary comment", b[:16])
			}
			if !bytes.HasSuffix(b, []byte("%%EOF\n")) {
				t.Error("file does not end with the EOF marker")
			}
			ctx := readBack(t, b)
			if ctx.Encrypt != nil {
				t.Error("file is encrypted")
			}
			// Trailer /ID: two equal 16-byte strings.
			if len(ctx.ID) != 2 || ctx.ID[0] != ctx.ID[1] || len(ctx.ID[0].(types.HexLiteral)) != 32 {
				t.Errorf("trailer /ID = %v", ctx.ID)
			}
			// Info.
			info := dict(t, ctx, *ctx.Info)
			for k, want := range map[string]string{
				"Title": doc.Meta.Title, "Subject": doc.Meta.Subject, "Creator": doc.Meta.Creator,
				"CreationDate": "D:20260318000000+00'00'", "ModDate": "D:20260318000000+00'00'",
			} {
				if got := textOf(t, info[k]); got != want {
					t.Errorf("Info /%s = %q, want %q", k, got, want)
				}
			}
			if info["Trapped"] != types.Name("False") {
				t.Errorf("Info /Trapped = %v", info["Trapped"])
			}
			if _, ok := info["GTS_PDFXVersion"]; ok != x4 {
				t.Errorf("Info /GTS_PDFXVersion present = %v, want %v", ok, x4)
			} else if x4 && textOf(t, info["GTS_PDFXVersion"]) != "PDF/X-4" {
				t.Errorf("GTS_PDFXVersion = %v", info["GTS_PDFXVersion"])
			}
			// XMP agrees with Info.
			root, err := ctx.Catalog()
			if err != nil {
				t.Fatal(err)
			}
			sd, _, err := ctx.DereferenceStreamDict(root["Metadata"])
			if err != nil || sd == nil {
				t.Fatalf("no metadata stream: %v", err)
			}
			if _, ok := sd.Dict["Filter"]; ok {
				t.Error("metadata stream is filtered")
			}
			if err := sd.Decode(); err != nil {
				t.Fatal(err)
			}
			xmp := string(sd.Content)
			for _, s := range []string{
				"<rdf:li xml:lang=\"x-default\">" + doc.Meta.Title + "</rdf:li>",
				"<xmp:CreateDate>2026-03-18T00:00:00+00:00</xmp:CreateDate>",
				"<xmp:ModifyDate>2026-03-18T00:00:00+00:00</xmp:ModifyDate>",
				"<xmp:CreatorTool>" + doc.Meta.Creator + "</xmp:CreatorTool>",
				"<pdf:Trapped>False</pdf:Trapped>",
				"<pdf:Producer>" + producer + "</pdf:Producer>",
				"<xmpMM:DocumentID>uuid:", "<xmpMM:VersionID>1</xmpMM:VersionID>",
			} {
				if !strings.Contains(xmp, s) {
					t.Errorf("XMP lacks %s", s)
				}
			}
			for s, want := range map[string]bool{
				"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>": x4,
				"<pdfaid:part>2</pdfaid:part>":                             a2,
				"<pdfaid:conformance>U</pdfaid:conformance>":               a2,
				"<pdfaSchema:prefix>pdfxid</pdfaSchema:prefix>":            x4 && a2,
			} {
				if strings.Contains(xmp, s) != want {
					t.Errorf("XMP has %s = %v, want %v", s, !want, want)
				}
			}
			// Output intents: one per standard, sharing one CMYK profile.
			var kinds []string
			var profiles []types.IndirectRef
			if ois, ok := root["OutputIntents"]; ok {
				arr, err := ctx.DereferenceArray(ois)
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range arr {
					oi := dict(t, ctx, o)
					kinds = append(kinds, string(oi["S"].(types.Name)))
					profiles = append(profiles, oi["DestOutputProfile"].(types.IndirectRef))
					if textOf(t, oi["OutputConditionIdentifier"]) != DefaultOutputCondition {
						t.Errorf("OutputConditionIdentifier = %v", oi["OutputConditionIdentifier"])
					}
				}
			}
			var wantKinds []string
			if x4 {
				wantKinds = append(wantKinds, "GTS_PDFX")
			}
			if a2 {
				wantKinds = append(wantKinds, "GTS_PDFA1")
			}
			if !slices.Equal(kinds, wantKinds) {
				t.Errorf("output intents %v, want %v", kinds, wantKinds)
			}
			if len(profiles) == 2 && profiles[0] != profiles[1] {
				t.Errorf("output intents do not share the profile: %v", profiles)
			}
			if len(profiles) > 0 {
				ps, _, err := ctx.DereferenceStreamDict(profiles[0])
				if err != nil || ps.Dict["N"] != types.Integer(4) {
					t.Errorf("output profile: N = %v (%v)", ps.Dict["N"], err)
				}
				if err := ps.Decode(); err != nil || !bytes.Equal(ps.Content, []byte(ifra26s)) {
					t.Errorf("output profile is not IFRA26S (%v)", err)
				}
			}
			checkPages(t, ctx, doc)
			checkFonts(t, ctx)
			checkImages(t, ctx, doc, x4 || a2)
			checkOverprint(t, ctx)
			checkOutline(t, ctx, root, doc)
		})
	}
}

func checkPages(t *testing.T, ctx *model.Context, doc *display.Document) {
	t.Helper()
	for i, p := range doc.Pages {
		pd, _, _, err := ctx.PageDict(i+1, false)
		if err != nil {
			t.Fatal(err)
		}
		h := pt(p.Media.H)
		for k, r := range map[string]display.Rect{"MediaBox": p.Media, "BleedBox": p.Bleed, "TrimBox": p.Trim} {
			if got, want := numbers(pd[k]), numbers(pdfRect(r, h)); got != want {
				t.Errorf("page %d /%s = %s, want %s", i+1, k, got, want)
			}
		}
		if annots, _ := ctx.DereferenceArray(pd["Annots"]); len(annots) > 0 {
			for _, a := range annots {
				if dict(t, ctx, a)["F"] != types.Integer(4) {
					t.Errorf("annotation without the Print flag")
				}
			}
		}
	}
}

var tagged = regexp.MustCompile(`^[A-Z]{6}\+[A-Za-z0-9-]+$`)

func checkFonts(t *testing.T, ctx *model.Context) {
	t.Helper()
	n := 0
	for nr, e := range ctx.Table {
		d, ok := e.Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "Font" {
			continue
		}
		n++
		name := string(d["BaseFont"].(types.Name))
		if !tagged.MatchString(name) {
			t.Errorf("font %d: BaseFont %q has no subset tag", nr, name)
		}
		switch *d.Subtype() {
		case "Type0":
			if _, ok := d["ToUnicode"]; !ok {
				t.Errorf("font %s: no ToUnicode", name)
				continue
			}
			checkGlyphs(t, ctx, d)
		case "CIDFontType2":
			fd := dict(t, ctx, d["FontDescriptor"])
			if string(fd["FontName"].(types.Name)) != name {
				t.Errorf("font %s: FontName %v", name, fd["FontName"])
			}
			// W lists ascending, distinct glyph ids.
			w, _ := ctx.DereferenceArray(d["W"])
			last := -1
			for i := 0; i+1 < len(w); i += 2 {
				g := int(w[i].(types.Integer))
				if g <= last {
					t.Errorf("font %s: W not ascending at glyph %d", name, g)
				}
				last = g + len(w[i+1].(types.Array)) - 1
			}
		}
	}
	if n != 6 { // three faces, two dictionaries each
		t.Errorf("%d font dictionaries, want 6", n)
	}
}

// checkGlyphs checks that every code of a Type0 font draws the glyph of
// the character its ToUnicode map gives it: through the CIDToGIDMap, the
// glyph of the embedded program has the outline (a composite glyph: its
// length) and the advance of the face's glyph for that character. The face's are read from a subset of
// the face in code order, whose glyph i is the code's (TestSubsetGlyphs).
func checkGlyphs(t *testing.T, ctx *model.Context, type0 types.Dict) {
	t.Helper()
	name := string(type0["BaseFont"].(types.Name))
	_, ps, _ := strings.Cut(name, "+")
	var face *fonts.Face
	for _, n := range sharedLib().Names() {
		if f, err := sharedLib().Face(n); err == nil && f.PostScriptName() == ps {
			face = f
		}
	}
	if face == nil {
		t.Fatalf("font %s: no face named %s in the library", name, ps)
	}
	stream := func(o types.Object) []byte {
		sd, _, err := ctx.DereferenceStreamDict(o)
		if err != nil || sd == nil {
			t.Fatalf("font %s: %v is not a stream (%v)", name, o, err)
		}
		if err := sd.Decode(); err != nil {
			t.Fatalf("font %s: %v", name, err)
		}
		return sd.Content
	}
	descendants, err := ctx.DereferenceArray(type0["DescendantFonts"])
	if err != nil || len(descendants) != 1 {
		t.Fatalf("font %s: DescendantFonts %v (%v)", name, type0["DescendantFonts"], err)
	}
	cidFont := dict(t, ctx, descendants[0])
	cidMap := stream(cidFont["CIDToGIDMap"])
	program := stream(dict(t, ctx, cidFont["FontDescriptor"])["FontFile2"])

	// Code → character, from the bfchar lines the writer makes.
	_, bfchars, _ := strings.Cut(string(stream(type0["ToUnicode"])), "beginbfchar")
	var runes []rune
	for _, m := range regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]+)>`).FindAllStringSubmatch(bfchars, -1) {
		code, _ := strconv.ParseUint(m[1], 16, 16)
		var u16 []uint16
		for i := 0; i+4 <= len(m[2]); i += 4 {
			v, _ := strconv.ParseUint(m[2][i:i+4], 16, 16)
			u16 = append(u16, uint16(v))
		}
		if int(code) != len(runes)+1 {
			t.Fatalf("font %s: ToUnicode code %d after %d codes", name, code, len(runes))
		}
		runes = append(runes, utf16.Decode(u16)[0])
	}
	if len(cidMap) != 2*(len(runes)+1) {
		t.Fatalf("font %s: CIDToGIDMap of %d bytes for %d codes and .notdef", name, len(cidMap), len(runes))
	}
	inCodeOrder := []uint16{0}
	for _, r := range runes {
		g, ok := face.GlyphIndex(r)
		if !ok {
			t.Fatalf("font %s: the face has no glyph for %q", name, r)
		}
		inCodeOrder = append(inCodeOrder, g)
	}
	want, err := face.SubsetGlyphs(inCodeOrder)
	if err != nil {
		t.Fatal(err)
	}
	gotGlyph, gotAdvance := sfntGlyphs(t, program)
	wantGlyph, wantAdvance := sfntGlyphs(t, want)
	for code := range len(runes) + 1 {
		g := int(binary.BigEndian.Uint16(cidMap[2*code:]))
		got, want := gotGlyph(g), wantGlyph(code)
		same := bytes.Equal(got, want)
		if len(want) >= 10 && int16(binary.BigEndian.Uint16(want)) < 0 {
			// A composite's outline names its components by their ids in
			// each subset, which differ: its length says enough.
			same = len(got) == len(want)
		}
		if !same || gotAdvance(g) != wantAdvance(code) {
			t.Errorf("font %s: code %d (%q) leads to glyph %d, whose outline or advance is not the face's", name, code, append([]rune{0}, runes...)[code], g)
		}
	}
}

// TestGlyphsThroughCIDToGIDMap: codes numbered in order of first use,
// glyphs kept in the face's order, composite glyphs among them (Kai's ¨
// and −, whose components the subset adds): every code draws its
// character's glyph (checkGlyphs).
func TestGlyphsThroughCIDToGIDMap(t *testing.T) {
	lib := sharedLib()
	doc := testDoc(t, 1)
	p := &doc.Pages[0]
	p.Items = append(p.Items, run(lib, "kai", units.Pt(9), units.Mm(20), units.Mm(150), "本报−港区¨A新闻", 0, display.RoleBody))
	ctx := readBack(t, render(t, doc, Options{}))
	n := 0
	for _, e := range ctx.Table {
		if d, ok := e.Object.(types.Dict); ok && d.Type() != nil && *d.Type() == "Font" && *d.Subtype() == "Type0" {
			checkGlyphs(t, ctx, d)
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d Type0 fonts, want 3", n)
	}
}

// sfntGlyphs reads a TrueType font's loca, glyf and hmtx, and returns
// each glyph's outline data and advance by glyph id.
func sfntGlyphs(t *testing.T, font []byte) (outline func(int) []byte, advance func(int) int) {
	t.Helper()
	tables := map[string][]byte{}
	for i := range int(binary.BigEndian.Uint16(font[4:])) {
		e := font[12+16*i:]
		off, n := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		tables[string(e[:4])] = font[off : off+n]
	}
	head, hhea, loca, glyf, hmtx := tables["head"], tables["hhea"], tables["loca"], tables["glyf"], tables["hmtx"]
	if len(head) < 54 || binary.BigEndian.Uint16(head[50:]) != 1 || len(hhea) < 36 {
		t.Fatal("font without a long loca, or without head or hhea")
	}
	numLong := int(binary.BigEndian.Uint16(hhea[34:]))
	outline = func(g int) []byte {
		if 4*g+8 > len(loca) {
			t.Fatalf("glyph %d past loca's %d", g, len(loca)/4-1)
		}
		return glyf[binary.BigEndian.Uint32(loca[4*g:]):binary.BigEndian.Uint32(loca[4*g+4:])]
	}
	advance = func(g int) int {
		return int(binary.BigEndian.Uint16(hmtx[4*min(g, numLong-1):]))
	}
	return outline, advance
}

func checkImages(t *testing.T, ctx *model.Context, doc *display.Document, icc bool) {
	t.Helper()
	var rgbSrc, graySrc []byte
	for _, it := range doc.Pages[0].Items {
		if im, ok := it.(*display.Image); ok {
			b, err := os.ReadFile(im.Source)
			if err != nil {
				t.Fatal(err)
			}
			// Embedded byte for byte (OptimizePhotos is off; see
			// TestOptimizePhotos).
			if strings.HasSuffix(im.Source, "gray.jpg") {
				graySrc = b
			} else {
				rgbSrc = b
			}
		}
	}
	seen := 0
	for _, e := range ctx.Table {
		sd, ok := e.Object.(types.StreamDict)
		if !ok || sd.Subtype() == nil || *sd.Subtype() != "Image" {
			continue
		}
		seen++
		if err := sd.Decode(); err != nil {
			// DCT data is not decoded by pdfcpu: Raw is the file's bytes.
			_ = err
		}
		switch {
		case bytes.Equal(sd.Raw, rgbSrc):
			if sd.Dict["Width"] != types.Integer(64) || sd.Dict["Height"] != types.Integer(48) || sd.Dict["BitsPerComponent"] != types.Integer(8) {
				t.Errorf("RGB photo %v×%v, %v bits, want 64×48, 8", sd.Dict["Width"], sd.Dict["Height"], sd.Dict["BitsPerComponent"])
			}
			cs := sd.Dict["ColorSpace"]
			if !icc {
				if cs != types.Name("DeviceRGB") {
					t.Errorf("plain PDF: RGB photo colour space %v", cs)
				}
				continue
			}
			a, ok := cs.(types.Array)
			if !ok || a[0] != types.Name("ICCBased") {
				t.Fatalf("RGB photo colour space %v, want ICCBased", cs)
			}
			ps, _, _ := ctx.DereferenceStreamDict(a[1])
			if ps.Dict["N"] != types.Integer(3) {
				t.Errorf("RGB photo profile N = %v", ps.Dict["N"])
			}
		case bytes.Equal(sd.Raw, graySrc):
			if sd.Dict["ColorSpace"] != types.Name("DeviceGray") {
				t.Errorf("gray photo colour space %v", sd.Dict["ColorSpace"])
			}
		default:
			t.Errorf("image %v is not one of the JPEG files, optimised, byte for byte", sd.Dict)
		}
	}
	if seen != 2 {
		t.Errorf("%d images, want 2 (one per file, shared by pages)", seen)
	}
}

func checkOverprint(t *testing.T, ctx *model.Context) {
	t.Helper()
	var on, off int
	for _, e := range ctx.Table {
		d, ok := e.Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "ExtGState" {
			continue
		}
		if _, ok := d["ca"]; ok {
			t.Errorf("a marker ExtGState survived: %v", d)
		}
		switch {
		case d["OP"] == types.Boolean(true) && d["op"] == types.Boolean(true) && d["OPM"] == types.Integer(1):
			on++
		case d["OP"] == types.Boolean(false):
			off++
		}
	}
	if on != 1 || off != 1 {
		t.Errorf("overprint ExtGStates: %d on, %d off; want 1 and 1", on, off)
	}
}

func checkOutline(t *testing.T, ctx *model.Context, root types.Dict, doc *display.Document) {
	t.Helper()
	ol := dict(t, ctx, root["Outlines"])
	var titles []string
	for o := ol["First"]; o != nil; {
		d := dict(t, ctx, o)
		titles = append(titles, textOf(t, d["Title"]))
		if k, ok := d["First"]; ok {
			titles = append(titles, "  "+textOf(t, dict(t, ctx, k)["Title"]))
		}
		o = d["Next"]
	}
	var want []string
	for _, b := range doc.Outline {
		want = append(want, b.Title)
		for _, k := range b.Kids {
			want = append(want, "  "+k.Title)
		}
	}
	if !slices.Equal(titles, want) {
		t.Errorf("outline %q, want %q", titles, want)
	}
}

func TestDeterministic(t *testing.T) {
	doc := testDoc(t, 2)
	for _, opt := range []Options{{}, {Standards: []Standard{}}, {Marks: true}} {
		a, b := render(t, doc, opt), render(t, doc, opt)
		if !bytes.Equal(a, b) {
			t.Errorf("options %+v: two renders differ", opt)
		}
	}
}

func TestMarks(t *testing.T) {
	doc := testDoc(t, 1)
	b := render(t, doc, Options{Marks: true})
	ctx := readBack(t, b)
	pd, _, _, err := ctx.PageDict(1, false)
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	w, h := pt(p.Bleed.W+2*marksMargin), pt(p.Bleed.H+2*marksMargin)
	if got, want := numbers(pd["MediaBox"]), numbers(types.NewNumberArray(0, 0, w, h)); got != want {
		t.Errorf("MediaBox with marks %s, want %s", got, want)
	}
	m := pt(marksMargin)
	trim := pdfRect(shift(p.Trim, marksMargin-p.Bleed.X, marksMargin-p.Bleed.Y), h)
	if got := numbers(pd["TrimBox"]); got != numbers(trim) {
		t.Errorf("TrimBox with marks %s, want %s", got, numbers(trim))
	}
	if got, want := numbers(pd["BleedBox"]), numbers(pdfRect(display.Rect{X: marksMargin, Y: marksMargin, W: p.Bleed.W, H: p.Bleed.H}, h)); got != want {
		t.Errorf("BleedBox with marks %s, want %s (margin %.1f)", got, want, m)
	}
}

func TestBadInput(t *testing.T) {
	lib := sharedLib()
	doc := testDoc(t, 1)
	for name, c := range map[string]struct {
		mutate func(d *display.Document)
		want   string
	}{
		"missing glyph": {func(d *display.Document) {
			d.Pages[0].Items = append(d.Pages[0].Items, run(lib, "serif", units.Pt(9), 0, units.Mm(100), "\U000F0000", units.Pt(9), display.RoleBody))
		}, "U+F0000"},
		"missing glyph in the BMP": {func(d *display.Document) {
			d.Pages[0].Items = append(d.Pages[0].Items, run(lib, "serif", units.Pt(9), 0, units.Mm(100), "中\uE000", units.Pt(9), display.RoleBody))
		}, "U+E000"},
		"too much ink": {func(d *display.Document) {
			d.Pages[0].Items = append(d.Pages[0].Items, &display.Box{Frame: display.Rect{W: 10, H: 10}, Fill: &display.Color{C: 1000, M: 1000, Y: 500}})
		}, "exceeds 240%"},
		"missing image": {func(d *display.Document) {
			d.Pages[0].Items = append(d.Pages[0].Items, &display.Image{Source: "/nonexistent.jpg", Frame: display.Rect{W: 10, H: 10}})
		}, "nonexistent.jpg"},
		"trim outside bleed": {func(d *display.Document) { d.Pages[0].Trim.W += units.Mm(20) }, "trim box"},
		"no date":            {func(d *display.Document) { d.Meta.Date = "" }, "edition date"},
		"unknown font": {func(d *display.Document) {
			d.Pages[0].Items = append(d.Pages[0].Items, &display.GlyphRun{Face: "nope", Size: 1000, Glyphs: []display.Glyph{{Text: "x"}}})
		}, "nope"},
	} {
		t.Run(name, func(t *testing.T) {
			d := *doc
			d.Pages = slices.Clone(doc.Pages)
			d.Pages[0].Items = slices.Clone(doc.Pages[0].Items)
			c.mutate(&d)
			var b bytes.Buffer
			err := Write(&b, &d, lib, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Write error = %v, want one mentioning %q", err, c.want)
			}
			if b.Len() != 0 {
				t.Errorf("Write wrote %d bytes before failing", b.Len())
			}
		})
	}
}

func TestToUnicodeBeyondBMP(t *testing.T) {
	cmap := string(toUnicodeCMap([]rune{0, 'x', 'y', 0x20000, 'z', 'z', 'z', 'A'}))
	if !strings.Contains(cmap, "<0003> <D840DC00>") || !strings.Contains(cmap, "<0007> <0041>") {
		t.Errorf("CMap:\n%s", cmap)
	}
	if strings.Index(cmap, "<0003>") > strings.Index(cmap, "<0007>") {
		t.Error("bfchar entries not in glyph order")
	}
	if strings.Contains(cmap, "<0000>  <") || !strings.Contains(cmap, "7 beginbfchar") {
		t.Errorf("CMap: want codes 1 to 7, no .notdef:\n%s", cmap)
	}
}

func TestSubsetTagDeterministic(t *testing.T) {
	a := subsetTag("NotoSerifSC-Regular", []int{1, 5, 9})
	if a != subsetTag("NotoSerifSC-Regular", []int{1, 5, 9}) || a == subsetTag("NotoSerifSC-Regular", []int{1, 5, 10}) {
		t.Error("subset tag must depend on the glyph set, and only on it")
	}
	if !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(a) {
		t.Errorf("tag %q", a)
	}
}

func TestJPEGICC(t *testing.T) {
	profile := append(make([]byte, 16), []byte("RGB ")...)
	profile = append(profile, make([]byte, 200)...)
	seg := append([]byte("ICC_PROFILE\x00\x01\x01"), profile...)
	jpg := []byte{0xff, 0xd8, 0xff, 0xe2, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	jpg = append(jpg, seg...)
	jpg = append(jpg, 0xff, 0xda, 0, 2)
	got := jpegICC(jpg)
	if !bytes.Equal(got, profile) || iccComponents(got) != 3 {
		t.Errorf("jpegICC: got %d bytes", len(got))
	}
	if jpegICC([]byte{0xff, 0xd8, 0xff, 0xe2, 0xff, 0xff}) != nil {
		t.Error("truncated segment must give nil")
	}
}

func TestICCDescription(t *testing.T) {
	if d := iccDescription([]byte(ifra26s)); d == "" {
		t.Error("no description in IFRA26S")
	} else {
		t.Logf("IFRA26S description: %q", d)
	}
	if iccComponents([]byte(ifra26s)) != 4 || iccComponents([]byte(srgb)) != 3 {
		t.Error("embedded profiles have the wrong colour spaces")
	}
}

func ExampleParseStandards() {
	s, _ := ParseStandards("x-4,a-2u")
	fmt.Println(s)
	// Output: [x-4 a-2u]
}

// TestOutputProfileTags checks the default output profile after
// icc/strip.go: the header's size is the file's, every tag an ICC v2
// output profile must have is there with its data inside the file, and
// the characterization text (which every PDF would otherwise carry) is not.
func TestOutputProfileTags(t *testing.T) {
	p := []byte(ifra26s)
	if got := int(be32(p)); got != len(p) {
		t.Fatalf("header size %d, file %d bytes", got, len(p))
	}
	tags := map[string]bool{}
	n := int(be32(p[128:]))
	for i := range n {
		e := p[132+12*i:]
		off, size := int(be32(e[4:])), int(be32(e[8:]))
		if off%4 != 0 || off < 132+12*n || off+size > len(p) {
			t.Errorf("tag %q: data at %d+%d outside the file or unaligned", e[:4], off, size)
		}
		tags[string(e[:4])] = true
	}
	for _, want := range []string{"desc", "cprt", "wtpt", "A2B0", "A2B1", "A2B2", "B2A0", "B2A1", "B2A2", "gamt"} {
		if !tags[want] {
			t.Errorf("required tag %q missing", want)
		}
	}
	for _, gone := range []string{"targ", "DevD", "CIED"} {
		if tags[gone] {
			t.Errorf("tag %q still embedded", gone)
		}
	}
}

// numbers writes an array of numbers (integers or reals) to three
// decimals, so that 0 and 0.0 compare equal.
func numbers(o types.Object) string {
	a, _ := o.(types.Array)
	var b strings.Builder
	for _, v := range a {
		switch v := v.(type) {
		case types.Integer:
			fmt.Fprintf(&b, "%.3f ", float64(v))
		case types.Float:
			fmt.Fprintf(&b, "%.3f ", float64(v))
		default:
			fmt.Fprintf(&b, "%v ", v)
		}
	}
	return b.String()
}

// TestWidthArray: codes of the default width are left out of W; the others
// come in runs of consecutive codes.
func TestWidthArray(t *testing.T) {
	got := string(widthArray([]float64{0, 1000, 500, 600.5, 1000, 1000, 250}))
	if want := "[2[500 600.5] 6[250]]"; got != want {
		t.Errorf("widthArray = %s, want %s", got, want)
	}
	if got := string(widthArray([]float64{0, 1000})); got != "[]" {
		t.Errorf("widthArray of default widths = %s, want []", got)
	}
}
