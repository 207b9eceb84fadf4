package text

import (
	"strings"
	"testing"
	"unicode"

	"pgregory.net/rapid"
)

func TestNormalizeTable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"你好,世界", "你好，世界"},
		{"你好, 世界", "你好，世界"},
		{"他说:今天10:30开会;大家准时!好吗?", "他说：今天10:30开会；大家准时！好吗？"},
		{"共1,234.5亿元,增长6.5%", "共1,234.5亿元，增长6.5%"},
		{"比分3:2", "比分3:2"},
		{"我喜欢Python,但是不喜欢Java.", "我喜欢Python，但是不喜欢Java."},
		{"会议(2026年)召开", "会议（2026年）召开"},
		{"新华社(AP)报道", "新华社（AP）报道"},
		{"函数f(x)的值", "函数f(x)的值"},
		{"他说\"你好\"。", "他说“你好”。"},
		{"他说 \"Hello world\" 然后走了", "他说“Hello world”然后走了"},
		{"\"开发区\"和\"高新区\"", "“开发区”和“高新区”"},
		{"所谓'双减'政策", "所谓‘双减’政策"},
		{"He said \"don't\" twice, (really).", "He said \"don't\" twice, (really)."},
		{"  \u3000\u3000正文开始。 ", "正文开始。"},
		{"你好， 世界。 再见", "你好，世界。再见"},
		{"访问https://example.com/a?b=1,c=2查询", "访问https://example.com/a?b=1,c=2查询"},
		{"什么?!", "什么？！"},
		{"", ""},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizeNoAlloc(t *testing.T) {
	s := "国家统计局今天发布数据显示，全年经济平稳增长。"
	if n := testing.AllocsPerRun(100, func() { _ = Normalize(s) }); n != 0 {
		t.Fatalf("Normalize of clean text allocates %v times", n)
	}
}

// substitutes lists what Normalize may turn an ASCII rune into.
func substitutes(r rune) string {
	switch r {
	case ',':
		return "，"
	case ':':
		return "："
	case ';':
		return "；"
	case '!':
		return "！"
	case '?':
		return "？"
	case '(':
		return "（"
	case ')':
		return "）"
	case '"':
		return "“”"
	case '\'':
		return "‘’"
	}
	return ""
}

func TestPropertyNormalize(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := rapid.StringOfN(rapid.SampledFrom([]rune("国家统计局今天发布数据，。“”（）abcXYZ0123 ,.:;!?()\"'-/\u3000")), 0, 80, -1).Draw(t, "in")
		out := Normalize(in)
		// Idempotent.
		if again := Normalize(out); again != out {
			t.Fatalf("Normalize(%q) = %q, but again gives %q", in, out, again)
		}
		// Only removals of white space and the listed substitutions, in order.
		or := []rune(out)
		j := 0
		for _, r := range strings.TrimFunc(in, unicode.IsSpace) {
			if j < len(or) && (or[j] == r || strings.ContainsRune(substitutes(r), or[j])) {
				j++
				continue
			}
			if r != ' ' && r != '\t' {
				t.Fatalf("Normalize(%q) = %q: %q lost or changed", in, out, r)
			}
		}
		if j != len(or) {
			t.Fatalf("Normalize(%q) = %q: added %q", in, out, string(or[j:]))
		}
		// Text with no Chinese is left as it is (bar its ends).
		hasCJK := false
		for _, r := range in {
			hasCJK = hasCJK || isCJK(r)
		}
		if !hasCJK && out != strings.TrimFunc(in, unicode.IsSpace) {
			t.Fatalf("Latin text %q changed to %q", in, out)
		}
	})
}
