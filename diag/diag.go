// Package diag names the problems Broadsheet reports while composing: the
// codes shared by the paragraph composer (layout/text), the layout engine
// (layout) and the display list (display), so a code is one constant, not
// a string each package spells its own way. It imports nothing.
package diag

// Code is a stable short name of a kind of problem, printed with each
// diagnostic (e.g. "overset").
type Code string

// Codes of the paragraph composer (layout/text): a rule that could not be
// kept, or a problem in the text.
const (
	MissingGlyph        Code = "missing-glyph"        // a rune the font does not cover, set anyway
	InvalidUTF8         Code = "invalid-utf8"         // bytes that are not UTF-8, set as U+FFFD
	KinsokuRelaxed      Code = "kinsoku-relaxed"      // a line-start or line-end rule (禁则) was broken
	WordBroken          Code = "word-broken"          // a Latin word or number was broken
	Overfull            Code = "overfull"             // a line wider than its measure
	LooseLine           Code = "loose-line"           // a line spread beyond the stretch it has
	LooseCopy           Code = "loose-copy"           // a line spread over 0.08 em a gap that no legal break avoids: the wording must change
	OffGrid             Code = "off-grid"             // a Han-only line on a whole-character measure needed added space
	Orphan              Code = "orphan"               // the last line is a lone character (孤字)
	HeadlinePunctuation Code = "headline-punctuation" // a headline ends with a mark other than ？！
	BadStyle            Code = "bad-style"            // a style that cannot be set as given
)

// Codes of the layout engine (layout).
const (
	Overset       Code = "overset"        // text that is not set
	Underset      Code = "underset"       // a hole, or air added for want of copy
	Placement     Code = "placement"      // an ad or a hand-placed article that cannot go where it is asked
	LowPPI        Code = "low-ppi"        // a photo that prints under the resolution newsprint needs
	Font          Code = "font"           // text that could not be set in its font
	InkUnmeasured Code = "ink-unmeasured" // a PDF ad's image whose ink could not be measured
	FontFallback  Code = "font-fallback"  // characters set in a fallback face the edition names, not the role's own
)
