package main

import (
	"os"
	"testing"
	"time"
)

// TestMain lets the test binary be its own child: with TIMEONE_CHILD set
// it holds 64 MB, touched, for 50 ms and exits.
func TestMain(m *testing.M) {
	if os.Getenv("TIMEONE_CHILD") != "" {
		b := make([]byte, 64<<20)
		for i := range b {
			b[i] = byte(i)
		}
		time.Sleep(50 * time.Millisecond)
		os.Exit(int(b[len(b)-1]) &^ 0xff)
	}
	os.Exit(m.Run())
}

// TestMeasure: a child that holds 64 MB reports at least that as its peak
// (the child's own, not this test's), a wall time at least as long as it
// sleeps, and a failing command is an error.
func TestMeasure(t *testing.T) {
	t.Setenv("TIMEONE_CHILD", "1")
	ms, kb, err := measure([]string{os.Args[0]}, "")
	if err != nil {
		t.Fatal(err)
	}
	if kb < 64<<10 {
		t.Errorf("peak %d kB for a child holding 64 MB", kb)
	}
	if ms < 50 {
		t.Errorf("wall %d ms for a child sleeping 50 ms", ms)
	}
	if _, _, err := measure([]string{"false"}, ""); err == nil {
		t.Error("a failing command gave no error")
	}
	errFile := t.TempDir() + "/err"
	if _, _, err := measure([]string{"sh", "-c", "echo oops >&2"}, errFile); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(errFile); string(b) != "oops\n" {
		t.Errorf("standard error %q, want oops", b)
	}
}
