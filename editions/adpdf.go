package editions

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/broadsheet-news/broadsheet/internal/pdfbox"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/units"
)

// PDFInfo is what inspecting a PDF ad found.
type PDFInfo struct {
	Width, Height units.Length // the page's crop box, else its media box
	// MaxInk is the highest total ink the ad's colours and images ask
	// for, in percent (C+M+Y+K of CMYK fills, strokes and image samples;
	// gray is K alone; a Separation or DeviceN colour's process plates,
	// and its spot inks added).
	MaxInk int
	// InkAt describes the colour that reaches MaxInk, e.g. "100/70/90/30".
	InkAt string
	// InkNote, when not empty, names an image whose ink is not in MaxInk
	// (a JPEG 2000 image, which Go cannot decode), for a warning.
	InkNote string
}

// InspectPDF checks that data is a one-page PDF ad that can be placed in a
// PDF/X-4 and PDF/A-2u file unchanged: readable, not encrypted, its
// content streams whole, every font embedded, no RGB device colour (which
// a CMYK output intent forbids) and no form that draws itself. It measures
// the ad's total ink. The error says what is wrong in a layout editor's
// words, without the file name.
func InspectPDF(data []byte) (info PDFInfo, err error) {
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return info, errors.New("is not a PDF file")
	}
	// A file cut short (a download or a copy that stopped) can still be
	// read: a reader rebuilds the cross-reference table from the objects
	// left, and the page whose content was lost prints blank. The end
	// marker every complete PDF has in its last 1 KiB tells it apart.
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return info, errors.New("is not a readable PDF: it is cut short (a complete PDF ends with %%EOF); download or export it again")
	}
	defer func() { // pdfcpu panics on some malformed files; an ad must not crash the run
		if r := recover(); r != nil {
			info, err = PDFInfo{}, fmt.Errorf("is not a readable PDF: it is damaged; ask for it again (the reader failed: %v)", r)
		}
	}()
	conf := &model.Configuration{ // not model.NewDefaultConfiguration: it writes a config dir in $HOME
		Reader15:       true,
		ValidationMode: model.ValidationRelaxed,
		Eol:            types.EolLF,
	}
	if err := pdfbox.CheckStructure(data); err != nil {
		return info, fmt.Errorf("is not a readable PDF: it %v", err)
	}
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		return info, fmt.Errorf("is not a readable PDF: it is damaged; ask for it again (the reader says: %v)", err)
	}
	if ctx.Encrypt != nil {
		return info, errors.New("is encrypted; export the ad without a password")
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return info, fmt.Errorf("is not a readable PDF: it is damaged; ask for it again (the reader says: %v)", err)
	}
	if ctx.PageCount != 1 {
		return info, fmt.Errorf("has %d pages; an ad is one page", ctx.PageCount)
	}
	pd, inh, err := pdfbox.FirstPage(ctx)
	if err != nil {
		return info, fmt.Errorf("has a page that cannot be read: %v", err)
	}
	box := pdfbox.Visible(inh) // the writer's frame, read by the same rule
	if box == nil {
		return info, errors.New("has no page size (MediaBox)")
	}
	bw, bh := box.Width(), box.Height()
	if !(bw > 0 && bh > 0 && bw < 20000 && bh < 20000) {
		return info, fmt.Errorf("has a page of %g × %g pt, not a size an ad can have", bw, bh)
	}
	info.Width, info.Height = units.Length(math.Round(bw*1000)), units.Length(math.Round(bh*1000))

	if n := missingContent(ctx, pd); n > 0 {
		return info, fmt.Errorf("is damaged: the content of its page (object %d) is missing; ask for it again", n)
	}
	content, err := pdfbox.Content(ctx, pd)
	if err != nil {
		return info, fmt.Errorf("has a damaged page content stream (%v)", err)
	}
	in := &inspector{ctx: ctx, visiting: map[int]bool{}, done: map[int]bool{}, decoded: len(content)}
	var res types.Dict
	if inh.Resources != nil {
		res = inh.Resources
	}
	if err := in.content(content, res, "the page", 0); err != nil {
		return info, err
	}
	if !in.painted {
		return info, errors.New("draws nothing on its page: a blank ad is a damaged or a wrong file; ask for it again")
	}
	info.MaxInk, info.InkAt, info.InkNote = in.maxInk, in.inkAt, in.note
	return info, nil
}

type inspector struct {
	ctx      *model.Context
	visiting map[int]bool // form XObjects being drawn: a form met again draws itself
	done     map[int]bool // forms and fonts already checked
	maxInk   int
	inkAt    string
	note     string // the first image whose ink is not measured (see PDFInfo.InkNote)
	// decoded counts the bytes of content decoded, the page's and its
	// forms': held to pdfbox.MaxDecoded together, since each form alone
	// is, and a small file can hold hundreds of forms that are bombs.
	decoded int
	// painted is set by the first operator that marks the page: a path
	// filled or stroked, text shown, an image or a shading drawn.
	painted bool
}

// missingContent is the object number of the first content stream the
// page names that the file does not hold (a reader treats it as empty, so
// the page prints blank), or 0.
func missingContent(ctx *model.Context, pd types.Dict) int {
	refs, _ := pd["Contents"].(types.Array)
	if r, ok := pd["Contents"].(types.IndirectRef); ok {
		refs = types.Array{r}
	}
	for _, o := range refs {
		r, ok := o.(types.IndirectRef)
		if !ok {
			continue
		}
		if sd, _, err := ctx.DereferenceStreamDict(r); err == nil && sd == nil {
			return r.ObjectNumber.Value()
		}
	}
	return 0
}

// content checks one content stream with its resources: its syntax, the
// fonts it sets, the colour spaces it uses, the forms it draws (each
// checked in turn), and the ink of its colours.
func (in *inspector) content(data []byte, res types.Dict, where string, depth int) error {
	if depth > 32 {
		return fmt.Errorf("nests forms more than 32 deep in %s", where)
	}
	// The resources' pattern cells and Type 3 glyphs are checked whether or
	// not the content uses them: what they draw is not the page drawing.
	painted := in.painted
	if err := in.resources(res, where, depth); err != nil {
		return err
	}
	in.painted = painted
	// The colorants of the fill and stroke colour spaces, resolved once
	// when cs or CS sets them: what each operand of sc and SC inks. Both
	// start as DeviceGray, whose sc sets a gray level, not counted.
	var fill, stroke []string
	return scanContent(data, func(op string, args []token) error {
		switch op {
		case "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Tj", "TJ", "'", "\"", "sh":
			in.painted = true
		case "rg", "RG":
			return fmt.Errorf("paints in RGB (DeviceRGB) in %s; PDF/X-4 and PDF/A-2u with a CMYK output intent need CMYK: export the ad in CMYK", where)
		case "k", "K":
			in.ink(processInks, args)
		case "g", "G":
			if len(args) == 1 {
				if v, ok := args[0].num(); ok {
					in.ink(grayInks, []token{{kind: tNum, v: 1 - v}})
				}
			}
		case "cs", "CS":
			if len(args) == 1 && args[0].kind == tName {
				cs := args[0].s
				if cs == "DeviceRGB" || cs == "RGB" {
					return fmt.Errorf("uses the RGB colour space (DeviceRGB) in %s; PDF/X-4 and PDF/A-2u with a CMYK output intent need CMYK: export the ad in CMYK", where)
				}
				if op == "cs" {
					fill = in.colorants(res, cs)
				} else {
					stroke = in.colorants(res, cs)
				}
			}
		case "sc", "scn", "SC", "SCN":
			if op[0] == 'S' {
				in.ink(stroke, args)
			} else {
				in.ink(fill, args)
			}
		case "Do":
			if len(args) == 1 && args[0].kind == tName {
				return in.xobject(res, args[0].s, where, depth)
			}
		case "ID":
			if inlineRGB(args) {
				return fmt.Errorf("holds an RGB inline image (DeviceRGB) in %s; export the ad in CMYK", where)
			}
		case inlineImage:
			in.painted = true
			note, err := in.inlineInk(res, args[0].raw, args[1].raw, where)
			if note != "" && in.note == "" {
				in.note = note
			}
			return err
		case "BI", "Tf":
			// an inline image's data is skipped by the scanner; fonts were checked with the resources
		}
		return nil
	})
}

// inlineRGB tells whether an inline image's dictionary (the operands of
// ID) has an RGB device colour space, given as a name (/CS /RGB) or as the
// base of an indexed space (/CS [/I /RGB 255 <…>]). A colour space named
// from the resources was checked with them.
func inlineRGB(args []token) bool {
	for i := 0; i+1 < len(args); i += 2 {
		if k := args[i]; k.kind != tName || k.s != "CS" && k.s != "ColorSpace" {
			continue
		}
		switch v := args[i+1]; {
		case v.kind == tName:
			return v.s == "DeviceRGB" || v.s == "RGB"
		case len(v.raw) > 2 && v.raw[0] == '[':
			// the array's elements, as the operands of an operator
			inner := append(bytes.Clone(v.raw[1:len(v.raw)-1]), " x"...)
			rgb := false
			_ = scanContent(inner, func(_ string, a []token) error {
				rgb = len(a) >= 2 && a[0].kind == tName && (a[0].s == "Indexed" || a[0].s == "I") &&
					a[1].kind == tName && (a[1].s == "DeviceRGB" || a[1].s == "RGB")
				return nil
			})
			return rgb
		}
	}
	return false
}

// The colorants of the device colour spaces: DeviceCMYK's four process
// inks, and DeviceGray's one, the black plate (its operand is taken as
// ink: g passes 1 - gray).
var (
	processInks = []string{"Cyan", "Magenta", "Yellow", "Black"}
	grayInks    = []string{"Black"}
)

// maxColorants is the most colorants a DeviceN space may have (ISO
// 32000-1, Annex C); a space of more is not counted.
const maxColorants = 32

// colorants are the inks the operands of a colour in the colour space
// named name (in res) print with, nil for one not counted (a pattern, a
// Lab or calibrated space): DeviceCMYK's and an ICC-based space of four
// components' are the process inks (CMYK, as a colour-managed layout
// program writes it); a Separation's or DeviceN's are their colorants by
// name.
func (in *inspector) colorants(res types.Dict, name string) []string {
	switch name {
	case "DeviceCMYK", "CMYK":
		return processInks
	case "DeviceGray", "G":
		return nil // sc in gray sets a gray level (1 is white): g counts it
	}
	css, _ := in.ctx.DereferenceDict(res["ColorSpace"])
	a, _ := in.ctx.DereferenceArray(css[name])
	return in.arrayColorants(a)
}

// arrayColorants are the colorants of a colour space given as an array
// (see colorants): an ICC-based space of four components', a
// Separation's, a DeviceN's; nil for any other.
func (in *inspector) arrayColorants(a types.Array) []string {
	if len(a) < 2 {
		return nil
	}
	switch n, _ := a[0].(types.Name); n {
	case "ICCBased":
		if in.iccComponents(a[1]) == 4 {
			return processInks
		}
	case "Separation":
		o, _ := in.ctx.Dereference(a[1])
		n, _ := o.(types.Name)
		return []string{string(n)}
	case "DeviceN":
		names, _ := in.ctx.DereferenceArray(a[1])
		if len(names) > maxColorants {
			return nil
		}
		out := make([]string, len(names))
		for i, o := range names {
			o, _ = in.ctx.Dereference(o)
			n, _ := o.(types.Name)
			out[i] = string(n)
		}
		return out
	}
	return nil
}

// iccComponents is the /N of an ICC profile stream (o, or a reference to
// it): its colour components; 0 when it cannot be read.
func (in *inspector) iccComponents(o types.Object) int {
	sd, _, err := in.ctx.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return 0
	}
	n, _ := in.ctx.Dereference(sd.Dict["N"])
	i, _ := n.(types.Integer)
	return i.Value()
}

// ink records the total ink of a colour whose operands (tints, 0..1) are
// of the colorants inks, one each: Cyan, Magenta, Yellow and Black are
// their plates (at most 100% each), All is every plate at once
// (registration colour, 400% at a tint of 1, which ads' crop marks and
// small text fall into), None prints nothing, and any other name is a
// spot ink of its own, added to the sum and shown after a "+"
// (100/100/100/100+50).
func (in *inspector) ink(inks []string, args []token) {
	if inks == nil || len(args) != len(inks) {
		return
	}
	tints := make([]float64, len(args))
	for i, a := range args {
		v, ok := a.num()
		if !ok {
			return
		}
		tints[i] = v
	}
	in.inkOf(inks, tints)
}

// inkOf records the total ink of a colour of tints (0..1, clamped) of the
// colorants inks, one each (see ink).
func (in *inspector) inkOf(inks []string, tints []float64) {
	var plates [4]float64
	var spots []float64
	for i, name := range inks {
		v := math.Max(0, math.Min(1, tints[i]))
		switch p := plateOf(name); p {
		case plateAll:
			for k := range plates {
				plates[k] += v
			}
		case plateNone:
		case plateSpot:
			spots = append(spots, v)
		default:
			plates[p] += v
		}
	}
	sum := 0.0
	parts := make([]string, 4)
	for k, v := range plates {
		v = math.Min(1, v) // a plate prints 100% at most
		sum += v
		parts[k] = strconv.Itoa(int(math.Round(v * 100)))
	}
	at := strings.Join(parts, "/")
	for _, v := range spots {
		sum += v
		at += "+" + strconv.Itoa(int(math.Round(v*100)))
	}
	if pct := int(math.Round(sum * 100)); pct > in.maxInk {
		in.maxInk, in.inkAt = pct, at
	}
}

// The plates a colorant prints on (plateOf): a process plate's index
// (Cyan 0 to Black 3), or one of these.
const (
	plateAll  = 4 // every plate: the registration colour, /All
	plateNone = 5 // none: /None
	plateSpot = 6 // a spot ink of its own
)

// plateOf is the plate the colorant name prints on (see the constants).
func plateOf(name string) int {
	switch name {
	case "Cyan":
		return 0
	case "Magenta":
		return 1
	case "Yellow":
		return 2
	case "Black":
		return 3
	case "All":
		return plateAll
	case "None":
		return plateNone
	}
	return plateSpot
}

func (in *inspector) xobject(res types.Dict, name, where string, depth int) error {
	xobjs, err := in.ctx.DereferenceDict(res["XObject"])
	if err != nil || xobjs == nil {
		return fmt.Errorf("draws /%s in %s, which its resources do not hold", name, where)
	}
	if ref, ok := xobjs[name].(types.IndirectRef); ok && in.visiting[ref.ObjectNumber.Value()] {
		return fmt.Errorf("holds a form (/%s) that draws itself, a loop no RIP can print", name)
	}
	sd, _, err := in.ctx.DereferenceStreamDict(xobjs[name])
	if err != nil || sd == nil {
		return fmt.Errorf("draws /%s in %s, which cannot be read (%v)", name, where, err)
	}
	sub := ""
	if s := sd.Subtype(); s != nil {
		sub = *s
	}
	switch sub {
	case "Image":
		in.painted = true
		cs, _ := in.ctx.Dereference(sd.Dict["ColorSpace"])
		rgb, err := isRGB(in.ctx, cs, 0)
		if err != nil {
			return fmt.Errorf("holds an image (/%s) in %s whose colour space %v", name, where, err)
		}
		if rgb {
			return fmt.Errorf("holds an RGB image (/%s, DeviceRGB) in %s; export the ad in CMYK", name, where)
		}
		if ref, ok := xobjs[name].(types.IndirectRef); ok {
			if in.done[ref.ObjectNumber.Value()] {
				return nil
			}
			in.done[ref.ObjectNumber.Value()] = true
		}
		note, err := in.imageInk(sd, "/"+name, where)
		if note != "" && in.note == "" {
			in.note = note
		}
		return err
	case "Form":
		return in.drawn(xobjs[name], res, "a form (/"+name+")", "the form /"+name, depth)
	}
	return nil
}

// drawn checks a content stream that other content draws, with its own
// resources (else res): a form XObject, a tiling pattern's cell, a Type 3
// font's glyph. o is the stream or a reference to it; what names it in a
// message ("a form (/X)"), where names it as a place ("the form /X").
// Each is checked once; one that draws itself is a loop.
func (in *inspector) drawn(o types.Object, res types.Dict, what, where string, depth int) error {
	ref, isRef := o.(types.IndirectRef)
	nr := 0
	if isRef {
		nr = ref.ObjectNumber.Value()
		if in.visiting[nr] {
			return fmt.Errorf("holds %s that draws itself, a loop no RIP can print", what)
		}
		if in.done[nr] {
			return nil
		}
	}
	sd, _, err := in.ctx.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return fmt.Errorf("holds %s that cannot be read (%v)", what, err)
	}
	if isRef {
		in.visiting[nr] = true
		defer delete(in.visiting, nr)
	}
	if err := pdfbox.DecodeLimited(sd); err != nil {
		return fmt.Errorf("holds %s whose content is damaged (%v)", what, err)
	}
	if in.decoded += len(sd.Content); in.decoded > pdfbox.MaxDecoded {
		return fmt.Errorf("holds forms whose content inflates past %d MB in all", pdfbox.MaxDecoded>>20)
	}
	own, _ := in.ctx.DereferenceDict(sd.Dict["Resources"])
	if own == nil {
		own = res
	}
	if err := in.content(sd.Content, own, where, depth+1); err != nil {
		return err
	}
	if isRef {
		in.done[nr] = true
	}
	return nil
}

// resources checks the fonts (embedded) and colour spaces (no RGB device
// space) a resource dictionary names.
func (in *inspector) resources(res types.Dict, where string, depth int) error {
	if res == nil {
		return nil
	}
	fonts, _ := in.ctx.DereferenceDict(res["Font"])
	for _, name := range sortedKeys(fonts) {
		if err := in.font(fonts[name], name, res, depth); err != nil {
			return err
		}
	}
	css, _ := in.ctx.DereferenceDict(res["ColorSpace"])
	for _, name := range sortedKeys(css) {
		cs, _ := in.ctx.Dereference(css[name])
		rgb, err := isRGB(in.ctx, cs, 0)
		if err != nil {
			return fmt.Errorf("declares a colour space (/%s) in %s that %v", name, where, err)
		}
		if rgb {
			return fmt.Errorf("declares an RGB colour space (/%s) in %s; export the ad in CMYK", name, where)
		}
	}
	// A shading paints in its own colour space, drawn by sh or as a
	// shading pattern's: an RGB gradient is RGB device colour too.
	shadings, _ := in.ctx.DereferenceDict(res["Shading"])
	for _, name := range sortedKeys(shadings) {
		rgb, err := in.shadingRGB(shadings[name])
		if err != nil {
			return fmt.Errorf("holds a shading (/%s) in %s whose colour space %v", name, where, err)
		}
		if rgb {
			return fmt.Errorf("holds an RGB shading (/%s, DeviceRGB) in %s; export the ad in CMYK", name, where)
		}
	}
	patterns, _ := in.ctx.DereferenceDict(res["Pattern"])
	for _, name := range sortedKeys(patterns) {
		p := in.dict(patterns[name])
		rgb, err := in.shadingRGB(p["Shading"])
		if err != nil {
			return fmt.Errorf("holds a shading pattern (/%s) in %s whose colour space %v", name, where, err)
		}
		if rgb {
			return fmt.Errorf("holds an RGB shading pattern (/%s, DeviceRGB) in %s; export the ad in CMYK", name, where)
		}
		if r, ok := patterns[name].(types.IndirectRef); ok && in.visiting[r.ObjectNumber.Value()] {
			continue // declared again in the resources its own cell falls back to: not drawn by them
		}
		if t, _ := p["PatternType"].(types.Integer); t == 1 { // a tiling pattern's cell is content
			if err := in.drawn(patterns[name], res, "a pattern (/"+name+")", "the pattern /"+name, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// dict is the dictionary o is or refers to, a stream's included; nil if
// it is none.
func (in *inspector) dict(o types.Object) types.Dict {
	o, _ = in.ctx.Dereference(o)
	switch d := o.(type) {
	case types.Dict:
		return d
	case types.StreamDict:
		return d.Dict
	}
	return nil
}

// shadingRGB tells whether the shading o (a dictionary, or a stream for
// the mesh types) paints in an RGB device colour space.
func (in *inspector) shadingRGB(o types.Object) (bool, error) {
	d := in.dict(o)
	if d == nil {
		return false, nil
	}
	cs, _ := in.ctx.Dereference(d["ColorSpace"])
	return isRGB(in.ctx, cs, 0)
}

func (in *inspector) font(o types.Object, name string, res types.Dict, depth int) error {
	if ref, ok := o.(types.IndirectRef); ok {
		if in.done[ref.ObjectNumber.Value()] {
			return nil
		}
		in.done[ref.ObjectNumber.Value()] = true // before its glyphs, which may use it
	}
	fd, err := in.ctx.DereferenceDict(o)
	if err != nil || fd == nil {
		return fmt.Errorf("names a font /%s that cannot be read", name)
	}
	base := name
	if b, ok := fd["BaseFont"].(types.Name); ok {
		base = string(b)
	}
	switch st, _ := fd["Subtype"].(types.Name); st {
	case "Type3": // its glyphs are content streams, checked as forms are
		procs, _ := in.ctx.DereferenceDict(fd["CharProcs"])
		own, _ := in.ctx.DereferenceDict(fd["Resources"])
		if own == nil {
			own = res
		}
		for _, g := range sortedKeys(procs) {
			what := "a glyph (/" + g + ") of the Type 3 font " + base
			if err := in.drawn(procs[g], own, what, "the glyph /"+g+" of the font "+base, depth); err != nil {
				return err
			}
		}
		return nil
	case "Type0":
		desc, _ := in.ctx.DereferenceArray(fd["DescendantFonts"])
		if len(desc) != 1 {
			return fmt.Errorf("uses the font %s, which has no descendant font", base)
		}
		if fd, _ = in.ctx.DereferenceDict(desc[0]); fd == nil {
			return fmt.Errorf("uses the font %s, which has no descendant font", base)
		}
	}
	desc, _ := in.ctx.DereferenceDict(fd["FontDescriptor"])
	if desc != nil {
		for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
			if _, ok := desc[k]; ok {
				return nil
			}
		}
	}
	return fmt.Errorf("uses the font %s without embedding it; PDF/X-4 and PDF/A-2u need every font embedded: export the ad with its fonts embedded (or as outlines)", base)
}

// maxBaseSpaces is how many base colour spaces deep isRGB looks: an
// Indexed space's base may be a Pattern's, no deeper in a valid file.
const maxBaseSpaces = 8

// isRGB reports whether colour space cs (at depth bases below the one
// named) is DeviceRGB or built on it (Indexed, Pattern). A space whose
// bases go deeper than maxBaseSpaces, as one that names itself as its own
// base does for ever, is an error: no RIP can resolve it, and following
// it overflowed the stack, fatally.
func isRGB(ctx *model.Context, cs types.Object, depth int) (bool, error) {
	if depth > maxBaseSpaces {
		return false, errors.New("refers to itself or nests its base spaces too deep")
	}
	switch c := cs.(type) {
	case types.Name:
		return c == "DeviceRGB" || c == "RGB", nil
	case types.Array:
		if len(c) == 0 {
			return false, nil
		}
		n, _ := c[0].(types.Name)
		switch n {
		case "Indexed", "I", "Pattern":
			if len(c) > 1 {
				base, _ := ctx.Dereference(c[1])
				return isRGB(ctx, base, depth+1)
			}
		}
	}
	return false, nil
}

func sortedKeys(d types.Dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
