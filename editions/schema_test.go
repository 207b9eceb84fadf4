package editions

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// schemaFile is the schema kept in the repository, which the samples name.
const schemaFile = "edition.schema.json"

// TestSchemaFileIsCurrent fails when the kept schema differs from what the
// types give. Regenerate it with
//
//	go run ./cmd/broadsheet schema > editions/edition.schema.json
func TestSchemaFileIsCurrent(t *testing.T) {
	kept, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(kept, Schema()) {
		t.Fatalf("editions/%s is stale: regenerate it with `go run ./cmd/broadsheet schema > editions/%s`", schemaFile, schemaFile)
	}
}

// compileSchema compiles the generated schema with a validator that knows
// nothing of how it was made.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return s
}

// yamlValue turns a YAML document into the JSON values an editor's YAML
// language server checks: YAML 1.2 core types, so a date stays text.
func yamlValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		return yamlValue(n.Content[0])
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := yamlValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		var s []any
		for _, c := range n.Content {
			v, err := yamlValue(c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		return n.Value == "true", nil
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n.Line, err)
		}
		return f, nil
	}
	return n.Value, nil
}

func validateYAML(t *testing.T, s *jsonschema.Schema, src []byte) error {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		t.Fatal(err)
	}
	v, err := yamlValue(&n)
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(v)
}

// TestSamplesValidateAgainstSchema: every sample and fixture names the kept
// schema on its first line and validates against it.
func TestSamplesValidateAgainstSchema(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob(filepath.Join("samples", "*.yaml"))
	fixtures, _ := filepath.Glob(filepath.Join("samples", "testdata", "*.yaml"))
	files = append(files, fixtures...)
	if len(files) < 3 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(src), "\n")
		rel, _ := filepath.Rel(filepath.Dir(f), schemaFile)
		if want := "# yaml-language-server: $schema=" + filepath.ToSlash(rel); first != want {
			t.Errorf("%s: first line %q, want %q", f, first, want)
		}
		if err := validateYAML(t, s, src); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	// The edition "broadsheet new" writes, beside its own copy of the schema.
	scaffold, err := os.ReadFile(filepath.Join("..", "cmd", "broadsheet", "new-edition.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := validateYAML(t, s, scaffold); err != nil {
		t.Errorf("the scaffold of broadsheet new: %v", err)
	}
}

// TestSchemaRejects: a misspelt key, a missing required key, a value
// outside its choices and a length without a unit fail validation, as
// they fail Load.
func TestSchemaRejects(t *testing.T) {
	s := compileSchema(t)
	good, err := os.ReadFile(filepath.Join("samples", "local-news.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, old, new string }{
		{"misspelt key", "    headline:", "    headlin:"},
		{"misspelt top-level key", "\npaper:", "\npapr:"},
		{"missing required key", "\nissue:", "\n# issue:"},
		{"preset outside its choices", "preset: duikai", "preset: duikia"},
		{"length without a unit", "preset: duikai", "preset: duikai\npage: {bleed: 3}"},
	} {
		t.Run(c.name, func(t *testing.T) {
			i := bytes.Index(good, []byte(c.old))
			if i < 0 {
				t.Fatalf("the sample has no %q", c.old)
			}
			bad := append(append(append([]byte(nil), good[:i]...), c.new...), good[i+len(c.old):]...)
			if err := validateYAML(t, s, bad); err == nil {
				t.Errorf("validates with %q for %q", c.new, c.old)
			}
		})
	}
}

// TestSchemaDocumentsEveryKey: every key has a description.
func TestSchemaDocumentsEveryKey(t *testing.T) {
	if bytes.Contains(Schema(), []byte(`"description": ""`)) {
		t.Errorf("a key has an empty description")
	}
}
