//go:build unix

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// holdTemp marks the temporary file f as being written, for
// RemoveLeftovers in this process or any other: it opens f a second time
// and takes an exclusive flock(2) on that open file, which the caller
// keeps open until the file is renamed or removed. A second open file, so
// that closing f before the rename (which reports a failed write-back)
// does not let the lock go. A process that dies, however, lets it go with
// its descriptors: what it leaves is then a leftover. ok is false when f
// is no longer at its name — RemoveLeftovers took it between its creation
// and the lock — and the caller makes another. Where the filesystem has no
// locks, the file is written unheld (lock nil), as before locks were.
func holdTemp(f *os.File) (lock *os.File, ok bool, err error) {
	l, err := os.Open(f.Name())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	// It waits only while a RemoveLeftovers looks at the file.
	if err := flock(l, unix.LOCK_EX); err != nil {
		l.Close()
		return nil, true, nil
	}
	// Still f, and still at its name (a file RemoveLeftovers took before
	// the lock has no link left).
	fi, err1 := f.Stat()
	li, err2 := l.Stat()
	if err1 != nil || err2 != nil || !os.SameFile(fi, li) || links(li) == 0 {
		l.Close()
		return nil, false, nil
	}
	return l, true, nil
}

// removeAbandoned removes the temporary file at path unless a Write holds
// it (holdTemp), or it is not a regular file.
func removeAbandoned(path string) {
	// Not following a link, and not waiting on a FIFO put there since.
	f, err := os.OpenFile(path, os.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	if err != nil {
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return
	}
	if err := flock(f, unix.LOCK_EX|unix.LOCK_NB); errors.Is(err, unix.EWOULDBLOCK) {
		return // being written
	}
	// Held now (or on a filesystem without locks, as batch always did):
	// removed if the name is still this file.
	if ni, err := os.Lstat(path); err == nil && os.SameFile(fi, ni) {
		os.Remove(path)
	}
}

// links is the number of names a file has.
func links(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// flock applies flock(2) to f.
func flock(f *os.File, how int) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) { ferr = unix.Flock(int(fd), how) }); err != nil {
		return err
	}
	return ferr
}
