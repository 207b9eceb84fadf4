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
	"errors"
	"fmt"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
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
	cmd := newRootCmd(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
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
