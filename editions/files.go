package editions

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/units"
)

// LoadOptions says how Load treats the files an edition names.
type LoadOptions struct {
	// AllowPaths are folders outside the edition's own folder from which
	// photos, ads and fonts may be read. By default a file is read only
	// when it lies inside the edition's folder once every symbolic link
	// is followed, so that an edition cannot pull any file on the machine
	// into its PDF.
	AllowPaths []string
	// Images remembers the photos and image ads already validated, by
	// content, so that a batch, a watcher or a preview checks each image
	// once (with pixels kept, a preview draws from them). Nil validates
	// every image afresh.
	Images *images.Cache
	// Background lets the whole-file check of photos and image ads
	// (images.Validate) go on after LoadWith returns, beside composing
	// and writing, which need only what the headers say. Edition.ImagesChecked then waits for it
	// and reports what it found; the caller must call it before keeping
	// any output. Without Background, LoadWith reports everything.
	Background bool
	// Read, when set, is asked first for the content of each photo and ad
	// file, once the file passed the folder check, with the size cap
	// loading reads it with: a caller that has just read and hashed the
	// files (a batch, for its key) hands over those bytes and their
	// SHA-256, so that each file is read and hashed once. ok false lets
	// loading read the file itself. data must be the file's whole content
	// as fsafe.ReadFile reads it, and sum its SHA-256: it is what is
	// checked and embedded, and Images files what it found under sum.
	Read func(path string, max int64) (data []byte, sum [sha256.Size]byte, ok bool)
}

// readFiles checks every file the edition names and reads what layout
// needs: the pixel size and orientation of photos (each is checked whole,
// so that a damaged image is refused here), the page size and ink of PDF
// ads (their content is checked for what would break PDF/X-4 and
// PDF/A-2u), and the header of fonts. Every problem is reported, at the
// position that names the file. With opt.Background, the whole-file check
// goes on after readFiles returns (see Edition.ImagesChecked), unless
// another problem is found: then it waits, to report everything at once.
//
// prior is what parsing found wrong with the edition (Problems), or nil:
// the files' problems are reported with it, in file order, and the edition
// is then only checked, never kept.
func (ed *Edition) readFiles(opt LoadOptions, prior error) error {
	ps := &problems{file: ed.Source}
	if prior != nil {
		pr, ok := prior.(Problems)
		if !ok {
			return prior
		}
		ps.list = append(ps.list, pr...)
		opt.Background = false
	}
	roots, err := confinementRoots(ed.Dir, opt.AllowPaths)
	if err != nil {
		if prior != nil {
			return prior // as before the files were checked with it
		}
		return err
	}
	// A font given no file (which parsing said) is not in Inputs.
	for _, in := range ed.Inputs() {
		if f := in.font; f != nil {
			if err := confined(f.Path, roots); err != nil {
				ps.add(f.Pos.Line, f.Pos.Column, "", "font %s: %v", f.Name, err)
			} else if err := checkTrueType(f.Path); err != nil {
				ps.add(f.Pos.Line, f.Pos.Column, "", "font %s: %v", f.Name, err)
			}
		}
	}
	uses := ed.imageUses()
	imgs := readImages(uses, roots, opt.Read)
	// What is read here is what the writer embeds (FileBytes): a file
	// saved over between loading and writing cannot reach the PDF
	// unchecked. Files are kept in page order up to keptBytes, the rest
	// by their SHA-256 (see fileSet).
	ed.files = &fileSet{m: make(map[string]keptFile, len(imgs))}
	pdfs := map[string]pdfResult{} // each PDF ad read and inspected once
	// One cache for the load at least, so that an image ad decoded for its
	// ink is not decoded again by the whole-file check.
	cache := opt.Images
	if cache == nil {
		cache = images.NewCache(0)
	}
	for _, u := range uses {
		if u.pdf {
			r, done := pdfs[u.file]
			if !done {
				r.info, r.file, r.err = readPDF(u.file, roots, opt.Read, opt.Images)
				pdfs[u.file] = r
				if r.err == nil {
					ed.files.keep(u.file, r.file, fsafe.MaxPDF)
				}
			}
			info, err := r.info, r.err
			*u.pageW, *u.pageH, *u.maxInk, *u.inkAt, *u.inkNote = info.Width, info.Height, info.MaxInk, info.InkAt, info.InkNote
			if err != nil {
				u.report(ps, ed, err)
			}
			continue
		}
		r := imgs[u.file]
		if r.err != nil {
			u.report(ps, ed, r.err)
			continue
		}
		ed.files.keep(u.file, r.readFile, fsafe.MaxImage)
		*u.pixW, *u.pixH = r.info.Upright()
		*u.orientation = r.info.Orientation
		if u.ad != "" {
			// The ink check follows loading at once, so an image ad is
			// measured now, once per content for the cache's life (a batch
			// meets the same ad in many editions), and decoded through the
			// cache: the pixel check then finds it done. A decoding error is
			// the pixel check's to report.
			if ink, err := images.DerivedSum(cache, r.data, r.key(), "raster ink", MeasureRasterInk); err == nil {
				*u.maxInk, *u.inkAt, *u.rgb = ink.Max, ink.At, ink.RGB
			}
		}
	}
	check := func() error {
		pixels := &problems{file: ed.Source}
		bad := checkPixels(imgs, cache)
		for _, u := range uses {
			if err := bad[u.file]; err != nil {
				u.report(pixels, ed, err)
			}
		}
		return pixels.err()
	}
	if opt.Background && len(ps.list) == 0 {
		done := make(chan error, 1)
		go func() { done <- check() }()
		ed.pixels = sync.OnceValue(func() error { return <-done })
		return nil
	}
	if err := check(); err != nil {
		ps.list = append(ps.list, err.(Problems)...)
	}
	return ps.err()
}

// FileBytes returns the content of the photo, image ad or PDF ad at path
// (a Photo's or an Ad's File, which the display list names as an image's
// or ad's Source) as loading read and checked it, for the PDF writer
// (pdf.Options.Files; see TakeFileBytes): it embeds the very bytes that
// were checked — not what the file holds by the time a page is written,
// since an editor may have saved over it meanwhile. The edition keeps the
// files it read up to keptBytes, in page order; a file past that it reads
// again here and gives only if its SHA-256 is the one loading saw, else an
// error that says the file changed. The bytes are shared and must not be
// modified. ok is false for a path loading did not read, for an edition
// from Read or Parse whose files were not read, and for a file
// TakeFileBytes took. An image's whole-file check may still be running
// (see ImagesChecked), so what it returns is kept only once that
// succeeds. It is safe for concurrent use.
func (ed *Edition) FileBytes(path string) (data []byte, ok bool, err error) {
	return ed.files.get(path, false)
}

// TakeFileBytes is FileBytes, and then forgets the file, for a writer that
// embeds each file once (pdf.Writer asks for each when a page first uses
// it): the edition then holds a photo until it is written, not to the end
// of the render, which on a long edition with photos of its own on every
// page is most of the photos' bytes for most of the run. A second writer
// of the same edition is given nothing, and reads the files itself.
func (ed *Edition) TakeFileBytes(path string) (data []byte, ok bool, err error) {
	return ed.files.get(path, true)
}

// keptBytes bounds the bytes of the files an edition keeps from loading to
// writing. Past it, a file is kept as its SHA-256, read again when the
// writer asks for it and checked against that: an edition of a hundred
// print photos (1 to 3 MB each) would otherwise hold them all for the
// whole render, and with the collector's headroom (GOGC=200) take three
// times their size in memory. A sample page's photos (0.8 MB) are all kept.
const keptBytes = 32 << 20

// fileSet holds the files loading read (Edition.FileBytes).
type fileSet struct {
	mu   sync.Mutex
	m    map[string]keptFile
	held int64 // the bytes kept
}

// keptFile is a file as loading read it: its content, or, past keptBytes
// (hashed), its SHA-256 and the size cap to read it again with.
type keptFile struct {
	data   []byte
	hashed bool
	sum    [sha256.Size]byte
	max    int64
}

// keep adds the file at path, as read, once: its bytes while they fit in
// what is left of keptBytes, else its SHA-256 (hashed now unless the read
// hashed it). Loading calls it before the set is shared, so it takes no
// lock.
func (fs *fileSet) keep(path string, f readFile, max int64) {
	if _, done := fs.m[path]; done {
		return
	}
	if fs.held+int64(len(f.data)) <= keptBytes {
		fs.held += int64(len(f.data))
		fs.m[path] = keptFile{data: f.data}
		return
	}
	fs.m[path] = keptFile{hashed: true, sum: f.key(), max: max}
}

// get returns the file at path, forgetting it when take is set: its kept
// bytes, or the file read again if it is still what loading checked.
func (fs *fileSet) get(path string, take bool) ([]byte, bool, error) {
	if fs == nil {
		return nil, false, nil
	}
	fs.mu.Lock()
	f, ok := fs.m[path]
	if take {
		delete(fs.m, path)
	}
	fs.mu.Unlock()
	if !ok {
		return nil, false, nil
	}
	if !f.hashed {
		return f.data, true, nil
	}
	data, err := fsafe.ReadFile(path, f.max)
	if err != nil {
		return nil, true, fmt.Errorf("%s: read again for the PDF: %s", path, fsafe.Explain(err))
	}
	if sha256.Sum256(data) != f.sum {
		return nil, true, fmt.Errorf("%s changed after loading checked it: render again", path)
	}
	return data, true, nil
}

// ImagesChecked waits until every photo and image ad has been checked
// whole and returns what was wrong, as Problems at the photos and ads that
// name the files: the part of loading that LoadOptions.Background leaves
// running. It is nil once a load that was not in the background
// succeeded. Call it before the output is kept: an image that fails here
// must not reach a PDF.
func (ed *Edition) ImagesChecked() error {
	if ed.pixels == nil {
		return nil
	}
	return ed.pixels()
}

// imageUse is one place the edition names an image or PDF file, with
// where what loading reads from it goes.
type imageUse struct {
	file         string
	pos          Pos
	article, ad  string // the article of a photo, the id of an ad
	pdf          bool
	pixW, pixH   *int
	orientation  *int
	pageW, pageH *units.Length
	maxInk       *int
	inkAt        *string
	inkNote      *string
	rgb          *bool // an RGB image ad (see RasterInk)
}

// report adds err as a problem at the use.
func (u *imageUse) report(ps *problems, ed *Edition, err error) {
	if u.ad != "" {
		ps.add(u.pos.Line, u.pos.Column, "", "ad %s: %s %v", u.ad, ed.shown(u.file), err)
		return
	}
	ps.add(u.pos.Line, u.pos.Column, u.article, "photo %s %v", ed.shown(u.file), err)
}

// imageUses lists every photo and every ad with a file, in page order
// (Inputs' order, without the edition and its fonts).
func (ed *Edition) imageUses() []*imageUse {
	var uses []*imageUse
	for _, in := range ed.Inputs() {
		switch {
		case in.photo != nil:
			// A photo not named as a JPEG or PNG file is said to be one by
			// parsing, and not opened (an edition with that problem is
			// only checked).
			if p := in.photo; p.Format == JPEG || p.Format == PNG {
				uses = append(uses, &imageUse{file: p.File, pos: p.Pos, article: in.article.ID,
					pixW: &p.PixelWidth, pixH: &p.PixelHeight, orientation: &p.Orientation})
			}
		case in.ad != nil:
			// Likewise an ad whose file is no JPEG, PNG or PDF by its name.
			if ad := in.ad; ad.Format != "" {
				uses = append(uses, &imageUse{file: ad.File, pos: ad.Pos, ad: ad.ID, pdf: ad.Format == PDF,
					pixW: &ad.PixelWidth, pixH: &ad.PixelHeight, orientation: &ad.Orientation,
					pageW: &ad.PageWidth, pageH: &ad.PageHeight, maxInk: &ad.MaxInk, inkAt: &ad.InkAt, inkNote: &ad.InkNote, rgb: &ad.RGB})
			}
		}
	}
	return uses
}

// shown is a path as a message shows it: relative to the edition's folder
// when it lies inside it.
func (ed *Edition) shown(path string) string {
	if rel, err := filepath.Rel(ed.Dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}

type imageResult struct {
	info     images.Info
	readFile // the file, for checkPixels
	err      error
}

// readFile is a photo or ad file as loading read it: its content, and its
// SHA-256 when the read gave it (LoadOptions.Read).
type readFile struct {
	data   []byte
	sum    [sha256.Size]byte
	hashed bool
}

// key is the file's SHA-256: the read's, else hashed now.
func (f readFile) key() [sha256.Size]byte {
	if f.hashed {
		return f.sum
	}
	return sha256.Sum256(f.data)
}

// readWith reads the file at path, as read gives it or else from the file
// system, refusing a file over max bytes.
func readWith(read func(string, int64) ([]byte, [sha256.Size]byte, bool), path string, max int64) (readFile, error) {
	if read != nil {
		if data, sum, ok := read(path, max); ok && int64(len(data)) <= max {
			return readFile{data: data, sum: sum, hashed: true}, nil
		}
	}
	data, err := fsafe.ReadFile(path, max)
	return readFile{data: data}, err
}

// readImages reads every photo and image ad of uses (the edition's), each
// file once (through read when it gives the file), and checks what its
// header says (images.Header); checkPixels checks the rest.
func readImages(uses []*imageUse, roots []string, read func(string, int64) ([]byte, [sha256.Size]byte, bool)) map[string]imageResult {
	out := map[string]imageResult{}
	for _, u := range uses {
		if u.pdf {
			continue
		}
		if _, done := out[u.file]; !done {
			info, f, err := readImage(u.file, roots, read)
			out[u.file] = imageResult{info, f, err}
		}
	}
	return out
}

// checkPixels checks every image whose header was good whole
// (images.Validate, through cache), several at a time (it is the slow part
// of loading), and returns the errors by file. The result does not depend on the order
// of work.
func checkPixels(imgs map[string]imageResult, cache *images.Cache) map[string]error {
	var paths []string
	for p, r := range imgs {
		if r.err == nil {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(paths)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				r := imgs[paths[i]]
				_, errs[i] = cache.ValidateSum(r.data, r.key())
			}
		}()
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	out := map[string]error{}
	for i, p := range paths {
		if errs[i] != nil {
			out[p] = errs[i]
		}
	}
	return out
}

// readImage reads a photo or image ad and checks its header.
func readImage(path string, roots []string, read func(string, int64) ([]byte, [sha256.Size]byte, bool)) (images.Info, readFile, error) {
	if err := confined(path, roots); err != nil {
		return images.Info{}, readFile{}, err
	}
	f, err := readWith(read, path, fsafe.MaxImage)
	if err != nil {
		return images.Info{}, readFile{}, errors.New(fsafe.Explain(err))
	}
	info, err := images.Header(f.data)
	if err != nil {
		return info, readFile{}, err
	}
	if want := formatOf(path); want != "" && want != Format(info.Format) {
		return info, readFile{}, fmt.Errorf("is named as %s but holds %s data", strings.ToUpper(string(want)), strings.ToUpper(info.Format))
	}
	return info, f, nil
}

// pdfResult is what readPDF found in a PDF ad.
type pdfResult struct {
	info PDFInfo
	file readFile // the file, when it passed
	err  error
}

// readPDF reads and inspects a PDF ad, and returns the file's content
// with what it found when the ad passed.
func readPDF(path string, roots []string, read func(string, int64) ([]byte, [sha256.Size]byte, bool), cache *images.Cache) (PDFInfo, readFile, error) {
	if err := confined(path, roots); err != nil {
		return PDFInfo{}, readFile{}, err
	}
	f, err := readWith(read, path, fsafe.MaxPDF)
	if err != nil {
		return PDFInfo{}, readFile{}, errors.New(fsafe.Explain(err))
	}
	// Once a run for each content (cache, a batch's or a watch's): an ad
	// runs in many editions, and measuring its images' ink decodes them.
	info, err := images.Memo(cache, f.key(), "editions.InspectPDF", func() (PDFInfo, error) { return InspectPDF(f.data) })
	if err != nil {
		return info, readFile{}, err
	}
	return info, f, nil
}

// CheckConfined reports every photo, ad and font the edition names that
// lies outside its folder and the folders allow (LoadOptions.AllowPaths),
// once its symbolic links are followed, as loading reports it, at the line
// that names it; it reads no file. It is for a caller that does not load
// the edition every time (an archive skips one whose PDF is up to date),
// yet must refuse it as loading would: a batch run without a folder an
// earlier run allowed refuses the editions that read from it.
func (ed *Edition) CheckConfined(allow []string) error {
	roots, err := confinementRoots(ed.Dir, allow)
	if err != nil {
		return err
	}
	ps := &problems{file: ed.Source}
	for _, in := range ed.Inputs() {
		if f := in.font; f != nil {
			if err := confined(f.Path, roots); err != nil {
				ps.add(f.Pos.Line, f.Pos.Column, "", "font %s: %v", f.Name, err)
			}
		}
	}
	for _, u := range ed.imageUses() {
		if err := confined(u.file, roots); err != nil {
			u.report(ps, ed, err)
		}
	}
	return ps.err()
}

// confinementRoots returns the folders files may be read from, with every
// symbolic link resolved.
func confinementRoots(dir string, allow []string) ([]string, error) {
	var roots []string
	for i, d := range append([]string{dir}, allow...) {
		if d == "" {
			d = "."
		}
		abs, err := filepath.Abs(d)
		if err == nil {
			abs, err = filepath.EvalSymlinks(abs)
		}
		if err != nil {
			if i == 0 {
				return nil, fmt.Errorf("reading edition: its folder %s %s", d, fsafe.Explain(err))
			}
			return nil, fmt.Errorf("--allow-path %s %s", d, fsafe.Explain(err))
		}
		roots = append(roots, abs)
	}
	return roots, nil
}

// confined checks that path lies inside one of roots once its symbolic
// links are followed. A path that does not exist passes: reading it fails
// next, with the better message.
func confined(path string, roots []string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return errors.New(fsafe.Explain(err))
	}
	for _, r := range roots {
		if rel, err := filepath.Rel(r, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil
		}
	}
	if real != abs {
		return fmt.Errorf("is outside the edition's folder (it leads to %s); copy it into the folder, or allow its folder with --allow-path", real)
	}
	return fmt.Errorf("is outside the edition's folder; copy it into the folder, or allow its folder with --allow-path")
}

func checkTrueType(path string) error {
	f, info, err := fsafe.Open(path)
	if err != nil {
		return fmt.Errorf("%s %s", path, fsafe.Explain(err))
	}
	defer f.Close()
	if info.Size() > fsafe.MaxFont { // the library reads a face whole
		return fmt.Errorf("%s %s", path, fsafe.Explain(&fsafe.TooLargeError{Path: path, Size: info.Size(), Max: fsafe.MaxFont}))
	}
	head := make([]byte, 4)
	m, _ := f.Read(head)
	switch string(head[:m]) {
	case "\x00\x01\x00\x00", "true":
		return nil
	case "OTTO":
		return fmt.Errorf("%s is an OpenType font with CFF outlines; Broadsheet embeds TrueType (glyf) outlines only", path)
	case "ttcf":
		return fmt.Errorf("%s is a font collection (.ttc); extract one face to a .ttf", path)
	}
	return fmt.Errorf("%s is not a TrueType font", path)
}

// CheckInk reports every placed ad whose colours reach more total ink than
// limit (in percent), at the line that places it: newsprint takes about
// 240%, and more smears and sets off on press. The ink of a PDF ad is that
// of its CMYK and gray colours, of a CMYK or gray image ad that of its
// darkest pixel. An RGB image ad prints as the output profile converts it,
// with at most what rgbInk returns (the profile's own total ink, see
// internal/icc.TotalInk, which reads the profile's tables: rgbInk is called
// once, and only when the edition has an RGB image ad): it is refused only
// when that is over the limit, since nothing then keeps its darkest colours
// within it. An error from rgbInk is returned as it is.
func (ed *Edition) CheckInk(limit int, rgbInk func() (int, error)) error {
	ps := &problems{file: ed.Source}
	most, asked := 0, false
	for _, pg := range ed.Pages {
		for _, ad := range pg.Ads {
			if ad.RGB && !asked {
				var err error
				if most, err = rgbInk(); err != nil {
					return err
				}
				asked = true
			}
			if ad.RGB && most > limit {
				ps.add(ad.Pos.Line, ad.Pos.Column, "", "ad %s: %s is in RGB, which the output profile converts with up to %d%% total ink, over the %d%% limit of the paper (--ink-limit); ask for a CMYK version in newsprint colours",
					ad.ID, ed.shown(ad.File), most, limit)
			}
			if ad.MaxInk > limit {
				ps.add(ad.Pos.Line, ad.Pos.Column, "", "ad %s: %s reaches %d%% total ink (CMYK %s), over the %d%% limit of the paper (--ink-limit); ask for a version in newsprint colours",
					ad.ID, ed.shown(ad.File), ad.MaxInk, ad.InkAt, limit)
			}
		}
	}
	return ps.err()
}
