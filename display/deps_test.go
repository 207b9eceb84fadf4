package display_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWritersDependOnDisplayListOnly: the display list and its writers (the
// PDF writer, the PNG preview) never reach the layout engine, the edition
// model or the placement search, so a writer depends on the display list
// (and the fonts) alone.
func TestWritersDependOnDisplayListOnly(t *testing.T) {
	const mod = "github.com/broadsheet-news/broadsheet/"
	forbidden := []string{mod + "layout", mod + "editions", mod + "layout/place", mod + "layout/text"}
	for _, pkg := range []string{mod + "display", mod + "pdf", mod + "preview"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range forbidden {
				if dep == f {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}
