package archivegen

import (
	"os"
	"path"
	"path/filepath"
	"testing"
)

// TestOnePage: issue 12's batch case is n one-page editions, none bad,
// each in a folder of its own with the photos it names; without OnePage
// the archive mixes both samples and holds bad editions.
func TestOnePage(t *testing.T) {
	for _, onePage := range []bool{true, false} {
		dir := t.TempDir()
		es, err := GenerateWith(dir, "../../editions/samples", 10, Options{SharedPhotos: true, OnePage: onePage})
		if err != nil {
			t.Fatal(err)
		}
		folders := map[string]bool{}
		pages := map[int]int{}
		bad := 0
		for _, e := range es {
			folders[path.Dir(e.Rel)] = true
			pages[e.Pages]++
			if e.Bad {
				bad++
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Dir(e.Rel)), "photos", "harbour-dusk.jpg")); err != nil {
				t.Errorf("%s: %v", e.Rel, err)
			}
		}
		if onePage {
			if len(es) != 10 || bad != 0 || pages[1] != 10 || len(folders) != 10 {
				t.Errorf("one-page archive: %d editions, %d bad, %d of one page, %d folders; want 10, 0, 10, 10", len(es), bad, pages[1], len(folders))
			}
		} else if bad == 0 || pages[4] == 0 || len(folders) == len(es) {
			t.Errorf("mixed archive: %d bad, %d of four pages, %d folders for %d editions", bad, pages[4], len(folders), len(es))
		}
	}
}
