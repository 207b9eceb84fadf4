package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreviewCommand: --pages picks pages by folio, --dpi sets the size, a
// bad flag is a usage error, and an edition with errors still gets its
// pages drawn, with exit status 1.
func TestPreviewCommand(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "preview", filepath.Join(samples, "four-pages.yaml"), "-o", dir, "--pages", "2-3", "--dpi", "30", "--show", "modules")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	if len(files) != 2 || filepath.Base(files[0]) != "page-2.png" || filepath.Base(files[1]) != "page-3.png" {
		t.Fatalf("wrote %v, want page-2.png and page-3.png", files)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	// 390 + 2×3 mm bleed = 396 mm at 30 dpi: 467.7 px, 552 mm: 652 px.
	if cfg.Width != 468 || cfg.Height != 652 {
		t.Errorf("page at 30 dpi is %d×%d px, want 468×652", cfg.Width, cfg.Height)
	}
	for _, args := range [][]string{
		{"--pages", "9"}, {"--pages", "3-1"}, {"--dpi", "5"}, {"--show", "grid"},
	} {
		code, _, stderr := runCLI(t, append([]string{"preview", filepath.Join(samples, "local-news.yaml"), "-o", t.TempDir()}, args...)...)
		if code != exitUsage {
			t.Errorf("%v: exit %d (%s), want %d", args, code, stderr, exitUsage)
		}
	}

	// An overset article: the page is drawn and the error is marked.
	src, err := os.ReadFile(filepath.Join(samples, "testdata", "lowres-photo.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("这是一段很长的正文，用来让文章排不下。", 1200)
	ed := filepath.Join(t.TempDir(), "overset.yaml")
	body := strings.Replace(string(src), "          这张示例图片只有", "          "+long+"\n\n          这张示例图片只有", 1)
	if err := os.WriteFile(ed, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(filepath.Dir(ed), "photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(samples, "testdata", "photos", "lowres-harbour.jpg"))
	if err := os.WriteFile(filepath.Join(filepath.Dir(ed), "photos", "lowres-harbour.jpg"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr = runCLI(t, "preview", ed, "-o", out)
	if code != exitInput || !strings.Contains(stderr, "overset") || !strings.Contains(stderr, "marked on the pages") {
		t.Errorf("overset edition: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "page-1.png")); err != nil {
		t.Errorf("the overset page was not drawn: %v", err)
	}
}
