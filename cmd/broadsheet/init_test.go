package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Start-up budget: what package initialisation may cost a run of the CLI
// before it does any work. Today the whole binary's inits take about 6 ms;
// go-runewidth alone (which pdfcpu's pkg/api pulls in) took 25 to 40 ms.
const (
	maxPackageInit = 5.0  // ms, any one package
	maxTotalInit   = 12.0 // ms, all packages together
)

// initTimes runs the binary at bin with GODEBUG=inittrace=1 and returns the
// init clock time of every package, in milliseconds.
func initTimes(t *testing.T, bin string) map[string]float64 {
	t.Helper()
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s version: %v\n%s", bin, err, stderr.String())
	}
	times := map[string]float64{}
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		// init github.com/x/y @9.6 ms, 25 ms clock, 22240 bytes, 53 allocs
		f := strings.Fields(sc.Text())
		if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
			continue
		}
		ms, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			t.Fatalf("inittrace line %q: %v", sc.Text(), err)
		}
		times[f[1]] += ms
	}
	if len(times) == 0 {
		t.Fatalf("no inittrace lines in:\n%s", stderr.String())
	}
	return times
}

// TestInitCost builds the CLI (the real binary: test-only imports do not
// count) and fails when package initialisation costs more than the budget:
// a dependency that builds tables at init (as go-runewidth does) shows here.
// Each package's time is the least of ten runs, so that a busy machine
// does not fail the test.
func TestInitCost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "broadsheet")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// The least of several runs for each package: on a busy machine any
	// run may have some inits preempted, rarely the same ones twice.
	const runs = 10
	best := map[string]float64{}
	for range runs {
		for pkg, ms := range initTimes(t, bin) {
			if b, ok := best[pkg]; !ok || ms < b {
				best[pkg] = ms
			}
		}
	}
	bestTotal := 0.0
	for _, ms := range best {
		bestTotal += ms
	}
	for pkg, ms := range best {
		if ms > maxPackageInit {
			t.Errorf("init of %s takes %.1f ms (budget %.0f ms a package)", pkg, ms, maxPackageInit)
		}
	}
	if bestTotal > maxTotalInit {
		t.Errorf("package inits take %.1f ms in all (budget %.0f ms)", bestTotal, maxTotalInit)
	}
	t.Logf("package inits: %.1f ms in all (each package's best of %d runs)", bestTotal, runs)
}
