package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/text"
)

// TestHeadlinePunctuationIsReported: a headline ending in 。 is set (no
// text is dropped) but the editor is told, naming the article.
func TestHeadlinePunctuationIsReported(t *testing.T) {
	ed := parseEd(t, `paper: 港区新闻
date: 2026-03-18
issue: 1
preset: sikai
pages:
  - number: 1
    articles:
      - id: punct
        headline: 港区召开工作会议。
        body: 港区召开会议，部署全年重点任务。
      - id: fine
        headline: 春天来了吗？
        body: 港区召开会议，部署全年重点任务。
`)
	doc := composeEd(t, ed, fonts.NewLibrary())
	var got []string
	for _, d := range doc.Diagnostics {
		if d.Code == "headline-punctuation" {
			if d.Severity != display.Warning || d.Page != 1 {
				t.Errorf("diagnostic %+v: want a warning on page 1", d)
			}
			got = append(got, d.Article)
		}
	}
	if len(got) != 1 || got[0] != "punct" {
		t.Errorf("headline-punctuation reported for %q, want only [punct] (？ is allowed)", got)
	}
}

// TestTextDiagsKeepEveryCode: every finding of the paragraph composer is
// reported, at its severity, except the two left out by design; a code
// layout/text adds later is a warning, never dropped.
func TestTextDiagsKeepEveryCode(t *testing.T) {
	cases := []struct {
		code diag.Code
		want display.Severity
		kept bool
	}{
		{diag.MissingGlyph, display.Error, true},
		{diag.InvalidUTF8, display.Error, true},
		{diag.KinsokuRelaxed, display.Warning, true},
		{diag.WordBroken, display.Warning, true},
		{diag.Overfull, display.Warning, true},
		{diag.Orphan, display.Warning, true},
		{diag.HeadlinePunctuation, display.Warning, true},
		{diag.BadStyle, display.Warning, true},
		{diag.OffGrid, 0, false},
		{diag.LooseLine, 0, false},
		{"a-code-added-later", display.Warning, true},
	}
	for _, c := range cases {
		log := &diagLog{}
		ps := &pageState{p: &editions.Page{Number: 3}, log: log}
		ps.textDiags([]text.Diagnostic{{Code: c.code, Message: "m"}}, "a1", "body")
		if !c.kept {
			if len(log.list) != 0 {
				t.Errorf("%s: reported %+v, want it left out", c.code, log.list)
			}
			continue
		}
		if len(log.list) != 1 {
			t.Errorf("%s: %d diagnostics, want 1", c.code, len(log.list))
			continue
		}
		d := log.list[0]
		if d.Code != c.code || d.Severity != c.want || d.Page != 3 || d.Article != "a1" || d.Message != "body: m" {
			t.Errorf("%s: got %+v", c.code, d)
		}
	}
}

// TestLooseCopyNamesTheParagraph: a line the wording forces loose is
// reported as a warning naming the article, the paragraph's place in the
// edition file (file:line:col: paragraph n) and the line, so the editor can
// find the words to change; the same facts reworded set with none.
func TestLooseCopyNamesTheParagraph(t *testing.T) {
	const src = `paper: 港区新闻
date: 2026-03-18
issue: 1
preset: duikai
pages:
  - number: 1
    articles:
      - id: trade
        headline: 前两月港区外贸进出口增长
        body: |
          港区召开会议，部署全年重点任务。

          港口方面，前两月%s港区完成货物吞吐量1,286.4万吨，集装箱吞吐量21.7万标箱，同比分别增长6.1%%和15.8%%。
`
	for _, tc := range []struct {
		where string
		want  []string
	}{
		{"东澜湾", []string{`body: ../editions/samples/test.yaml:13:11: paragraph 2: line 2 "港区完成货物吞吐量" is spread 0.500 em`}},
		{"", nil},
	} {
		doc := composeEd(t, parseEd(t, fmt.Sprintf(src, tc.where)), fonts.NewLibrary())
		var got []string
		for _, d := range doc.Diagnostics {
			if d.Code != diag.LooseCopy {
				continue
			}
			if d.Severity != display.Warning || d.Page != 1 || d.Article != "trade" {
				t.Errorf("%+v: want a warning on page 1 in article trade", d)
			}
			got = append(got, d.Message)
		}
		if len(got) != len(tc.want) {
			t.Fatalf("%q: loose-copy %q, want %q", tc.where, got, tc.want)
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tc.want[i]) {
				t.Errorf("%q: loose-copy %q, want it to start %q", tc.where, got[i], tc.want[i])
			}
		}
	}
}
