// Package atomicfile writes a file so that no reader ever sees it half
// written: through a temporary file in the same folder, synced, and renamed
// into place. It is the one place that rule is written, for the CLI's
// render and the archive batch.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
func Write(path string, write func(io.Writer) error, h Hooks) error {
	p, err := Begin(path, write, h)
	if err != nil {
		return err
	}
	return p.Commit()
}

// WriteUnsynced is WriteBytes without the sync: for a file that only
// saves work and that its reader checks, as a batch's sidecar is checked
// against the PDF it describes, where waiting for the disk costs more than
// the file is worth. A reader never sees it half written, but after a
// crash it may be missing, empty or its old self.
func WriteUnsynced(path string, data []byte, h Hooks) error {
	p, err := Begin(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, h)
	if err != nil {
		return err
	}
	p.synced = true // not wanted
	return p.Commit()
}

// A Pending is a file whose content is written to its temporary file but
// not yet in place (Begin): Commit syncs it, unless SyncAll did, and
// renames it into place; Abort removes it. Write is Begin and Commit.
type Pending struct {
	f      *os.File
	lock   *os.File // holds f for RemoveLeftovers' sake (holdTemp); may be nil
	path   string
	h      Hooks
	synced bool // by SyncAll, or not wanted (WriteUnsynced)
	done   bool // committed or aborted
}

// Begin makes the temporary file for path and writes it with write. On an
// error the temporary file is removed and path is left as it was.
func Begin(path string, write func(io.Writer) error, h Hooks) (*Pending, error) {
	p := &Pending{path: path, h: h}
	create := func() (string, error) {
		// Another process's RemoveLeftovers may take a file between its
		// creation and the lock (holdTemp): then another, a few times.
		for range 8 {
			f, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
			if err != nil {
				return "", fmt.Errorf("creating %s: %w", path, err)
			}
			lock, ok, err := holdTemp(f)
			if ok {
				p.f, p.lock = f, lock
				return f.Name(), nil
			}
			f.Close()
			if err != nil {
				os.Remove(f.Name())
				return "", fmt.Errorf("creating %s: %w", path, err)
			}
		}
		return "", fmt.Errorf("creating %s: its temporary files were removed as they were made", path)
	}
	var err error
	if h.Create != nil {
		err = h.Create(create)
	} else {
		_, err = create()
	}
	if err != nil {
		return nil, err
	}
	if err := write(&writeback{f: p.f, start: startWriteback}); err != nil {
		p.Abort()
		return nil, err
	}
	return p, nil
}

// Commit syncs the file (unless SyncAll has), makes it readable by all
// (0644) and renames it into place. On an error the temporary file is
// removed and path is left as it was. Call it once, after Begin.
func (p *Pending) Commit() (err error) {
	if p.done {
		return fmt.Errorf("writing %s: committed or aborted already", p.path)
	}
	p.done = true
	defer func() {
		if p.h.Release != nil {
			p.h.Release(p.f.Name())
		}
		if err != nil {
			p.f.Close()
			os.Remove(p.f.Name())
		}
		p.unlock()
	}()
	if !p.synced {
		if err := p.f.Sync(); err != nil {
			return fmt.Errorf("writing %s: %w", p.path, err)
		}
	}
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", p.path, err)
	}
	if err := os.Chmod(p.f.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", p.path, err)
	}
	rename := func() error {
		if err := os.Rename(p.f.Name(), p.path); err != nil {
			return fmt.Errorf("writing %s: %w", p.path, err)
		}
		return nil
	}
	if p.h.Rename != nil {
		return p.h.Rename(rename)
	}
	return rename()
}

// Abort removes the temporary file, leaving path as it was. It does
// nothing once the file is committed or aborted.
func (p *Pending) Abort() {
	if p.done {
		return
	}
	p.done = true
	if p.h.Release != nil {
		p.h.Release(p.f.Name())
	}
	p.f.Close()
	os.Remove(p.f.Name())
	p.unlock()
}

// unlock lets the temporary file's lock go, once it is renamed or removed.
func (p *Pending) unlock() {
	if p.lock != nil {
		p.lock.Close()
		p.lock = nil
	}
}

// SyncAll makes the content of every pending file durable, as Commit's
// sync would, so that Commit then only renames: it fsyncs them all at once,
// each on a goroutine of its own (syncFiles). A run that writes many files
// (a batch) so waits for the disk once for several — the filesystem's
// journal commits their syncs together — where an fsync after another was
// a wait each. On an error none is taken as synced (Commit syncs them
// itself).
func SyncAll(ps []*Pending) error {
	var open []*Pending
	for _, p := range ps {
		if !p.done && !p.synced {
			open = append(open, p)
		}
	}
	if len(open) == 0 {
		return nil
	}
	files := make([]*os.File, len(open))
	for i, p := range open {
		files[i] = p.f
	}
	if err := syncFiles(files); err != nil {
		return err
	}
	for _, p := range open {
		p.synced = true
	}
	return nil
}

// syncFiles fsyncs the files concurrently and returns their errors. Not
// syncfs(2), which measured the same on a batch (453 against 459 ms, medians
// of 10 alternated runs): it writes back everything dirty on the
// filesystem, other programs' files too, which on an archive's shared
// volume is not a batch's to force, and before Linux 5.8 it did not report
// writeback errors.
func syncFiles(files []*os.File) error {
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			if err := f.Sync(); err != nil {
				errs[i] = fmt.Errorf("writing %s: %w", f.Name(), err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
