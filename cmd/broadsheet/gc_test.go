package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// gcSettings reads the collector's target percentage and memory limit
// without changing them.
func gcSettings() (percent, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

// TestTuneGC: without GOGC or GOMEMLIMIT nothing is collected until the
// runtime holds firstCollection bytes, and after the first collection the
// target is the one asked for with no limit; a GOGC the user set is left
// alone, and with GOMEMLIMIT alone the target is the one asked for from
// the start.
func TestTuneGC(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC(batchGCPercent)
	if p, l := gcSettings(); p != -1 || l != firstCollection {
		t.Errorf("before the first collection: target %d%%, limit %d; want off (-1) and %d", p, l, firstCollection)
	}
	// The hand-over runs beside the program, after the collection.
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		p, l := gcSettings()
		if p == batchGCPercent && l == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a collection: target %d%%, limit %d; want %d%% and no limit", p, l, batchGCPercent)
		}
		time.Sleep(time.Millisecond)
	}

	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50) // as the runtime read it at start
	tuneGC(gcPercent)
	if p, l := gcSettings(); p != 50 || l != math.MaxInt64 {
		t.Errorf("GOGC=50: target %d%%, limit %d; want them left alone", p, l)
	}

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(1 << 30) // as the runtime read it at start
	tuneGC(gcPercent)
	if p, l := gcSettings(); p != gcPercent || l != 1<<30 {
		t.Errorf("GOMEMLIMIT=1GiB: target %d%%, limit %d; want %d%% and the limit left alone", p, l, gcPercent)
	}
}

// Batch alone collects at batchGCPercent; every other command, render
// first, keeps gcPercent, which issue 12's memory bound is measured with.
func TestGCPercentFor(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"batch", "in", "-o", "out"}, batchGCPercent},
		{[]string{"render", "batch"}, gcPercent},
		{[]string{"render", "e.yaml", "-o", "e.pdf"}, gcPercent},
		{[]string{"watch", "e.yaml"}, gcPercent},
		{nil, gcPercent},
	} {
		if got := gcPercentFor(c.args); got != c.want {
			t.Errorf("gcPercentFor(%q) = %d, want %d", c.args, got, c.want)
		}
	}
}
