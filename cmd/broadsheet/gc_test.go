package main

import (
	"runtime/debug"
	"testing"
)

// TestTuneGC: without GOGC the collector's target becomes gcPercent; a
// GOGC the user set is left alone.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	tuneGC()
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC unset: target %d%%, want %d%%", got, gcPercent)
	}
	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50) // as the runtime read it at start
	tuneGC()
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("GOGC=50: target %d%%, want it left at 50%%", got)
	}
}
