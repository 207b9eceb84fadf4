package text

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/units"
	"pgregory.net/rapid"
)

// TestPropertyTotalFitOptimal checks the breaker against brute force: on
// short paragraphs, every way of breaking is priced with the same line
// costs, and the breaker's choice must cost the least. This guards the
// pruning (the window, the bound, the two passes) that makes it fast.
func TestPropertyTotalFitOptimal(t *testing.T) {
	c := NewComposer()
	rapid.Check(t, func(t *rapid.T) {
		in := rapid.StringOfN(rapid.SampledFrom([]rune("国家统计局今天，。、“”（）《》——……Go 12%")), 1, 14, -1).Draw(t, "in")
		st := DefaultStyle(fakeFont{}, em, units.Length(rapid.IntRange(2*int(em), 8*int(em)).Draw(t, "measure")))
		st.Normalize = false
		st.Indent = units.Length(rapid.IntRange(0, 1).Draw(t, "indent")) * em
		st.Headline = rapid.IntRange(0, 4).Draw(t, "headline") == 0
		st.Align = Align(rapid.IntRange(0, 3).Draw(t, "align"))
		c.Compose(in, st)
		if st.Headline {
			st.Indent = 0 // as Compose does
		}
		n := len(c.cl)
		if n > 14 {
			t.Skip("too long for brute force")
		}
		got := c.best[n]
		// Brute force over every set of break positions.
		best := infDemerits
		for mask := 0; mask < 1<<(n-1); mask++ {
			total, a, ok := int64(0), 0, true
			for b := 1; b <= n && ok; b++ {
				if b < n && mask&(1<<(b-1)) == 0 {
					if c.cl[b].kind == brkMandatory {
						ok = false // a forced break must be taken
					}
					continue
				}
				last := b == n || c.cl[b].kind == brkMandatory
				at := c.endAt(b, last, &st)
				d, fits := c.lineCost(a, &at, &st, infDemerits)
				if !fits {
					ok = false
					break
				}
				total += d
				if b < n {
					total += c.cl[b].pen
				}
				a = b
			}
			if ok && total < best {
				best = total
			}
		}
		if got != best {
			t.Fatalf("breaker's demerits %d, brute force finds %d for %q at %v", got, best, in, st.Measure)
		}
	})
}
