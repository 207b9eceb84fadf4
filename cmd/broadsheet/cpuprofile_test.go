package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCPUProfile: a path gives a gzip-compressed profile (what pprof
// writes) once stopped; no path writes nothing; a path that cannot be
// created is reported, and the run is not stopped.
func TestCPUProfile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cpu.prof")
	var stderr bytes.Buffer
	stop := startCPUProfile(path, &stderr)
	sum := 0
	for i := range 10_000_000 {
		sum += i % 7
	}
	stop()
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b || stderr.Len() != 0 {
		t.Fatalf("profile: %d bytes, %v, stderr %q (sum %d)", len(b), err, stderr.String(), sum)
	}
	startCPUProfile("", &stderr)()
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || stderr.Len() != 0 {
		t.Errorf("an empty path wrote %d files, stderr %q", len(entries), stderr.String())
	}
	startCPUProfile(filepath.Join(dir, "no", "such", "dir", "cpu.prof"), &stderr)()
	if !strings.Contains(stderr.String(), cpuProfileEnv) {
		t.Errorf("an uncreatable path: stderr %q", stderr.String())
	}
}
