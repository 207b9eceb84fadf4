package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/broadsheet-news/broadsheet/editions/samples/scenes"
)

// TestSamplesReferToGeneratedFiles reads each sample edition as plain YAML
// and checks that every file it names is one the generator makes, that each
// is used, and that article ids are unique within an edition.
func TestSamplesReferToGeneratedFiles(t *testing.T) {
	made := map[string]bool{}
	for _, a := range scenes.Assets() {
		made[a.Path] = true
	}
	used := map[string]bool{}
	editions, err := filepath.Glob(filepath.Join(samplesDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fixtures, err := filepath.Glob(filepath.Join(samplesDir, "testdata", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(editions) < 2 {
		t.Fatalf("found %d sample editions, want at least 2", len(editions))
	}
	for _, path := range slices.Concat(editions, fixtures) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		base, err := filepath.Rel(samplesDir, filepath.Dir(path))
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		walk(&doc, func(key, value *yaml.Node) {
			switch key.Value {
			case "file":
				p := filepath.ToSlash(filepath.Join(base, value.Value))
				used[p] = true
				if !made[p] {
					t.Errorf("%s:%d: %s is not made by the generator", filepath.Base(path), value.Line, value.Value)
				}
			case "id":
				if ids[value.Value] {
					t.Errorf("%s:%d: id %q used twice", filepath.Base(path), value.Line, value.Value)
				}
				ids[value.Value] = true
			}
		})
	}
	for _, a := range scenes.Assets() {
		if !used[a.Path] {
			t.Errorf("%s is generated but no sample uses it", a.Path)
		}
	}
}

// walk calls f for every key/scalar-value pair in a YAML tree.
func walk(n *yaml.Node, f func(key, value *yaml.Node)) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i+1].Kind == yaml.ScalarNode {
				f(n.Content[i], n.Content[i+1])
			}
		}
	}
	for _, c := range n.Content {
		walk(c, f)
	}
}
