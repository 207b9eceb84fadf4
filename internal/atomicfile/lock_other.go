//go:build !unix

package atomicfile

import "os"

// holdTemp holds nothing where flock(2) is not: RemoveLeftovers cannot
// tell a temporary file being written from one left behind.
func holdTemp(*os.File) (lock *os.File, ok bool, err error) { return nil, true, nil }

// removeAbandoned removes the temporary file at path if it is a regular
// file.
func removeAbandoned(path string) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode().IsRegular() {
		os.Remove(path)
	}
}
