package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A failed write leaves the old file and no temporary file.
	boom := errors.New("boom")
	var seen string
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	}, Hooks{Create: func(create func() (string, error)) error {
		name, err := create()
		seen = name
		return err
	}})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a failed write changed the file: %q", b)
	}
	if base, ok := IsTemp(filepath.Base(seen)); !ok || base != "a.pdf" {
		t.Errorf("temporary file %q is not recognised as one for a.pdf", seen)
	}
	if _, err := os.Stat(seen); !os.IsNotExist(err) {
		t.Errorf("temporary file left: %v", err)
	}
	// A refused rename leaves the old file too.
	stopped := errors.New("stopped")
	err = Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err },
		Hooks{Rename: func(func() error) error { return stopped }})
	if !errors.Is(err, stopped) {
		t.Fatalf("err %v, want stopped", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a refused rename changed the file: %q", b)
	}
	// A good write replaces it, readable by all.
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, Hooks{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file %q, want new", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1", len(entries))
	}
}

func TestIsTemp(t *testing.T) {
	for _, c := range []struct {
		name, base string
		ok         bool
	}{
		{".a.pdf.123.tmp", "a.pdf", true},
		{".a.pdf.json.9.tmp", "a.pdf.json", true},
		{"a.pdf.123.tmp", "", false},
		{".a.pdf.12x.tmp", "", false},
		{".a.pdf..tmp", "", false},
		{".a.pdf.123", "", false},
	} {
		if base, ok := IsTemp(c.name); base != c.base || ok != c.ok {
			t.Errorf("IsTemp(%q) = %q, %v; want %q, %v", c.name, base, ok, c.base, c.ok)
		}
	}
}

// TestWriteBytes: the bytes given, in place of the old file, readable by
// all, and no temporary file left.
// TestWriteBytes: WriteBytes and WriteUnsynced replace the file with the
// new bytes, readable by all, and leave no temporary file; the hooks are
// told of the temporary file they made.
func TestWriteBytes(t *testing.T) {
	for name, write := range map[string]func(string, []byte, Hooks) error{
		"WriteBytes":    WriteBytes,
		"WriteUnsynced": WriteUnsynced,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.key.json")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			var created, released string
			h := Hooks{
				Create: func(create func() (string, error)) (err error) {
					created, err = create()
					return err
				},
				Release: func(name string) { released = name },
			}
			if err := write(path, []byte("new\n"), h); err != nil {
				t.Fatal(err)
			}
			if b, err := os.ReadFile(path); err != nil || string(b) != "new\n" {
				t.Errorf("read back %q, %v; want \"new\\n\"", b, err)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
				t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("%d files in the folder, want 1", len(entries))
			}
			if created == "" || released != created {
				t.Errorf("temporary file %q released as %q", created, released)
			}
		})
	}
}

// TestPending: Begin writes only the temporary file; SyncAll then Commit
// put each file in place, readable by all; Abort leaves the old file and
// no temporary one; a second Commit or Abort does nothing to the file.
func TestPending(t *testing.T) {
	dir := t.TempDir()
	var ps []*Pending
	for _, name := range []string{"a.pdf", "b.pdf", "c.pdf"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		p, err := Begin(path, func(w io.Writer) error { _, err := io.WriteString(w, "new "+name); return err }, Hooks{})
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); string(b) != "old" {
			t.Errorf("%s before Commit: %q", name, b)
		}
		ps = append(ps, p)
	}
	ps[2].Abort()
	if err := SyncAll(ps); err != nil {
		t.Fatal(err)
	}
	for _, p := range ps[:2] {
		if err := p.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := p.Commit(); err == nil {
			t.Error("a second Commit succeeded")
		}
		p.Abort() // nothing: the file is in place
	}
	for name, want := range map[string]string{"a.pdf": "new a.pdf", "b.pdf": "new b.pdf", "c.pdf": "old"} {
		path := filepath.Join(dir, name)
		if b, _ := os.ReadFile(path); string(b) != want {
			t.Errorf("%s: %q, want %q", name, b, want)
		}
		if fi, _ := os.Stat(path); name != "c.pdf" && fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", name, fi.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the folder, want 3", len(entries))
	}
	// A failed write leaves no temporary file.
	if _, err := Begin(filepath.Join(dir, "d.pdf"), func(w io.Writer) error { return errors.New("boom") }, Hooks{}); err == nil {
		t.Error("a failed write began")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d files in the folder after a failed write, want 3", len(entries))
	}
}
