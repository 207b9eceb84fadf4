// Package edgen generates long editions for the speed and memory
// benchmarks: a sample of P pages repeated in blocks of P pages, so a
// 400-page edition made from the four-page sample has its text, photos,
// ads and jumps a hundred times over, and the one-page sample repeated
// eight times sets eight pages against Typst on the same eight.
//
// Page Pb+k of block b carries the sample's page k (page 1 of a later
// block under a folio rather than the masthead). Every continue-on is
// moved into its block (the four-page sample's page 1 lead jumps to page
// 4b+4), article and ad ids get the suffix "-pN" of their page, and files
// are named by absolute path, so the edition can be written anywhere.
package edgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Generate reads the sample edition at samplePath and returns the YAML of
// an edition of pages pages, a positive multiple of the sample's.
func Generate(samplePath string, pages int) ([]byte, error) {
	src, err := os.ReadFile(samplePath)
	if err != nil {
		return nil, fmt.Errorf("edgen: %w", err)
	}
	dir, err := filepath.Abs(filepath.Dir(samplePath))
	if err != nil {
		return nil, fmt.Errorf("edgen: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("edgen: %s: %w", samplePath, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, fmt.Errorf("edgen: %s: not one YAML document", samplePath)
	}
	root := doc.Content[0]
	tmpl := Value(root, "pages")
	if tmpl == nil || tmpl.Kind != yaml.SequenceNode || len(tmpl.Content) == 0 {
		return nil, fmt.Errorf("edgen: %s: no pages", samplePath)
	}
	per := len(tmpl.Content)
	if pages < per || pages%per != 0 {
		return nil, fmt.Errorf("edgen: %d pages: want a positive multiple of the sample's %d", pages, per)
	}
	out := &yaml.Node{Kind: yaml.SequenceNode}
	for n := 1; n <= pages; n++ {
		base := n - (n-1)%per // first page of the block
		p := clone(tmpl.Content[(n-1)%per])
		if err := renumber(p, n, base, per, dir); err != nil {
			return nil, err
		}
		out.Content = append(out.Content, p)
	}
	set(root, "pages", out)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("edgen: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("edgen: %w", err)
	}
	return b.Bytes(), nil
}

// renumber makes template page p page n of the block of per pages starting
// at base.
func renumber(p *yaml.Node, n, base, per int, dir string) error {
	num := Value(p, "number")
	if num == nil {
		return fmt.Errorf("edgen: a sample page has no number")
	}
	num.Value = strconv.Itoa(n)
	for _, key := range []string{"articles", "ads"} {
		list := Value(p, key)
		if list == nil {
			continue
		}
		for _, it := range list.Content {
			if id := Value(it, "id"); id != nil {
				id.Value += "-p" + strconv.Itoa(n)
			}
			if c := Value(it, "continue-on"); c != nil {
				to, err := strconv.Atoi(c.Value)
				if err != nil || to < 1 || to > per {
					return fmt.Errorf("edgen: continue-on %q is not a page of the sample", c.Value)
				}
				c.Value = strconv.Itoa(base + to - 1)
			}
		}
	}
	absFiles(p, dir)
	return nil
}

// absFiles makes every relative `file:` under n absolute, from dir.
func absFiles(n *yaml.Node, dir string) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "file" && v.Kind == yaml.ScalarNode && !filepath.IsAbs(v.Value) {
				v.Value = filepath.Join(dir, filepath.FromSlash(v.Value))
			}
		}
	}
	for _, c := range n.Content {
		absFiles(c, dir)
	}
}

// Value is the value of key in YAML mapping m, or nil.
func Value(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// set replaces the value of key in mapping m.
func set(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
}

// clone copies a node tree deeply.
func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = clone(k)
	}
	return &c
}
