package fsafe

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadFileRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	f, _ := os.Create(big)
	f.Truncate(2 << 20)
	f.Close()
	for _, c := range []struct {
		path string
		max  int64
		want string
	}{
		{fifo, 1 << 20, "is a named pipe (FIFO), not a file"},
		{dir, 1 << 20, "is a folder, not a file"},
		{"/dev/zero", 1 << 20, "is a character device, not a file"},
		{big, 1 << 20, "is 2.0 MB, more than the 1.0 MB allowed"},
		{filepath.Join(dir, "none"), 1 << 20, "does not exist"},
	} {
		_, err := ReadFile(c.path, c.max)
		if err == nil || Explain(err) != c.want {
			t.Errorf("%s: %v (%q), want %q", c.path, err, Explain(err), c.want)
		}
	}
	if b, err := ReadFile(big, 4<<20); err != nil || len(b) != 2<<20 {
		t.Errorf("a file under its cap: %d bytes, %v", len(b), err)
	}
}

func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "e.yaml")
	os.WriteFile(in, []byte("x"), 0o644)
	os.Symlink(in, filepath.Join(dir, "alias.yaml"))
	os.Link(in, filepath.Join(dir, "hard.yaml"))
	for _, c := range []struct{ out, want string }{
		{in, "it is an input of this run"},
		{filepath.Join(dir, "hard.yaml"), "it is the same file as the input"},
		{filepath.Join(dir, "alias.yaml"), "it is a symbolic link"},
		{dir, "it is a folder"},
		{"/dev/null", "it is a character device"},
		{filepath.Join(dir, "no", "x.pdf"), "its folder"},
		{"", "the output path is empty"},
	} {
		err := CheckOutput(c.out, []string{in})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.out, err, c.want)
		}
	}
	for _, ok := range []string{"-", filepath.Join(dir, "new.pdf")} {
		if err := CheckOutput(ok, []string{in}); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

// TestWriteFileInterrupted: RemoveAll during a write (as the signal
// handler calls it) leaves no temporary file, and the write fails.
func TestWriteFileInterrupted(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	temps := &Temps{}
	err := WriteFile(temps, nil, out, func(w io.Writer) error {
		w.Write([]byte("%PDF-half"))
		temps.RemoveAll()
		return nil
	})
	if err == nil {
		t.Error("a write interrupted by RemoveAll succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
	if err := WriteFile(temps, nil, out, func(io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("a write after RemoveAll: %v", err)
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	os.WriteFile(out, []byte("old"), 0o644)
	boom := errors.New("boom")
	if err := WriteFile(nil, nil, out, func(w io.Writer) error { w.Write([]byte("new")); return boom }); !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("the old file became %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left %v", entries)
	}
	var stdout bytes.Buffer
	if err := WriteFile(nil, &stdout, Stdout, func(w io.Writer) error { w.Write([]byte("%PDF")); return nil }); err != nil || stdout.String() != "%PDF" {
		t.Errorf("stdout: %q, %v", stdout.String(), err)
	}
}
