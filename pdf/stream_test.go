package pdf

import (
	"bytes"
	"crypto/sha256"
	"io"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/broadsheet-news/broadsheet/display"
)

// TestWriterSameBytes: pages given one at a time to a Writer make the bytes
// Write makes of the whole document, the caller's pages keep their items,
// and misuse is an error.
func TestWriterSameBytes(t *testing.T) {
	doc := testDoc(t, 3)
	var whole bytes.Buffer
	if err := Write(&whole, doc, sharedLib(), Options{Marks: true}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	pw := NewWriter(&b, sharedLib(), Options{Marks: true})
	for i := range doc.Pages {
		if err := pw.Page(&doc.Pages[i]); err != nil {
			t.Fatal(err)
		}
	}
	rest := *doc
	rest.Pages = nil
	if err := pw.Close(&rest); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), whole.Bytes()) {
		t.Fatalf("Writer gave %d bytes, Write %d, not the same", b.Len(), whole.Len())
	}
	if got, want := pw.SHA256(), sha256.Sum256(b.Bytes()); got != want {
		t.Errorf("SHA256 %x, the file's %x", got, want)
	}
	// Stream: the same bytes, their size and digest, and the pages given
	// up once written; Write, above, left the caller's pages whole.
	own := *testDoc(t, 3)
	var streamed bytes.Buffer
	got, err := Stream(&streamed, &own, sharedLib(), Options{Marks: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(streamed.Bytes(), whole.Bytes()) || got.Size != int64(streamed.Len()) || got.SHA256 != sha256.Sum256(streamed.Bytes()) {
		t.Errorf("Stream: %d bytes (size %d, digest %x), Write %d bytes", streamed.Len(), got.Size, got.SHA256, whole.Len())
	}
	for i, p := range own.Pages {
		if len(p.Items) != 0 {
			t.Errorf("Stream kept page %d's %d items", i+1, len(p.Items))
		}
	}
	for i, p := range doc.Pages {
		if len(p.Items) == 0 {
			t.Fatalf("page %d lost its items to the Writer", i+1)
		}
	}
	if err := pw.Page(&doc.Pages[0]); err == nil {
		t.Error("Page after Close gave no error")
	}
	if err := pw.Close(&rest); err == nil {
		t.Error("a second Close gave no error")
	}
	pw = NewWriter(&b, sharedLib(), Options{})
	if err := pw.Close(doc); err == nil {
		t.Error("Close with a document carrying pages gave no error")
	}
	if pw.SHA256() != [sha256.Size]byte{} {
		t.Error("a Writer whose Close failed gave a SHA-256")
	}
	pw = NewWriter(&b, sharedLib(), Options{})
	if err := pw.Close(&display.Document{}); err == nil {
		t.Error("Close with no pages gave no error")
	}
}

// TestWriterReleasesPages: once Page returns, the Writer holds nothing of
// the page's display list (a finalizer on a run of each page runs after a
// collection while the Writer is still open), so memory does not grow with
// the number of pages.
func TestWriterReleasesPages(t *testing.T) {
	doc := testDoc(t, 1)
	pw := NewWriter(io.Discard, sharedLib(), Options{})
	var released atomic.Int32
	const pages = 5
	for i := range pages {
		p := doc.Pages[0] // a copy of the header; items copied below
		p.Number = i + 1
		p.Items = nil
		for _, it := range doc.Pages[0].Items {
			if r, ok := it.(*display.GlyphRun); ok {
				c := *r
				c.Glyphs = slices.Clone(r.Glyphs)
				runtime.SetFinalizer(&c, func(*display.GlyphRun) { released.Add(1) })
				p.Items = append(p.Items, &c)
				continue
			}
			p.Items = append(p.Items, it)
		}
		if err := pw.Page(&p); err != nil {
			t.Fatal(err)
		}
	}
	want := int32(0)
	for _, it := range doc.Pages[0].Items {
		if _, ok := it.(*display.GlyphRun); ok {
			want += pages
		}
	}
	for range 10 {
		runtime.GC()
		if released.Load() == want {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got := released.Load(); got != want {
		t.Errorf("%d of the %d glyph runs given to Page were released while the Writer is open", got, want)
	}
	rest := *doc
	rest.Pages = nil
	if err := pw.Close(&rest); err != nil {
		t.Fatal(err)
	}
}
