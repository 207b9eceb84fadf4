package atomicfile

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback starts writing f's dirty pages to disk and returns at
// once (sync_file_range with SYNC_FILE_RANGE_WRITE alone: no wait, and no
// promise; the fsync that follows is what makes the file durable).
func startWriteback(f *os.File) {
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) {
		_ = unix.SyncFileRange(int(fd), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
	})
}

// syncFiles makes the files durable with one syncfs(2) for each filesystem
// they lie on (told apart by device number), which writes back every dirty
// page and the journal of that filesystem: one wait for several files.
// Where syncfs fails (it reports writeback errors since Linux 5.8), each
// file of that filesystem is fsynced, which reports the file's own.
func syncFiles(files []*os.File) error {
	byDev := map[uint64][]*os.File{}
	var devs []uint64
	for _, f := range files {
		var st unix.Stat_t
		dev := uint64(0)
		if err := unix.Fstat(int(f.Fd()), &st); err == nil {
			dev = st.Dev
		}
		if _, ok := byDev[dev]; !ok {
			devs = append(devs, dev)
		}
		byDev[dev] = append(byDev[dev], f)
	}
	for _, dev := range devs {
		fs := byDev[dev]
		if unix.Syncfs(int(fs[0].Fd())) == nil {
			continue
		}
		for _, f := range fs {
			if err := f.Sync(); err != nil {
				return fmt.Errorf("writing %s: %w", f.Name(), err)
			}
		}
	}
	return nil
}
