package fsafe

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadFile reads a 350 kB file, the size of a sample photo.
func BenchmarkReadFile(b *testing.B) {
	path := filepath.Join(b.TempDir(), "photo.jpg")
	if err := os.WriteFile(path, make([]byte, 350_000), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadFile(path, 1<<30); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadFileWhole: what ReadFile returns is the file, at any size about
// the buffer's (empty, one byte, exactly the cap), and one byte over the
// cap is refused.
func TestReadFileWhole(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 4095, 4096, 4097, 100_000} {
		path := filepath.Join(dir, "f")
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i * 7)
		}
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(path, int64(n))
		if err != nil || string(got) != string(want) {
			t.Fatalf("%d bytes: %d back, %v", n, len(got), err)
		}
		if n > 0 {
			if _, err := ReadFile(path, int64(n-1)); err == nil {
				t.Fatalf("%d bytes read under a cap of %d", n, n-1)
			}
		}
	}
}
