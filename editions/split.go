package editions

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"
)

// Parsing the YAML is most of loading a long edition, and yaml.v3 parses a
// file on one core. parseSplit parses the items of the pages list in
// pieces, side by side, and puts their nodes together into the tree that
// parsing the file whole gives, node for node (kind, style, tag, value,
// anchor, alias, line and column; comments are not read and may differ).
//
// It takes only files laid out as editions are written: the top-level
// mapping ends with a line "pages:" followed by the list, whose items start
// at the same indent of one or more spaces and which runs to the end of the
// file. Each piece must parse on its own as one document: a list of items
// for a piece, a mapping ending in an empty pages: for the head. Anything
// else (an alias to an anchor in another piece, a quoted text or a flow
// collection running across a split, any syntax error, a document marker,
// a directive, line breaks other than LF) sends the file to decodeOne,
// which parses it whole and says what is wrong exactly as before.

// minSplitBytes is the smallest list of pages worth parsing in pieces: a
// piece on another goroutine costs some microseconds to start.
const minSplitBytes = 32 << 10

// parseSplit parses data in up to pieces pieces side by side and returns
// the document node that parsing it whole returns, or false when the file
// is not one it takes, its pages list is shorter than minBytes, or a piece
// does not parse (then decodeOne must).
//
// lfOnly says that data has no line breaks but LF (yamlText): yaml.v3
// counts lines at CR, NEL, LS and PS too, and pieces are moved to their
// place in the file by LF lines.
func parseSplit(data []byte, lfOnly bool, pieces, minBytes int) (*yaml.Node, bool) {
	if !lfOnly || pieces < 2 || len(data) < minBytes {
		return nil, false
	}
	head, starts, ok := pagesLayout(data)
	if !ok {
		return nil, false
	}
	// Cut the list at item starts into pieces of about equal size.
	region := len(data) - starts[0]
	cuts := []int{starts[0]}
	for _, s := range starts[1:] {
		if len(cuts) < pieces && s >= starts[0]+region*len(cuts)/pieces {
			cuts = append(cuts, s)
		}
	}
	if len(cuts) < 2 || region < minBytes || aliasLike(data[cuts[1]:]) {
		return nil, false
	}
	cuts = append(cuts, len(data))

	type result struct {
		doc *yaml.Node
		ok  bool
	}
	// Piece i is data[cuts[i-1]:cuts[i]]. One worker a core, this goroutine
	// one of them, takes the next piece left until none is: a worker whose
	// thread the system has put aside holds up the end by one piece at most.
	results := make([]result, len(cuts)) // [0] the head, [i] piece i
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1))
			if i >= len(cuts) {
				return
			}
			doc, ok := parsePiece(data[cuts[i-1]:cuts[i]])
			results[i] = result{doc, ok}
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < min(runtime.GOMAXPROCS(0), len(cuts)-1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	doc, ok := parsePiece(data[:head])
	results[0] = result{doc, ok}
	work()
	wg.Wait()
	for _, r := range results {
		if !r.ok || r.doc.Kind != yaml.DocumentNode || len(r.doc.Content) != 1 {
			return nil, false
		}
	}

	// The head: a mapping whose last pair is the pages: line's, empty.
	root := results[0].doc
	top := root.Content[0]
	headLines := bytes.Count(data[:head], []byte{'\n'})
	if top.Kind != yaml.MappingNode || len(top.Content) < 2 {
		return nil, false
	}
	key, val := top.Content[len(top.Content)-2], top.Content[len(top.Content)-1]
	if key.Kind != yaml.ScalarNode || key.Style != 0 || key.Value != "pages" || key.Line != headLines || key.Column != 1 ||
		val.Kind != yaml.ScalarNode || val.Tag != "!!null" || val.Value != "" || val.Anchor != "" {
		return nil, false
	}
	// The pieces: each a block list, shifted to its lines in the file.
	var seq *yaml.Node
	line := headLines + bytes.Count(data[head:cuts[0]], []byte{'\n'})
	for i := 1; i < len(results); i++ {
		s := results[i].doc.Content[0]
		if s.Kind != yaml.SequenceNode || s.Style != 0 || s.Tag != "!!seq" || s.Anchor != "" || len(s.Content) == 0 {
			return nil, false
		}
		shiftLines(s, line)
		line += bytes.Count(data[cuts[i-1]:cuts[i]], []byte{'\n'})
		if seq == nil {
			seq = s
		} else {
			seq.Content = append(seq.Content, s.Content...)
		}
	}
	top.Content[len(top.Content)-1] = seq
	return root, true
}

// aliasLike reports whether b may hold an alias (*name): a piece with one
// would most likely name an anchor in an earlier piece and fail, and the
// file be parsed twice over.
func aliasLike(b []byte) bool {
	for i := 0; ; i++ {
		j := bytes.IndexByte(b[i:], '*')
		if j < 0 {
			return false
		}
		i += j
		if i == 0 || bytes.IndexByte([]byte(" \t[{,"), b[i-1]) >= 0 {
			return true
		}
	}
}

// parsePiece parses one piece as exactly one document, never panicking.
func parsePiece(b []byte) (doc *yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			doc, ok = nil, false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(b))
	doc = new(yaml.Node)
	if err := dec.Decode(doc); err != nil {
		return nil, false
	}
	var second yaml.Node
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		return nil, false
	}
	return doc, true
}

// shiftLines moves the nodes of a piece down by n lines.
func shiftLines(x *yaml.Node, n int) {
	x.Line += n
	for _, c := range x.Content {
		shiftLines(c, n)
	}
}

// pagesLayout finds where the pages list of data starts and where its
// items start. head is the offset just past the "pages:" line; starts are
// the offsets of the lines that start an item, at the indent of the first.
// ok is false when data is not laid out as parseSplit needs: no line at
// the left edge may start a directive (%) or a document marker (--- or
// ...); "pages:" stands alone on its line at the left edge; the first line
// after it that holds more than blanks or a comment starts an item, and
// every such line after it is indented with spaces as far as the items or
// further.
func pagesLayout(data []byte) (head int, starts []int, ok bool) {
	indent := -1
	for off := 0; off < len(data); {
		start := off
		line := data[off:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line, off = line[:end], off+end+1
		} else {
			off = len(data)
		}
		if len(line) > 0 && (line[0] == '%' || bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("..."))) {
			return 0, nil, false
		}
		if head == 0 {
			if bytes.HasPrefix(line, []byte("pages:")) && len(bytes.TrimRight(line, " ")) == len("pages:") {
				head = off
			}
			continue
		}
		n := 0
		for n < len(line) && line[n] == ' ' {
			n++
		}
		rest := line[n:]
		if len(rest) == 0 || rest[0] == '#' {
			continue // blank, or only a comment
		}
		if rest[0] == '\t' {
			if len(bytes.Trim(rest, " \t")) == 0 {
				continue // blank
			}
			return 0, nil, false // a tab in the indent
		}
		item := n == indent || indent < 0
		if item && (rest[0] != '-' || len(rest) > 1 && rest[1] != ' ') {
			if indent < 0 {
				return 0, nil, false // the list does not start with an item
			}
			item = false
		}
		if indent < 0 {
			if n == 0 {
				return 0, nil, false // a list at the left edge
			}
			indent = n
		}
		if n < indent {
			return 0, nil, false // the list ends before the file does
		}
		if item {
			starts = append(starts, start)
		}
	}
	return head, starts, head > 0 && len(starts) > 0
}

// splitPieces is how many pieces Parse cuts a long pages list into: four
// a core it may use (so that a core the system gives to another process
// for a while holds up little), and none with one core.
func splitPieces() int {
	if p := runtime.GOMAXPROCS(0); p > 1 {
		return min(4*p, 32)
	}
	return 1
}
