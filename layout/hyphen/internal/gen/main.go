// Command gen compiles TeX hyphenation patterns (a \patterns{...} list)
// and exception lists (\hyphenation{...}) into the table that package
// hyphen reads in place: run by `go generate ./layout/hyphen`.
//
// The output is deterministic: the same files give the same bytes. Its
// format is documented in package hyphen (hyphen.go).
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/broadsheet-news/broadsheet/internal/atomicfile"
)

func main() {
	out := flag.String("o", "en-us.hyph", "the compiled table")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -o OUT FILE.tex... (patterns and exceptions, later exceptions replacing earlier ones)")
		os.Exit(2)
	}
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(outPath string, files []string) error {
	var in []source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		in = append(in, source{f, string(b)})
	}
	data, err := compile(in)
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(outPath, data, atomicfile.Hooks{})
}

type source struct{ name, text string }

// pattern is one Liang pattern: its letters (with . for a word edge) and
// the value of each gap, len(letters)+1 of them.
type pattern struct {
	letters string
	values  []byte
}

// compile reads every \patterns and \hyphenation list of the sources, in
// order (a later exception for the same word replaces an earlier one, as
// in TeX), and lays out the table.
func compile(in []source) ([]byte, error) {
	pats := map[string][]byte{}
	exc := map[string]string{} // word -> hyphenated form
	for _, s := range in {
		lists, err := lists(s)
		if err != nil {
			return nil, err
		}
		for _, l := range lists {
			for _, tok := range l.tokens {
				switch l.cmd {
				case `\patterns`:
					p, err := parsePattern(tok.text)
					if err != nil {
						return nil, fmt.Errorf("%s:%d: %w", s.name, tok.line, err)
					}
					if old, ok := pats[p.letters]; ok && !bytes.Equal(old, p.values) {
						return nil, fmt.Errorf("%s:%d: pattern %q given twice with other values", s.name, tok.line, tok.text)
					}
					pats[p.letters] = p.values
				case `\hyphenation`:
					h := strings.ToLower(tok.text)
					for _, r := range h {
						if (r < 'a' || r > 'z') && r != '-' {
							return nil, fmt.Errorf("%s:%d: exception %q: only letters and hyphens", s.name, tok.line, tok.text)
						}
					}
					if strings.HasPrefix(h, "-") || strings.HasSuffix(h, "-") || strings.Contains(h, "--") {
						return nil, fmt.Errorf("%s:%d: exception %q: a hyphen must stand between letters", s.name, tok.line, tok.text)
					}
					w := strings.ReplaceAll(h, "-", "")
					if len(w) > maxWord {
						return nil, fmt.Errorf("%s:%d: exception %q: longer than %d letters", s.name, tok.line, tok.text, maxWord)
					}
					exc[w] = h
				}
			}
		}
	}
	if len(pats) == 0 {
		return nil, errors.New("no patterns")
	}
	return layout(pats, exc)
}

// maxWord is the longest word package hyphen hyphenates (TeX's limit).
const maxWord = 63

type token struct {
	text string
	line int
}

type list struct {
	cmd    string
	tokens []token
}

// lists finds each \patterns{...} and \hyphenation{...} in a TeX file,
// comments (% to the end of the line) removed. Anything else outside them
// is refused, so that a file of another shape is not read wrongly.
func lists(s source) ([]list, error) {
	var out []list
	var cur *list
	for i, line := range strings.Split(s.text, "\n") {
		if c := strings.IndexByte(line, '%'); c >= 0 {
			line = line[:c]
		}
		for _, f := range strings.Fields(line) {
			switch {
			case cur == nil && (f == `\patterns{` || f == `\hyphenation{`):
				out = append(out, list{cmd: strings.TrimSuffix(f, "{")})
				cur = &out[len(out)-1]
			case cur == nil:
				return nil, fmt.Errorf("%s:%d: %q outside \\patterns{} and \\hyphenation{}", s.name, i+1, f)
			case f == "}":
				cur = nil
			case strings.ContainsAny(f, `{}\`):
				return nil, fmt.Errorf("%s:%d: %q: unexpected TeX inside a list", s.name, i+1, f)
			default:
				cur.tokens = append(cur.tokens, token{f, i + 1})
			}
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("%s: %s{ not closed", s.name, cur.cmd)
	}
	return out, nil
}

// parsePattern reads a pattern such as ".ach4" or "4z1z2".
func parsePattern(s string) (pattern, error) {
	var p pattern
	var letters []byte
	v := byte(0)
	digit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digit {
				return p, fmt.Errorf("pattern %q: two digits together", s)
			}
			v, digit = c-'0', true
		case c >= 'a' && c <= 'z' || c == '.':
			p.values = append(p.values, v)
			letters = append(letters, c)
			v, digit = 0, false
		default:
			return p, fmt.Errorf("pattern %q: %q is not a letter, dot or digit", s, c)
		}
	}
	p.values = append(p.values, v)
	p.letters = string(letters)
	if len(letters) == 0 {
		return p, fmt.Errorf("pattern %q: no letters", s)
	}
	if len(letters) > 2 && bytes.IndexByte(letters[1:len(letters)-1], '.') >= 0 {
		return p, fmt.Errorf("pattern %q: a dot inside (only a word's edges are marked)", s)
	}
	return p, nil
}

// layout writes the table (see package hyphen for the format).
func layout(pats map[string][]byte, exc map[string]string) ([]byte, error) {
	// The trie, breadth first, children in byte order: the children of
	// node n are nodes first[n] .. first[n+1]-1.
	type node struct {
		label byte
		val   int // offset+1 into the values, 0: no pattern ends here
		kids  map[byte]*node
		id    int
	}
	root := &node{kids: map[byte]*node{}}
	keys := make([]string, 0, len(pats))
	for k := range pats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var values []byte
	for _, k := range keys {
		n := root
		for i := 0; i < len(k); i++ {
			c := n.kids[k[i]]
			if c == nil {
				c = &node{label: k[i], kids: map[byte]*node{}}
				n.kids[k[i]] = c
			}
			n = c
		}
		n.val = len(values) + 1
		values = append(values, pats[k]...)
	}
	if len(values) >= 1<<16 {
		return nil, fmt.Errorf("%d bytes of values: more than the format's 16 bits address", len(values))
	}
	order := []*node{root}
	for i := 0; i < len(order); i++ {
		n := order[i]
		n.id = i
		ls := make([]byte, 0, len(n.kids))
		for l := range n.kids {
			ls = append(ls, l)
		}
		sort.Slice(ls, func(a, b int) bool { return ls[a] < ls[b] })
		for _, l := range ls {
			order = append(order, n.kids[l])
		}
	}
	var out bytes.Buffer
	le := binary.LittleEndian
	u32 := func(v int) { out.Write(le.AppendUint32(nil, uint32(v))) }
	u16 := func(v int) { out.Write(le.AppendUint16(nil, uint16(v))) }
	words := make([]string, 0, len(exc))
	for w := range exc {
		words = append(words, w)
	}
	sort.Strings(words)
	out.WriteString("BSHY")
	u32(version)
	u32(len(order))
	u32(len(values))
	u32(len(words))
	// Nodes: first child, label, pad, value offset+1.
	next := 1
	for _, n := range order {
		u32(next)
		out.WriteByte(n.label)
		out.WriteByte(0)
		u16(n.val)
		next += len(n.kids)
	}
	u32(next) // the end of the last node's children
	out.WriteByte(0)
	out.WriteByte(0)
	u16(0)
	out.Write(values)
	// Exceptions: offsets into the text that follows, then the text: each
	// hyphenated form, sorted by its word.
	off := 0
	for _, w := range words {
		u32(off)
		off += len(exc[w])
	}
	u32(off)
	for _, w := range words {
		out.WriteString(exc[w])
	}
	return out.Bytes(), nil
}

// version is the format's version (package hyphen checks it).
const version = 1
