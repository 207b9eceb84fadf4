//go:build !linux

package atomicfile

import "os"

// startWriteback does nothing where sync_file_range is not Linux's.
func startWriteback(*os.File) {}
