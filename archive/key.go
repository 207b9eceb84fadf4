package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// keyFormat names the way the key is computed; changing the recipe changes
// it, so every PDF is made again. (2: the ink limit is in the key.)
const keyFormat = "broadsheet-archive-key/2"

// SidecarSuffix is appended to a PDF's path to name the file that holds
// the key it was made from.
const SidecarSuffix = ".key.json"

// sidecar is the content of NAME.pdf.key.json.
type sidecar struct {
	Format string `json:"format"`
	Key    string `json:"key"`    // what the PDF was made from
	SHA256 string `json:"sha256"` // of the PDF, to know it is the one the key is for
	Size   int64  `json:"size"`
	Pages  int    `json:"pages"`
}

// Key is the hex SHA-256 that says whether a PDF is up to date: it covers
// the edition file, every photo, ad and user font the edition uses (by
// content), the program (its version, and for a development build a hash
// of its executable, which holds the embedded fonts), every PDF option
// (the output profile by content) and the ink limit the edition's ads were
// checked against (Options.InkLimit; 0 for none).
func Key(ed *editions.Edition, program string, opt pdf.Options, inkLimit int) (string, error) {
	key, _, err := keyAndFiles(ed, program, opt, inkLimit, false)
	return key, err
}

// readFiles are the photos and ads keyAndFiles read whole to hash them, by
// path, for loading to take (editions.LoadOptions.Read): each file is read
// and hashed once, for the key, the image cache and the PDF.
type readFiles map[string]readFile

// readFile is a file's content and its SHA-256.
type readFile struct {
	data []byte
	sum  [sha256.Size]byte
}

// read gives the file at path as it was read for the key, once, when it
// fits within max bytes (editions.LoadOptions.Read, which loading calls
// from one goroutine).
func (rf readFiles) read(path string, max int64) ([]byte, [sha256.Size]byte, bool) {
	f, ok := rf[path]
	if !ok || int64(len(f.data)) > max {
		return nil, [sha256.Size]byte{}, false
	}
	delete(rf, path)
	return f.data, f.sum, true
}

// keyAndFiles is Key and, with keep, the photos and ads it read whole to
// hash them (a file too large to be one is hashed as it is read, and not
// kept). Without keep every file is hashed as it is read, in a small
// buffer: for an edition likely to be up to date, whose files are not
// needed.
func keyAndFiles(ed *editions.Edition, program string, opt pdf.Options, inkLimit int, keep bool) (string, readFiles, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\nprogram %q\n", keyFormat, program)
	// Each field of pdf.Options, by name (a test fails when one is added,
	// so that nobody forgets to say whether it changes the PDF). Files
	// does not: it gives the writer the same content it would read (the
	// files are in the key below, by content); nor do Compressors,
	// which lends the writer its compressors, and Images, which keeps
	// the photos it optimised.
	fmt.Fprintf(h, "standards %q default=%v\nprofile %x\ncondition %q\nmarks %v\noptimize photos %v\n",
		opt.Standards, opt.Standards == nil, sha256.Sum256(opt.OutputProfile), opt.OutputCondition, opt.Marks, opt.OptimizePhotos)
	// The ink limit does not change the PDF, but whether the edition is
	// refused: a PDF made under --ink-limit 300 may hold an ad of 290%,
	// which a run at 240 must refuse, not skip as up to date. (A looser
	// limit renders again too, the same bytes: simpler than keeping the
	// limit beside the key and comparing.) The folders an edition may
	// read from (Options.AllowPaths) are not in the key: they do not
	// change the PDF, which the files make (in the key by content), only
	// which files may be read; with them in it, naming one more folder
	// would render a whole archive again. Every run checks instead that
	// an edition's files lie within them, up to date or not (renderJob).
	fmt.Fprintf(h, "ink limit %d\n", max(inkLimit, 0))
	// Each file once, under the kind it was last named as (Inputs'
	// order), as the key has always named them: a photo story's photo is
	// a "photo" here, not a "story", so that the PDFs of earlier runs
	// stay up to date.
	files := map[string]string{}
	for _, in := range ed.Inputs() {
		kind := string(in.Kind)
		if in.Kind == editions.InputStory {
			kind = string(editions.InputPhoto)
		}
		files[in.Path] = kind
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	read := readFiles{}
	for _, p := range paths {
		var sum string
		f, ok := readFile{}, false
		if keep {
			f, ok = readWhole(p, files[p])
		}
		if ok {
			read[p] = f
			sum = hex.EncodeToString(f.sum[:])
		} else {
			var err error
			if sum, _, err = hashFile(p, maxOf(files[p])); err != nil {
				return "", nil, err
			}
		}
		// Named relative to the edition, so the key does not change with
		// the working directory or the machine's mount point.
		name := p
		if r, err := filepath.Rel(ed.Dir, p); err == nil {
			name = filepath.ToSlash(r)
		}
		fmt.Fprintf(h, "%s %q %s\n", files[p], name, sum)
	}
	return hex.EncodeToString(h.Sum(nil)), read, nil
}

// readWhole reads a photo or an ad file whole and hashes it, when it is a
// regular file of a size loading reads (fsafe.MaxImage, fsafe.MaxPDF);
// false for anything else, which is hashed as it is read (hashFile) and
// left to loading to read, or refuse.
func readWhole(path, kind string) (readFile, bool) {
	if kind != "photo" && kind != "ad" {
		return readFile{}, false
	}
	data, err := fsafe.ReadFile(path, max(fsafe.MaxImage, fsafe.MaxPDF))
	if err != nil {
		return readFile{}, false
	}
	return readFile{data: data, sum: sha256.Sum256(data)}, true
}

// maxOf is the most bytes loading reads of a file of a kind the key
// names: a larger one is refused, and need not be hashed.
func maxOf(kind string) int64 {
	switch kind {
	case "edition":
		return fsafe.MaxEdition
	case "font":
		return fsafe.MaxFont
	case "photo":
		return fsafe.MaxImage
	case "ad":
		return fsafe.MaxPDF
	}
	return 0
}

// hashFile returns the hex SHA-256 of a file's content and its size. Only
// a regular file is read (fsafe.Open): opening a FIFO named as a photo
// waited for a writer, and the batch with it, for ever. A file over max
// bytes (max > 0), which loading refuses, is not read: its "sum" says its
// size instead (a sparse font file of 3 GB was hashed for 7 s, a larger one
// for as long as its size, before loading refused it at once).
func hashFile(path string, max int64) (string, int64, error) {
	f, info, err := fsafe.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if max > 0 {
		if info.Size() > max {
			return fmt.Sprintf("over-the-cap-%d", info.Size()), info.Size(), nil
		}
		r = io.LimitReader(f, max+1) // a file that grows meanwhile is read to max+1 bytes
	}
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return "", 0, fmt.Errorf("reading %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// upToDate returns the sidecar of the PDF at out when its key is key and
// the PDF beside it is whole: the very bytes the sidecar was written for.
func upToDate(out, key string) (sidecar, bool) {
	b, err := os.ReadFile(out + SidecarSuffix)
	if err != nil {
		return sidecar{}, false
	}
	var sc sidecar
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if dec.Decode(&sc) != nil || sc.Format != keyFormat || sc.Key != key {
		return sidecar{}, false
	}
	sum, size, err := hashFile(out, 0)
	if err != nil || size != sc.Size || sum != sc.SHA256 {
		return sidecar{}, false
	}
	return sc, true
}
