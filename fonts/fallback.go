package fonts

import (
	"fmt"
	"strings"
)

// UnknownFontError is returned for a name that no face is registered under.
type UnknownFontError struct {
	Name  string   // the name asked for
	Known []string // the registered names, sorted
}

func (e *UnknownFontError) Error() string {
	return fmt.Sprintf("unknown font %q (known: %s)", e.Name, strings.Join(e.Known, ", "))
}

// Fallback is an ordered list of faces for one style: a rune is set in the
// first face that covers it. It is immutable and safe for concurrent use,
// and FaceFor does not allocate.
type Fallback struct {
	faces []*Face
}

// Fallback returns the faces named, in order, parsing any not yet parsed.
// At least one name is needed; an unknown name or a face that fails to parse
// is an error.
func (l *Library) Fallback(names ...string) (*Fallback, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("font fallback: no font named")
	}
	fb := &Fallback{faces: make([]*Face, len(names))}
	for i, n := range names {
		f, err := l.Face(n)
		if err != nil {
			return nil, fmt.Errorf("font fallback %s: %w", strings.Join(names, ", "), err)
		}
		fb.faces[i] = f
	}
	return fb, nil
}

// FaceFor returns the first face that covers r, and true; if none does, the
// first face and false (the composer reports such a rune as an error).
func (fb *Fallback) FaceFor(r rune) (*Face, bool) {
	for _, f := range fb.faces {
		if f.Covers(r) {
			return f, true
		}
	}
	return fb.faces[0], false
}

// Faces returns the faces in fallback order (a copy).
func (fb *Fallback) Faces() []*Face {
	return append([]*Face(nil), fb.faces...)
}
