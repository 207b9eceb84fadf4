package layout

import (
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
)

// TestComposeSafelyCarriesPanic: a panic while composing a page comes back
// in the page's result, with the worker's stack, for Stream to raise in
// its caller's goroutine (where archive recovers it), instead of killing
// the process from a worker.
func TestComposeSafelyCarriesPanic(t *testing.T) {
	ed := &editions.Edition{Pages: []editions.Page{{Number: 1}}}
	cp := &composition{ed: ed}
	pg := &paginator{} // no measurer: composing dereferences nil
	pr := composeSafely(pg, cp, newRoutes(ed), 0)
	if pr == nil || pr.panic == nil {
		t.Fatal("the panic was not caught")
	}
	if pr.page != nil {
		t.Error("a panicked page has a display list")
	}
	if msg := pr.panic.Error(); !strings.Contains(msg, "nil pointer") || !strings.Contains(msg, "composePage") {
		t.Errorf("the panic lacks its value or stack:\n%s", msg)
	}
}
