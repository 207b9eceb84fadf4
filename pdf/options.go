package pdf

import (
	"fmt"
	"sort"
	"strings"

	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
)

// Standard is a PDF standard the writer can conform to.
type Standard string

// The standards the writer knows.
const (
	// X4 is PDF/X-4 (ISO 15930-7:2010), for the print shop.
	X4 Standard = "x-4"
	// A2u is PDF/A-2u (ISO 19005-2:2011, level U), for the archive.
	A2u Standard = "a-2u"
)

// DefaultOutputCondition is the output condition identifier written with
// the embedded newsprint profile.
const DefaultOutputCondition = "IFRA26"

// Options says how to write a Document.
type Options struct {
	// Standards to conform to. nil means both X4 and A2u; an empty,
	// non-nil slice writes a plain PDF (see ParseStandards("none")).
	Standards []Standard
	// OutputProfile is the CMYK ICC output profile of the output intent.
	// nil embeds IFRA26S, the default newsprint profile.
	OutputProfile []byte
	// OutputCondition is the output condition identifier of the output
	// intent; "" means DefaultOutputCondition with the default profile, and
	// the profile's description for a profile given in OutputProfile.
	OutputCondition string
	// Marks draws crop marks, registration marks and a slug line outside
	// the bleed; the MediaBox grows to hold them.
	Marks bool
	// Files gives the content of the image and ad files the display list
	// names, by their Source: those loading read and checked
	// (editions.Edition.FileBytes). For a file it has, the writer embeds
	// those bytes and does not open the file, so that a photo saved over
	// after the check cannot reach the PDF, and no file is read twice. For
	// a file it has not (ok false), or when Files is nil, the writer reads
	// the file. An error (the file changed since it was checked) ends the
	// write. It does not change the bytes written for the same content.
	// The writer asks for each file once, when a page first uses it, from
	// one goroutine at a time, and keeps nothing of what it is given once
	// that is written, so Files may forget a file it gave
	// (editions.Edition.TakeFileBytes).
	Files func(path string) (data []byte, ok bool, err error)
	// Compressors, when set, lends the Writer its compressors and takes
	// them back when the file is finished, for the next document written
	// with it (see Compressors: a batch shares one across its editions).
	// nil gives each Writer its own. It does not change the bytes
	// written.
	Compressors *Compressors
	// OptimizePhotos embeds each baseline JPEG photo and image ad with
	// optimal Huffman tables (images.OptimizeJPEG): the same DCT
	// coefficients, so the same pixels, in 5 to 8% fewer bytes, for a
	// walk of every code of the file on the Writer's workers (about 70 MB
	// a second). Without it each JPEG is embedded byte for byte, as its
	// file is. Either way what prints is the same.
	OptimizePhotos bool
	// Images, when set, keeps each JPEG's optimised bytes by content
	// (images.Cache.OptimizedJPEG) for the cache's life, so that a run
	// that writes the same photos again and again (watch) optimises each
	// once. nil optimises a photo every time a document embeds it. It
	// does not change the bytes written.
	Images *images.Cache
}

// file returns the content of the image or ad file at path: Files's, else
// the file's, read with a size cap of max.
func (o Options) file(path string, max int64) ([]byte, error) {
	if o.Files != nil {
		if b, ok, err := o.Files(path); ok || err != nil {
			return b, err
		}
	}
	return fsafe.ReadFile(path, max)
}

// ParseStandards parses a comma-separated list of standards as given on
// the command line: "x-4", "a-2u", "x-4,a-2u" or "none". Case and spaces
// are ignored; "pdf/x-4" and "pdf/a-2u" are accepted too.
func ParseStandards(s string) ([]Standard, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "none" {
		return []Standard{}, nil
	}
	if s == "" {
		return nil, fmt.Errorf("pdf standard: empty list (use %q, %q, %q or %q)", X4, A2u, "x-4,a-2u", "none")
	}
	seen := map[Standard]bool{}
	var out []Standard
	for _, part := range strings.Split(s, ",") {
		p := strings.TrimPrefix(strings.TrimSpace(part), "pdf/")
		var st Standard
		switch p {
		case "x-4", "x4":
			st = X4
		case "a-2u", "a2u":
			st = A2u
		default:
			return nil, fmt.Errorf("pdf standard %q: unknown (want %q, %q or %q)", strings.TrimSpace(part), X4, A2u, "none")
		}
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] > out[j] }) // x-4 before a-2u
	return out, nil
}

// has reports whether the options ask for standard st.
func (o Options) has(st Standard) bool {
	if o.Standards == nil {
		return true
	}
	for _, s := range o.Standards {
		if s == st {
			return true
		}
	}
	return false
}

// any reports whether the options ask for at least one standard.
func (o Options) any() bool { return o.has(X4) || o.has(A2u) }
