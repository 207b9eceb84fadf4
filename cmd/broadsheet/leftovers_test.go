package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// leftoverNames are files in an output folder for out.pdf: what a killed
// render of it leaves (removed by the next), and names that are not its
// temporary files (kept).
var leftoverNames = struct{ gone, kept []string }{
	gone: []string{".out.pdf.123456789.tmp", ".out.pdf.1.tmp"},
	kept: []string{".other.pdf.123.tmp", ".out.pdf.12x.tmp", "out.pdf.123.tmp", ".out.pdf.123.tmp.keep",
		".out.pdf.json.5.tmp", "notes.txt"},
}

func plantLeftovers(t *testing.T, dir string) {
	t.Helper()
	for _, name := range append(slices.Clone(leftoverNames.gone), leftoverNames.kept...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("%PDF-1.6\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func checkLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, name := range leftoverNames.gone {
		if slices.Contains(names, name) {
			t.Errorf("%s, a leftover of out.pdf, is still there", name)
		}
	}
	for _, name := range leftoverNames.kept {
		if !slices.Contains(names, name) {
			t.Errorf("%s, not a temporary file of out.pdf, was removed", name)
		}
	}
}

// TestRenderRemovesItsLeftovers: render removes the temporary files a
// killed render of the same output left in its folder, and nothing else.
func TestRenderRemovesItsLeftovers(t *testing.T) {
	dir := t.TempDir()
	plantLeftovers(t, dir)
	if code, stdout, stderr := runCLI(t, "render", filepath.Join(samples, "local-news.yaml"), "-o", filepath.Join(dir, "out.pdf")); code != 0 {
		t.Fatalf("render: exit %d: %s%s", code, stdout, stderr)
	}
	checkLeftovers(t, dir)
}

// TestWatchRemovesItsLeftovers: so does watch -o, before its first PDF.
func TestWatchRemovesItsLeftovers(t *testing.T) {
	dir := t.TempDir()
	plantLeftovers(t, dir)
	out := filepath.Join(dir, "out.pdf")
	var stdout lockedBuffer
	opts := &watchOptions{edition: filepath.Join(samples, "local-news.yaml"), output: out, serve: "off", dpi: 50,
		pdfFlags: pdfFlags{standards: "x-4,a-2u"}, inputs: defaultInputs()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runWatch(ctx, opts, fonts.NewLibrary(), &stdout, io.Discard) }()
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(stdout.String(), "; wrote "+out); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no PDF written within 60 s: %q", stdout.String())
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("watch: %v", err)
	}
	checkLeftovers(t, dir)
}

// TestRenderAfterKill9: a render killed with SIGKILL while it writes
// leaves its temporary file (nothing can remove it then); the next render
// of the same output removes it.
func TestRenderAfterKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "broadsheet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sample, _ := filepath.Abs(filepath.Join(samples, "four-pages.yaml"))
	temps := func(dir string) []string {
		m, _ := filepath.Glob(filepath.Join(dir, ".out.pdf.*.tmp"))
		return m
	}
	for _, delay := range []time.Duration{100, 200, 300, 400, 600, 800, 1200} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.pdf")
		cmd := exec.Command(bin, "render", sample, "-o", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Killed once its temporary file is there, or after delay.
		for start := time.Now(); time.Since(start) < delay*time.Millisecond && len(temps(dir)) == 0; time.Sleep(2 * time.Millisecond) {
		}
		cmd.Process.Kill()
		cmd.Wait()
		left := temps(dir)
		if len(left) == 0 {
			continue // finished or not started writing: try later
		}
		if code, stdout, stderr := runCLI(t, "render", sample, "-o", out); code != 0 {
			t.Fatalf("render after kill -9: exit %d: %s%s", code, stdout, stderr)
		}
		if after := temps(dir); len(after) > 0 {
			t.Errorf("render after kill -9 left %v", after)
		}
		return
	}
	t.Error("no render was killed while writing: the test proves nothing")
}

// TestConcurrentRendersOfOneOutput: renders of the same output at once
// do not take each other's temporary files for leftovers: each writes
// and renames its own, and the PDF in place is whole.
func TestConcurrentRendersOfOneOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.pdf")
	codes := make(chan string, 4)
	for range cap(codes) {
		go func() {
			var stdout, stderr strings.Builder
			code := run([]string{"render", filepath.Join(samples, "local-news.yaml"), "-o", out}, &stdout, &stderr)
			codes <- fmt.Sprintf("exit %d %s", code, stderr.String())
		}()
	}
	for range cap(codes) {
		if c := <-codes; c != "exit 0 " {
			t.Error(c)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasSuffix(string(b), "%%EOF\n") {
		t.Errorf("out.pdf: %d bytes, %v", len(b), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("%d files in the folder, want out.pdf alone", len(entries))
	}
}
