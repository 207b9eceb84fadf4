//go:build !linux

package atomicfile

import (
	"fmt"
	"os"
)

// startWriteback does nothing where sync_file_range is not Linux's.
func startWriteback(*os.File) {}

// syncFiles fsyncs each file.
func syncFiles(files []*os.File) error {
	for _, f := range files {
		if err := f.Sync(); err != nil {
			return fmt.Errorf("writing %s: %w", f.Name(), err)
		}
	}
	return nil
}
