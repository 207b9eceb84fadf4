package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMeasure: every command runs once a round, the first command of each
// round rotating; -before runs before every command; a failing command is
// an error.
func TestMeasure(t *testing.T) {
	log := filepath.Join(t.TempDir(), "log")
	cmds := []string{"echo a >>" + log, "echo b >>" + log, "echo c >>" + log}
	res, err := measure(cmds, 3, "echo - >>"+log)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if len(r) != 3 {
			t.Errorf("command %d ran %d times, want 3", i, len(r))
		}
	}
	b, _ := os.ReadFile(log)
	if got, want := strings.Join(strings.Fields(string(b)), ""), "-a-b-c-b-c-a-c-a-b"; got != want {
		t.Errorf("order %s, want %s", got, want)
	}
	if _, err := measure([]string{"true", "exit 3"}, 1, ""); err == nil {
		t.Error("a failing command gave no error")
	}
	if _, err := measure([]string{"true"}, 1, "exit 1"); err == nil {
		t.Error("a failing -before gave no error")
	}
}

// TestReport: ratios are taken round by round against the first command
// (a drift that slows a whole round cancels), with the median and
// quartiles of them, and medians of wall and CPU time.
func TestReport(t *testing.T) {
	ms := func(v ...float64) []run {
		var rs []run
		for _, x := range v {
			rs = append(rs, run{wall: time.Duration(x * float64(time.Millisecond)), cpu: time.Duration(2 * x * float64(time.Millisecond))})
		}
		return rs
	}
	// The rounds drift (100, 200, 400 ms), b is always 0.9 of a.
	res := [][]run{ms(100, 200, 400, 100, 200), ms(90, 180, 360, 90, 180)}
	var out bytes.Buffer
	report(&out, []string{"a", "b"}, res)
	want := "ratio 1.000 (1.000–1.000)  wall 200.0 ms  cpu 400.0 ms  a\n" +
		"ratio 0.900 (0.900–0.900)  wall 180.0 ms  cpu 360.0 ms  b\n"
	if out.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", out.String(), want)
	}
	if m := median([]float64{3, 1, 4, 2}); m != 2.5 {
		t.Errorf("median of 1-4 = %v, want 2.5", m)
	}
	if q := quantile([]float64{1, 2, 3, 4, 5}, 0.25); q != 2 {
		t.Errorf("first quartile of 1-5 = %v, want 2", q)
	}
}
