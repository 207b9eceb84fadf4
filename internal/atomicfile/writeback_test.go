package atomicfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWritebackPassesAndStarts: every byte reaches the file, in order, and
// the kernel is asked to start writing back once per writebackEvery bytes,
// however the writes are cut; the real call is harmless on this system.
func TestWritebackPassesAndStarts(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "x"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	starts := 0
	w := &writeback{f: f, start: func(g *os.File) {
		if g != f {
			t.Error("writeback started on another file")
		}
		starts++
		startWriteback(g)
	}}
	want := make([]byte, 4*writebackEvery+1000)
	for i := range want {
		want[i] = byte(i * 7)
	}
	for rest := want; len(rest) > 0; {
		n := min(len(rest), 3000+len(rest)%5000)
		if k, err := w.Write(rest[:n]); err != nil || k != n {
			t.Fatalf("wrote %d of %d: %v", k, n, err)
		}
		rest = rest[n:]
	}
	if starts != 4 {
		t.Errorf("writeback started %d times for %d bytes, want 4", starts, len(want))
	}
	got, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the file differs from what was written")
	}
}
