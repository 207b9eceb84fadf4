package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/layout/text"
)

const samples = "../../editions/samples"

// needTool skips when a PDF tool is absent on a workstation; in CI (CI set)
// a missing tool is a failure, since .ci/run installs them.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (CI must install it)", name)
		}
		t.Skipf("%s is not installed", name)
	}
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func renderSample(t *testing.T, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), strings.TrimSuffix(name, ".yaml")+".pdf")
	code, stdout, stderr := runCLI(t, "render", filepath.Join(samples, name), "-o", out)
	if code != 0 {
		t.Fatalf("render %s: exit %d\nstdout: %s\nstderr: %s", name, code, stdout, stderr)
	}
	return out
}

// squeeze removes all white space: pdftotext puts line breaks where the
// composer broke lines, which are not part of the text.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// jumpLine matches the jump lines the composer adds where an article
// continues on another page.
func dropJumpLines(s string) string {
	for {
		i := strings.Index(s, "（下转第")
		if i < 0 {
			i = strings.Index(s, "（上接第")
		}
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "版）")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+len("版）"):]
	}
}

// TestRenderKeepsEveryCharacterInOrder reads the PDF of each sample back
// with pdftotext and checks that every text of every article — kicker,
// headline, subtitle, byline, dateline and body, captions and credits — is
// there, whole and in order.
func TestRenderKeepsEveryCharacterInOrder(t *testing.T) {
	needTool(t, "pdftotext")
	for _, name := range []string{"local-news.yaml", "four-pages.yaml"} {
		t.Run(name, func(t *testing.T) {
			out := renderSample(t, name)
			raw, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", out, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			all := squeeze(string(raw))
			got := dropJumpLines(all)
			ed, err := editions.Load(filepath.Join(samples, name))
			if err != nil {
				t.Fatal(err)
			}
			for _, pg := range ed.Pages {
				for _, a := range pg.Articles {
					got := got
					if a.ContinueOn > 0 {
						got = dropJumpLines(spliceJump(t, all, a.Headline, pg.Number, a.ContinueOn))
					}
					pieces := []string{a.Kicker, a.Headline, a.Subtitle, layout.BylineText(a.Byline, pg.Style)}
					for i, p := range a.Body {
						if i == 0 && a.Dateline != "" {
							p = a.Dateline + " " + p
						}
						pieces = append(pieces, text.Normalize(p))
					}
					photos := a.Photos
					if a.Story != nil {
						photos = append(photos, *a.Story)
					}
					for _, ph := range photos {
						pieces = append(pieces, ph.Title, ph.Caption, ph.Credit)
					}
					for _, p := range pieces {
						if p = squeeze(p); p == "" {
							continue
						}
						if !strings.Contains(got, p) {
							t.Errorf("article %s: the PDF lacks %q", a.ID, first(p, 40))
						}
					}
					// Body paragraphs come in order.
					pos := 0
					for _, p := range a.Body {
						p = squeeze(text.Normalize(p))
						i := strings.Index(got[pos:], p)
						if i < 0 {
							t.Errorf("article %s: paragraph %q is not after the one before it", a.ID, first(p, 20))
							break
						}
						pos += i + len(p)
					}
				}
			}
		})
	}
}

// spliceJump joins an article that jumps from page `from` to page `to`:
// the text after its 下转 line is replaced by the text after the matching
// 上接 line, so that a paragraph split by the jump reads whole again.
func spliceJump(t *testing.T, s, headline string, from, to int) string {
	t.Helper()
	h := strings.Index(s, squeeze(headline))
	down := fmt.Sprintf("（下转第%d版）", to)
	up := fmt.Sprintf("（上接第%d版）", from)
	i := strings.Index(s[max(h, 0):], down)
	if h < 0 || i < 0 {
		t.Errorf("no %s after the headline %q", down, headline)
		return s
	}
	i += h
	j := strings.Index(s[i:], up)
	if j < 0 {
		t.Errorf("%s has no matching %s", down, up)
		return s
	}
	return s[:i] + s[i+j+len(up):]
}

func first(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func TestRenderIsDeterministic(t *testing.T) {
	a := renderSample(t, "local-news.yaml")
	b := renderSample(t, "local-news.yaml")
	ba, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if len(ba) == 0 || !bytes.Equal(ba, bb) {
		t.Fatalf("two renders differ (%d and %d bytes)", len(ba), len(bb))
	}
}

func TestRenderFontsEmbeddedAndSubset(t *testing.T) {
	needTool(t, "pdffonts")
	out := renderSample(t, "local-news.yaml")
	res, err := exec.Command("pdffonts", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(res)), "\n")
	if len(lines) < 4 {
		t.Fatalf("pdffonts lists too few fonts:\n%s", res)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID
		n := len(f)
		if n < 7 || f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" || !strings.Contains(f[0], "+") {
			t.Errorf("font not embedded, subset (with a tag) and with ToUnicode: %s", l)
		}
	}
}

func TestRenderBadEditionWritesNothing(t *testing.T) {
	dir := t.TempDir()
	src := "paper: 港区新闻\ndate: 2026-03-18\nissue: 1\npages:\n  - number: 1\n    articles:\n      - id: x\n        headlin: 标题\n        body: 正文。\n"
	ed := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(ed, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "bad.pdf")
	code, _, stderr := runCLI(t, "render", ed, "-o", out)
	if code != exitInput {
		t.Errorf("exit %d, want %d", code, exitInput)
	}
	if !strings.Contains(stderr, "bad.yaml:8:9: article x: unknown key \"headlin\" in article (did you mean \"headline\"?)") {
		t.Errorf("stderr lacks the positioned problem:\n%s", stderr)
	}
	if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
		t.Errorf("stderr shows a panic:\n%s", stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "bad.yaml" {
			t.Errorf("left behind %s", e.Name())
		}
	}
	code, _, _ = runCLI(t, "check", ed)
	if code != exitInput {
		t.Errorf("check: exit %d, want %d", code, exitInput)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"render"}, {"frobnicate"}, {"render", "x.yaml", "--pdf-standard", "x-9"}, {"render", "--nope", "x.yaml"}} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	code, out, _ := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "broadsheet ") {
		t.Errorf("version: %d %q", code, out)
	}
	code, out, _ = runCLI(t, "render", "--help")
	if code != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, "Exit status") {
		t.Errorf("render --help lacks an example or the exit statuses:\n%s", out)
	}
}

func TestCheckSamples(t *testing.T) {
	for _, name := range []string{"local-news.yaml", "four-pages.yaml"} {
		code, out, stderr := runCLI(t, "check", filepath.Join(samples, name))
		if code != 0 {
			t.Errorf("check %s: exit %d\n%s%s", name, code, out, stderr)
		}
	}
}

func TestBatchRendersEachAndReportsFailures(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("paper: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	code, stdout, stderr := runCLI(t, "batch", "-j", "2", "-o", outDir,
		filepath.Join(samples, "local-news.yaml"), bad, filepath.Join(samples, "four-pages.yaml"))
	if code != exitInput {
		t.Errorf("exit %d, want %d (one edition failed)\n%s", code, exitInput, stderr)
	}
	if !strings.Contains(stdout, "2 rendered, 1 failed") {
		t.Errorf("stdout: %s", stdout)
	}
	if !strings.Contains(stderr, "bad.yaml:1:1: error: the edition is missing the required key") || !strings.Contains(stderr, "FAILED   "+bad) {
		t.Errorf("stderr lacks the failed edition's problems:\n%s", stderr)
	}
	// Files named outside the working directory keep their absolute path
	// under the output folder. The good editions are written there, and
	// byte-identical to a single render.
	mirrored := func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return filepath.Join(outDir, strings.TrimSuffix(abs, ".yaml")+".pdf")
	}
	single := renderSample(t, "local-news.yaml")
	a, _ := os.ReadFile(single)
	b, err := os.ReadFile(mirrored(filepath.Join(samples, "local-news.yaml")))
	if err != nil || !bytes.Equal(a, b) {
		t.Errorf("batch output differs from render output (err %v)", err)
	}
	if _, err := os.Stat(mirrored(filepath.Join(samples, "four-pages.yaml"))); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(mirrored(bad)); err == nil {
		t.Error("a failed edition left a PDF")
	}
}

func TestTextPrintsEveryParagraph(t *testing.T) {
	code, out, stderr := runCLI(t, "text", filepath.Join(samples, "local-news.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ed, err := editions.Load(filepath.Join(samples, "local-news.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	// Count what the edition holds, independently of editionText.
	want := 0
	nonEmpty := func(ss ...string) {
		for _, s := range ss {
			if s != "" {
				want++
			}
		}
	}
	for _, pg := range ed.Pages {
		for _, a := range pg.Articles {
			nonEmpty(a.Kicker, a.Headline, a.Subtitle, a.Byline)
			want += len(a.Body)
			for _, ph := range a.Photos {
				nonEmpty(ph.Title, ph.Caption, ph.Credit)
			}
			if a.Story != nil {
				nonEmpty(a.Story.Title, a.Story.Caption, a.Story.Credit)
			}
		}
	}
	if len(lines) != want || want < 40 {
		t.Errorf("text printed %d lines, the edition has %d paragraphs", len(lines), want)
	}
	lead := ed.Pages[0].Articles[0]
	if !strings.Contains(out, "\n"+lead.Headline+"\n") {
		t.Errorf("the lead headline is not a line of its own")
	}
	if !strings.Contains(out, "\n"+lead.Dateline+"\u3000") {
		t.Errorf("the lead's first paragraph does not open with its dateline and a 全角空格")
	}
}

func TestCheckWarnsOfLowResolutionPhoto(t *testing.T) {
	code, out, _ := runCLI(t, "check", filepath.Join(samples, "testdata", "lowres-photo.yaml"))
	if code != 0 {
		t.Fatalf("a warning must not fail check: exit %d\n%s", code, out)
	}
	var found bool
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "article lowres") && strings.Contains(l, "warning") && strings.HasSuffix(l, "(low-ppi)") {
			found = true
		}
	}
	if !found {
		t.Errorf("check did not name the low-resolution photo's article:\n%s", out)
	}
}

func TestCheckReportsOversetWithArticle(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("港区召开会议部署全年重点工作任务。", 2000)
	src := "paper: 港区新闻\ndate: 2026-03-18\nissue: 1\npreset: sikai\npages:\n  - number: 1\n    articles:\n      - id: too-long\n        headline: 一篇放不下的长文\n        body: " + long + "\n"
	ed := filepath.Join(dir, "over.yaml")
	if err := os.WriteFile(ed, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "check", ed)
	if code != exitInput {
		t.Errorf("overset text must fail check: exit %d", code)
	}
	if !strings.Contains(out, "article too-long") || !strings.Contains(out, "(overset)") {
		t.Errorf("check did not report the overset article:\n%s", out)
	}
	// render composes into the PDF writer as it goes: an error found while
	// composing still leaves the old PDF as it was and nothing else behind.
	pdfPath := filepath.Join(dir, "over.pdf")
	if err := os.WriteFile(pdfPath, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "render", ed, "-o", pdfPath)
	if code != exitInput || !strings.Contains(stderr, "nothing written") {
		t.Errorf("render of overset text: exit %d, want %d, stderr:\n%s", code, exitInput, stderr)
	}
	if b, err := os.ReadFile(pdfPath); err != nil || string(b) != "old" {
		t.Errorf("render changed the old PDF (%q, %v)", b, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "over.yaml" && e.Name() != "over.pdf" {
			t.Errorf("left behind %s", e.Name())
		}
	}
}
