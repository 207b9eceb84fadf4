package words

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

func han(r rune) bool { return r >= 0x4e00 && r <= 0x9fd5 }

func cut(s *Segmenter, text string) string {
	rs := []rune(text)
	starts := make([]Mark, len(rs))
	s.Cut(rs, han, starts)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && starts[i] != Inside {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestCutsAsJieba: every run of Han in the two samples is cut exactly as
// jieba 0.42.1 cuts it without its HMM (testdata/jieba-cuts.txt, made with
// jieba.cut(run, HMM=False)), which is also what typometer checks
// headline breaks against.
func TestCutsAsJieba(t *testing.T) {
	f, err := os.Open("testdata/jieba-cuts.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := NewSegmenter(Default())
	sc := bufio.NewScanner(f)
	n, bad := 0, 0
	for sc.Scan() {
		want := sc.Text()
		got := cut(s, strings.ReplaceAll(want, " ", ""))
		n++
		if got != want {
			bad++
			if bad <= 10 {
				t.Errorf("cut %q, jieba cuts %q", got, want)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d cuts compared", n)
	}
	if bad > 0 {
		t.Errorf("%d of %d cuts differ from jieba's", bad, n)
	}
}

// TestCutCases: the words the headlines were broken inside.
func TestCutCases(t *testing.T) {
	s := NewSegmenter(Default())
	for _, tc := range []struct{ in, want string }{
		{"春风行动招聘会提供岗位", "春风 行动 招聘会 提供 岗位"},
		{"港区人民医院胸痛中心通过国家认证", "港区 人民 医院 胸痛 中心 通过 国家 认证"},
		{"共绘基层治理同心圆", "共 绘 基层 治理 同心圆"},
		{"他的书", "他 的 书"},
		{"的确", "的确"},
		{"集装箱", "集装箱"},
		// Non-Han runes are words of their own and part the runs.
		{"LNG接收站", "L N G 接收站"},
		{"", ""},
	} {
		if got := cut(s, tc.in); got != tc.want {
			t.Errorf("cut(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPredicates: the words where a headline's predicate begins.
func TestPredicates(t *testing.T) {
	s := NewSegmenter(Default())
	rs := []rune("港区人民医院胸痛中心通过国家认证")
	m := make([]Mark, len(rs))
	s.Cut(rs, han, m)
	var got []string
	for i := range rs {
		if m[i] == Predicate {
			got = append(got, string(rs[i:i+2]))
		}
	}
	if strings.Join(got, " ") != "通过 认证" {
		t.Errorf("predicates %q, want [通过 认证]", got)
	}
}

func TestLookup(t *testing.T) {
	d := Default()
	for w, want := range map[string]bool{"集装箱": true, "同心圆": true, "集装": true, "集装箱船厂": false, "": false, "𠀀": false, "AT&T": true} {
		if got := d.Lookup(w); got != want {
			t.Errorf("Lookup(%q) = %v, want %v", w, got, want)
		}
	}
	if d.Words() != 349045 {
		t.Errorf("%d words, want jieba 0.42.1's 349045", d.Words())
	}
}

// TestLoadRejectsDamage: Load checks the header and the sizes and returns
// an error, never a Dict that would read out of bounds.
func TestLoadRejectsDamage(t *testing.T) {
	for name, data := range map[string]string{
		"empty":     "",
		"magic":     "XXXX" + jieba[4:],
		"truncated": jieba[:len(jieba)-2],
		"version":   jieba[:4] + "\x02\x00\x00\x00" + jieba[8:],
		"nodes":     jieba[:8] + "\x01\x00\x00\x00" + jieba[12:],
	} {
		if _, err := Load(data); err == nil {
			t.Errorf("%s: Load accepted a damaged word list", name)
		}
	}
}

// TestGeneratedIsCurrent: jieba.trie is what the generator makes from
// Debian's dict.txt today. CI installs python3-jieba, which ships it.
func TestGeneratedIsCurrent(t *testing.T) {
	const dict = "/usr/lib/python3/dist-packages/jieba/dict.txt"
	if _, err := os.Stat(dict); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s: %v (apt-get install python3-jieba)", dict, err)
		}
		t.Skipf("%s not installed (apt-get install python3-jieba)", dict)
	}
	if testing.Short() {
		t.Skip("-short: not regenerating the trie")
	}
	out := filepath.Join(t.TempDir(), "jieba.trie")
	cmd := exec.Command("go", "run", "./internal/gen", "-dict", dict, "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != jieba {
		t.Errorf("jieba.trie differs from what internal/gen makes of %s: run go generate ./layout/words", dict)
	}
}

// BenchmarkLoad: loading the dictionary parses nothing (the budget
// is 5 ms; gse takes 1.2 s).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if d := Default(); d.nodes == 0 {
			b.Fatal("empty")
		}
	}
}

// BenchmarkCut cuts a paragraph of news text.
func BenchmarkCut(b *testing.B) {
	const text = "港区人民医院胸痛中心通过国家认证，春风行动招聘会提供岗位三千六百个，暖心服务聚新力，共绘基层治理同心圆。集装箱吞吐量同比增长，液化天然气接收站二期扩建工程正式开工建设。"
	rs := []rune(text)
	starts := make([]Mark, len(rs))
	s := NewSegmenter(Default())
	isHan := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Cut(rs, isHan, starts)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(rs)), "ns/char")
}
