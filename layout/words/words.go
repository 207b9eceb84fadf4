// Package words segments Chinese text into dictionary words, so that the
// paragraph composer can tell a break between two words (服务|覆盖) from a
// break inside one (首|次).
//
// It cuts as jieba does without its HMM guesser (jieba.cut(s, HMM=False),
// https://github.com/fxsjy/jieba): every dictionary word that starts at each
// character is a path through the text, and the cut is the path whose words
// are most probable together (the sum of -log(frequency/total) least; a
// character outside the dictionary counts as frequency 1; ties go to the
// longer first word). Costs are integers, so the cut is the same on every
// machine.
//
// The dictionary is jieba's dict.txt (MIT licence, LICENSE.jieba), compiled
// by `go generate` (internal/gen) into jieba.trie, a breadth-first trie the
// package reads where it lies in the binary: loading it parses nothing.
// README.md says where the word list comes from.
package words

import (
	_ "embed"
	"errors"
	"fmt"
)

//go:generate go run ./internal/gen -dict /usr/lib/python3/dist-packages/jieba/dict.txt -sum 7197c3211ddd98962b036cdf40324d1ea2bfaa12bd028e68faa70111a88e12a8 -o jieba.trie

//go:embed jieba.trie
var jieba string

// The compiled trie, all integers little-endian:
//
//	"BSWD" version:u32 nodes:u32 scale:u32 unknown:u32 words:u32
//	root:[65536]u32   node of the root's child labelled with each BMP rune (0: none)
//	node:[nodes+1] of 8 bytes:
//	  first:u32  node n's children are nodes first[n] .. first[n+1]-1
//	  label:u16  the rune on the edge into the node (children in rune order)
//	  cost:u16   low 15 bits: -log(frequency/total) × scale for a word,
//	             0x7fff for a prefix only; top bit: the word's tag is v*,
//	             p, d, ad, c or r (see Predicate)
//	bigram:[1<<18] of 8 bytes: key:u32 (first rune<<16 | second rune, 0 if
//	  empty), node:u32; slot key*0x9e3779b1>>14, then the next ones: the
//	  node of every two-rune prefix, so the widest fan-out takes one probe
//
// Node 0 is the root; the last record only ends the children of the one
// before. unknown is the cost of a character that is not a word.
const (
	headerLen = 24
	noWord    = 0x7fff
	recLen    = 8
	biSlots   = 1 << 18
)

// Dict is a compiled word list. It is read only and safe for concurrent use.
type Dict struct {
	data                    string
	nodes                   int
	unknown                 int32
	words                   int
	rootOff, nodeOff, biOff int
}

// Default returns jieba's dictionary, built into the binary. It parses
// nothing: the cost is a few header checks.
func Default() *Dict {
	d, err := Load(jieba)
	if err != nil {
		// The file is generated and embedded with the package; a test
		// loads it, so this cannot be reached from a built binary.
		panic("words: the embedded dictionary is damaged: " + err.Error())
	}
	return d
}

// Load reads a compiled trie (see internal/gen) in place.
func Load(data string) (*Dict, error) {
	if len(data) < headerLen || data[:4] != "BSWD" {
		return nil, errors.New("not a compiled word list (no BSWD header)")
	}
	if v := u32(data, 4); v != 4 {
		return nil, fmt.Errorf("compiled word list version %d, want 4", v)
	}
	n := int(u32(data, 8))
	d := &Dict{data: data, nodes: n, unknown: int32(u32(data, 16)), words: int(u32(data, 20))}
	d.rootOff = headerLen
	d.nodeOff = d.rootOff + 4<<16
	d.biOff = d.nodeOff + recLen*(n+1)
	if n < 1 || len(data) != d.biOff+8*biSlots {
		return nil, fmt.Errorf("compiled word list of %d bytes does not hold %d nodes", len(data), n)
	}
	if last := int(u32(data, d.nodeOff+recLen*n)); last != n {
		return nil, fmt.Errorf("compiled word list: children end at node %d of %d", last, n)
	}
	return d, nil
}

// Words is how many words the dictionary holds.
func (d *Dict) Words() int { return d.words }

// u32 and u16 read little-endian integers at byte i of s. They slice s
// first: one bounds check, and the bytes' indexes are then constants the
// compiler knows are in range (indexing s at i, i+1, i+2 and i+3 kept a
// check for each, the lookups' most common instructions).
func u32(s string, i int) uint32 {
	b := s[i : i+4]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func u16(s string, i int) uint16 {
	b := s[i : i+2]
	return uint16(b[0]) | uint16(b[1])<<8
}

// child returns the child of node n along r, or 0.
func (d *Dict) child(n uint32, r rune) uint32 {
	if r < 0 || r > 0xffff {
		return 0
	}
	if n == 0 {
		return u32(d.data, d.rootOff+4*int(r))
	}
	at := d.nodeOff + recLen*int(n)
	lo, hi := int(u32(d.data, at)), int(u32(d.data, at+recLen))
	want := uint16(r)
	if hi-lo <= 8 { // most nodes have a few children: look along them
		for m := lo; m < hi; m++ {
			if u16(d.data, d.nodeOff+recLen*m+4) == want {
				return uint32(m)
			}
		}
		return 0
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l := u16(d.data, d.nodeOff+recLen*m+4); l < want {
			lo = m + 1
		} else if l > want {
			hi = m
		} else {
			return uint32(m)
		}
	}
	return 0
}

// second returns the node of the two runes r1 r2, or 0.
func (d *Dict) second(r1, r2 rune) uint32 {
	if r1 <= 0 || r1 > 0xffff || r2 < 0 || r2 > 0xffff {
		return 0
	}
	key := uint32(r1)<<16 | uint32(r2)
	for h := key * 0x9e3779b1 >> 14; ; h = (h + 1) & (biSlots - 1) {
		k := u32(d.data, d.biOff+8*int(h))
		if k == key {
			return u32(d.data, d.biOff+8*int(h)+4)
		}
		if k == 0 {
			return 0
		}
	}
}

// cost is node n's word cost, or noWord, and whether the word is a Predicate.
func (d *Dict) cost(n uint32) (int32, bool) {
	c := u16(d.data, d.nodeOff+recLen*int(n)+6)
	return int32(c & 0x7fff), c&0x8000 != 0
}

// Mark is what Cut says of a rune.
type Mark uint8

// Marks.
const (
	// Inside: the rune goes on the word before it.
	Inside Mark = iota
	// Start: a word starts at the rune.
	Start
	// Predicate: a word starts at the rune that jieba tags as a verb,
	// preposition, adverb (and adverbial adjective: 正式 积极), conjunction
	// or pronoun (通过 提供 为何 获): where
	// a headline's predicate or a clause begins, a good place to break it.
	Predicate
)

// Lookup reports whether w is a word of the dictionary.
func (d *Dict) Lookup(w string) bool {
	n := uint32(0)
	for _, r := range w {
		if n = d.child(n, r); n == 0 {
			return false
		}
	}
	c, _ := d.cost(n)
	return n != 0 && c != noWord
}

// A Segmenter cuts text into words, reusing its buffers: it allocates
// only when a text is longer than any before. It is not safe for
// concurrent use; give each goroutine its own.
type Segmenter struct {
	d     *Dict
	route []int32 // least cost from each position to the end of the run
	next  []int32 // where the first word from each position ends
	pred  []bool  // whether that word is a Predicate
}

// NewSegmenter returns a Segmenter over d.
func NewSegmenter(d *Dict) *Segmenter { return &Segmenter{d: d} }

// Cut marks in marks (len(marks) >= len(rs)) where words begin: marks[i]
// is Inside, Start or Predicate. Only runs of runes for which inWord is
// true are cut with the dictionary; every other rune is a word of its own
// (Start).
func (s *Segmenter) Cut(rs []rune, inWord func(rune) bool, starts []Mark) {
	s.cut(rs, inWord, starts)
}

// CutHan is Cut with inWord true for the Han ideographs (the CJK Unified
// Ideographs and their Extension A and compatibility blocks, and the
// supplementary planes' ideographs), without a call per rune.
func (s *Segmenter) CutHan(rs []rune, starts []Mark) { s.cut(rs, nil, starts) }

// Han reports whether r is cut by CutHan.
func Han(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf || r >= 0xf900 && r <= 0xfaff || r >= 0x20000 && r <= 0x3134f
}

func (s *Segmenter) cut(rs []rune, inWord func(rune) bool, starts []Mark) {
	in := Han
	if inWord != nil {
		in = inWord
	}
	n := len(rs)
	if cap(s.route) < n+1 {
		s.route = make([]int32, n+1, n+1+n/4)
		s.next = make([]int32, n+1, n+1+n/4)
	}
	if cap(s.pred) < n+1 {
		s.pred = make([]bool, n+1, n+1+n/4)
	}
	route, next := s.route[:n+1], s.next[:n+1]
	for i := 0; i < n; {
		if !in(rs[i]) {
			starts[i] = Start
			i++
			continue
		}
		j := i
		for j < n && in(rs[j]) {
			j++
		}
		s.cutRun(rs[i:j], route[i:j+1], next[i:j+1], s.pred[i:j+1], starts[i:j])
		i = j
	}
}

// cutRun finds the least-cost path through run (jieba's calc over its DAG).
func (s *Segmenter) cutRun(run []rune, route, next []int32, preds []bool, starts []Mark) {
	d := s.d
	n := len(run)
	route[n] = 0
	for i := n - 1; i >= 0; i-- {
		best, end, pred := int32(0), int32(-1), false
		node := uint32(0)
		for j := i; j < n; j++ {
			if j == i+1 {
				node = d.second(run[i], run[j])
			} else {
				node = d.child(node, run[j])
			}
			if node == 0 {
				break
			}
			c, p := d.cost(node)
			if c == noWord {
				continue
			}
			// Ties go to the longer word (jieba's max over (cost, end)).
			if t := c + route[j+1]; end < 0 || t <= best {
				best, end, pred = t, int32(j+1), p
			}
		}
		if end < 0 { // no word starts here: the character alone
			best, end = d.unknown+route[i+1], int32(i+1)
		}
		route[i], next[i], preds[i] = best, end, pred
	}
	for i := range starts {
		starts[i] = Inside
	}
	for i := 0; i < n; i = int(next[i]) {
		starts[i] = Start
		if preds[i] {
			starts[i] = Predicate
		}
	}
}
