package editions

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // register JPEG headers for image.DecodeConfig
	_ "image/png"  // register PNG headers
	"math"
	"os"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/internal/pdfbox"
	"github.com/broadsheet-news/broadsheet/units"
)

// readFiles checks every file the edition names and reads what layout
// needs from its header: the pixel size of photos and image ads. It reads
// no pixels. Every problem is reported, at the position that names the file.
func (ed *Edition) readFiles() error {
	ps := &problems{file: ed.Source}
	for i := range ed.Fonts {
		f := &ed.Fonts[i]
		if err := checkTrueType(f.Path); err != nil {
			ps.add(f.Pos.Line, f.Pos.Column, "", "font %s: %v", f.Name, err)
		}
	}
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
				w, h, err := imageSize(p.File)
				if err != nil {
					ps.add(p.Pos.Line, p.Pos.Column, a.ID, "photo: %v", err)
					continue
				}
				p.PixelWidth, p.PixelHeight = w, h
			}
		}
		for i := range pg.Ads {
			ad := &pg.Ads[i]
			var err error
			if ad.Format == PDF {
				ad.PageWidth, ad.PageHeight, err = pdfPageSize(ad.File)
			} else if ad.Format != "" {
				ad.PixelWidth, ad.PixelHeight, err = imageSize(ad.File)
			}
			if err != nil {
				ps.add(ad.Pos.Line, ad.Pos.Column, "", "ad %s: %v", ad.ID, err)
			}
		}
	}
	return ps.err()
}

// imageSize reads the pixel size of a JPEG or PNG from its header.
func imageSize(path string) (w, h int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(bufio.NewReader(f))
	if err != nil {
		return 0, 0, fmt.Errorf("%s is not a readable JPEG or PNG image: %v", path, err)
	}
	if want := formatOf(path); want != "" && want != Format(format) {
		return 0, 0, fmt.Errorf("%s is named as %s but holds %s data", path, want, format)
	}
	if cfg.Width < 1 || cfg.Height < 1 {
		return 0, 0, fmt.Errorf("%s has no pixels (%d × %d)", path, cfg.Width, cfg.Height)
	}
	return cfg.Width, cfg.Height, nil
}

// pdfPageSize checks that a PDF ad has exactly one page and returns the
// size of its media box.
func pdfPageSize(path string) (w, h units.Length, err error) {
	head, err := readHead(path, 1024)
	if err != nil {
		return 0, 0, err
	}
	if !bytes.Contains(head, []byte("%PDF-")) {
		return 0, 0, fmt.Errorf("%s is not a PDF file", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	conf := &model.Configuration{ // not model.NewDefaultConfiguration: it writes a config dir in $HOME
		Reader15:       true,
		ValidationMode: model.ValidationRelaxed,
		Eol:            types.EolLF,
	}
	defer func() { // pdfcpu panics on some malformed files; an ad must not crash the run
		if r := recover(); r != nil {
			w, h, err = 0, 0, fmt.Errorf("%s is not a readable PDF (%v)", path, r)
		}
	}()
	// pdfcpu's reader itself, not its pkg/api: that pulls in go-runewidth,
	// whose init costs every run 25 to 40 ms.
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		return 0, 0, fmt.Errorf("%s is not a readable PDF: %v", path, err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return 0, 0, fmt.Errorf("%s is not a readable PDF: %v", path, err)
	}
	if ctx.PageCount != 1 {
		return 0, 0, fmt.Errorf("%s has %d pages; an ad is one page", path, ctx.PageCount)
	}
	pd, _, inh, err := ctx.PageDict(1, true)
	if err != nil || inh == nil {
		return 0, 0, fmt.Errorf("%s: cannot read its page: %v", path, err)
	}
	box := pdfbox.Visible(ctx, pd, inh)
	if box == nil {
		return 0, 0, fmt.Errorf("%s has no page size (MediaBox)", path)
	}
	w, h = units.Length(math.Round(box.Width()*1000)), units.Length(math.Round(box.Height()*1000))
	if w <= 0 || h <= 0 {
		return 0, 0, fmt.Errorf("%s has an empty page (%v × %v)", path, w, h)
	}
	return w, h, nil
}

func checkTrueType(path string) error {
	head, err := readHead(path, 4)
	if err != nil {
		return err
	}
	switch string(head) {
	case "\x00\x01\x00\x00", "true":
		return nil
	case "OTTO":
		return fmt.Errorf("%s is an OpenType font with CFF outlines; Broadsheet embeds TrueType (glyf) outlines only", path)
	case "ttcf":
		return fmt.Errorf("%s is a font collection (.ttc); extract one face to a .ttf", path)
	}
	return fmt.Errorf("%s is not a TrueType font", path)
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	buf := make([]byte, n)
	m, _ := f.Read(buf)
	return buf[:m], nil
}

// unwrapPath drops the *PathError wrapper, whose path the message already names.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
