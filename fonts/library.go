// Package fonts serves Broadsheet's typefaces: the embedded default faces
// (Noto Serif SC, Noto Sans SC, LXGW WenKai; see files/SOURCES.md) and user
// TrueType fonts by path, with the metrics that composition needs (advances,
// vertical metrics, glyph ink bounds, coverage) and the bytes that the PDF
// writer embeds: a face's whole file, or a subset of it for a set of
// characters (Face.Subset).
//
// A Library is shared by every pipeline of a run. It parses each face at
// most once, on first use, and only the tables that metrics need; lookups on
// a Face then allocate nothing. The package keeps no mutable state of its
// own: everything lives in a Library value.
package fonts

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/internal/readonly"
)

// Library is a set of named faces, parsed lazily. It is safe for concurrent
// use; the zero value is not usable: call NewLibrary.
type Library struct {
	mu      sync.RWMutex
	entries map[string]*entry

	parses atomic.Int64 // faces parsed so far (a test hook)
}

// entry is one registered face, parsed at most once.
type entry struct {
	name   string
	source string // "embedded files/…" or a user path
	path   string // user fonts: read on first use
	data   []byte // embedded fonts

	once sync.Once
	face *Face
	err  error
}

// NewLibrary returns a library with the built-in faces (Serif, SerifBold,
// SansBold, SansBlack, Kai) registered and nothing parsed yet.
func NewLibrary() *Library {
	l := &Library{entries: make(map[string]*entry)}
	for _, b := range builtins() {
		l.entries[b.name] = &entry{name: b.name, source: "embedded " + b.file, data: readonly.Bytes(b.data)}
	}
	return l
}

// AddFile registers the TrueType font at path under name. The file is opened
// now and its header checked (so a wrong path or a file that is not a
// TrueType font fails here, naming the path); it is read and parsed on first
// use. A name can be registered once: adding a name already taken, built-in
// or not, is an error.
func (l *Library) AddFile(name, path string) error {
	if name == "" {
		return fmt.Errorf("font %s: empty name", path)
	}
	if err := checkHeader(path); err != nil {
		return fmt.Errorf("font %q: %w", name, err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.entries[name]; ok {
		return fmt.Errorf("font %q (%s): name already used by %s", name, path, e.source)
	}
	l.entries[name] = &entry{name: name, source: path, path: path}
	return nil
}

// checkHeader opens path and checks that it is a regular file of at most
// fsafe.MaxFont bytes that starts like a TrueType font: a FIFO would block
// the open, and load reads the file whole (a sparse file of some gigabytes
// took as much memory).
func checkHeader(path string) error {
	fh, info, err := fsafe.Open(path)
	if err != nil {
		return err // *PathError or *fsafe.NotRegularError: both name the path
	}
	defer fh.Close()
	if info.Size() > fsafe.MaxFont {
		return &fsafe.TooLargeError{Path: path, Size: info.Size(), Max: fsafe.MaxFont}
	}
	var head [4]byte
	if _, err := io.ReadFull(fh, head[:]); err != nil {
		return fmt.Errorf("%s: not a font (cannot read its header): %w", path, err)
	}
	if err := checkMagic(head[:]); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Face returns the named face, parsing it on first use. Concurrent calls for
// one name parse once and all get the same *Face; a failed parse is
// remembered and its error returned on every call.
func (l *Library) Face(name string) (*Face, error) {
	l.mu.RLock()
	e := l.entries[name]
	l.mu.RUnlock()
	if e == nil {
		return nil, &UnknownFontError{Name: name, Known: l.Names()}
	}
	e.once.Do(func() {
		l.parses.Add(1)
		e.face, e.err = e.load()
	})
	return e.face, e.err
}

// Prepare parses the named faces not parsed yet, each on its own
// goroutine, and returns when all are done: a run that will need several
// faces parses them side by side rather than one by one on first use.
// Unknown names and faces that fail to parse are left for Face to report.
func (l *Library) Prepare(names ...string) {
	var wg sync.WaitGroup
	seen := make(map[string]bool, len(names))
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = l.Face(name) // an error is remembered, and Face returns it
		}()
	}
	wg.Wait()
}

// load reads and parses one entry.
func (e *entry) load() (*Face, error) {
	data := e.data
	if data == nil {
		var err error
		// The file may have changed since AddFile checked it.
		if data, err = fsafe.ReadFile(e.path, fsafe.MaxFont); err != nil {
			return nil, fmt.Errorf("font %q: %w", e.name, err)
		}
	}
	f, err := Parse(e.name, data)
	if err != nil {
		return nil, fmt.Errorf("font %q (%s): %w", e.name, e.source, err)
	}
	f.source = e.source
	return f, nil
}

// Names returns the registered names, sorted.
func (l *Library) Names() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	names := make([]string, 0, len(l.entries))
	for n := range l.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
