package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWriteUnsynced writes a sidecar-sized file, unsynced, again
// and again: the temporary file's making, locking and renaming, without
// the disk's wait.
func BenchmarkWriteUnsynced(b *testing.B) {
	path := filepath.Join(b.TempDir(), "a.pdf.key.json")
	data := make([]byte, 300)
	for b.Loop() {
		if err := WriteUnsynced(path, data, Hooks{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHoldTemp is holdTemp's cost alone: a second open, the lock,
// three stats, the close.
func BenchmarkHoldTemp(b *testing.B) {
	f, err := os.CreateTemp(b.TempDir(), ".a.pdf.*.tmp")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	for b.Loop() {
		l, ok, err := holdTemp(f)
		if !ok || err != nil || l == nil {
			b.Fatal(ok, err)
		}
		l.Close()
	}
}
