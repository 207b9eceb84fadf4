package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// unicodePools are the kinds of text an archive holds that a Chinese
// paper's fonts may not: rare CJK extension characters, emoji, combining
// marks (after a Latin letter), right-to-left scripts; and common Han.
var unicodePools = []struct {
	name   string
	lo, hi rune
}{
	{"common Han", 0x4E00, 0x62FF},
	{"CJK extension A", 0x3400, 0x4DBF},
	{"CJK extension B", 0x20000, 0x2A6DF},
	{"CJK extensions C–F", 0x2A700, 0x2EBE0},
	{"CJK extension G", 0x30000, 0x3134A},
	{"emoji", 0x1F300, 0x1F64F},
	{"combining marks", 0x0300, 0x036F},
	{"Hebrew", 0x05D0, 0x05EA},
	{"Arabic", 0x0627, 0x064A},
}

var uPlusRE = regexp.MustCompile(`U\+([0-9A-F]{4,6})`)

// TestRandomUnicode sets editions of random text from unicodePools and
// reads them back: check reports every character the body font lacks
// (and no other), and once those are taken out, the PDF read back with
// pdftotext holds every character that was set.
func TestRandomUnicode(t *testing.T) {
	needTool(t, "pdftotext")
	lib := fonts.NewLibrary()
	serif, err := lib.Face("serif")
	if err != nil {
		t.Fatal(err)
	}
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 10))
			var text []rune
			for len(text) < 80 {
				p := unicodePools[rng.IntN(len(unicodePools))]
				r := p.lo + rune(rng.IntN(int(p.hi-p.lo+1)))
				if p.name == "combining marks" {
					text = append(text, 'e') // a mark needs a base
				}
				text = append(text, r)
			}
			uncovered := map[rune]bool{}
			var covered []rune
			for _, r := range text {
				if serif.Covers(r) {
					covered = append(covered, r)
				} else {
					uncovered[r] = true
				}
			}
			dir := t.TempDir()
			write := func(body []rune) string {
				src := "paper: 港区新闻\ndate: 2026-03-18\nissue: 1\npages:\n  - number: 1\n    articles:\n      - id: u\n        headline: 随机文字\n        body: |\n          " + string(body) + "\n"
				path := filepath.Join(dir, "u.yaml")
				if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
				return path
			}
			// Every character no font covers is reported.
			code, stdout, stderr := runCLI(t, "check", write(text))
			reported := map[rune]bool{}
			for _, line := range strings.Split(stdout+stderr, "\n") {
				if !strings.Contains(line, "missing-glyph") {
					continue
				}
				for _, m := range uPlusRE.FindAllStringSubmatch(line, -1) {
					v, _ := strconv.ParseInt(m[1], 16, 32)
					reported[rune(v)] = true
				}
			}
			for r := range uncovered {
				if !reported[r] {
					t.Errorf("U+%04X (%c) has no glyph but was not reported", r, r)
				}
			}
			for r := range reported {
				if !uncovered[r] {
					t.Errorf("U+%04X (%c) was reported missing but the font has it", r, r)
				}
			}
			if len(uncovered) > 0 && code != exitInput {
				t.Errorf("check exit %d with %d characters no font has", code, len(uncovered))
			}
			// Every covered character is in the PDF.
			out := filepath.Join(dir, "u.pdf")
			if code, _, stderr := runCLI(t, "render", write(covered), "-o", out); code != 0 {
				t.Fatalf("render of the covered characters: exit %d\n%s", code, stderr)
			}
			raw, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			got := norm.NFD.String(string(raw))
			for _, r := range covered {
				if !strings.ContainsRune(got, r) && !strings.Contains(got, norm.NFD.String(string(r))) {
					t.Errorf("U+%04X (%c) was set but is not in the PDF's text", r, r)
				}
			}
			t.Logf("%d characters: %d covered, %d reported missing", len(text), len(covered), len(uncovered))
		})
	}
}
