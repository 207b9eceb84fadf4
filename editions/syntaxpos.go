package editions

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yaml.v3's syntax errors say only a line ("yaml: line 12: found a tab
// character that violates indentation"), and often not the line at fault:
// for an error with a context it names the line where the context starts
// (the plain scalar a tab breaks into, the list an item at a wrong indent
// ends), not the line where the problem is. syntaxPlace finds, where it
// can, the line and column the parser reaches the problem at, by parsing
// the file's beginnings: the parser reads the file in order, so the
// shortest beginning that gives the same error ends at the problem. What it
// says is checked so: a line or column is given only when the file up to
// it gives the very error (message and line) and the file up to just
// before it does not.

// syntaxSearchBytes bounds the bytes parsed again to place one syntax
// error (about 0.8 s at yaml.v3's 20 MB/s): a typical edition (50 to 200
// kB) is placed in a few milliseconds; for a file of more than a quarter
// of it, or whose search runs out, the line yaml.v3 names is kept, without
// a column.
const syntaxSearchBytes = 16 << 20

// yamlError is the error parsing data whole gives, as decodeOne parses it
// (a first document, then whether a second one follows), or "" for none.
func yamlError(data []byte) (msg string) {
	defer func() {
		if recover() != nil {
			msg = "" // a panic is no error to compare with
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return ""
		}
		return err.Error()
	}
	var second yaml.Node
	if err := dec.Decode(&second); err != nil && !errors.Is(err, io.EOF) {
		return err.Error()
	}
	return ""
}

// plainLineBreaks reports whether every line break in data is LF or CR LF,
// the only ones at which a line of the file, as split at LF, is a line for
// yaml.v3 too (which also breaks at a lone CR, NEL, LS and PS).
func plainLineBreaks(data []byte) bool {
	for i, c := range data {
		if c == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			return false
		}
	}
	return !bytes.Contains(data, []byte("\u0085")) && !bytes.Contains(data, []byte("\u2028")) && !bytes.Contains(data, []byte("\u2029"))
}

// syntaxPlace returns the line and column (0 when not found) of the
// syntax error full (err.Error() of parsing data whole) that yaml.v3 put on
// line (1-based, as syntaxProblem corrected it), and parser tells whether
// it is one of the parser's errors (parserProblem) rather than the
// scanner's.
func syntaxPlace(data []byte, full string, msg string, line int, parser bool) (int, int) {
	if !plainLineBreaks(data) {
		return line, 0
	}
	starts := []int{0} // starts[j-1] is where line j starts
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	lines := len(starts)
	if line < 1 || line > lines {
		return line, 0
	}
	end := func(j int) int { // the end of line j, its line break included
		if j < lines {
			return starts[j]
		}
		return len(data)
	}
	content := func(j int) []byte { return bytes.TrimRight(data[starts[j-1]:end(j)], "\r\n") }

	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
		// The line is the context's: where the list or mapping that is
		// not closed opens, unless that is line 1 (then yaml.v3 names
		// the line of the problem). On a line with one [ (or {) that
		// is it.
		open := []byte{'['}
		if msg == "did not find expected ',' or '}'" {
			open = []byte{'{'}
		}
		if line > 1 && !bytes.Contains(content(1), open) && bytes.Count(content(line), open) == 1 {
			i := bytes.Index(content(line), open)
			return line, 1 + utf8.RuneCount(content(line)[:i])
		}
		return line, 0
	}

	if len(data) > syntaxSearchBytes/4 {
		return line, 0 // the search would run out of its bytes on the way
	}
	budget := syntaxSearchBytes
	same := func(n int) (bool, bool) { // data[:n] gives the error; within the budget
		if budget -= n; budget < 0 {
			return false, false
		}
		return yamlError(data[:n]) == full, true
	}
	// The line: the first from line on whose end gives the error, line
	// by line (yaml.v3's line is where the context starts, at or before
	// the problem), galloping then halving.
	lo, hi := line-1, lines // the file to the end of lo does not give the error; to hi it does
	if lo > 0 {
		if got, ok := same(end(lo)); !ok || got {
			return line, 0
		}
	}
	for step := 1; lo+step < hi; step *= 2 {
		got, ok := same(end(lo + step))
		if !ok {
			return line, 0
		}
		if got {
			hi = lo + step
			break
		}
		lo += step
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		got, ok := same(end(mid))
		if !ok {
			return line, 0
		}
		if got {
			hi = mid
		} else {
			lo = mid
		}
	}
	line = hi
	// The column: the first character of the line whose end gives the
	// error. A scanner error is raised at the character it cannot take
	// (yaml.v3's own mark); a parser error at the token it cannot take,
	// which the parser may know only some characters in (a key by its
	// colon), so its column is given only when that is the line's first
	// character: the token starts there.
	text := content(line)
	at := starts[line-1]
	var ends []int // the end of each character of the line
	for i := 0; i < len(text); {
		_, n := utf8.DecodeRune(text[i:])
		i += n
		ends = append(ends, at+i)
	}
	if len(ends) == 0 {
		return line, 0
	}
	if parser {
		// Only the first character can be given: two parses say whether
		// it is where the error is met.
		first := len(text) - len(bytes.TrimLeft(text, " \t")) // spaces and tabs are a byte each
		if first == len(text) {
			return line, 0
		}
		if first > 0 {
			if got, ok := same(ends[first-1]); !ok || got {
				return line, 0
			}
		}
		if got, ok := same(ends[first]); !ok || !got {
			return line, 0
		}
		return line, first + 1
	}
	if got, ok := same(ends[len(ends)-1]); !ok || !got {
		return line, 0
	}
	l, h := -1, len(ends)-1 // to the end of character l the error is not given (l = -1: the line's start); to h it is
	for h-l > 1 {
		mid := (l + h) / 2
		got, ok := same(ends[mid])
		if !ok {
			return line, 0
		}
		if got {
			h = mid
		} else {
			l = mid
		}
	}
	return line, h + 1
}
