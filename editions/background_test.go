package editions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackgroundPixels: with LoadOptions.Background a photo whose header
// is good but whose data is garbled passes LoadWith and is reported by
// ImagesChecked, at the line naming it and with the article, in the words
// a plain load uses; a header fault elsewhere makes the load wait and
// report both at once; a good edition's check comes back nil.
func TestBackgroundPixels(t *testing.T) {
	garbled, err := os.ReadFile("testdata/hostile/garbled.jpg")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.jpg"), garbled, 0o644); err != nil {
		t.Fatal(err)
	}
	writePNG(t, filepath.Join(dir, "good.png"), 40, 30)
	if err := os.WriteFile(filepath.Join(dir, "empty.png"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	edition := func(name, photos string) string {
		path := filepath.Join(dir, name)
		text := strings.Replace(minimal, "        dateline: 本报讯\n", "        dateline: 本报讯\n        photos:\n"+photos, 1)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	bad := edition("bad.yaml", "          - file: good.png\n          - file: bad.jpg\n")
	plain, plainErr := LoadWith(bad, LoadOptions{})
	if plain != nil || plainErr == nil {
		t.Fatal("a plain load accepted a garbled photo")
	}
	ed, err := LoadWith(bad, LoadOptions{Background: true})
	if err != nil {
		t.Fatalf("a background load reported %v before decoding", err)
	}
	if ed.Pages[0].Articles[0].Photos[1].PixelWidth == 0 {
		t.Error("the header's size is not set for layout")
	}
	checked := ed.ImagesChecked()
	ps, ok := checked.(Problems)
	if !ok || len(ps) != 1 {
		t.Fatalf("ImagesChecked = %v, want one problem", checked)
	}
	if got, want := ps[0].Error(), plainErr.Error(); got != want {
		t.Errorf("background: %q\nplain:      %q", got, want)
	}
	if ps[0].Pos.Line != 16 || ps[0].Article != "council" {
		t.Errorf("at %v in %q, want line 16 in council", ps[0].Pos, ps[0].Article)
	}
	if again := ed.ImagesChecked(); again == nil || again.Error() != checked.Error() {
		t.Errorf("a second call gave %v", again)
	}

	both := edition("both.yaml", "          - file: empty.png\n          - file: bad.jpg\n")
	ed, err = LoadWith(both, LoadOptions{Background: true})
	if ed != nil || err == nil || !strings.Contains(err.Error(), "empty") || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("with a header fault too, got %v; want both reported by LoadWith", err)
	}

	good := edition("good.yaml", "          - file: good.png\n")
	ed, err = LoadWith(good, LoadOptions{Background: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := ed.ImagesChecked(); err != nil {
		t.Fatal(err)
	}
}
