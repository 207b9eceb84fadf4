package pdf

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"testing"

	kflate "github.com/klauspost/compress/flate"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
)

// BenchmarkWrite writes a four-page document (three faces, two photos, a
// rule and a tint per page) as a plain PDF, as PDF/X-4 + PDF/A-2u, and with
// marks, and reports the time per page. Fonts are parsed once, before the
// timer, as a batch run's shared library does.
func BenchmarkWrite(b *testing.B) {
	doc := testDoc(b, 4)
	render(b, doc, Options{}) // parse the faces
	for _, c := range []struct {
		name string
		opt  Options
	}{
		{"plain", Options{Standards: []Standard{}}},
		{"x4-a2u", Options{}},
		{"x4-a2u-marks", Options{Marks: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, doc, sharedLib(), c.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed())/1e6/float64(b.N)/float64(len(doc.Pages)), "ms/page")
		})
	}
}

// BenchmarkSubset builds the subsets of the three faces of the four-page
// test document, as each Write does at Close.
func BenchmarkSubset(b *testing.B) {
	doc := testDoc(b, 4)
	chars := map[string][]rune{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*display.GlyphRun); ok {
				for _, g := range r.Glyphs {
					chars[r.Face] = append(chars[r.Face], []rune(g.Text)...)
				}
			}
		}
	}
	var faces []*fonts.Face
	var uses []*fontUse
	for name, rs := range chars {
		f, err := sharedLib().Face(name)
		if err != nil {
			b.Fatal(err)
		}
		fu := newFontUse(name, f, "F1")
		for _, r := range rs {
			fu.code(r)
		}
		faces, uses = append(faces, f), append(uses, fu)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, f := range faces {
			if _, err := f.SubsetGlyphs(uses[i].gids); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWritePages writes documents of 1,000 and 10,000 small pages
// (PDF/X-4 + PDF/A-2u, a bookmark a page): the time per page must stay
// flat as the pages grow (it grew with the page count while every box and
// bookmark looked its page up from the root of the page tree).
func BenchmarkWritePages(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			base := testDoc(b, 1)
			doc := &display.Document{Meta: base.Meta}
			for i := 0; i < n; i++ {
				p := base.Pages[0]
				p.Number = i + 1
				doc.Pages = append(doc.Pages, p)
				doc.Outline = append(doc.Outline, display.Bookmark{Title: fmt.Sprintf("第%d版", i+1), Page: i,
					Kids: []display.Bookmark{{Title: "开发区召开工作会议", Page: i}}})
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, doc, sharedLib(), Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed())/1e6/float64(b.N)/float64(n), "ms/page")
		})
	}
}

// BenchmarkWriteSample writes the one-page sample (composed once, before
// the timer) as PDF/X-4 + PDF/A-2u: the writer's share of a render.
func BenchmarkWriteSample(b *testing.B) {
	doc := composedSample(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, doc, sharedLib(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFontLevels compresses the one-page sample's font subsets, as
// the writer builds them (glyphOrder), in zlibChunk pieces, with one
// reused compressor, at each deflate level, and reports the compressed
// size: the figures behind fontLevel.
func BenchmarkFontLevels(b *testing.B) {
	programs := sampleSubsets(b, true)
	type compressor interface {
		io.Writer
		Reset(io.Writer)
		Close() error
	}
	for _, c := range []struct {
		lib   string
		level int
	}{{"go", flate.HuffmanOnly}, {"go", 1}, {"go", 2}, {"go", 3}, {"go", 4}, {"go", 5}, {"go", 6},
		{"klauspost", 1}, {"klauspost", 2}, {"klauspost", 3}, {"klauspost", 4}, {"klauspost", 5}, {"klauspost", 6}, {"klauspost", 7}, {"klauspost", 9}} {
		b.Run(fmt.Sprintf("%s/level=%d", c.lib, c.level), func(b *testing.B) {
			var z compressor
			var err error
			if c.lib == "go" {
				z, err = flate.NewWriter(io.Discard, c.level)
			} else {
				z, err = kflate.NewWriter(io.Discard, c.level)
			}
			if err != nil {
				b.Fatal(err)
			}
			benchCompress(b, z, programs)
		})
	}
}

// BenchmarkFontOrder compresses the one-page sample's font subsets at
// fontLevel with their glyphs in the face's order (glyphOrder, as the
// writer builds them) and in order of first use (as it did before), and
// reports the compressed size.
func BenchmarkFontOrder(b *testing.B) {
	for _, order := range []struct {
		name string
		face bool
	}{{"face", true}, {"first-use", false}} {
		programs := sampleSubsets(b, order.face)
		b.Run(order.name, func(b *testing.B) {
			z, err := kflate.NewWriter(io.Discard, fontLevel)
			if err != nil {
				b.Fatal(err)
			}
			benchCompress(b, z, programs)
		})
	}
}

// sampleSubsets returns the font programs of the one-page sample's
// subsets, with their glyphs in the face's order or in order of first use.
func sampleSubsets(b *testing.B, faceOrder bool) [][]byte {
	doc := composedSample(b)
	pw := NewWriter(io.Discard, sharedLib(), Options{})
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*display.GlyphRun); ok {
				fu, err := pw.font(r.Face)
				if err != nil {
					b.Fatal(err)
				}
				for _, g := range r.Glyphs {
					for _, c := range g.Text {
						fu.code(c)
					}
				}
			}
		}
	}
	var programs [][]byte
	for _, fu := range pw.fontList {
		gids := fu.gids
		if faceOrder {
			gids, _ = glyphOrder(fu.gids)
		}
		p, err := fu.face.SubsetGlyphs(gids)
		if err != nil {
			b.Fatal(err)
		}
		programs = append(programs, p)
	}
	return programs
}

// benchCompress compresses programs in zlibChunk pieces with z, reset for
// each, and reports their compressed size.
func benchCompress(b *testing.B, z interface {
	io.Writer
	Reset(io.Writer)
	Close() error
}, programs [][]byte) {
	var out bytes.Buffer
	size := 0
	for b.Loop() {
		size = 0
		for _, p := range programs {
			for i := 0; i < len(p); i += zlibChunk {
				out.Reset()
				z.Reset(&out)
				z.Write(p[i:min(i+zlibChunk, len(p))])
				z.Close()
				size += out.Len()
			}
		}
	}
	b.ReportMetric(float64(size)/1000, "kB")
}

// composedSample is the one-page sample composed with the shared library.
func composedSample(b *testing.B) *display.Document {
	b.Helper()
	ed, err := editions.Load("../editions/samples/local-news.yaml")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := layout.Compose(ed, sharedLib(), layout.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return doc
}
