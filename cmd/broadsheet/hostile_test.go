package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"github.com/broadsheet-news/broadsheet/internal/fonttest"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const hostile = "../../editions/testdata/hostile"

// hostileBase is a small edition in the test's folder: one article with a
// photo (photo.jpg), and whatever a row adds: {{ARTICLE}} extra article
// keys, {{PHOTO}} the photo's file, {{TOP}} extra top-level keys, {{ADS}}
// the page's ads.
const hostileBase = `paper: 港区新闻
date: 2026-03-18
issue: 5321
{{TOP}}pages:
  - number: 1
    articles:
      - id: council
        headline: 开发区召开工作会议
        body: |
          会议指出，要坚持稳中求进。{{ARTICLE}}
        photos:
          - {file: {{PHOTO}}, caption: 会议现场。}
{{ADS}}`

// hostileCase is one row: how to make the folder, the command line (e.yaml
// is the edition, out.pdf the default output), and what must happen.
type hostileCase struct {
	name  string
	vars  map[string]string              // replacements in hostileBase
	setup func(t *testing.T, dir string) // more files
	args  []string                       // after the command; "-o out.pdf" unless given
	cmd   string                         // render (default) or check
	code  int
	want  []string // in stderr+stdout; "e.yaml:L:C" positions included
	// wrote is true when the run must write out.pdf (exit 0, render).
	wrote bool
	// stdoutPDF: the PDF goes to standard output.
	stdoutPDF bool
	// pdfHas is text the written PDF must hold (read with pdftotext).
	pdfHas []string
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
}

// snapshot records every entry under dir: its kind, size and content hash
// (or a symlink's target).
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, _ := os.Lstat(p)
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link " + target
		case info.Mode().IsRegular():
			b, _ := os.ReadFile(p)
			out[rel] = fmt.Sprintf("file %x", sha256.Sum256(b))
		default:
			out[rel] = info.Mode().Type().String()
		}
		return nil
	})
	return out
}

// tinyTTFBrokenGlyph is tinyTTF with its 'A' made a composite of glyph
// 99, which the font has not: a font that loads and measures, and that
// subsetting refuses.
func tinyTTFBrokenGlyph() []byte {
	b := fonttest.Tiny()
	for i := range int(binary.BigEndian.Uint16(b[4:])) {
		if rec := b[12+16*i:]; string(rec[:4]) == "glyf" {
			g := b[binary.BigEndian.Uint32(rec[8:]):]
			binary.BigEndian.PutUint16(g[0:], 0xFFFF) // numberOfContours -1: composite
			binary.BigEndian.PutUint16(g[10:], 0)     // flags: byte arguments, the last component
			binary.BigEndian.PutUint16(g[12:], 99)    // the component
		}
	}
	return b
}

func hostileCases() []hostileCase {
	ad := func(file string) map[string]string {
		return map[string]string{"{{ADS}}": "    ads:\n      - {id: advert, file: " + file + ", at: {column: 5, span: 4, bottom: true, lines: 30}}\n"}
	}
	fixture := func(names ...string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			for _, n := range names {
				copyFile(t, filepath.Join(hostile, n), filepath.Join(dir, n))
			}
		}
	}
	tinyFont := func(t *testing.T, dir string) {
		if err := os.WriteFile(filepath.Join(dir, "tiny.ttf"), fonttest.Tiny(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return []hostileCase{
		// 1. The output path.
		{name: "1 output condition without its profile", args: []string{"-o", "out.pdf", "--output-condition", "FOGRA39"}, code: 2, want: []string{`--output-condition "FOGRA39" names the condition of an --output-profile`}},
		{name: "1 output is the edition", args: []string{"-o", "e.yaml"}, code: 2, want: []string{"output e.yaml: it is an input of this run"}},
		{name: "1 output is a photo", args: []string{"-o", "photo.jpg"}, code: 2, want: []string{"output photo.jpg: it is an input of this run"}},
		{name: "1 output is a symlink", setup: func(t *testing.T, dir string) { os.Symlink("elsewhere.pdf", filepath.Join(dir, "link.pdf")) },
			args: []string{"-o", "link.pdf"}, code: 2, want: []string{"it is a symbolic link"}},
		{name: "1 output is a device", args: []string{"-o", "/dev/null"}, code: 2, want: []string{"/dev/null: it is a character device"}},
		{name: "1 output is a folder", setup: func(t *testing.T, dir string) { os.Mkdir(filepath.Join(dir, "sub"), 0o755) },
			args: []string{"-o", "sub"}, code: 2, want: []string{"it is a folder"}},
		{name: "1 output to stdout", args: []string{"-o", "-"}, code: 0, stdoutPDF: true, want: []string{"written to standard output"}},
		// 2. Non-regular files and size caps.
		{name: "2 FIFO photo", vars: map[string]string{"{{PHOTO}}": "pipe.jpg"}, setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "pipe.jpg")) },
			code: 1, want: []string{"e.yaml:12:13: article council: photo pipe.jpg is a named pipe (FIFO), not a file"}},
		{name: "2 FIFO edition", setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "f.yaml")) },
			args: []string{"f.yaml", "-o", "out.pdf"}, code: 1, want: []string{"the edition f.yaml is a named pipe (FIFO), not a file"}},
		{name: "2 /dev/zero edition", args: []string{"/dev/zero", "-o", "out.pdf"}, code: 1, want: []string{"the edition /dev/zero is a character device"}},
		{name: "2 /dev/zero profile", args: []string{"--output-profile", "/dev/zero"}, code: 2, want: []string{"--output-profile /dev/zero is a character device"}},
		{name: "2 FIFO font", vars: map[string]string{"{{TOP}}": "fonts:\n  mine: {file: pipe.ttf}\n"}, setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "pipe.ttf")) },
			code: 1, want: []string{"e.yaml:5:9: font mine:", "pipe.ttf is a named pipe (FIFO)"}},
		{name: "2 huge ad", vars: ad("big.pdf"), setup: func(t *testing.T, dir string) {
			f, _ := os.Create(filepath.Join(dir, "big.pdf"))
			f.WriteString("%PDF-1.4\n")
			f.Truncate(1 << 31) // sparse: 2 GB without the disk
			f.Close()
		}, code: 1, want: []string{"e.yaml:14:9: ad advert: big.pdf is 2.0 GB, more than the 64.0 MB allowed"}},
		// 3. Images.
		{name: "3 truncated JPEG", vars: map[string]string{"{{PHOTO}}": "truncated.jpg"}, setup: fixture("truncated.jpg"),
			code: 1, want: []string{"e.yaml:12:13: article council: photo truncated.jpg is damaged", "cut short"}},
		{name: "3 garbled JPEG", vars: map[string]string{"{{PHOTO}}": "garbled.jpg"}, setup: fixture("garbled.jpg"),
			code: 1, want: []string{"e.yaml:12:13: article council: photo garbled.jpg is damaged"}},
		{name: "3 corrupt PNG data", vars: map[string]string{"{{PHOTO}}": "corrupt-idat.png"}, setup: fixture("corrupt-idat.png"),
			code: 1, want: []string{"e.yaml:12:13: article council: photo corrupt-idat.png is damaged"}},
		{name: "3 PNG claiming 60000 × 60000", vars: map[string]string{"{{PHOTO}}": "huge.png"}, setup: fixture("huge.png"),
			code: 1, want: []string{"e.yaml:12:13: article council: photo huge.png claims 60000 × 60000 pixels"}},
		{name: "3 16-bit PNG", vars: map[string]string{"{{PHOTO}}": "sixteen.png"}, setup: fixture("sixteen.png"), code: 0, wrote: true},
		{name: "3 interlaced PNG", vars: map[string]string{"{{PHOTO}}": "interlaced.png"}, setup: fixture("interlaced.png"), code: 0, wrote: true},
		{name: "3 EXIF-rotated JPEG", vars: map[string]string{"{{PHOTO}}": "rotated.jpg"}, setup: fixture("rotated.jpg"), code: 0, wrote: true},
		// 4. What check finds is what render refuses.
		{name: "4 check: ad with corrupt content", cmd: "check", vars: ad("corrupt-content.pdf"), setup: fixture("corrupt-content.pdf"),
			code: 1, want: []string{"e.yaml:14:9: ad advert: corrupt-content.pdf has a damaged page content stream"}},
		{name: "4 font without post is embedded", vars: map[string]string{"{{TOP}}": "fonts:\n  tiny: {file: tiny.ttf}\nstyle:\n  byline: {font: tiny}\n", "{{ARTICLE}}": "\n        byline: A"},
			setup: tinyFont, code: 0, wrote: true},
		{name: "4 check: user font with a broken glyph", cmd: "check", vars: map[string]string{"{{TOP}}": "fonts:\n  tiny: {file: tiny.ttf}\nstyle:\n  byline: {font: tiny}\n", "{{ARTICLE}}": "\n        byline: A"},
			setup: func(t *testing.T, dir string) {
				if err := os.WriteFile(filepath.Join(dir, "tiny.ttf"), tinyTTFBrokenGlyph(), 0o644); err != nil {
					t.Fatal(err)
				}
			}, code: 1, want: []string{"e.yaml:5:9: font tiny (tiny.ttf) cannot be used: subset: glyph 1: component 99 out of range"}},
		{name: "4 output profile not ICC", args: []string{"--output-profile", "e.yaml"}, code: 2, want: []string{"--output-profile e.yaml is not an ICC profile"}},
		{name: "4 check: Latin-only folio and masthead font", cmd: "check", vars: map[string]string{"{{TOP}}": "fonts:\n  tiny: {file: tiny.ttf}\nstyle:\n  folio: {font: tiny}\n  headline: {font: tiny}\n"},
			setup: tinyFont, code: 1, want: []string{"masthead: no font has a glyph for these", "headline: no font has a glyph for these"}},
		// A user face that lacks characters, with a fallback: each is set
		// in the first fallback face that has it, and named in a warning.
		{name: "4 fallback sets what a user font lacks", vars: map[string]string{"{{TOP}}": "fonts:\n  tiny: {file: tiny.ttf}\nfallback: [serif]\nstyle:\n  byline: {font: tiny, fallback: [kai, serif]}\n  headline: {font: tiny}\n  kicker: {font: tiny}\n", "{{ARTICLE}}": "\n        byline: A记者 张三\n        kicker: A引题"},
			setup: tinyFont, code: 0, wrote: true, want: []string{
				"article council: warning: byline: set in the fallback font kai, which tiny lacks: '记' (U+8BB0), '者' (U+8005), '张' (U+5F20), '三' (U+4E09) (font-fallback)",
				"article council: warning: headline: set in the fallback font serif, which tiny lacks: '开' (U+5F00)",
				// Each piece of a headline block is named (a kicker's
				// findings were the headline's).
				"article council: warning: kicker: set in the fallback font serif, which tiny lacks: '引' (U+5F15), '题' (U+9898) (font-fallback)"},
			pdfHas: []string{"A记者张三", "A引题", "开发区召开工作会议"}},
		{name: "4 fallback names an unknown font", vars: map[string]string{"{{TOP}}": "fallback: [serif, rare]\n"},
			code: 1, want: []string{`e.yaml:4:19: fallback: font "rare" is neither built in nor named under fonts:`}},
		{name: "4 style fallback names an unknown font", vars: map[string]string{"{{TOP}}": "style:\n  body: {fallback: [kia]}\n"},
			code: 1, want: []string{`e.yaml:5:21: style body fallback: font "kia" is neither built in nor named under fonts:`, `(did you mean "kai"?)`}},
		// 5. Page geometry.
		{name: "5 negative top margin", vars: map[string]string{"{{TOP}}": "page:\n  margins: {top: -20mm}\n"}, code: 1, want: []string{"e.yaml:5:3: the top margin cannot be negative"}},
		{name: "5 huge bottom margin", vars: map[string]string{"{{TOP}}": "page:\n  margins: {bottom: 99999cm}\n"}, code: 1, want: []string{"e.yaml:5:3: top and bottom margins"}},
		{name: "5 absurd margin", vars: map[string]string{"{{TOP}}": "page:\n  margins: {bottom: 99999999999999cm}\n"}, code: 1, want: []string{"e.yaml:5:21: bottom margin: \"99999999999999cm\" is far too large for a page"}},
		// 6. YAML.
		{name: "6 merge key", vars: map[string]string{"{{PHOTO}}": "photo.jpg, credit: ■摄影 王五, caption: 第一张。}\n          - {<<: *p"},
			setup: func(t *testing.T, dir string) {
				b, _ := os.ReadFile(filepath.Join(dir, "e.yaml"))
				os.WriteFile(filepath.Join(dir, "e.yaml"), bytes.Replace(b, []byte("- {file: photo.jpg"), []byte("- &p {file: photo.jpg"), 1), 0o644)
			}, code: 0, wrote: true, pdfHas: []string{"第一张。", "会议现场。"}},
		{name: "6 decimal numbers", vars: map[string]string{"{{TOP}}": ""}, setup: func(t *testing.T, dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "e.yaml"))
			b = bytes.Replace(b, []byte("issue: 5321"), []byte("issue: 05321"), 1)
			os.WriteFile(filepath.Join(dir, "e.yaml"), bytes.Replace(b, []byte("number: 1"), []byte("number: 01"), 1), 0o644)
		}, code: 0, wrote: true, pdfHas: []string{"第5321期"}},
		// Pasted from a chat: variation selectors (U+FE0F, U+E0100) and a
		// zero-width joiner draw nothing; they once stopped the render as
		// missing glyphs.
		{name: "6 invisible characters", vars: map[string]string{"{{ARTICLE}}": "点赞\uFE0F好，会\u200D议\U000E0100指出。"},
			code: 0, wrote: true, pdfHas: []string{"点赞好，会议指出。"}},
		// A problem composing names the article's place in the file, as
		// an input error does (before: "e.yaml: page 1: article council").
		{name: "6 composing problem at its article", vars: map[string]string{"{{ARTICLE}}": "\U000F0041"},
			code: 1, want: []string{"e.yaml:7:9: page 1: article council: error: body: no font has a glyph for"}},
		{name: "6 second document", vars: map[string]string{"{{ADS}}": "---\npaper: 另一份\n"}, code: 1, want: []string{"e.yaml:13:1: a second YAML document starts here"}},
		{name: "6 unknown tag", vars: map[string]string{"{{TOP}}": "preset: !include duikai\n"}, code: 1, want: []string{"e.yaml:4:9: the YAML tag !include is not one an edition uses"}},
		// 8. Ads that would break PDF/X-4 and PDF/A-2u, and ink.
		{name: "8 ad with a non-embedded font", vars: ad("font-not-embedded.pdf"), setup: fixture("font-not-embedded.pdf"),
			code: 1, want: []string{"e.yaml:14:9: ad advert: font-not-embedded.pdf uses the font Helvetica without embedding it"}},
		{name: "8 ad in RGB", vars: ad("rgb.pdf"), setup: fixture("rgb.pdf"), code: 1, want: []string{"e.yaml:14:9: ad advert: rgb.pdf paints in RGB (DeviceRGB)"}},
		{name: "8 ad with a colour space based on itself", vars: ad("self-colorspace.pdf"), setup: fixture("self-colorspace.pdf"), code: 1, want: []string{"self-colorspace.pdf declares a colour space (/CS0) in the page that refers to itself"}},
		{name: "8 ad with a self-invoking form", vars: ad("self-form.pdf"), setup: fixture("self-form.pdf"), code: 1, want: []string{"self-form.pdf holds a form (/X1) that draws itself"}},
		{name: "8 ad over the ink limit", vars: ad("rich-ink.pdf"), setup: fixture("rich-ink.pdf"), code: 1,
			want: []string{"e.yaml:14:9: ad advert: rich-ink.pdf reaches 290% total ink (CMYK 100/70/90/30), over the 240% limit"}},
		{name: "8 ad under a raised ink limit", vars: ad("rich-ink.pdf"), setup: fixture("rich-ink.pdf"), args: []string{"--ink-limit", "300", "-o", "out.pdf"}, code: 0, wrote: true},
		{name: "8 CMYK JPEG ad over the ink limit", vars: ad("rich-ink-cmyk.jpg"), setup: fixture("rich-ink-cmyk.jpg"), code: 1,
			want: []string{"e.yaml:14:9: ad advert: rich-ink-cmyk.jpg reaches 290% total ink (CMYK 100/70/90/30), over the 240% limit"}},
		{name: "8 check: CMYK JPEG ad over the ink limit", cmd: "check", vars: ad("rich-ink-cmyk.jpg"), setup: fixture("rich-ink-cmyk.jpg"), code: 1,
			want: []string{"e.yaml:14:9: ad advert: rich-ink-cmyk.jpg reaches 290% total ink"}},
		{name: "8 CMYK JPEG ad within the ink limit", vars: ad("ok-cmyk.jpg"), setup: fixture("ok-cmyk.jpg"), code: 0, wrote: true},
		{name: "8 CMYK JPEG ad under a lowered ink limit", vars: ad("ok-cmyk.jpg"), setup: fixture("ok-cmyk.jpg"), args: []string{"--ink-limit", "150", "-o", "out.pdf"}, code: 1,
			want: []string{"e.yaml:14:9: ad advert: ok-cmyk.jpg reaches 160% total ink (CMYK 60/40/40/20), over the 150% limit"}},
		{name: "8 RGB image ad", vars: ad("good.jpg"), setup: fixture("good.jpg"), code: 0, wrote: true},
		{name: "8 RGB image ad under a limit below the profile's", vars: ad("good.jpg"), setup: fixture("good.jpg"), args: []string{"--ink-limit", "200", "-o", "out.pdf"}, code: 1,
			want: []string{"e.yaml:14:9: ad advert: good.jpg is in RGB, which the output profile converts with up to 231% total ink, over the 200% limit"}},
		// 10. Messages.
		{name: "10 NUL byte", vars: map[string]string{"{{ARTICLE}}": "\x00"}, code: 1, want: []string{"e.yaml:10:24: the file contains the control character U+0000 (NUL)"}},
		{name: "10 one long Latin word", cmd: "check", vars: map[string]string{"{{ARTICLE}}": strings.Repeat("Pneumonoultramicroscopicsilicovolcanoconiosis", 60)}, code: 0,
			want: []string{"e.yaml: 1 page(s), no errors"}}, // and under 40 lines of messages (checked for every row)
		{name: "10 absurd style size", vars: map[string]string{"{{TOP}}": "style:\n  body: {size: 99999999pt}\n"}, code: 1, want: []string{"e.yaml:5:16: style body size: \"99999999pt\" is far too large for a page"}},
		{name: "10 a folder as a photo", vars: map[string]string{"{{PHOTO}}": "pics.jpg"}, setup: func(t *testing.T, dir string) { os.Mkdir(filepath.Join(dir, "pics.jpg"), 0o755) },
			code: 1, want: []string{"e.yaml:12:13: article council: photo pics.jpg is a folder, not a file"}},
		// 11. Paths stay in the edition's folder.
		{name: "11 photo outside the folder", vars: map[string]string{"{{PHOTO}}": "../outside.jpg"}, code: 1, want: []string{"e.yaml:12:13: article council: photo", "outside.jpg is outside the edition's folder"}},
		{name: "11 absolute photo path", vars: map[string]string{"{{PHOTO}}": "{{ABS}}"}, code: 1, want: []string{"is outside the edition's folder"}},
		{name: "11 symlink leading out", vars: map[string]string{"{{PHOTO}}": "link.jpg"}, setup: func(t *testing.T, dir string) {
			os.Symlink(filepath.Join(filepath.Dir(dir), "outside.jpg"), filepath.Join(dir, "link.jpg"))
		}, code: 1, want: []string{"photo link.jpg is outside the edition's folder (it leads to"}},
		{name: "11 allowed with --allow-path", vars: map[string]string{"{{PHOTO}}": "../outside.jpg"}, args: []string{"--allow-path", "..", "-o", "out.pdf"}, code: 0, wrote: true},
	}
}

// TestHostileInput runs one row per class of hostile or broken input (issue
// 10) and asserts the exit status, the message with its file:line:col, and
// that nothing was written: no output, no temporary file, no other file
// changed.
func TestHostileInput(t *testing.T) {
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "ed")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			copyFile(t, filepath.Join(hostile, "good.jpg"), filepath.Join(dir, "photo.jpg"))
			copyFile(t, filepath.Join(hostile, "good.jpg"), filepath.Join(root, "outside.jpg"))
			vars := map[string]string{"{{PHOTO}}": "photo.jpg", "{{ARTICLE}}": "", "{{TOP}}": "", "{{ADS}}": ""}
			for k, v := range c.vars {
				vars[k] = v
			}
			src := hostileBase
			for k, v := range vars {
				src = strings.ReplaceAll(src, k, v)
			}
			src = strings.ReplaceAll(src, "{{ABS}}", filepath.Join(root, "outside.jpg"))
			if err := os.WriteFile(filepath.Join(dir, "e.yaml"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.setup != nil {
				c.setup(t, dir)
			}
			cmd := c.cmd
			if cmd == "" {
				cmd = "render"
			}
			args := []string{cmd}
			if len(c.args) == 0 || !strings.HasSuffix(c.args[0], ".yaml") && c.args[0] != "/dev/zero" {
				args = append(args, "e.yaml")
			}
			args = append(args, c.args...)
			if cmd == "render" && !contains(args, "-o") {
				args = append(args, "-o", "out.pdf")
			}
			before := snapshot(t, root)
			wd, _ := os.Getwd()
			if err := os.Chdir(dir); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCLI(t, args...)
			os.Chdir(wd)
			msg := stdout + stderr
			if c.stdoutPDF {
				msg = stderr
				if !strings.HasPrefix(stdout, "%PDF-") {
					t.Errorf("standard output does not start with a PDF header: %q", first(stdout, 20))
				}
			}
			if code != c.code {
				t.Errorf("exit status %d, want %d\n%s", code, c.code, first(msg, 2000))
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("the message lacks %q:\n%s", w, first(msg, 2000))
				}
			}
			if strings.Count(msg, "\n") > 40 {
				t.Errorf("%d lines of messages: each problem should be said once", strings.Count(msg, "\n"))
			}
			after := snapshot(t, root)
			out := filepath.Join("ed", "out.pdf")
			if c.wrote {
				if _, ok := after[out]; !ok {
					t.Errorf("out.pdf was not written")
				} else if b, err := os.ReadFile(filepath.Join(root, out)); err == nil {
					checkPDF(t, b)
					if len(c.pdfHas) > 0 {
						needTool(t, "pdftotext")
						txt, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(root, out), "-").Output()
						if err != nil {
							t.Fatalf("pdftotext: %v", err)
						}
						for _, w := range c.pdfHas {
							if !strings.Contains(squeeze(string(txt)), w) {
								t.Errorf("the PDF lacks %q", w)
							}
						}
					}
				}
				delete(after, out)
			}
			for p, v := range after {
				if strings.HasSuffix(p, ".tmp") {
					t.Errorf("a temporary file was left: %s", p)
				} else if before[p] != v {
					t.Errorf("%s changed or appeared (%s → %s)", p, before[p], v)
				}
			}
			for p := range before {
				if _, ok := after[p]; !ok {
					t.Errorf("%s disappeared", p)
				}
			}
		})
	}
}

// checkPDF runs qpdf --check on a written PDF, when qpdf is installed (CI
// installs it).
func checkPDF(t *testing.T, b []byte) {
	t.Helper()
	needTool(t, "qpdf")
	f := filepath.Join(t.TempDir(), "check.pdf")
	os.WriteFile(f, b, 0o644)
	if out, err := exec.Command("qpdf", "--check", f).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
