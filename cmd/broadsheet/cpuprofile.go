package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// cpuProfileEnv names the environment variable that makes a run write a
// CPU profile (runtime/pprof's format, for `go tool pprof`) to the file it
// names: to see where a slow run's time goes, and how bench/pgo.sh makes
// cmd/broadsheet/default.pgo, the profile `go build` optimises the program
// with. The output does not depend on it.
const cpuProfileEnv = "BROADSHEET_CPUPROFILE"

// startCPUProfile starts writing a CPU profile to path (nothing when path
// is empty) and returns what stops it and closes the file. A profile that
// cannot be started is reported on stderr, and the run goes on without.
func startCPUProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "broadsheet: %s: %v (no profile written)\n", cpuProfileEnv, err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "broadsheet: %s: %v\n", cpuProfileEnv, err)
		}
	}
}
