// Package fsafe opens the files an edition names and writes the files a
// run produces so that a hostile or careless path can neither block the run,
// exhaust its memory nor destroy another file.
//
// Reading: only regular files are opened (a FIFO, a device such as
// /dev/zero, a socket or a directory is refused before it is opened, and the
// open itself cannot block), and no more than a stated number of bytes is
// read. Writing: an output path that is an input of the run, a symlink or
// not a regular file is refused; the file is written through a temporary
// file in its directory and renamed into place, and a Temps set removes
// temporary files left by a run that is interrupted.
package fsafe

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Limits on what a run reads. An edition is text; photos, ads and fonts are
// large, but not this large: anything bigger is a mistake (or an attack).
const (
	MaxEdition = 16 << 20  // an edition file
	MaxImage   = 64 << 20  // a photo or image ad
	MaxPDF     = 64 << 20  // a PDF ad
	MaxFont    = 128 << 20 // a TrueType font (CJK faces are 10–25 MB)
	MaxProfile = 16 << 20  // an ICC output profile
)

// NotRegularError says that a path names something other than a regular
// file: a directory, a FIFO, a device, a socket.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a file", e.Path, Describe(e.Mode))
}

// TooLargeError says that a file is larger than its limit.
type TooLargeError struct {
	Path      string
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is %s, more than the %s a file of this kind may have", e.Path, humanBytes(e.Size), humanBytes(e.Max))
}

// Describe names a file mode's type in words.
func Describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a regular file"
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Open opens the regular file at path for reading. Anything else is refused
// with a *NotRegularError before it is opened; the open is non-blocking, so
// that a FIFO swapped in after the check cannot stall the run either, and
// the opened file is checked again. A missing or unreadable file gives the
// *fs.PathError of os.Open.
func Open(path string) (*os.File, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil, &NotRegularError{path, info.Mode()}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{path, info.Mode()}
	}
	return f, info, nil
}

// ReadFile reads the regular file at path whole, refusing (see Open) what
// is not a regular file and a file larger than max bytes; a file that grows
// past max while it is read is refused too.
func ReadFile(path string, max int64) ([]byte, error) {
	f, info, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > max {
		return nil, &TooLargeError{path, info.Size(), max}
	}
	// Read into a buffer of the file's size (as os.ReadFile does), one
	// byte over so that the end is seen at once; growing it from nothing
	// copied a photo a dozen times over.
	data := make([]byte, 0, min(info.Size(), max)+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > max {
			return nil, &TooLargeError{path, int64(len(data)), max}
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) { // the file grew while it was read
			data = append(data, 0)[:len(data)]
		}
	}
}

// Explain turns an error from Open or ReadFile into words a layout editor
// uses: a predicate without the path, which the caller's message names
// ("photos/a.jpg " + Explain(err)).
func Explain(err error) string {
	var nr *NotRegularError
	var tl *TooLargeError
	switch {
	case errors.As(err, &nr):
		return "is " + Describe(nr.Mode) + ", not a file"
	case errors.As(err, &tl):
		return fmt.Sprintf("is %s, more than the %s allowed", humanBytes(tl.Size), humanBytes(tl.Max))
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "cannot be read (permission denied)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "cannot be read (" + pe.Err.Error() + ")"
	}
	return "cannot be read (" + err.Error() + ")"
}
