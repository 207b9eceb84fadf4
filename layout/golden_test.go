package layout

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

var update = flag.Bool("update", false, "rewrite the golden display-list dumps in testdata/golden")

// TestGoldenDisplayList compares the display list of each sample with its
// dump in testdata/golden, so a layout change shows as a readable diff of
// what moved. After a deliberate change, rewrite the dumps with
//
//	go test ./layout -run TestGoldenDisplayList -update
//
// and read the diff before committing it.
func TestGoldenDisplayList(t *testing.T) {
	lib := fonts.NewLibrary()
	for _, path := range typographySamples() {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			doc := composeEd(t, loadSample(t, path), lib)
			var got bytes.Buffer
			if err := display.Dump(&got, doc); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("the display list of %s differs from %s:\n%s\nrun `go test ./layout -run TestGoldenDisplayList -update` if the change is meant", path, golden, lineDiff(string(want), got.String()))
			}
		})
	}
}

// lineDiff shows the first lines where want and got differ, with a few
// lines of context, enough to see what moved.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 20; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
