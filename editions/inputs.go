package editions

// InputKind is what an edition reads a file as (see Edition.Inputs).
type InputKind string

// The kinds of file an edition reads.
const (
	InputEdition InputKind = "edition" // the edition file itself (Source)
	InputFont    InputKind = "font"    // a user font (fonts:)
	InputPhoto   InputKind = "photo"   // an article's photo (photos:)
	InputStory   InputKind = "story"   // a photo story's photo (an article's photo:)
	InputAd      InputKind = "ad"      // an ad's image or one-page PDF
)

// Input is one file an edition reads, as Edition.Inputs lists it.
type Input struct {
	Path string // resolved as the edition names it (Source for the edition file)
	Kind InputKind
	// Pos is where the edition names the file: the font's, photo's or
	// ad's line, the file alone for the edition itself.
	Pos Pos

	// What names the file, for loading to report at and fill in: one of
	// font, photo (an article's photo or its story's) and ad, with the
	// photo's article.
	font    *FontFile
	photo   *Photo
	article *Article
	ad      *Ad
}

// Inputs lists every file the edition reads, each with its kind, in this
// order: the edition file itself; its fonts, in the order written; then,
// page after page in the edition's order, each article's photos (photos:,
// in order) followed by its photo story's photo (photo:), article after
// article, and then the page's ads, in order. A file named more than once
// is listed each time it is named (a caller that wants each file once
// keeps the first, or the last, as it needs). A font, photo or ad given
// no file at all (an empty name, which only an edition with problems has)
// is left out.
//
// It is the one walk over what an edition names: loading, the checks of
// its files (CheckConfined), an archive's up-to-date key, render's refusal
// of an output that is an input, and watch's list of files to follow all
// take their files from it, so that none of them can miss a kind.
func (ed *Edition) Inputs() []Input {
	n := 1 + len(ed.Fonts)
	for pi := range ed.Pages {
		pg := &ed.Pages[pi]
		n += len(pg.Ads)
		for ai := range pg.Articles {
			a := &pg.Articles[ai]
			n += len(a.Photos)
			if a.Story != nil {
				n++
			}
		}
	}
	ins := make([]Input, 0, n)
	ins = append(ins, Input{Path: ed.Source, Kind: InputEdition, Pos: Pos{File: ed.Source}})
	for i := range ed.Fonts {
		f := &ed.Fonts[i]
		if f.Path != "" {
			ins = append(ins, Input{Path: f.Path, Kind: InputFont, Pos: f.Pos, font: f})
		}
	}
	for pi := range ed.Pages {
		pg := &ed.Pages[pi]
		for ai := range pg.Articles {
			a := &pg.Articles[ai]
			for i := range a.Photos {
				if p := &a.Photos[i]; p.File != "" {
					ins = append(ins, Input{Path: p.File, Kind: InputPhoto, Pos: p.Pos, photo: p, article: a})
				}
			}
			if p := a.Story; p != nil && p.File != "" {
				ins = append(ins, Input{Path: p.File, Kind: InputStory, Pos: p.Pos, photo: p, article: a})
			}
		}
		for i := range pg.Ads {
			if ad := &pg.Ads[i]; ad.File != "" {
				ins = append(ins, Input{Path: ad.File, Kind: InputAd, Pos: ad.Pos, ad: ad})
			}
		}
	}
	return ins
}
