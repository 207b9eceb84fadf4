package text

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/units"
)

// clreqCase is one row of testdata/clreq.tsv (its header says what each
// column means).
type clreqCase struct {
	name    string
	measure int
	options []string
	text    string
	lines   []string
	diags   []string
}

func readClreqCases(t *testing.T) []clreqCase {
	t.Helper()
	f, err := os.Open("testdata/clreq.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []clreqCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 6 {
			t.Fatalf("testdata/clreq.tsv:%d: %d columns, want 6", n, len(cols))
		}
		m, err := strconv.Atoi(cols[1])
		if err != nil {
			t.Fatalf("testdata/clreq.tsv:%d: measure %q", n, cols[1])
		}
		c := clreqCase{name: cols[0], measure: m, options: strings.Fields(cols[2]),
			text: unescape(cols[3]), lines: strings.Split(unescape(cols[4]), "|")}
		if cols[5] != "" {
			c.diags = strings.Split(cols[5], ",")
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func unescape(s string) string { return strings.ReplaceAll(s, `\n`, "\n") }

// TestClreqCases sets every case of testdata/clreq.tsv and checks its
// lines and diagnostics.
func TestClreqCases(t *testing.T) {
	cases := readClreqCases(t)
	if len(cases) < 40 {
		t.Fatalf("only %d cases read", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := bodyStyle(c.measure)
			for _, o := range c.options {
				switch {
				case strings.HasPrefix(o, "indent="):
					n, err := strconv.Atoi(strings.TrimPrefix(o, "indent="))
					if err != nil {
						t.Fatalf("option %q", o)
					}
					st.Indent = units.Length(n) * em
				case o == "basic":
					st.Strict = false
				case o == "headline":
					st.Headline, st.Align = true, Center
				default:
					t.Fatalf("unknown option %q", o)
				}
			}
			p := Compose(c.text, st)
			if got := lineTexts(p); strings.Join(got, "|") != strings.Join(c.lines, "|") {
				t.Errorf("lines\n got %q\nwant %q\n%s", got, c.lines, dump(p))
			}
			var got []string
			for _, d := range p.Diagnostics {
				got = append(got, string(d.Code))
			}
			if strings.Join(got, ",") != strings.Join(c.diags, ",") {
				t.Errorf("diagnostics %v, want %v\n%s", got, c.diags, dump(p))
			}
		})
	}
}
