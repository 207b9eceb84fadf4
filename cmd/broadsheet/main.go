// Command broadsheet lays out a newspaper edition written in YAML and
// writes a print-ready PDF.
//
//	broadsheet render edition.yaml -o edition.pdf
//	broadsheet check edition.yaml
//
// Exit statuses: 0 success; 1 the edition has errors (nothing written);
// 2 the command line is wrong; 3 the output could not be written.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/broadsheet-news/broadsheet/internal/fsafe"
)

func main() {
	adviseHugePages()
	tuneGC(gcPercentFor(os.Args[1:]))
	stop := startCPUProfile(os.Getenv(cpuProfileEnv), os.Stderr)
	code := runWith(os.Args[1:], os.Stdout, os.Stderr, &fsafe.Temps{})
	stop()
	os.Exit(code)
}

// gcPercent is the collector's target when GOGC is not set: a collection
// when the heap has grown by twice what was live after the last, not once.
// A render allocates in bursts and then exits, and batch sets edition after
// edition: with half as many collections, the one-page sample renders in
// 67 ms instead of 74 (median of 16 alternating runs) and a 60-edition
// batch takes 12% less CPU, for a peak 13 MB higher (96 -> 109 MB; a
// 400-page edition's peak stays within 1.5 times an 8-page one's).
const gcPercent = 200

// batchGCPercent is gcPercent for batch, whose heap is unlike a render's:
// what is live stays small (4 to 8 MB, the editions in flight) while each
// edition allocates 12 MB or so and lets it go. At 200 a batch over 40
// copies of the one-page sample collected 33 times, every 15 MB, and
// between collections the runtime's scavenger gave back to the kernel pages
// that the next edition faulted in afresh. At 400: 551 ms instead of 610
// (CPU 933 against 1,027 ms; medians of 8 alternated runs), and 549
// against 585 ms in another set with the binaries installed in one large
// write (see README, Installing), whose peak RSS was the same, 138 and 137
// MB (as go build left them, the peaks moved between 103 and 128 MB with
// how the binary's pages were cached). 300 and 600 did no better. The peak
// does not grow with the archive, whose editions are let go one by one. A
// render keeps gcPercent: at 400 a 400-page edition's peak rose from 113
// to 174 MB, past issue 12's bound of twice an 8-page one's.
const batchGCPercent = 400

// gcPercentFor is the collector's target for the command line args (the
// arguments after the program's name): batchGCPercent for batch,
// gcPercent for the rest. The command is its first argument (the root
// command takes no flags of its own).
func gcPercentFor(args []string) int {
	if len(args) > 0 && args[0] == "batch" {
		return batchGCPercent
	}
	return gcPercent
}

// firstCollection is how much memory the runtime may hold before the first
// collection, when neither GOGC nor GOMEMLIMIT is set. Until then nothing
// is collected: a render of a page or a few allocates less than this, and
// so exits without a collection. On the 2-core Firecracker machine the
// benchmarks run on, the collections of a one-page render cost 5 ms of its
// 62 (median of 20 alternating runs) and 400 of its 1,870 page faults: a
// collection cycle touches its own bookkeeping afresh, at about 11 µs a
// 4 KiB page. It is the heap adviseHugePages advises, which a heap of this
// size fills with 2 MiB pages. After the first collection the collector
// paces at gcPercent, as before, so a long edition or a batch stays flat.
const firstCollection = 64 << 20

// tuneGC sets the collector's pacing: none until the runtime holds
// firstCollection bytes, then a target of percent (gcPercentFor). A GOGC
// or GOMEMLIMIT the user set is left alone (with GOMEMLIMIT alone, the
// target is percent from the start).
func tuneGC(percent int) {
	if os.Getenv("GOGC") != "" {
		return
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		debug.SetGCPercent(percent)
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(firstCollection)
	// The first collection finds the sentinel unreachable and runs the
	// cleanup, which hands over to the usual pacing. A pointer field keeps
	// it out of the tiny allocator, whose objects may never be cleaned up.
	sentinel := &struct{ _ *int }{}
	runtime.AddCleanup(sentinel, func(struct{}) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(math.MaxInt64)
	}, struct{}{})
}

// cleanupOnSignal makes SIGINT or SIGTERM, while a render runs, remove the
// temporary files being written (so an interrupted render leaves nothing
// behind) and exit with the shell's status for the signal. The returned
// function ends that. Batch has its own, gentler, handling (package
// archive): it finishes or marks the editions under way.
func cleanupOnSignal(temps *fsafe.Temps, stderr io.Writer) (stop func()) {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-sigs:
			temps.RemoveAll()
			fmt.Fprintln(stderr, "broadsheet: interrupted; nothing was written")
			code := 128 + int(syscall.SIGINT)
			if s == syscall.SIGTERM {
				code = 128 + int(syscall.SIGTERM)
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

type tempsKey struct{}

// tempsOf returns the set of temporary files of the run cmd belongs to.
func tempsOf(cmd *cobra.Command) *fsafe.Temps {
	if t, ok := cmd.Context().Value(tempsKey{}).(*fsafe.Temps); ok {
		return t
	}
	return &fsafe.Temps{}
}

// Exit statuses, documented in the README and in --help.
const (
	exitOK      = 0
	exitInput   = 1 // the edition has errors
	exitUsage   = 2 // a wrong command line
	exitOutput  = 3 // the PDF could not be written
	exitMessage = "Exit status: 0 success; 1 the edition has errors (nothing is written); 2 a wrong command line; 3 the output could not be written."
)

// exitError carries an exit status with the error that caused it.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr interface{ Write([]byte) (int, error) }) int {
	return runWith(args, stdout, stderr, &fsafe.Temps{})
}

// runWith is run with the set of temporary files a signal cleans up.
func runWith(args []string, stdout, stderr interface{ Write([]byte) (int, error) }, temps *fsafe.Temps) int {
	cmd := newRootCmd(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.WithValue(context.Background(), tempsKey{}, temps))
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.Error() != "" {
			fmt.Fprintln(stderr, ee.err)
		}
		return ee.code
	}
	// cobra's own errors: unknown command or flag, wrong argument count.
	fmt.Fprintln(stderr, "broadsheet:", err)
	fmt.Fprintln(stderr, "Run 'broadsheet --help' for usage.")
	return exitUsage
}
