// Command timeone runs a command once and prints its wall time in
// milliseconds and its peak resident memory in kB ("ms kB"), as
// bench/run.sh needs for each case:
//
//	timeone [-stderr FILE] -- COMMAND [ARG...]
//
// The clock starts just before the command is started and stops when it
// has been waited for; the command's standard output is discarded and its
// standard error goes to FILE (default: discarded). The peak memory is the
// child's own (wait4's ru_maxrss). It replaces /usr/bin/time, whose own
// start and exit (a dynamically linked program) put 4 to 6 ms inside every
// measurement on the benchmark machine (/usr/bin/time -f %M true: 8.5 ms
// against 2.6 ms for true alone), which weighed on a 50 ms render and
// not on a 600 ms one.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	stderr := flag.String("stderr", "", "file for the command's standard error (default: discarded)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: timeone [-stderr FILE] -- COMMAND [ARG...]")
		os.Exit(2)
	}
	ms, kb, err := measure(flag.Args(), *stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "timeone:", err)
		os.Exit(1)
	}
	fmt.Printf("%d %d\n", ms, kb)
}

// measure runs args once and returns its wall time (ms) and peak resident
// memory (kB). A command that fails is an error.
func measure(args []string, stderrPath string) (ms, kb int64, err error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout = io.Discard
	if stderrPath != "" {
		f, err := os.Create(stderrPath)
		if err != nil {
			return 0, 0, err
		}
		defer f.Close()
		cmd.Stderr = f
	}
	t0 := time.Now()
	err = cmd.Run()
	wall := time.Since(t0)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", args[0], err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, errors.New("no resource usage on this system")
	}
	return wall.Milliseconds(), ru.Maxrss, nil
}
