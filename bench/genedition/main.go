// Command genedition writes an edition for the side-by-side benchmark
// (bench/run.sh) by repeating the pages of a sample of any length (the
// one-page sample eight times, to set against Typst on the same eight
// pages; bench/genpages does the four-page sample for the memory
// benchmarks): page k of the output is page k mod P of the
// sample (P pages), renumbered, with every article and ad id made unique
// (suffix "-bN" for the N-th repetition), jumps (continue-on) moved to the
// same page of the same repetition, and file paths made absolute so the
// edition can be written anywhere (render it with --allow-path editions/samples:
// files outside an edition's folder are refused otherwise).
//
//	go run ./bench/genedition editions/samples/local-news.yaml 8 /tmp/one-x8.yaml
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/broadsheet-news/broadsheet/bench/edgen"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: genedition SAMPLE.yaml PAGES OUT.yaml")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err == nil {
		err = generate(os.Args[1], n, os.Args[3])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genedition:", err)
		os.Exit(1)
	}
}

func generate(path string, n int, out string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return err
	}
	root := doc.Content[0]
	pages := edgen.Value(root, "pages")
	if pages == nil || len(pages.Content) == 0 {
		return fmt.Errorf("%s: no pages", path)
	}
	p := len(pages.Content)
	if n <= 0 || n%p != 0 {
		return fmt.Errorf("%d pages: want a multiple of the sample's %d", n, p)
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return err
	}
	var out1 []*yaml.Node
	for k := range n {
		block := k / p
		pg := clone(pages.Content[k%p])
		if num := edgen.Value(pg, "number"); num != nil {
			num.Value = strconv.Itoa(k + 1)
		}
		rewrite(pg, block, p, dir)
		out1 = append(out1, pg)
	}
	pages.Content = out1
	b, err := yaml.Marshal(&doc)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}

func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = clone(k)
	}
	return &c
}

// rewrite makes ids unique per repetition, moves jumps into the
// repetition and makes file paths absolute, anywhere below n.
func rewrite(n *yaml.Node, block, p int, dir string) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1]
			switch {
			case k == "id" && v.Kind == yaml.ScalarNode:
				v.Value = fmt.Sprintf("%s-b%d", v.Value, block+1)
			case k == "continue-on" && v.Kind == yaml.ScalarNode:
				if to, err := strconv.Atoi(v.Value); err == nil {
					v.Value = strconv.Itoa(to + block*p)
				}
			case k == "file" && v.Kind == yaml.ScalarNode && !filepath.IsAbs(v.Value):
				v.Value = filepath.Join(dir, v.Value)
			}
		}
	}
	for _, c := range n.Content {
		rewrite(c, block, p, dir)
	}
}
