package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
)

// maxAlike is how many diagnostics of one kind in one place are printed
// before the rest are summed up in one line.
const maxAlike = 3

var missingGlyphRE = regexp.MustCompile(`^(.*): the font has no glyph for (.*) \((U\+[0-9A-F]+)\)$`)

// foldDiagnostics says each problem once. Identical diagnostics are
// printed once; the characters no font has in one text (a headline, a
// folio) are listed in one message; and past maxAlike diagnostics of one
// code in one article (a 40,000-character word breaks on every line) the
// rest are counted in a single line, so that a long file cannot bury the
// one error an editor must see under megabytes of warnings.
func foldDiagnostics(ds []display.Diagnostic) []display.Diagnostic {
	type key struct {
		sev           display.Severity
		page          int
		article, what string
		code          diag.Code
	}
	var out []display.Diagnostic
	seen := map[display.Diagnostic]bool{}
	glyphs := map[key]int{} // index in out of the folded missing-glyph message
	glyphSeen := map[key]map[string]bool{}
	alike := map[key]int{}
	more := map[key]int{} // index in out of the "and N more" line
	for _, d := range ds {
		if seen[d] {
			continue
		}
		seen[d] = true
		if m := missingGlyphRE.FindStringSubmatch(d.Message); d.Code == diag.MissingGlyph && m != nil {
			k := key{d.Severity, d.Page, d.Article, m[1], d.Code}
			ch := m[2] + " (" + m[3] + ")"
			if i, ok := glyphs[k]; ok {
				if !glyphSeen[k][ch] {
					glyphSeen[k][ch] = true
					out[i].Message += ", " + ch
				}
				continue
			}
			glyphs[k] = len(out)
			glyphSeen[k] = map[string]bool{ch: true}
			d.Message = m[1] + ": no font has a glyph for " + ch
			out = append(out, d)
			continue
		}
		k := key{d.Severity, d.Page, d.Article, "", d.Code}
		alike[k]++
		switch n := alike[k]; {
		case n <= maxAlike:
			out = append(out, d)
		case n == maxAlike+1:
			more[k] = len(out)
			d.Message = ""
			out = append(out, d)
		}
	}
	for k, i := range more {
		n := alike[k] - maxAlike
		out[i].Message = fmt.Sprintf("and %d more like the above", n)
		if k.article != "" {
			out[i].Message += " in this article"
		}
	}
	for k, i := range glyphs {
		if n := len(glyphSeen[k]); n > 1 {
			out[i].Message = strings.Replace(out[i].Message, "no font has a glyph for", fmt.Sprintf("no font has a glyph for these %d characters:", n), 1)
		}
	}
	return out
}
