package editions

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
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
	// content, so that a batch, a watcher or a preview decodes each image
	// once (with pixels kept, a preview draws from them). Nil validates
	// every image afresh.
	Images *images.Cache
}

// readFiles checks every file the edition names and reads what layout
// needs: the pixel size and orientation of photos (every pixel is decoded,
// so that a damaged image is refused here), the page size and ink of PDF
// ads (their content is checked for what would break PDF/X-4 and
// PDF/A-2u), and the header of fonts. Every problem is reported, at the
// position that names the file.
func (ed *Edition) readFiles(opt LoadOptions) error {
	ps := &problems{file: ed.Source}
	roots, err := confinementRoots(ed.Dir, opt.AllowPaths)
	if err != nil {
		return err
	}
	for i := range ed.Fonts {
		f := &ed.Fonts[i]
		if err := confined(f.Path, roots); err != nil {
			ps.add(f.Pos.Line, f.Pos.Column, "", "font %s: %v", f.Name, err)
		} else if err := checkTrueType(f.Path); err != nil {
			ps.add(f.Pos.Line, f.Pos.Column, "", "font %s: %v", f.Name, err)
		}
	}
	imgs := ed.readImages(roots, opt.Images)
	for pi := range ed.Pages {
		pg := &ed.Pages[pi]
		for ai := range pg.Articles {
			a := &pg.Articles[ai]
			photos := make([]*Photo, 0, len(a.Photos)+1)
			for i := range a.Photos {
				photos = append(photos, &a.Photos[i])
			}
			if a.Story != nil {
				photos = append(photos, a.Story)
			}
			for _, p := range photos {
				if p.File == "" {
					continue
				}
				r := imgs[p.File]
				info, err := r.info, r.err
				if err != nil {
					ps.add(p.Pos.Line, p.Pos.Column, a.ID, "photo %s %v", ed.shown(p.File), err)
					continue
				}
				p.PixelWidth, p.PixelHeight = info.Upright()
				p.Orientation = info.Orientation
			}
		}
		for i := range pg.Ads {
			ad := &pg.Ads[i]
			if ad.File == "" || ad.Format == "" {
				continue
			}
			var err error
			if ad.Format == PDF {
				var info PDFInfo
				info, err = readPDF(ad.File, roots)
				ad.PageWidth, ad.PageHeight, ad.MaxInk, ad.InkAt = info.Width, info.Height, info.MaxInk, info.InkAt
			} else {
				r := imgs[ad.File]
				info := r.info
				err = r.err
				ad.PixelWidth, ad.PixelHeight = info.Upright()
				ad.Orientation = info.Orientation
			}
			if err != nil {
				ps.add(ad.Pos.Line, ad.Pos.Column, "", "ad %s: %s %v", ad.ID, ed.shown(ad.File), err)
			}
		}
	}
	return ps.err()
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
	info images.Info
	err  error
}

// readImages reads and validates every photo and image ad the edition
// names, each file once, several at a time: decoding every pixel is the
// slow part of loading. The results do not depend on the order of work.
func (ed *Edition) readImages(roots []string, cache *images.Cache) map[string]imageResult {
	var paths []string
	seen := map[string]bool{}
	add := func(p string) {
		if p != "" && !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	for _, pg := range ed.Pages {
		for _, a := range pg.Articles {
			for _, p := range a.Photos {
				add(p.File)
			}
			if a.Story != nil {
				add(a.Story.File)
			}
		}
		for _, ad := range pg.Ads {
			if ad.Format == JPEG || ad.Format == PNG {
				add(ad.File)
			}
		}
	}
	results := make([]imageResult, len(paths))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(paths)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				info, err := readImage(paths[i], roots, cache)
				results[i] = imageResult{info, err}
			}
		}()
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	out := make(map[string]imageResult, len(paths))
	for i, p := range paths {
		out[p] = results[i]
	}
	return out
}

// readImage reads and validates a photo or image ad.
func readImage(path string, roots []string, cache *images.Cache) (images.Info, error) {
	if err := confined(path, roots); err != nil {
		return images.Info{}, err
	}
	data, err := fsafe.ReadFile(path, fsafe.MaxImage)
	if err != nil {
		return images.Info{}, errors.New(fsafe.Explain(err))
	}
	info, err := cache.Validate(data)
	if err != nil {
		return info, err
	}
	if want := formatOf(path); want != "" && want != Format(info.Format) {
		return info, fmt.Errorf("is named as %s but holds %s data", strings.ToUpper(string(want)), strings.ToUpper(info.Format))
	}
	return info, nil
}

// readPDF reads and inspects a PDF ad.
func readPDF(path string, roots []string) (PDFInfo, error) {
	if err := confined(path, roots); err != nil {
		return PDFInfo{}, err
	}
	data, err := fsafe.ReadFile(path, fsafe.MaxPDF)
	if err != nil {
		return PDFInfo{}, errors.New(fsafe.Explain(err))
	}
	return InspectPDF(data)
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
	f, _, err := fsafe.Open(path)
	if err != nil {
		return fmt.Errorf("%s %s", path, fsafe.Explain(err))
	}
	defer f.Close()
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

// CheckInk reports every placed PDF ad whose colours reach more total ink
// than limit (in percent), at the line that places it: newsprint takes
// about 240%, and more smears and sets off on press.
func (ed *Edition) CheckInk(limit int) error {
	ps := &problems{file: ed.Source}
	for _, pg := range ed.Pages {
		for _, ad := range pg.Ads {
			if ad.MaxInk > limit {
				ps.add(ad.Pos.Line, ad.Pos.Column, "", "ad %s: %s reaches %d%% total ink (CMYK %s), over the %d%% limit of the paper (--ink-limit); ask for a version in newsprint colours",
					ad.ID, ed.shown(ad.File), ad.MaxInk, ad.InkAt, limit)
			}
		}
	}
	return ps.err()
}
