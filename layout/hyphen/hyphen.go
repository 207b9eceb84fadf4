// Package hyphen finds where an English word may be broken with a hyphen,
// by Frank Liang's pattern method, the one TeX uses ("Word Hy-phen-a-tion
// by Com-put-er", Stanford, 1983; The TeXbook, appendix H).
//
// The patterns are Plain TeX's hyphen.tex (Liang and Knuth, 4,447 patterns
// for US English), with its own exceptions and those of the TUGboat
// hyphenation exception log (ushyphex.tex, 1,753 words): a word in an
// exception list is hyphenated as the list says, every other word as the
// patterns say. SOURCES.md says where the files come from and under what
// terms. `go generate` (internal/gen) compiles them into en-us.hyph, a
// trie the package reads where it lies in the binary: loading it parses
// nothing.
package hyphen

import (
	_ "embed"
	"errors"
	"fmt"
)

//go:generate go run ./internal/gen -o en-us.hyph hyphen.tex ushyphex.tex

//go:embed en-us.hyph
var enUS string

// The compiled table, all integers little-endian:
//
//	"BSHY" version:u32 nodes:u32 values:u32 exceptions:u32
//	node:[nodes+1] of 8 bytes:
//	  first:u32  node n's children are nodes first[n] .. first[n+1]-1
//	  label:u8   the letter (a-z, or . for a word's edge) on the edge into
//	             the node; children in letter order
//	  pad:u8
//	  value:u16  0, or 1 + the offset in values of the pattern ending at
//	             the node: one digit for each gap of it, depth+1 of them
//	values:[values]u8
//	excOff:[exceptions+1]u32  offsets in the text that follows
//	excText: each exception's hyphenated form (as-so-ciate), sorted by
//	         its word (associate)
//
// Node 0 is the root; the last record only ends the children of the one
// before.
const (
	headerLen = 20
	recLen    = 8
	version   = 1
)

// MaxWord is the longest word that is hyphenated: as in TeX, a longer one
// has no points.
const MaxWord = 63

// TeX's least letters before and after a hyphen in English
// (\lefthyphenmin and \righthyphenmin), for which the patterns were made.
const (
	TeXLeftMin  = 2
	TeXRightMin = 3
)

// Hyphenator finds hyphenation points by one set of patterns and
// exceptions. It is a read-only view of the compiled table, cheap to copy
// and safe for concurrent use. The zero Hyphenator finds no points.
type Hyphenator struct {
	data                       string
	nodes, exceptions          int
	valOff, excOff, excTextOff int
}

// USEnglish returns the US English hyphenator built into the binary. It
// parses nothing: the cost is a few header checks.
func USEnglish() Hyphenator {
	h, err := load(enUS)
	if err != nil {
		// The table is generated and embedded with the package; a test
		// loads it, so this cannot be reached from a built binary.
		panic("hyphen: the embedded patterns are damaged: " + err.Error())
	}
	return h
}

// load reads a compiled table in place.
func load(data string) (Hyphenator, error) {
	if len(data) < headerLen || data[:4] != "BSHY" {
		return Hyphenator{}, errors.New("not a compiled pattern table (no BSHY header)")
	}
	if v := u32(data, 4); v != version {
		return Hyphenator{}, fmt.Errorf("compiled pattern table version %d, want %d", v, version)
	}
	h := Hyphenator{data: data, nodes: int(u32(data, 8)), exceptions: int(u32(data, 16))}
	h.valOff = headerLen + recLen*(h.nodes+1)
	h.excOff = h.valOff + int(u32(data, 12))
	h.excTextOff = h.excOff + 4*(h.exceptions+1)
	if h.nodes < 1 || h.excTextOff > len(data) || h.excTextOff+int(u32(data, h.excTextOff-4)) != len(data) {
		return Hyphenator{}, fmt.Errorf("compiled pattern table of %d bytes does not hold its %d nodes and %d exceptions", len(data), h.nodes, h.exceptions)
	}
	if last := int(u32(data, headerLen+recLen*h.nodes)); last != h.nodes {
		return Hyphenator{}, fmt.Errorf("compiled pattern table: children end at node %d of %d", last, h.nodes)
	}
	return h, nil
}

func u32(s string, off int) uint32 {
	_ = s[off+3]
	return uint32(s[off]) | uint32(s[off+1])<<8 | uint32(s[off+2])<<16 | uint32(s[off+3])<<24
}

func u16(s string, off int) uint16 {
	_ = s[off+1]
	return uint16(s[off]) | uint16(s[off+1])<<8
}

// child returns the child of node n labelled c, or -1.
func (h *Hyphenator) child(n int, c byte) int {
	rec := headerLen + recLen*n
	a, end := int(u32(h.data, rec)), int(u32(h.data, rec+recLen))
	e := end
	for a < e { // binary search: the root has 27 children
		m := int(uint(a+e) >> 1)
		if h.data[headerLen+recLen*m+4] < c {
			a = m + 1
		} else {
			e = m
		}
	}
	if a < end && h.data[headerLen+recLen*a+4] == c {
		return a
	}
	return -1
}

// Points appends to dst each point at which word may be broken with a
// hyphen, in increasing order: p means between word[p-1] and word[p], so
// every point lies strictly inside the word, with at least left letters
// before it and right after it (left and right below 1 count as 1). The
// word is ASCII letters in either case; a word with any other byte, or
// longer than MaxWord, has no points. An exception gives its own points,
// also held to left and right.
func (h *Hyphenator) Points(dst []int, word []byte, left, right int) []int {
	left, right = max(left, 1), max(right, 1)
	n := len(word)
	if n < left+right || n > MaxWord || h.nodes == 0 {
		return dst
	}
	// The word between dots, lower case.
	var buf [MaxWord + 2]byte
	buf[0] = '.'
	for i, c := range word {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c < 'a' || c > 'z' {
			return dst
		}
		buf[i+1] = c
	}
	buf[n+1] = '.'
	if e, ok := h.exception(buf[1 : n+1]); ok {
		p := 0
		for i := 0; i < len(e); i++ {
			if e[i] == '-' {
				if p >= left && p <= n-right {
					dst = append(dst, p)
				}
				continue
			}
			p++
		}
		return dst
	}
	return h.patternPoints(dst, buf[:n+2], left, right)
}

// patternPoints appends the points the patterns give to w, a lower-case
// word between dots: every pattern that matches somewhere raises the gaps
// it covers to its values, and an odd gap is a point. Gap g is before
// w[g], so the point p of the word is gap p+1.
func (h *Hyphenator) patternPoints(dst []int, w []byte, left, right int) []int {
	n := len(w) - 2
	var val [MaxWord + 3]byte
	for i := range w {
		node := 0
		for j := i; j < len(w); j++ {
			if node = h.child(node, w[j]); node < 0 {
				break
			}
			v := int(u16(h.data, headerLen+recLen*node+6))
			if v == 0 {
				continue
			}
			vals := h.data[h.valOff+v-1 : h.valOff+v+j-i+1]
			for k := 0; k < len(vals); k++ {
				if vals[k] > val[i+k] {
					val[i+k] = vals[k]
				}
			}
		}
	}
	for p := left; p <= n-right; p++ {
		if val[p+1]&1 == 1 {
			dst = append(dst, p)
		}
	}
	return dst
}

// exception returns the hyphenated form of word (lower case) if an
// exception list gives it.
func (h *Hyphenator) exception(word []byte) (string, bool) {
	a, e := 0, h.exceptions
	for a < e {
		m := int(uint(a+e) >> 1)
		switch c := compare(word, h.exc(m)); {
		case c == 0:
			return h.exc(m), true
		case c > 0:
			a = m + 1
		default:
			e = m
		}
	}
	return "", false
}

// exc returns exception i's hyphenated form.
func (h *Hyphenator) exc(i int) string {
	off := h.excOff + 4*i
	return h.data[h.excTextOff+int(u32(h.data, off)) : h.excTextOff+int(u32(h.data, off+4))]
}

// compare compares word with the word of hyphenated form e (its hyphens
// skipped), as strings compare.
func compare(word []byte, e string) int {
	i := 0
	for j := 0; j < len(e); j++ {
		c := e[j]
		if c == '-' {
			continue
		}
		switch {
		case i == len(word):
			return -1
		case word[i] < c:
			return -1
		case word[i] > c:
			return 1
		}
		i++
	}
	if i < len(word) {
		return 1
	}
	return 0
}

// Hyphenate returns word with a hyphen at each of its points, with TeX's
// least letters before and after (TeXLeftMin, TeXRightMin):
// "hyphenation" gives "hy-phen-ation".
func (h *Hyphenator) Hyphenate(word string) string {
	pts := h.Points(nil, []byte(word), TeXLeftMin, TeXRightMin)
	b := make([]byte, 0, len(word)+len(pts))
	last := 0
	for _, p := range pts {
		b = append(b, word[last:p]...)
		b = append(b, '-')
		last = p
	}
	return string(append(b, word[last:]...))
}
