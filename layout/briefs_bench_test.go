package layout

import (
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// briefsEdition is one page of n briefs (简讯): a short headline and a
// paragraph of 40 to 100 characters each, as a briefs page carries.
func briefsEdition(tb testing.TB, n int) string {
	var b strings.Builder
	b.WriteString("paper: 港区新闻\ndate: 2026-03-18\nissue: 1\npages:\n  - number: 2\n    section: 简讯\n    articles:\n")
	body := "港区今年计划实施重点项目，年度计划投资同比增长，一季度集中开工的项目是全年项目建设的先手棋，也是检验各部门服务效能的试金石。"
	for i := 0; i < n; i++ {
		chars := 40 + (i*37)%61
		r := []rune(strings.Repeat(body, 2))
		fmt.Fprintf(&b, "      - {id: b%d, headline: 简讯第%d条消息, rank: 4, body: %s}\n", i, i+1, string(r[:chars]))
	}
	return b.String()
}

// BenchmarkComposeBriefs composes a page of 10 to 200 briefs, placement
// and its fallbacks included: the cost must grow near-linearly, and 200
// briefs (far more than the page holds: most are reported overset) must
// take well under a second.
func BenchmarkComposeBriefs(b *testing.B) {
	lib := fonts.NewLibrary()
	for _, n := range []int{10, 20, 40, 80, 200} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			ed := parseEd(b, briefsEdition(b, n))
			doc := composeEd(b, ed, lib)
			placed := n
			for _, d := range doc.Diagnostics {
				if d.Severity == display.Error && d.Code == "overset" {
					placed--
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			c0, ops := cpuTime(), 0
			for b.Loop() {
				if _, err := Compose(ed, lib, Options{}); err != nil {
					b.Fatal(err)
				}
				ops++
			}
			b.ReportMetric(float64(placed), "placed")
			// The process's CPU time per op beside the wall time: on a
			// machine shared with other jobs, the wall time says more
			// about them than about placement.
			b.ReportMetric(float64(cpuTime()-c0)/float64(ops)/1e6, "cpu-ms/op")
		})
	}
}

// cpuTime is the process's user and system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
