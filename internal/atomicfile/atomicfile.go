// Package atomicfile writes a file so that no reader ever sees it half
// written: through a temporary file in the same folder, synced, and renamed
// into place. It is the one place that rule is written, for the CLI's
// render and the archive batch.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Hooks let a caller that tracks its temporary files (to remove them when
// a run is stopped) take part. Each may be nil.
type Hooks struct {
	// Create runs create, which makes the temporary file and returns its
	// name; the hook may refuse to start (returning its own error) and
	// note the name.
	Create func(create func() (string, error)) error
	// Release is told the temporary file's name once it is renamed or
	// removed.
	Release func(name string)
	// Rename runs rename, which moves the finished file into place; the
	// hook may refuse (returning its own error) and so leave it removed.
	Rename func(rename func() error) error
}

// tempPattern is the pattern of the temporary files for path:
// .NAME.<digits>.tmp in its folder (see IsTemp).
func tempPattern(path string) string { return "." + filepath.Base(path) + ".*.tmp" }

// IsTemp reports whether a file name in a folder is a temporary file Write
// made, and for which file name.
func IsTemp(name string) (base string, ok bool) {
	rest, ok := strings.CutSuffix(name, ".tmp")
	if !ok || !strings.HasPrefix(rest, ".") {
		return "", false
	}
	i := strings.LastIndexByte(rest, '.')
	if i <= 1 || i == len(rest)-1 {
		return "", false
	}
	for _, c := range rest[i+1:] {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return rest[1:i], true
}

// WriteBytes is Write of data as it is.
func WriteBytes(path string, data []byte, h Hooks) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, h)
}

// Write writes path with write through a temporary file, made readable by
// all (0644), synced and renamed into place. On any error the temporary
// file is removed and path is left as it was.
func Write(path string, write func(io.Writer) error, h Hooks) (err error) {
	var f *os.File
	create := func() (string, error) {
		var err error
		f, err = os.CreateTemp(filepath.Dir(path), tempPattern(path))
		if err != nil {
			return "", fmt.Errorf("creating %s: %w", path, err)
		}
		return f.Name(), nil
	}
	if h.Create != nil {
		err = h.Create(create)
	} else {
		_, err = create()
	}
	if err != nil {
		return err
	}
	defer func() {
		if h.Release != nil {
			h.Release(f.Name())
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(&writeback{f: f, start: startWriteback}); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	rename := func() error {
		if err := os.Rename(f.Name(), path); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		return nil
	}
	if h.Rename != nil {
		return h.Rename(rename)
	}
	return rename()
}
