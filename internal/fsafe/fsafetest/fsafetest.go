// Package fsafetest makes the file failures tests of writers need.
package fsafetest

import (
	"io"
	"os"
	"syscall"
)

// FillsAfter wraps an output file as on a disk that fills up: the first
// room bytes go to w, and every write after fails as a file's Write does
// on a full filesystem (ENOSPC).
func FillsAfter(room int) func(io.Writer) io.Writer {
	return func(w io.Writer) io.Writer { return &fullDisk{w: w, room: room} }
}

type fullDisk struct {
	w    io.Writer
	room int
}

func (d *fullDisk) Write(b []byte) (int, error) {
	n := min(len(b), d.room)
	if n > 0 {
		var err error
		n, err = d.w.Write(b[:n])
		d.room -= n
		if err != nil {
			return n, err
		}
	}
	if n < len(b) {
		return n, &os.PathError{Op: "write", Path: "disk", Err: syscall.ENOSPC}
	}
	return n, nil
}
