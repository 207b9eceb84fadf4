package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedPhotoEdition is an edition whose photo sits in a folder beside
// its own, and whose ad reaches 290% ink: it renders only with
// --allow-path SHARED --ink-limit 300. It returns the edition and SHARED.
func sharedPhotoEdition(t *testing.T) (edition, shared string) {
	t.Helper()
	root := t.TempDir()
	shared, dir := filepath.Join(root, "shared"), filepath.Join(root, "edition")
	for _, d := range []string{shared, dir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, filepath.Join(hostile, "good.jpg"), filepath.Join(shared, "photo.jpg"))
	copyFile(t, filepath.Join(hostile, "rich-ink-cmyk.jpg"), filepath.Join(dir, "ad.jpg"))
	text := strings.NewReplacer("{{PHOTO}}", "../shared/photo.jpg", "{{TOP}}", "", "{{ARTICLE}}", "",
		"{{ADS}}", "    ads:\n      - {id: advert, file: ad.jpg, at: {column: 5, span: 4, bottom: true, lines: 30}}\n").Replace(hostileBase)
	edition = filepath.Join(dir, "e.yaml")
	if err := os.WriteFile(edition, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return edition, shared
}

// TestPreviewAndTextAllowPath: an edition that renders only with
// --allow-path (its photo in a shared folder) can be previewed and its
// text printed with it too — the error without it says to give it — and
// text, whose loading checks the ads' ink as render's does, takes
// --ink-limit as render does.
func TestPreviewAndTextAllowPath(t *testing.T) {
	edition, shared := sharedPhotoEdition(t)
	out := filepath.Join(t.TempDir(), "e.pdf")
	if code, stdout, stderr := runCLI(t, "render", edition, "-o", out, "--allow-path", shared, "--ink-limit", "300"); code != 0 {
		t.Fatalf("render: exit %d: %s%s", code, stdout, stderr)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"preview", edition, "-o", t.TempDir(), "--dpi", "20"}, exitInput, "allow its folder with --allow-path"},
		{[]string{"preview", edition, "-o", t.TempDir(), "--dpi", "20", "--allow-path", shared}, exitOK, "page-1.png"},
		{[]string{"text", edition}, exitInput, "allow its folder with --allow-path"},
		{[]string{"text", edition, "--allow-path", shared}, exitInput, "reaches 290% total ink (CMYK 100/70/90/30), over the 240% limit"},
		{[]string{"text", edition, "--allow-path", shared, "--ink-limit", "300"}, exitOK, "开发区召开工作会议"},
		{[]string{"text", edition, "--ink-limit", "50"}, exitUsage, "--ink-limit 50"},
	} {
		code, stdout, stderr := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("%s: exit %d, want %d saying %q\nstdout: %s\nstderr: %s", strings.Join(c.args, " "), code, c.code, c.want, stdout, stderr)
		}
	}
}
