package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/editions/samples/scenes"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout"
)

// TestNewScaffoldsAnEditionThatSetsCleanly: new writes an edition that
// loads and composes without a single diagnostic (no warning either), with
// the generator's photos and the schema its first line names; a second new
// into the same folder writes nothing.
func TestNewScaffoldsAnEditionThatSetsCleanly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-edition")
	code, stdout, stderr := runCLI(t, "new", dir)
	if code != 0 {
		t.Fatalf("new: exit %d: %s%s", code, stdout, stderr)
	}
	path := filepath.Join(dir, "edition.yaml")
	ed, err := editions.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.Compose(ed, fonts.NewLibrary(), layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range doc.Diagnostics {
		t.Errorf("page %d %s: %s: %s", d.Page, d.Article, d.Code, d.Message)
	}
	var photos, stories, texts int
	for _, a := range ed.Pages[0].Articles {
		switch {
		case a.Story != nil:
			stories++
		case len(a.Photos) > 0:
			photos++
		default:
			texts++
		}
	}
	if len(ed.Pages) != 1 || photos != 1 || stories != 1 || texts != 2 {
		t.Errorf("%d page(s): %d article(s) with a photo, %d photo stories, %d text-only: want 1 page: 1, 1, 2", len(ed.Pages), photos, stories, texts)
	}
	for _, p := range newPhotos {
		want, err := scenes.Build(p)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(filepath.Join(dir, p)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not the generator's picture (%v)", p, err)
		}
	}
	src, _ := os.ReadFile(path)
	if first, _, _ := strings.Cut(string(src), "\n"); first != "# yaml-language-server: $schema=edition.schema.json" {
		t.Errorf("first line %q", first)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "edition.schema.json")); !bytes.Equal(got, editions.Schema()) {
		t.Errorf("edition.schema.json is not the schema")
	}

	// Never overwrite.
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "new", dir); code != exitOutput || !strings.Contains(stderr, "already exists") {
		t.Errorf("new over an existing edition: exit %d, %q", code, stderr)
	}
	if got, _ := os.ReadFile(path); string(got) != "mine" {
		t.Errorf("new overwrote the edition")
	}
}
