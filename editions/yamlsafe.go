package editions

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// decimalRE is a whole number as a person writes it: digits, maybe signed.
var decimalRE = regexp.MustCompile(`^[-+]?[0-9]+$`)

// parseWhole reads a decimal whole number (leading zeros are not octal).
func parseWhole(s string) (int64, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(strings.TrimLeft(s, "+-"), "0")
	if s == "" {
		return 0, nil
	}
	if neg {
		s = "-" + s
	}
	return strconv.ParseInt(s, 10, 32)
}

// maxMergeDepth bounds merges of merges (<<: *a where a merges b …).
const maxMergeDepth = 16

// mergedPairs returns the key/value pairs of mapping n with its merge keys
// (<<: *anchor, or <<: [*a, *b]) expanded as YAML 1.1 defines them: keys
// written in the mapping win over merged ones, and among merged mappings
// the first that has a key wins.
func (d *decoder) mergedPairs(n *yaml.Node, what string, depth int) []*yaml.Node {
	if !hasMergeKey(n) {
		return n.Content[:len(n.Content)&^1] // the pairs as written: no copy
	}
	var own, merged []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value != "<<" || k.Style != 0 {
			own = append(own, k, v)
			continue
		}
		if depth >= maxMergeDepth {
			d.add(k, "merge keys (<<) nested too deep in %s", what)
			continue
		}
		src := d.resolve(v)
		if src == nil {
			continue
		}
		var maps []*yaml.Node
		switch src.Kind {
		case yaml.MappingNode:
			maps = []*yaml.Node{src}
		case yaml.SequenceNode:
			for _, c := range src.Content {
				if c = d.resolve(c); c != nil && c.Kind == yaml.MappingNode {
					maps = append(maps, c)
				} else if c != nil {
					d.add(c, "<< in %s merges mappings (such as *photo), not %s", what, kindName(c))
				}
			}
		default:
			d.add(v, "<< in %s merges a mapping (such as *photo) or a list of them, not %s", what, kindName(src))
		}
		for _, m := range maps {
			merged = append(merged, d.mergedPairs(m, what, depth+1)...)
		}
	}
	if len(merged) == 0 {
		return own
	}
	present := map[string]bool{}
	for i := 0; i < len(own); i += 2 {
		present[own[i].Value] = true
	}
	out := own
	for i := 0; i+1 < len(merged); i += 2 {
		if k := merged[i].Value; !present[k] {
			present[k] = true
			out = append(out, merged[i], merged[i+1])
		}
	}
	return out
}

// hasMergeKey reports whether mapping n has a merge key (<<) of its own.
func hasMergeKey(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style == 0 {
			return true
		}
	}
	return false
}

// knownTags are the YAML tags an edition may carry (explicitly or, as
// yaml.v3 resolves plain values, implicitly).
var knownTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!map": true, "!!seq": true, "!!merge": true, "!!timestamp": true,
}

// checkTags reports every node with a tag an edition does not use
// (!include, !!python/object, …): Broadsheet would otherwise read its value
// as if the tag were not there. yaml.v3's nodes form a tree (an alias
// points at its anchor through Alias, not Content), so each is seen once.
func checkTags(n *yaml.Node, ps *problems) {
	if n == nil {
		return
	}
	if n.Kind != yaml.DocumentNode && n.Kind != yaml.AliasNode && n.Style&yaml.TaggedStyle != 0 && !knownTags[n.ShortTag()] {
		ps.add(n.Line, n.Column, "", "the YAML tag %s is not one an edition uses; remove it", n.Tag)
	}
	for _, c := range n.Content {
		checkTags(c, ps)
	}
}

// decodeOne parses data as exactly one YAML document. A second document
// (after a --- line) is an error: it would otherwise be silently ignored.
func decodeOne(name string, data []byte, ps *problems) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return &root, nil
		}
		return nil, syntaxProblem(name, data, err)
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, syntaxProblem(name, data, err)
	default:
		line := second.Line
		if len(second.Content) > 0 {
			line = second.Content[0].Line
		}
		if line > 1 {
			line-- // the --- line above the second document's content
		}
		ps.add(line, 1, "", "a second YAML document starts here (after ---); an edition file holds one edition")
	}
	return &root, nil
}

// yamlText reports whether data is UTF-8 text (utf8.Valid) of characters
// YAML allows (checkCharacters: yamlPrintable, a byte order mark only
// first). It reads the bytes once and decodes no rune, for the files that
// are fine; a file it turns down goes through the two slower checks, which
// say where and what. lfOnly tells, of a file it takes, that no line
// breaks but LF are in it (no CR, NEL, LS or PS, which yaml.v3 also counts
// as line breaks): parseSplit needs to know.
func yamlText(data []byte) (ok, lfOnly bool) {
	n := len(data)
	lfOnly = true
	for i := 0; i < n; {
		c := data[i]
		switch {
		case c < utf8.RuneSelf:
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
				return false, false
			}
			if c == '\r' {
				lfOnly = false
			}
			i++
		case c >= 0xE3 && c <= 0xEC: // U+3000–U+CFFF, most Chinese text: no special case
			if i+2 >= n || data[i+1]&0xC0 != 0x80 || data[i+2]&0xC0 != 0x80 {
				return false, false
			}
			i += 3
		case c >= 0xC2 && c <= 0xDF: // U+0080–U+07FF
			if i+1 >= n || data[i+1]&0xC0 != 0x80 {
				return false, false
			}
			if c == 0xC2 && data[i+1] < 0xA0 {
				if data[i+1] != 0x85 {
					return false, false // a C1 control other than NEL
				}
				lfOnly = false
			}
			i += 2
		case c >= 0xE0 && c <= 0xEF: // U+0800–U+2FFF, U+D000–U+FFFF
			if i+2 >= n {
				return false, false
			}
			c1, c2 := data[i+1], data[i+2]
			lo, hi := byte(0x80), byte(0xBF)
			switch c {
			case 0xE0:
				lo = 0xA0 // not overlong
			case 0xED:
				hi = 0x9F // not a surrogate
			case 0xE2:
				if c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9) {
					lfOnly = false // U+2028, U+2029
				}
			}
			if c1 < lo || c1 > hi || c2&0xC0 != 0x80 {
				return false, false
			}
			if c == 0xEF && (c1 == 0xBF && c2 >= 0xBE || c1 == 0xBB && c2 == 0xBF && i > 0) {
				return false, false // U+FFFE, U+FFFF, or U+FEFF past the start
			}
			i += 3
		case c >= 0xF0 && c <= 0xF4: // U+10000–U+10FFFF
			if i+3 >= n {
				return false, false
			}
			c1 := data[i+1]
			lo, hi := byte(0x80), byte(0xBF)
			switch c {
			case 0xF0:
				lo = 0x90 // not overlong
			case 0xF4:
				hi = 0x8F // not past U+10FFFF
			}
			if c1 < lo || c1 > hi || data[i+2]&0xC0 != 0x80 || data[i+3]&0xC0 != 0x80 {
				return false, false
			}
			i += 4
		default:
			return false, false
		}
	}
	return true, lfOnly
}

// checkCharacters reports the characters YAML does not allow in a file (a
// NUL byte, other control characters), at their line and column: yaml.v3
// reports them without a position.
func checkCharacters(data []byte, ps *problems) bool {
	line, col := 1, 1
	ok := true
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if !yamlPrintable(r) && !(r == 0xFEFF && i == 0) {
			name := ""
			if r == 0 {
				name = " (NUL)"
			}
			ps.add(line, col, "", "the file contains the control character U+%04X%s, which an edition cannot hold; delete it", r, name)
			ok = false
			if len(ps.list) > 20 {
				return false
			}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return ok
}

// yamlPrintable is YAML 1.1's printable set, which yaml.v3 enforces.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0x10000 && r <= 0x10FFFF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return r != 0xFEFF
	}
	return false
}
