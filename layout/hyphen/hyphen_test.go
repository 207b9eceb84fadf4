package hyphen

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestKnownHyphenations: words hyphenated as Plain TeX hyphenates them
// with hyphen.tex and the TUGboat exceptions (\lefthyphenmin 2,
// \righthyphenmin 3).
func TestKnownHyphenations(t *testing.T) {
	h := USEnglish()
	for _, c := range []struct{ word, want string }{
		// The patterns alone (no exception names these words).
		{"Internationalization", "In-ter-na-tion-al-iza-tion"},
		{"Broadsheet", "Broad-sheet"},
		{"newspaper", "news-pa-per"},
		{"typesetting", "type-set-ting"},
		{"algorithm", "al-go-rithm"},
		{"characteristically", "char-ac-ter-is-ti-cally"},
		{"terminal", "ter-mi-nal"},
		{"Hydrogen", "Hy-dro-gen"},
		// The TeXbook's own example (appendix H).
		{"supercalifragilisticexpialidocious", "su-per-cal-ifrag-ilis-tic-ex-pi-ali-do-cious"},
		// hyphen.tex's exceptions: "present" and "project" (noun or verb)
		// are never broken; "table" would otherwise be tab-le.
		{"associate", "as-so-ciate"},
		{"present", "present"},
		{"projects", "projects"},
		{"table", "ta-ble"},
		// The TUGboat list overrides the patterns' hy-phen-ation.
		{"hyphenation", "hy-phen-a-tion"},
		{"academy", "acad-emy"}, // acad-e-my, but e-my leaves two letters
		{"Alexander", "Alex-an-der"},
		// Too short for two letters before and three after.
		{"the", "the"},
		{"news", "news"},
		// Not ASCII letters: not hyphenated.
		{"naïveté", "naïveté"},
		{"COVID19", "COVID19"},
		{"e-mail", "e-mail"},
		{"", ""},
	} {
		if got := h.Hyphenate(c.word); got != c.want {
			t.Errorf("Hyphenate(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

// TestAsTeX: 6,489 words hyphenated exactly as TeX itself hyphenates them
// (testdata/tex-hyphenation.txt, made by testdata/mktex.sh with Plain TeX,
// hyphen.tex and \input ushyphex): every exception word, the Latin words
// of the samples, the English words of this repository's text and 2,000
// random ones.
func TestAsTeX(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "tex-hyphenation.txt"))
	if err != nil {
		t.Fatal(err)
	}
	h := USEnglish()
	n, bad := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		word, tex, ok := strings.Cut(line, "\t")
		if !ok || strings.ReplaceAll(tex, "-", "") != word {
			t.Fatalf("testdata/tex-hyphenation.txt: bad line %q", line)
		}
		n++
		if got := h.Hyphenate(word); got != tex {
			bad++
			if bad <= 10 {
				t.Errorf("%s: %s, TeX gives %s", word, got, tex)
			}
		}
	}
	if n < 6000 {
		t.Fatalf("only %d words read", n)
	}
	if bad > 0 {
		t.Errorf("%d of %d words hyphenated otherwise than TeX", bad, n)
	}
}

// TestPatternsAlone: without their exceptions, the patterns give
// hy-phen-ation (Liang's famous result), as-so-ci-ate and pre-sent, and
// find nothing in table or academy.
func TestPatternsAlone(t *testing.T) {
	h := USEnglish()
	for word, want := range map[string]string{
		"hyphenation": "hy-phen-ation",
		"associate":   "as-so-ci-ate",
		"present":     "pre-sent",
		"academy":     "academy",
		"table":       "table",
	} {
		got := show(word, h.patternPoints(nil, []byte("."+word+"."), TeXLeftMin, TeXRightMin))
		if got != want {
			t.Errorf("patterns give %q, want %q", got, want)
		}
	}
}

// TestMinima: left and right hold the points off the word's edges.
func TestMinima(t *testing.T) {
	h := USEnglish()
	w := []byte("Internationalization") // In-ter-na-tion-al-iza-tion
	for _, c := range []struct {
		left, right int
		want        []int
	}{
		{2, 3, []int{2, 5, 7, 11, 13, 16}},
		{3, 3, []int{5, 7, 11, 13, 16}},
		{6, 5, []int{7, 11, 13}},
		{0, 0, []int{2, 5, 7, 11, 13, 16}},
		{10, 10, nil},
	} {
		if got := h.Points(nil, w, c.left, c.right); !slices.Equal(got, c.want) {
			t.Errorf("Points(%d, %d) = %v, want %v", c.left, c.right, got, c.want)
		}
	}
	// Exceptions too: hy-phen-a-tion in the TUGboat list.
	for _, c := range []struct {
		left, right int
		want        []int
	}{
		{2, 3, []int{2, 6, 7}},
		{3, 3, []int{6, 7}},
		{2, 5, []int{2, 6}},
	} {
		if got := h.Points(nil, []byte("hyphenation"), c.left, c.right); !slices.Equal(got, c.want) {
			t.Errorf("hyphenation (%d, %d): %v, want %v", c.left, c.right, got, c.want)
		}
	}
}

// TestMatchesLiang: the compiled trie gives, for every word, the points a
// plain reading of hyphen.tex gives by Liang's definition (every pattern
// matched at every place, the greatest digit at each gap, odd ones break).
// The words: every exception word, the Latin words of the samples, and
// 20,000 random ones.
func TestMatchesLiang(t *testing.T) {
	pats := readPatterns(t, "hyphen.tex")
	if len(pats) != 4447 {
		t.Fatalf("%d patterns read, want hyphen.tex's 4447", len(pats))
	}
	words := exceptionWords(t, "ushyphex.tex")
	if len(words) < 1700 {
		t.Fatalf("%d exception words read", len(words))
	}
	for _, f := range []string{"local-news.yaml", "four-pages.yaml", "hard-cases.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "editions", "samples", f))
		if err != nil {
			t.Fatal(err)
		}
		words = append(words, regexp.MustCompile(`[A-Za-z]{4,}`).FindAllString(string(b), -1)...)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	const letters = "aaaabcdeeeeefghiiiijklmnoooopqrstuuuvwxyz"
	for range 20000 {
		b := make([]byte, 4+rng.IntN(16))
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		words = append(words, string(b))
	}
	h := USEnglish()
	for _, w := range words {
		lw := strings.ToLower(w)
		got := h.patternPoints(nil, []byte("."+lw+"."), TeXLeftMin, TeXRightMin)
		want := liang(pats, lw, TeXLeftMin, TeXRightMin)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: trie gives %s, Liang %s", w, show(w, got), show(w, want))
		}
	}
}

// TestExceptionsHonoured: every exception word is hyphenated exactly as
// its list says (the later list winning), minima aside.
func TestExceptionsHonoured(t *testing.T) {
	h := USEnglish()
	forms := map[string]string{}
	for _, f := range []string{"hyphen.tex", "ushyphex.tex"} {
		for _, form := range exceptionForms(t, f) {
			forms[strings.ReplaceAll(form, "-", "")] = form
		}
	}
	for w, form := range forms {
		if got := show(w, h.Points(nil, []byte(w), 1, 1)); got != form {
			t.Errorf("%s: %s, the exception list says %s", w, got, form)
		}
	}
	if len(forms) != h.exceptions {
		t.Errorf("%d exceptions read, the table holds %d", len(forms), h.exceptions)
	}
}

// TestConcurrent: one Hyphenator serves many goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	h := USEnglish()
	want := h.Hyphenate("Internationalization")
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if got := h.Hyphenate("Internationalization"); got != want {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Hyphenate gave %q, want %q", e, want)
	}
}

// TestLoadRefusesDamage: a table that is not one, or is cut short, is
// refused, never read past its end.
func TestLoadRefusesDamage(t *testing.T) {
	for name, data := range map[string]string{
		"empty":      "",
		"magic":      "BSWD" + enUS[4:],
		"version":    enUS[:4] + "\x02\x00\x00\x00" + enUS[8:],
		"truncated":  enUS[:len(enUS)-1],
		"extended":   enUS + "x",
		"header cut": enUS[:headerLen-1],
	} {
		if _, err := load(data); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	if _, err := load(enUS); err != nil {
		t.Fatal(err)
	}
	var zero Hyphenator
	if got := zero.Hyphenate("hyphenation"); got != "hyphenation" {
		t.Errorf("the zero Hyphenator gives %q", got)
	}
}

// TestGeneratedIsCurrent: en-us.hyph is what the generator makes of the
// pattern files beside it.
func TestGeneratedIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not regenerating the table")
	}
	out := filepath.Join(t.TempDir(), "en-us.hyph")
	cmd := exec.Command("go", "run", "./internal/gen", "-o", out, "hyphen.tex", "ushyphex.tex")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != enUS {
		t.Errorf("en-us.hyph differs from what internal/gen makes: run go generate ./layout/hyphen")
	}
}

// FuzzPoints: any input, any minima: no panic, and every point lies
// strictly inside the word, in order, with the minima kept; the case of
// the letters changes nothing.
func FuzzPoints(f *testing.F) {
	for _, s := range []string{"hyphenation", "Internationalization", "Broadsheet", "present", "a", "", "naïve", "x-ray", strings.Repeat("ab", 40)} {
		f.Add(s, 2, 3)
	}
	h := USEnglish()
	f.Fuzz(func(t *testing.T, word string, left, right int) {
		pts := h.Points(nil, []byte(word), left, right)
		last := 0
		for _, p := range pts {
			if p <= last || p >= len(word) {
				t.Fatalf("%q: point %d out of order or not inside: %v", word, p, pts)
			}
			if p < left || len(word)-p < right {
				t.Fatalf("%q: point %d breaks the minima %d, %d: %v", word, p, left, right, pts)
			}
			last = p
		}
		if len(pts) > 0 {
			if up := h.Points(nil, []byte(strings.ToUpper(word)), left, right); !slices.Equal(up, pts) {
				t.Fatalf("%q: %v, in capitals %v", word, pts, up)
			}
		}
	})
}

// BenchmarkPoints hyphenates words of a news story's length mix.
func BenchmarkPoints(b *testing.B) {
	h := USEnglish()
	words := [][]byte{[]byte("Broadsheet"), []byte("Internationalization"), []byte("newspaper"), []byte("hyphenation"), []byte("Hydrogen"), []byte("terminal"), []byte("characteristically"), []byte("container")}
	var dst []int
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		dst = h.Points(dst[:0], words[i%len(words)], TeXLeftMin, TeXRightMin)
	}
}

// BenchmarkLoad: taking the hyphenator parses nothing.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if h := USEnglish(); h.nodes == 0 {
			b.Fatal("empty")
		}
	}
}

// show writes word with a hyphen at each point.
func show(word string, pts []int) string {
	var b strings.Builder
	last := 0
	for _, p := range pts {
		b.WriteString(word[last:p])
		b.WriteByte('-')
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}

// texList returns the tokens of the first \cmd{...} list of a TeX file,
// comments removed.
func texList(t *testing.T, file, cmd string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := regexp.MustCompile(`%[^\n]*`).ReplaceAllString(string(b), "")
	i := strings.Index(s, cmd+"{")
	if i < 0 {
		t.Fatalf("%s: no %s", file, cmd)
	}
	s = s[i+len(cmd)+1:]
	return strings.Fields(s[:strings.IndexByte(s, '}')])
}

func readPatterns(t *testing.T, file string) map[string][]int {
	pats := map[string][]int{}
	for _, p := range texList(t, file, `\patterns`) {
		var letters strings.Builder
		vals := []int{0}
		for _, r := range p {
			if r >= '0' && r <= '9' {
				vals[len(vals)-1] = int(r - '0')
				continue
			}
			letters.WriteRune(r)
			vals = append(vals, 0)
		}
		pats[letters.String()] = vals
	}
	return pats
}

func exceptionForms(t *testing.T, file string) []string {
	var out []string
	for _, f := range texList(t, file, `\hyphenation`) {
		out = append(out, strings.ToLower(f))
	}
	return out
}

func exceptionWords(t *testing.T, file string) []string {
	var out []string
	for _, f := range exceptionForms(t, file) {
		out = append(out, strings.ReplaceAll(f, "-", ""))
	}
	return out
}

// liang hyphenates word by the definition, with a map of the patterns.
func liang(pats map[string][]int, word string, left, right int) []int {
	w := "." + word + "."
	val := make([]int, len(w)+1)
	for i := range w {
		for j := i + 1; j <= len(w); j++ {
			if v, ok := pats[w[i:j]]; ok {
				for k, d := range v {
					val[i+k] = max(val[i+k], d)
				}
			}
		}
	}
	var pts []int
	for p := left; p <= len(word)-right; p++ {
		if val[p+1]%2 == 1 {
			pts = append(pts, p)
		}
	}
	return pts
}
