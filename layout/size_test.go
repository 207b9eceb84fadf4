package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFilesStaySmall: no file of the root layout package is over 500
// lines (issue 8): a file that grows past it holds more than one stage's
// work and should be split.
func TestFilesStaySmall(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(b), "\n"); n > 500 {
			t.Errorf("%s has %d lines; split it by stage", f, n)
		}
	}
}
