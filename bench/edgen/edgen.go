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
	"strings"

	"gopkg.in/yaml.v3"
)

// Options are GenerateWith's choices.
type Options struct {
	// Vary gives each block after the first body text of its own: every
	// paragraph of two sentences or more has its sentences in another
	// order (block b takes the b-th ordering, counted in lexicographic
	// order of the permutations and round again past the last), so the
	// blocks set different paragraphs from the same characters at the same
	// lengths. A typesetter that remembers paragraphs it has set (Typst)
	// then lays out every block anew, as it would the pages of a real
	// edition. Headlines, captions and bylines stay the sample's.
	Vary bool
}

// Generate reads the sample edition at samplePath and returns the YAML of
// an edition of pages pages, a positive multiple of the sample's.
func Generate(samplePath string, pages int) ([]byte, error) {
	return GenerateWith(samplePath, pages, Options{})
}

// GenerateWith is Generate with options.
func GenerateWith(samplePath string, pages int, opt Options) ([]byte, error) {
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
		if b := (n - 1) / per; opt.Vary && b > 0 {
			vary(p, b)
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

// vary puts the sentences of every body paragraph of page p in their b-th
// ordering (see Options.Vary). A body is a block of paragraphs parted by
// blank lines.
func vary(p *yaml.Node, b int) {
	list := Value(p, "articles")
	if list == nil {
		return
	}
	for _, a := range list.Content {
		body := Value(a, "body")
		if body == nil || body.Kind != yaml.ScalarNode {
			continue
		}
		pars := strings.Split(body.Value, "\n\n")
		for i, par := range pars {
			text := strings.TrimRight(par, "\n") // the block's last line break stays last
			pars[i] = strings.Join(permute(sentences(text), b), "") + par[len(text):]
		}
		body.Value = strings.Join(pars, "\n\n")
	}
}

// sentences cuts a paragraph after each 。！？ and the closing quotes and
// brackets that follow it; what follows the last stop is a sentence too.
func sentences(par string) []string {
	rs := []rune(par)
	var out []string
	start := 0
	for i := 0; i < len(rs); i++ {
		if rs[i] != '。' && rs[i] != '！' && rs[i] != '？' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("”’」』）", rs[j]) {
			j++
		}
		out = append(out, string(rs[start:j]))
		start, i = j, j-1
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

// permute returns s in its k-th ordering, in lexicographic order of the
// permutations of its indices (the 0th is s itself), k taken modulo n!.
// The k-th ordering moves only the last m items, m the least with m! > k,
// so no factorial larger than k·m is formed (n! overflows past n = 20).
func permute(s []string, k int) []string {
	n := len(s)
	m, fact := 0, 1
	for m < n && fact <= k {
		m++
		fact *= m
	}
	k %= fact // m = n and n! ≤ k: round again
	out := append(make([]string, 0, n), s[:n-m]...)
	rest := append([]string(nil), s[n-m:]...)
	for i := m; i >= 1; i-- {
		fact /= i
		j := k / fact
		k %= fact
		out = append(out, rest[j])
		rest = append(rest[:j], rest[j+1:]...)
	}
	return out
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
