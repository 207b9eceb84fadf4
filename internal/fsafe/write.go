package fsafe

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/broadsheet-news/broadsheet/internal/atomicfile"
)

// Stdout is the output path that means standard output.
const Stdout = "-"

// UnsafeOutputError says why an output path is refused. Commands report it
// as a wrong command line: nothing has been written.
type UnsafeOutputError struct {
	Path   string
	Reason string
}

func (e *UnsafeOutputError) Error() string {
	return fmt.Sprintf("output %s: %s; nothing was written", e.Path, e.Reason)
}

// CheckOutput refuses an output path whose writing would destroy something:
// a path that names one of inputs (the same file, by any name or link), a
// symbolic link, or anything that is not a regular file (a folder, a
// device such as /dev/null, a FIFO). A path that does not exist yet is
// fine when its folder does; "-" (standard output) is always fine.
func CheckOutput(path string, inputs []string) error {
	if path == Stdout {
		return nil
	}
	if path == "" {
		return &UnsafeOutputError{path, "the output path is empty"}
	}
	li, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(path)
		di, err := os.Stat(dir)
		if err != nil {
			return &UnsafeOutputError{path, fmt.Sprintf("its folder %s %s", dir, Explain(err))}
		}
		if !di.IsDir() {
			return &UnsafeOutputError{path, fmt.Sprintf("%s is not a folder", dir)}
		}
		return nil
	case err != nil:
		return &UnsafeOutputError{path, "it " + Explain(err)}
	case li.Mode()&fs.ModeSymlink != 0:
		return &UnsafeOutputError{path, "it is a symbolic link (writing would replace the link, not the file it points to); name the file itself"}
	case !li.Mode().IsRegular():
		return &UnsafeOutputError{path, "it is " + Describe(li.Mode()) + ", not a file that can be replaced"}
	}
	for _, in := range inputs {
		ii, err := os.Stat(in)
		if err == nil && os.SameFile(li, ii) {
			if in == path {
				return &UnsafeOutputError{path, "it is an input of this run; writing the PDF there would destroy it"}
			}
			return &UnsafeOutputError{path, fmt.Sprintf("it is the same file as the input %s; writing the PDF there would destroy it", in)}
		}
	}
	return nil
}

// Temps is the set of temporary files a process is writing. When the
// process is interrupted, RemoveAll deletes them, so that no half-written
// file is left behind; after it, new temporary files are refused. The zero
// value is ready to use and safe for concurrent use.
type Temps struct {
	mu     sync.Mutex
	files  map[string]bool
	closed bool
}

// Hooks returns the atomicfile hooks that keep t's record: each
// temporary file is noted while it exists, and once RemoveAll has run no
// new one is started and no finished one is renamed into place.
func (t *Temps) Hooks() atomicfile.Hooks {
	return atomicfile.Hooks{
		Create: func(create func() (string, error)) error {
			t.mu.Lock()
			defer t.mu.Unlock()
			if t.closed {
				return errors.New("interrupted")
			}
			name, err := create()
			if err == nil {
				if t.files == nil {
					t.files = map[string]bool{}
				}
				t.files[name] = true
			}
			return err
		},
		Release: func(name string) {
			t.mu.Lock()
			delete(t.files, name)
			t.mu.Unlock()
		},
		Rename: func(rename func() error) error {
			t.mu.Lock()
			defer t.mu.Unlock()
			if t.closed {
				return errors.New("interrupted")
			}
			return rename()
		},
	}
}

// RemoveAll deletes every temporary file still being written and refuses
// new ones. It is called on SIGINT or SIGTERM, before the process exits.
func (t *Temps) RemoveAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	for name := range t.files {
		os.Remove(name)
	}
	t.files = nil
}

// WriteFile writes a file through write: into a temporary file in path's
// folder, synced and renamed into place, so that a failed or interrupted
// run never leaves a half-written file where the old one was. The
// temporary file is registered in temps (which may be nil) while it
// exists. Path "-" writes to stdout instead, and only once write has
// succeeded (the whole file is held in memory until then).
func WriteFile(temps *Temps, stdout io.Writer, path string, write func(io.Writer) error) error {
	if temps == nil {
		temps = &Temps{}
	}
	if path == Stdout {
		var buf bufferWriter
		if err := write(&buf); err != nil {
			return err
		}
		if _, err := stdout.Write(buf.b); err != nil {
			return fmt.Errorf("writing to standard output: %w", err)
		}
		return nil
	}
	return atomicfile.Write(path, write, temps.Hooks())
}

type bufferWriter struct{ b []byte }

func (w *bufferWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// ErrorKeeper passes writes on to W, an output file's writer, and keeps
// in Err the first error a Write returned: a failure of the disk (full,
// failing), told apart from what a writer that wrapped it refuses, however
// that writer words it (render's status 3 against 1, batch's "write"
// against "input").
type ErrorKeeper struct {
	W   io.Writer
	Err error
}

func (k *ErrorKeeper) Write(b []byte) (int, error) {
	n, err := k.W.Write(b)
	if err != nil && k.Err == nil {
		k.Err = err
	}
	return n, err
}
