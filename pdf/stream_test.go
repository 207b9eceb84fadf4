package pdf

import (
	"bytes"
	"testing"

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
	pw = NewWriter(&b, sharedLib(), Options{})
	if err := pw.Close(&display.Document{}); err == nil {
		t.Error("Close with no pages gave no error")
	}
}
