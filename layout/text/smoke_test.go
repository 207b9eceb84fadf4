package text

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/units"
)

func dump(p Paragraph) string {
	var b strings.Builder
	for _, l := range p.Lines {
		var t strings.Builder
		for _, g := range l.Glyphs {
			t.WriteString(g.Text)
		}
		fmt.Fprintf(&b, "%-30s w=%v nat=%v last=%v\n", t.String(), l.Width, l.Natural, l.Last)
	}
	for _, d := range p.Diagnostics {
		fmt.Fprintf(&b, "diag %s: %s\n", d.Code, d.Message)
	}
	return b.String()
}

func TestSmoke(t *testing.T) {
	st := DefaultStyle(fakeFont{}, 9*units.Point, 13*9*units.Point)
	p := Compose("3月16日,开发区召开2026年工作会议。会议指出,要坚持\"稳中求进\"工作总基调,推动Go语言和AI技术在政务服务中的应用——全面提升效率……据统计,全区GDP增长6.5%,达到¥1,234.5亿元(同比)。详见https://example.com/news/2026/03/16.html。", st)
	t.Log("\n" + dump(p))
}
