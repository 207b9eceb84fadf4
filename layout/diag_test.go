package layout

import (
	"github.com/broadsheet-news/broadsheet/display"
	"testing"

	"github.com/broadsheet-news/broadsheet/fonts"
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
