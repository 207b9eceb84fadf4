package main

import (
	"bytes"
	"slices"
	"testing"
	"unicode"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// FuzzPipeline runs the whole pipeline — parse, compose, write PDF/X-4 and
// PDF/A-2u — on small editions: whatever the text, it never panics; an
// edition that composes without errors is written, the same bytes each
// time; and no article's body text goes missing unless a diagnostic says
// it is overset.
func FuzzPipeline(f *testing.F) {
	for _, s := range []string{
		"paper: 港区新闻\ndate: 2026-03-18\nissue: 1\npages:\n  - number: 1\n    articles:\n      - {id: a, headline: 开发区召开工作会议, body: 会议指出，要坚持稳中求进。}\n",
		"paper: x\ndate: 2026-03-18\nissue: 2\npage: {columns: 3, column-chars: 8}\npages:\n  - number: 2\n    section: 要闻\n    articles:\n      - {id: a, kicker: 引题, headline: 标题, subtitle: 副题, byline: ■记者 张三, dateline: 本报讯, body: \"Supercalifragilisticexpialidocious antidisestablishmentarianism 正文。\\n\\n第二段🙂。\"}\n      - {id: b, headline: 另一条, body: 短。, rank: 4}\n",
		"paper: x\ndate: 2026-03-18\nissue: 3\nstyle: {body: {punctuation: half, kinsoku: basic}}\npages:\n  - number: 1\n    articles:\n      - {id: a, headline: \"a\", body: \"“引号”（括号）——破折号……省略号\", place: {column: 1, span: 2, lines: 10}}\n",
	} {
		f.Add([]byte(s))
	}
	lib := fonts.NewLibrary()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return // small editions: a big one only takes longer
		}
		ed, err := editions.Parse("fuzz.yaml", data)
		if err != nil || len(ed.Fonts) > 0 {
			return
		}
		for _, p := range ed.Pages {
			if len(p.Ads) > 0 {
				return // ads and photos name files; Parse reads none
			}
			for _, a := range p.Articles {
				if len(a.Photos) > 0 || a.Story != nil {
					return
				}
			}
		}
		doc, err := layout.Compose(ed, lib, layout.Options{})
		if err != nil {
			return
		}
		for _, d := range doc.Diagnostics {
			if d.Severity == display.Error {
				return
			}
		}
		// No body text is lost without a word: unless a diagnostic says
		// an article is overset, every Han character of its body reaches
		// its body runs, in order (Normalize changes only punctuation and
		// spaces).
		over := map[string]bool{}
		for _, d := range doc.Diagnostics {
			if d.Code == diag.Overset {
				over[d.Article] = true
			}
		}
		set := map[string][]rune{}
		for _, p := range doc.Pages {
			for _, it := range p.Items {
				if g, ok := it.(*display.GlyphRun); ok && g.Role == display.RoleBody {
					for _, gl := range g.Glyphs {
						set[g.Article] = appendHan(set[g.Article], gl.Text)
					}
				}
			}
		}
		for _, p := range ed.Pages {
			for _, a := range p.Articles {
				var want []rune
				for _, para := range a.Body {
					want = appendHan(want, para)
				}
				if !over[a.ID] && !slices.Equal(set[a.ID], want) {
					t.Fatalf("article %s: the body runs hold %q of %q, and no diagnostic says so", a.ID, string(set[a.ID]), string(want))
				}
			}
		}
		// And what is written is written the same twice.
		var first, second bytes.Buffer
		if err := pdf.Write(&first, doc, lib, pdf.Options{}); err != nil {
			t.Fatalf("an edition that composed without errors was not written: %v", err)
		}
		if err := pdf.Write(&second, doc, lib, pdf.Options{}); err != nil || !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("written again: %v, %d bytes then %d", err, first.Len(), second.Len())
		}
	})
}

// appendHan appends the Han characters of s to rs.
func appendHan(rs []rune, s string) []rune {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			rs = append(rs, r)
		}
	}
	return rs
}
