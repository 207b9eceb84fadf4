package editions

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a place in an edition file.
type Pos struct {
	File         string
	Line, Column int
}

// String formats the position as file:line:col.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Problem is one thing wrong with an edition, at a position and, where it
// concerns one, an article.
type Problem struct {
	Pos     Pos
	Article string // the article's id, "" when the problem is not in one
	Msg     string
}

// Error formats the problem as "file:line:col: [article x: ]message".
func (p *Problem) Error() string {
	if p.Article != "" {
		return fmt.Sprintf("%s: article %s: %s", p.Pos, p.Article, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.Pos, p.Msg)
}

// Problems is every problem found in an edition. Loading returns all of
// them at once, in file order, so an editor can mend them in one pass.
type Problems []*Problem

// Error lists the problems, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// problems collects Problems while loading.
type problems struct {
	file string
	list Problems
	// src is the file's text, when known: a problem yaml.v3 places past
	// its end (the empty document of "---", which has no line after it)
	// is put at the end of its last line instead. lines counts its lines
	// once a problem needs it (0 until then).
	src   []byte
	lines int
	seen  map[Problem]bool // what list holds, to say each problem once
}

func (ps *problems) add(line, col int, article, format string, args ...any) {
	if line > 1 && ps.src != nil {
		if ps.lines == 0 {
			ps.lines = 1 + bytes.Count(ps.src, []byte("\n"))
		}
		if line > ps.lines {
			last := ps.src[bytes.LastIndexByte(ps.src, '\n')+1:]
			line, col = ps.lines, 1+utf8.RuneCount(last)
		}
	}
	for i, a := range args {
		switch a := a.(type) {
		case string:
			args[i] = clip(a, maxArgBytes)
		case error:
			if m := a.Error(); len(m) > maxArgBytes {
				args[i] = clip(m, maxArgBytes)
			}
		}
	}
	p := Problem{Pos: Pos{File: ps.file, Line: line, Column: col}, Article: article, Msg: fmt.Sprintf(format, args...)}
	// A problem met again at the same place is said once: a value with
	// a fault, read through ten aliases, is one fault at one line.
	if ps.seen == nil {
		ps.seen = map[Problem]bool{}
	}
	if ps.seen[p] {
		return
	}
	ps.seen[p] = true
	ps.list = append(ps.list, &p)
}

// maxArgBytes bounds each text and error a problem's message holds: a
// value of the file quoted in full is a copy of it, once for each alias
// of it. An anchored text of 4 MB and 200 aliases of it where pages go
// (a file of 4 MB) made 839 MB of messages, 5.9 GB of memory in 34 s; at
// the 16 MB a file may have and the 1,000 aliases one may expand, it would
// be 16 GB. A path, a name or a word of the file is far shorter.
const maxArgBytes = 1024

// clip returns s cut to at most max bytes at a character boundary, with
// "…" after it when it was cut.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// err returns the problems sorted by position, or nil.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	sort.SliceStable(ps.list, func(i, j int) bool {
		a, b := ps.list[i].Pos, ps.list[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return ps.list
}

// suggest returns the candidate closest to word when it is close enough to
// be a misspelling, or "".
func suggest(word string, candidates []string) string {
	best, bestD := "", len(word)/2+2
	if bestD > 3 {
		bestD = 3
	}
	lower := strings.ToLower(word)
	n := utf8.RuneCountInString(lower)
	for _, c := range candidates {
		// The distance is at least the difference in length: a word far
		// longer than every candidate (a key of megabytes, for which the
		// distance took seconds) is measured against none.
		if diff := n - utf8.RuneCountInString(c); diff > bestD || -diff > bestD {
			continue
		}
		if d := editDistance(lower, c); d < bestD || (d == bestD && best == "" && d <= 2) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
