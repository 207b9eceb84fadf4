// Package edtest holds the small editions tests across packages write.
package edtest

// Council is a one-page edition of one short article, council, dated
// 2026-03-18; tail is YAML added after the article: its photos:, or the
// page's ads:.
func Council(tail string) string {
	return `paper: 港区新闻
date: 2026-03-18
issue: 5321
pages:
  - number: 1
    articles:
      - id: council
        headline: 开发区召开工作会议
        body: |
          会议指出，要坚持稳中求进。
` + tail
}
