package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
)

// TestFoldDiagnostics: thousands of warnings of one kind in one article
// print as three and a count; a duplicate prints once; the characters one
// text lacks come in one message, and what to do about them in one line
// after all.
func TestFoldDiagnostics(t *testing.T) {
	var ds []display.Diagnostic
	for i := 0; i < 5000; i++ {
		ds = append(ds, display.Diagnostic{Severity: display.Warning, Page: 1, Article: "a", Code: diag.WordBroken,
			Message: fmt.Sprintf("body: line %d breaks where no break is allowed", i)})
	}
	dup := display.Diagnostic{Severity: display.Error, Page: 2, Code: diag.Overset, Message: "no room"}
	ds = append(ds, dup, dup)
	for _, r := range "港区新闻港" {
		ds = append(ds, display.Diagnostic{Severity: display.Error, Page: 1, Code: diag.MissingGlyph,
			Message: fmt.Sprintf("folio: the font has no glyph for %q (U+%04X)", r, r)})
	}
	var b strings.Builder
	errs := printDiagnostics(&b, "e.yaml", nil, ds)
	out := b.String()
	if n := strings.Count(out, "\n"); n != 7 {
		t.Errorf("%d lines, want 7 (3 warnings, a count, the overset once, the folio once, the fallback hint):\n%s", n, out)
	}
	if errs != 2 {
		t.Errorf("%d errors counted, want 2", errs)
	}
	for _, want := range []string{"and 4997 more like the above in this article (word-broken)",
		"folio: no font has a glyph for these 4 characters: '港' (U+6E2F), '区' (U+533A), '新' (U+65B0), '闻' (U+95FB)",
		"e.yaml: to set characters no font has, declare a font that has them under fonts: and name it in fallback:\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
}
