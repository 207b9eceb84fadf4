// Command gen compiles jieba's word list (dict.txt: one "word frequency tag"
// a line) into the trie that package words reads in place: run by
// `go generate ./layout/words` with the path of dict.txt (Debian's
// python3-jieba ships it at /usr/lib/python3/dist-packages/jieba/dict.txt).
//
// The output is deterministic: the same dict.txt gives the same bytes.
// Its format is documented in package words (format.go).
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/broadsheet-news/broadsheet/internal/atomicfile"
)

func main() {
	dict := flag.String("dict", "/usr/lib/python3/dist-packages/jieba/dict.txt", "jieba's dict.txt")
	out := flag.String("o", "jieba.trie", "the compiled trie")
	sum := flag.String("sum", "", "expect dict.txt to have this SHA-256 (hex); empty: do not check")
	flag.Parse()
	if err := run(*dict, *out, *sum); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dictPath, outPath, want string) error {
	raw, err := os.ReadFile(dictPath)
	if err != nil {
		return err
	}
	h := sha256.Sum256(raw)
	if got := hex.EncodeToString(h[:]); want != "" && got != want {
		return fmt.Errorf("%s: SHA-256 %s, want %s (another jieba version: check the words and update the provenance)", dictPath, got, want)
	}
	words, total, err := parse(strings.NewReader(string(raw)), dictPath)
	if err != nil {
		return err
	}
	data, err := Compile(words, total)
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(outPath, data, atomicfile.Hooks{})
}

// parse reads dict.txt: a later line for the same word replaces the
// earlier one's frequency, and every line counts towards the total, as
// jieba's own loader does.
func parse(r io.Reader, name string) (map[string]entry, int64, error) {
	words := make(map[string]entry)
	var total int64
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return nil, 0, fmt.Errorf("%s:%d: want \"word frequency [tag]\", got %q", name, line, sc.Text())
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil || n < 0 {
			return nil, 0, fmt.Errorf("%s:%d: frequency %q is not a whole number", name, line, f[1])
		}
		e := entry{freq: n}
		if len(f) > 2 && (strings.ContainsAny(f[2][:1], "vpdcr") || f[2] == "ad") {
			e.pred = true
		}
		words[f[0]] = e
		total += n
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	if len(words) == 0 || total <= 0 {
		return nil, 0, fmt.Errorf("%s: no words", name)
	}
	return words, total, nil
}

// entry is what is kept of a word: its frequency, and whether its tag
// marks a word that opens a predicate or a clause (verbs v*, prepositions
// p, adverbs d and adverbial adjectives ad — 正式 积极, which open a
// predicate as 进一步 does —, conjunctions c, pronouns r: 通过 提供 为何).
type entry struct {
	freq int64
	pred bool
}

// BigramSlots is the size of the second-character hash table (a power of
// two); BigramHash is its hash. Package words uses the same two.
const BigramSlots = 1 << 18

// BigramHash hashes a (first rune << 16 | second rune) key to a slot.
func BigramHash(key uint32) uint32 { return key * 0x9e3779b1 >> (32 - 18) }

// Scale is how many cost units make one natural-log unit: costs are
// integers so that segmenting is exact on every machine.
const Scale = 1024

// noWord marks a trie node that is only a prefix of words.
const noWord = 0x7fff

// Compile builds the trie. See package words for the layout.
func Compile(words map[string]entry, total int64) ([]byte, error) {
	type node struct {
		children map[rune]*node
		cost     uint16
		pred     bool
		id       uint32
	}
	newNode := func() *node { return &node{children: map[rune]*node{}, cost: noWord} }
	root := newNode()
	logTotal := math.Log(float64(total))
	cost := func(freq int64) (uint16, error) {
		if freq < 1 {
			freq = 1 // jieba: log(freq or 1)
		}
		c := math.Round((logTotal - math.Log(float64(freq))) * Scale)
		if c < 0 || c >= noWord {
			return 0, fmt.Errorf("cost %v out of range", c)
		}
		return uint16(c), nil
	}
	for w, f := range words {
		n := root
		for _, r := range w {
			if r > 0xffff {
				return nil, fmt.Errorf("word %q: %U is outside the BMP", w, r)
			}
			c, ok := n.children[r]
			if !ok {
				c = newNode()
				n.children[r] = c
			}
			n = c
		}
		c, err := cost(f.freq)
		if err != nil {
			return nil, fmt.Errorf("word %q: %w", w, err)
		}
		n.cost, n.pred = c, f.pred
	}
	unknown, err := cost(1)
	if err != nil {
		return nil, err
	}
	// Breadth first, children in rune order: node n's children are the
	// nodes first[n] .. first[n+1]-1.
	order := []*node{root}
	var first []uint32
	var label []uint16
	label = append(label, 0)
	for i := 0; i < len(order); i++ {
		n := order[i]
		first = append(first, uint32(len(order)))
		rs := make([]rune, 0, len(n.children))
		for r := range n.children {
			rs = append(rs, r)
		}
		sort.Slice(rs, func(a, b int) bool { return rs[a] < rs[b] })
		for _, r := range rs {
			c := n.children[r]
			c.id = uint32(len(order))
			order = append(order, c)
			label = append(label, uint16(r))
		}
	}
	first = append(first, uint32(len(order)))
	N := len(order)
	// The root's children by rune: a direct table over the BMP.
	rootIdx := make([]uint32, 1<<16)
	for k := first[0]; k < first[1]; k++ {
		rootIdx[label[k]] = k
	}
	var b []byte
	b = append(b, "BSWD"...)
	b = binary.LittleEndian.AppendUint32(b, 4) // version
	b = binary.LittleEndian.AppendUint32(b, uint32(N))
	b = binary.LittleEndian.AppendUint32(b, uint32(Scale))
	b = binary.LittleEndian.AppendUint32(b, uint32(unknown))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(words)))
	for _, v := range rootIdx {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	// One 8-byte record a node, so that a walk down the trie reads each
	// node's children from one place: first, label, cost | pred<<15.
	for i, n := range order {
		b = binary.LittleEndian.AppendUint32(b, first[i])
		b = binary.LittleEndian.AppendUint16(b, label[i])
		c := n.cost
		if n.pred {
			c |= 0x8000
		}
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	// The end of the last node's children.
	b = binary.LittleEndian.AppendUint32(b, first[N])
	b = binary.LittleEndian.AppendUint32(b, 0)
	// The second characters: a hash table from (first rune, second rune)
	// to the node, so the widest fan-out is found in one probe.
	slots := make([][2]uint32, BigramSlots)
	n2 := 0
	for k := first[0]; k < first[1]; k++ {
		for c := first[k]; c < first[k+1]; c++ {
			key := uint32(label[k])<<16 | uint32(label[c])
			h := BigramHash(key)
			for slots[h][0] != 0 {
				h = (h + 1) & (BigramSlots - 1)
			}
			slots[h] = [2]uint32{key, c}
			n2++
		}
	}
	if n2*10 > BigramSlots*8 {
		return nil, fmt.Errorf("%d second characters overfill %d hash slots", n2, BigramSlots)
	}
	for _, s := range slots {
		b = binary.LittleEndian.AppendUint32(b, s[0])
		b = binary.LittleEndian.AppendUint32(b, s[1])
	}
	return b, nil
}
