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
	ps.list = append(ps.list, &Problem{
		Pos:     Pos{File: ps.file, Line: line, Column: col},
		Article: article,
		Msg:     fmt.Sprintf(format, args...),
	})
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
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), c); d < bestD || (d == bestD && best == "" && d <= 2) {
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
