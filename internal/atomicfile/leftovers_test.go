package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRemoveLeftovers: the temporary files a killed Write left for the
// names given go; nothing else does — another file's, names that only look
// like one, the file itself, a link or a folder with a temporary file's
// name — and neither does a temporary file a Write is still writing.
func TestRemoveLeftovers(t *testing.T) {
	dir := t.TempDir()
	gone := []string{".a.pdf.123.tmp", ".a.pdf.json.9.tmp", ".a.pdf.0042.tmp"}
	kept := []string{"a.pdf", "a.pdf.123.tmp", ".a.pdf.12x.tmp", ".a.pdf..tmp", ".a.pdf.123.tmp.bak",
		".b.pdf.123.tmp", ".a.pdf.json.x.9.tmp", ".xa.pdf.1.tmp", "..a.pdf.1.tmp"}
	for _, name := range append(slices.Clone(gone), kept...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "a.pdf"), filepath.Join(dir, ".a.pdf.7.tmp")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".a.pdf.8.tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	kept = append(kept, ".a.pdf.7.tmp", ".a.pdf.8.tmp")
	// One being written, by this process: a Write in another holds it
	// the same way (flock locks each open file).
	var live string
	p, err := Begin(filepath.Join(dir, "a.pdf"), func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}, Hooks{Create: func(create func() (string, error)) error {
		var err error
		live, err = create()
		return err
	}})
	if err != nil {
		t.Fatal(err)
	}
	RemoveLeftovers(dir, "a.pdf", "a.pdf.json")
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the temporary file being written was removed: %v", err)
	}
	for _, name := range gone {
		if _, err := os.Lstat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s: left (%v)", name, err)
		}
	}
	for _, name := range kept {
		if _, err := os.Lstat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a.pdf")); err != nil || string(b) != "new" {
		t.Errorf("a.pdf: %q, %v", b, err)
	}
	// Once in place, the lock is let go: nothing of it is left.
	RemoveLeftovers(dir, "a.pdf")
	if _, err := os.Stat(live); !os.IsNotExist(err) {
		t.Errorf("the committed temporary file: %v", err)
	}
}

// TestHoldTempOfATakenFile: a temporary file removed by another
// process's RemoveLeftovers between its creation and its lock is not
// written into unseen: holdTemp says so (and Begin makes another).
func TestHoldTempOfATakenFile(t *testing.T) {
	dir := t.TempDir()
	f, err := os.CreateTemp(dir, tempPattern(filepath.Join(dir, "a.pdf")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	RemoveLeftovers(dir, "a.pdf") // unheld yet: taken
	lock, ok, err := holdTemp(f)
	if ok || err != nil || lock != nil {
		t.Errorf("holdTemp of a removed file: %v, %v, %v; want not ok", lock, ok, err)
	}
	if err := WriteBytes(filepath.Join(dir, "a.pdf"), []byte("new"), Hooks{}); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want a.pdf alone", len(entries))
	}
}
