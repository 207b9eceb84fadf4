package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/klauspost/compress/zlib"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/display"
)

// producer names the software in Info /Producer and XMP pdf:Producer.
const producer = "Broadsheet"

// editionDate parses Meta.Date; the edition's date stands for both the
// creation and the modification date, so no clock reaches the file.
func editionDate(m display.Meta) (time.Time, bool, error) {
	if m.Date == "" {
		return time.Time{}, false, nil
	}
	t, err := time.Parse("2006-01-02", m.Date)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("edition date %q: want YYYY-MM-DD", m.Date)
	}
	return t, true, nil
}

// profileLevel is the zlib level of the ICC profiles the writer compresses
// itself (a user's output profile, a photo's own; the default ones are
// compressed at build time): each is written once a document.
const profileLevel = zlib.DefaultCompression

// catalog writes the Info dictionary, the XMP metadata, the output
// intents, the outline and the catalog, and returns the numbers of the
// catalog and the Info dictionary.
func (pw *Writer) catalog(doc *display.Document, date time.Time, hasDate bool, pages []int) (root, infoNr int, err error) {
	m := doc.Meta
	info := types.Dict{"Producer": text(producer), "Trapped": types.Name("False")}
	if m.Title != "" {
		info["Title"] = text(m.Title)
	}
	if m.Subject != "" {
		info["Subject"] = text(m.Subject)
	}
	if m.Creator != "" {
		info["Creator"] = text(m.Creator)
	}
	if hasDate {
		s := types.StringLiteral(date.Format("D:20060102150405+00'00'"))
		info["CreationDate"], info["ModDate"] = s, s
	}
	if pw.opt.has(X4) {
		info["GTS_PDFXVersion"] = types.StringLiteral("PDF/X-4")
	}
	infoNr = pw.o.dict(0, info)

	cat := types.Dict{"Type": types.Name("Catalog"), "Pages": ref(pw.pagesNr)}
	xmp := xmpPacket(m, pw.opt, date, hasDate)
	cat["Metadata"] = ref(pw.o.stream(0, types.Dict{"Type": types.Name("Metadata"), "Subtype": types.Name("XML")}, xmp))
	if pw.opt.any() {
		intents, err := pw.outputIntents()
		if err != nil {
			return 0, 0, err
		}
		cat["OutputIntents"] = intents
	}
	if len(doc.Outline) > 0 {
		cat["Outlines"] = ref(pw.outline(doc.Outline, pages))
		cat["PageMode"] = types.Name("UseOutlines")
	}
	root = pw.o.dict(0, cat)
	return root, infoNr, pw.o.err
}

// outputIntents embeds the CMYK output profile once and refers to it from
// a /GTS_PDFX and a /GTS_PDFA1 intent as the standards ask.
func (pw *Writer) outputIntents() (types.Array, error) {
	profile := pw.opt.OutputProfile
	cond := pw.opt.OutputCondition
	if profile == nil {
		profile = readOnly(ifra26s)
		if cond == "" {
			cond = DefaultOutputCondition
		}
	}
	if n := iccComponents(profile); n != 4 {
		return nil, fmt.Errorf("output profile: not a CMYK ICC profile")
	}
	if cond == "" {
		cond = iccDescription(profile)
	}
	if cond == "" {
		cond = "Custom"
	}
	var pnr int
	if pw.opt.OutputProfile == nil {
		pnr = pw.o.stream(0, packedDict(ifra26s, ifra26sColors, 4, "DeviceCMYK"), readOnly(ifra26sZ)) // compressed at build time
	} else {
		pd := types.Dict{"N": types.Integer(4), "Alternate": types.Name("DeviceCMYK")}
		var err error
		if pnr, err = pw.o.flateStream(0, pd, profile, profileLevel); err != nil {
			return nil, err
		}
	}
	var out types.Array
	for _, s := range []struct {
		st Standard
		s  string
	}{{X4, "GTS_PDFX"}, {A2u, "GTS_PDFA1"}} {
		if !pw.opt.has(s.st) {
			continue
		}
		d := types.Dict{
			"Type":                      types.Name("OutputIntent"),
			"S":                         types.Name(s.s),
			"OutputConditionIdentifier": text(cond),
			"Info":                      text(cond),
			"DestOutputProfile":         ref(pnr),
		}
		if pw.opt.OutputProfile == nil {
			d["RegistryName"] = types.StringLiteral("http://www.color.org")
			d["OutputCondition"] = text("Coldset newsprint (IFRA26S, ISO 12647-3)")
		}
		out = append(out, ref(pw.o.dict(0, d)))
	}
	return out, nil
}

// iccDescription returns the ASCII description ('desc' tag) of an ICC v2
// profile, or "".
func iccDescription(p []byte) string {
	if len(p) < 132 {
		return ""
	}
	n := int(be32(p[128:]))
	for i := 0; i < n && 132+12*i+12 <= len(p); i++ {
		e := p[132+12*i:]
		if string(e[:4]) != "desc" {
			continue
		}
		off, size := int(be32(e[4:])), int(be32(e[8:]))
		if off+12 > len(p) || off+size > len(p) || string(p[off:off+4]) != "desc" {
			return ""
		}
		l := int(be32(p[off+8:]))
		if l < 1 || off+12+l > len(p) {
			return ""
		}
		return strings.TrimRight(string(p[off+12:off+12+l]), "\x00")
	}
	return ""
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// checkBookmark checks that a bookmark and its kids name pages of the
// document (n pages).
func checkBookmark(b display.Bookmark, n int) error {
	if b.Page < 0 || b.Page >= n {
		return fmt.Errorf("bookmark %q: page index %d out of range", b.Title, b.Page)
	}
	for _, k := range b.Kids {
		if err := checkBookmark(k, n); err != nil {
			return err
		}
	}
	return nil
}

// outline writes the bookmarks (checked by checkBookmark): pages with
// their articles below them. It returns the outline's number.
func (pw *Writer) outline(bms []display.Bookmark, pages []int) int {
	root := pw.o.reserve()
	first, last := pw.outlineItems(bms, root, pages)
	pw.o.dict(root, types.Dict{
		"Type": types.Name("Outlines"), "First": ref(first), "Last": ref(last), "Count": types.Integer(len(bms)),
	})
	return root
}

// outlineItems writes one level of bookmarks under parent and returns the
// first and last.
func (pw *Writer) outlineItems(bms []display.Bookmark, parent int, pages []int) (first, last int) {
	nrs := make([]int, len(bms))
	for i := range bms {
		nrs[i] = pw.o.reserve()
	}
	for i, b := range bms {
		g := pw.pages[b.Page].geom
		top := pt(g.media.H) - pt(b.Y+g.dy)
		d := types.Dict{
			"Title":  text(b.Title),
			"Parent": ref(parent),
			"Dest":   types.Array{ref(pages[b.Page]), types.Name("XYZ"), types.Integer(0), types.Float(round(top, 3)), types.Integer(0)},
		}
		if i > 0 {
			d["Prev"] = ref(nrs[i-1])
		}
		if i+1 < len(bms) {
			d["Next"] = ref(nrs[i+1])
		}
		if len(b.Kids) > 0 {
			kf, kl := pw.outlineItems(b.Kids, nrs[i], pages)
			d["First"], d["Last"] = ref(kf), ref(kl)
			d["Count"] = types.Integer(-len(b.Kids)) // closed
		}
		pw.o.dict(nrs[i], d)
	}
	if len(bms) == 0 {
		return 0, 0
	}
	return nrs[0], nrs[len(bms)-1]
}

// xmp builds the XMP packet. Every value mirrors the Info dictionary;
// pdfxid is not among PDF/A's predefined schemas, so PDF/A-2u gets an
// extension schema describing it.
func xmpPacket(m display.Meta, opt Options, date time.Time, hasDate bool) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	// Document identifiers derive from the content: title, date, issue.
	id := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d", m.Title, m.Paper, m.Date, m.Issue)))
	uuid := fmt.Sprintf("uuid:%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"`)
	if opt.has(X4) {
		b.WriteString("\n xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"")
	}
	if opt.has(A2u) {
		b.WriteString("\n xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"")
		if opt.has(X4) {
			b.WriteString("\n xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"" +
				"\n xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"" +
				"\n xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"")
		}
	}
	b.WriteString(">\n")
	if m.Title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(m.Title))
	}
	if m.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(m.Subject))
	}
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if m.Creator != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(m.Creator))
	}
	if hasDate {
		d := date.Format("2006-01-02T15:04:05+00:00")
		fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", d, d, d)
	}
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n<pdf:Trapped>False</pdf:Trapped>\n", esc(producer))
	fmt.Fprintf(&b, "<xmpMM:DocumentID>%s</xmpMM:DocumentID>\n<xmpMM:InstanceID>%s</xmpMM:InstanceID>\n", uuid, uuid)
	b.WriteString("<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n")
	if opt.has(X4) {
		b.WriteString("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n")
	}
	if opt.has(A2u) {
		b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n")
		if opt.has(X4) {
			b.WriteString(`<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/X ID Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.npes.org/pdfx/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfxid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>GTS_PDFXVersion</pdfaProperty:name>
<pdfaProperty:valueType>Text</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>ID of PDF/X standard</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
`)
		}
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Padding lets editors update the packet in place.
	for i := 0; i < 20; i++ {
		b.WriteString(strings.Repeat(" ", 99) + "\n")
	}
	b.WriteString("<?xpacket end=\"w\"?>")
	return b.Bytes()
}
