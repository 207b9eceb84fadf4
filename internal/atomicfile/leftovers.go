package atomicfile

import (
	"os"
	"path/filepath"
	"slices"
)

// RemoveLeftovers removes from folder dir the temporary files that Write
// made for the files named (base names in dir) and that no Write is
// writing any more: those a run killed before it could remove them (kill
// -9, a crash, the machine stopping) left behind. Only the names IsTemp
// gives for one of names are touched, so another file's temporary files,
// in the same folder, are safe; and only regular files, never a link or
// a folder. A temporary file a Write still holds, in this process or
// another, is left to it (see holdTemp). Errors are ignored: what cannot
// be removed stays, as it would have.
func RemoveLeftovers(dir string, names ...string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if of, ok := IsTemp(e.Name()); ok && slices.Contains(names, of) && e.Type().IsRegular() {
			removeAbandoned(filepath.Join(dir, e.Name()))
		}
	}
}
