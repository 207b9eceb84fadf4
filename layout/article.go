package layout

import (
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/layout/place"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// module is one article (or the continued part of one) as a block to place
// on a page: its flow of body lines, set once at the column measure, and
// its headline blocks and photos, set at each span it might take.
type module struct {
	a     *editions.Article
	index int // importance on its page, 0 = lead
	rank  int // headline rank 1..4
	// flow is the byline and the body, one grid line each, at the column measure.
	flow      []tline
	bodyStart int // index in flow of the first body line
	flowDiags []text.Diagnostic
	// Continuation: from is the page the text comes from (the continued
	// part); to is the page the rest jumps to (the first part).
	from, to int
	story    bool // a photo story: photo, title, caption, no body
	photos   []*editions.Photo
	heads    []*head  // per span, then per span a rank larger (headAt); set on first use
	caps     [][]*cap // per span, per photo: caption set at the photo width
	options  [][]config
	fixed    *place.Rect
}

// head is a headline block set at one span.
type head struct {
	lines     []hline
	height    units.Length // the set height of the text
	gridLines int          // whole grid lines it takes, space below included
	headLines int          // lines of the headline proper (主题)
	shortLast bool         // the headline's last line is under a third of its first
	diags     []text.Diagnostic
}

// hline is one line of a headline block with its own baseline offset from
// the block's top.
type hline struct {
	tline
	y units.Length
}

// cap is a photo caption (with its credit) set at one width.
type cap struct {
	lines []tline
	diags []text.Diagnostic
}

// config is one way to build a module at a span and height: the chosen
// extra headline space, photo columns and heights, and how many flow lines
// are shown.
type config struct {
	lines  int // module height in grid lines; 0 = no config
	cost   int64
	extra  int   // grid lines added to the headline block
	pcols  int   // columns the photos span (at the module's right)
	plines []int // grid lines of each photo's image
	shown  int   // flow lines shown (the rest jumps or is overset)
	hole   int   // grid lines left empty at the bottom (underset)
	up     bool  // the headline is set a rank larger (canStepUp)
}

// headline sizes step down by rank from the style's size to 18 pt.
func rankSize(top units.Length, rank int) units.Length {
	low := units.Pt(18)
	if top < low {
		return top
	}
	return top - (top-low).Scale(int64(rank-1), 3)
}

// defaultRank is the headline rank by importance order.
func defaultRank(index int) int {
	switch {
	case index == 0:
		return 1
	case index == 1:
		return 2
	case index <= 3:
		return 3
	}
	return 4
}
