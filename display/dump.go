package display

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Dump writes doc as plain text, one item a line, in a stable format meant
// for golden files and diffs: a layout change shows as a readable diff of
// what moved. Lengths are in thousandths of a point (the unit of
// units.Length), so the dump is exact.
func Dump(w io.Writer, doc *Document) error {
	b := bufio.NewWriter(w)
	m := doc.Meta
	fmt.Fprintf(b, "meta title=%q paper=%q date=%s issue=%d subject=%q creator=%q slugface=%q\n",
		m.Title, m.Paper, m.Date, m.Issue, m.Subject, m.Creator, m.SlugFace)
	for _, p := range doc.Pages {
		fmt.Fprintf(b, "page %d %q media=%s bleed=%s trim=%s slug=%q\n", p.Number, p.Name, rect(p.Media), rect(p.Bleed), rect(p.Trim), p.Slug)
		for _, it := range p.Items {
			b.WriteString("  ")
			dumpItem(b, it)
			b.WriteByte('\n')
		}
	}
	var outline func(bs []Bookmark, depth int)
	outline = func(bs []Bookmark, depth int) {
		for _, bm := range bs {
			fmt.Fprintf(b, "%sbookmark %q page=%d y=%d\n", strings.Repeat("  ", depth), bm.Title, bm.Page, bm.Y)
			outline(bm.Kids, depth+1)
		}
	}
	outline(doc.Outline, 0)
	for _, d := range doc.Diagnostics {
		fmt.Fprintf(b, "diagnostic %s page=%d article=%q code=%s %q\n", d.Severity, d.Page, d.Article, d.Code, d.Message)
	}
	return b.Flush()
}

func dumpItem(b *bufio.Writer, it Item) {
	switch v := it.(type) {
	case *GlyphRun:
		var text strings.Builder
		xs := make([]string, len(v.Glyphs))
		for i, g := range v.Glyphs {
			text.WriteString(g.Text)
			xs[i] = strconv.FormatInt(int64(g.X), 10)
		}
		fmt.Fprintf(b, "run %s face=%s size=%d base=%d color=%s article=%q %q x=%s",
			v.Role, v.Face, v.Size, v.Baseline, color(v.Color), v.Article, text.String(), strings.Join(xs, ","))
	case *Image:
		fmt.Fprintf(b, "image %s frame=%s draw=%s article=%q", v.Source[strings.LastIndexByte(v.Source, '/')+1:], rect(v.Frame), rect(v.Draw), v.Article)
	case *Rule:
		fmt.Fprintf(b, "rule %d,%d-%d,%d width=%d color=%s", v.From.X, v.From.Y, v.To.X, v.To.Y, v.Width, color(v.Color))
	case *Box:
		fill, stroke := "none", "none"
		if v.Fill != nil {
			fill = color(*v.Fill)
		}
		if v.Stroke != nil {
			stroke = color(*v.Stroke)
		}
		fmt.Fprintf(b, "box %s fill=%s stroke=%s width=%d", rect(v.Frame), fill, stroke, v.StrokeWidth)
	case *PDFPage:
		fmt.Fprintf(b, "pdfpage %s frame=%s", v.Source[strings.LastIndexByte(v.Source, '/')+1:], rect(v.Frame))
	default:
		fmt.Fprintf(b, "unknown %T", it)
	}
}

func rect(r Rect) string {
	return fmt.Sprintf("%d,%d+%dx%d", r.X, r.Y, r.W, r.H)
}

func color(c Color) string {
	return fmt.Sprintf("cmyk(%d,%d,%d,%d)", c.C, c.M, c.Y, c.K)
}
