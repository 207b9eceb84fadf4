// Package text composes a paragraph of Chinese text, mixed with Latin words
// and numbers, into justified lines of positioned glyphs on a character grid.
//
// It implements the rules of the W3C "Requirements for Chinese Text Layout"
// (clreq, https://www.w3.org/TR/clreq/) and GB/T 15834 (punctuation):
//
//   - Break opportunities come from Unicode line breaking (UAX #14,
//     https://unicode.org/reports/tr14/) as computed by
//     github.com/go-text/typesetting/segmenter, tailored with a Chinese
//     kinsoku (禁则) table: no closing or stop mark starts a line, no opening
//     mark or currency prefix ends one, —— and …… never split, Latin words
//     stay whole except at a hyphen, at a hyphenation point (package
//     layout/hyphen: TeX's patterns) with a hyphen added, or, in a URL,
//     after / (after . only dearly).
//   - Punctuation is set 全角式 (full width), 半角式 or 开明式; adjacent marks
//     compress, line-edge marks may lose their blank half. The blank side is
//     found from the font's ink bounds, never assumed.
//   - Words: a dictionary segmenter (package layout/words, jieba's word
//     list) tells where Chinese words end. Headlines, bylines and captions
//     break only between words (a headline at its clause space first);
//     body text takes a word boundary when it costs no more.
//   - A quarter em separates Han from Latin letters and digits, but units
//     and signs (℃ ％ ° ′ ～ −) sit tight against their digits. Numbers
//     keep their units and measure words, signs and ranges on one line
//     (97天, 128.6亿元, 8～10℃, ISO 9001:2015); a URL breaks only after /
//     or after . (a line never starts with .); a Latin word breaks only
//     with a hyphen shown, where TeX's hyphenation patterns allow
//     (Broad-sheet, never Broa-dsheet).
//   - Lines are chosen by total fit over the whole paragraph (Knuth–Plass),
//     adjusting shrink first (punctuation, then Han–Latin gaps to an
//     eighth of an em, then the characters closed up by at most 1/20 em a
//     junction, then the Han–Latin gaps down to none, then a dateline's
//     space: Style.IndentShrink) and stretch next (word spaces
//     and Han–Latin gaps, then an even spread over the gaps beside Han and
//     beside pauses alike: never inside a Latin word or a number, nor
//     between a number and its unit). A line spread by more than 0.08 em a
//     gap is loose and costs more than squeezing elsewhere. 开明式 keeps 。！？ full
//     width in mid-line. A line of Han alone on a whole-character
//     measure gets no added space, and the last line is never a lone
//     character (孤字). A rule that cannot be kept is broken and reported.
//
// All arithmetic is integer (units.Length, millipoints), so the same input
// gives the same lines on every machine.
package text

import (
	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/units"
)

// Font is what the composer needs of a face. *fonts.Face satisfies it.
type Font interface {
	// Advance is r's horizontal advance at size.
	Advance(r rune, size units.Length) units.Length
	// InkBounds is the horizontal extent of r's ink relative to the glyph
	// origin at size; (0, 0) for an empty glyph.
	InkBounds(r rune, size units.Length) (left, right units.Length)
	// Covers reports whether the face has a glyph for r.
	Covers(r rune) bool
}

// ClusterFont is a Font made of several faces (a face and its fallbacks)
// that draws each cluster — a base character and its combining marks — in
// one of them: the composer measures and checks a cluster in the Font
// ForCluster gives for it, so what is measured is what is drawn.
type ClusterFont interface {
	Font
	ForCluster(g []rune) Font
}

// Align says how lines sit in the measure.
type Align int

// Alignments. The zero value justifies.
const (
	// Justify sets every line but the last flush on both sides; the last
	// line is flush left.
	Justify Align = iota
	// Left sets lines ragged right.
	Left
	// Center centres each line.
	Center
	// Right sets lines ragged left.
	Right
)

// PunctStyle is how wide punctuation is set (标点符号的排法).
type PunctStyle int

// Punctuation styles. The zero value is Full.
const (
	// Full (全角式) sets every mark in a full em, compressing adjacent
	// marks and, when a line needs it, marks at the line's edges.
	Full PunctStyle = iota
	// Half (半角式) sets every pause, stop, bracket and quote in half an em.
	Half
	// Kaiming (开明式) sets the marks that end a sentence (。？！) full width
	// and all other pauses, brackets and quotes in half an em.
	Kaiming
)

// Style is how a paragraph is set.
type Style struct {
	Font    Font
	Size    units.Length // the em
	Measure units.Length // the line length
	// Indent is the first line's indent, e.g. 2 em (ignored for headlines).
	Indent units.Length
	// IndentShrink is how much of the indent the first line may give when
	// it is squeezed (at most Indent): the space after a run-in dateline
	// (本报讯), which may close from one em to half an em rather than leave
	// the line loose. It gives last, after the characters have closed up,
	// and at a price, so a space that gives is rare.
	IndentShrink units.Length
	Align        Align
	Punctuation  PunctStyle
	// Strict applies the strict kinsoku table (adds ～ ℃ ° 々 ー and small
	// kana to the marks that may not start a line).
	Strict bool
	// Normalize applies Normalize to the paragraph before composing it.
	Normalize bool
	// Headline sets a headline: no indent, breaks only between words or
	// phrases (spaces, punctuation, script changes) unless a line cannot
	// otherwise fit, ragged lines balanced in length, no justification.
	Headline bool
	// Phrases breaks lines only between words or phrases (spaces,
	// punctuation, script changes) unless a line cannot otherwise fit, as
	// Headline does, but keeps the alignment and spacing of the style: for
	// a byline, whose names must not be split.
	Phrases bool
	// Words breaks lines only between dictionary words (package
	// layout/words) unless that costs a loose line, and never before a
	// particle (的 了 着 地 得) standing as a word of its own: for captions.
	// Headline and Phrases imply it; body text, without it, still takes a
	// word boundary over a break inside a word when the two cost the same.
	Words bool
}

// DefaultStyle returns the body style: justified, 全角式, strict kinsoku,
// normalised input and a two-em first-line indent.
func DefaultStyle(f Font, size, measure units.Length) Style {
	return Style{
		Font: f, Size: size, Measure: measure, Indent: 2 * size,
		Align: Justify, Punctuation: Full, Strict: true, Normalize: true,
	}
}

// Glyph is one cluster of source text (usually one character) set on a line.
type Glyph struct {
	Text string
	// X is where the glyph's origin is drawn, from the line's left edge. For
	// a mark that lost part of its blank left side, X is left of Box.
	X units.Length
	// Width is the room the glyph takes on the line: its advance less any
	// compression. Spaces at a line's end have width 0.
	Width units.Length
	// Box is the left edge of that room (X plus what was cut from the left).
	Box units.Length
}

// Line is one composed line.
type Line struct {
	Glyphs []Glyph
	// Width is the set width: from the line's left edge to the right edge of
	// its last visible glyph (indent and alignment offset included). A
	// justified line's Width is the measure.
	Width units.Length
	// Natural is the width before justification (compression at the line's
	// edges applied only as far as the line needed it).
	Natural units.Length
	// Start and End are byte offsets of the line's text in Paragraph.Text.
	Start, End int
	// Last is true for the paragraph's last line and for a line ended by a
	// forced break (a newline in the text).
	Last bool
	// Hyphen is true when the line breaks a Latin word and ends with a
	// hyphen the composer added: its last glyph, a soft hyphen (U+00AD,
	// drawn as a hyphen, dropped by PDF text extraction), which is not in
	// Paragraph.Text (Start:End does not count it).
	Hyphen bool
}

// Diagnostic reports a rule that could not be kept, or a problem in the text.
type Diagnostic struct {
	// Code is one of the composer's codes in package diag: MissingGlyph,
	// InvalidUTF8, KinsokuRelaxed, WordBroken, Overfull, LooseLine,
	// LooseCopy, OffGrid, Orphan, HeadlinePunctuation, BadStyle.
	Code    diag.Code
	Message string
	// Line is the index of the line concerned, or -1.
	Line int
	// Pos is the byte offset in Paragraph.Text concerned, or -1.
	Pos int
}

// Paragraph is a composed paragraph.
type Paragraph struct {
	Text        string // the (normalised) text that was set
	Lines       []Line
	Diagnostics []Diagnostic
}

// Compose sets par in style st. See Composer.Compose.
func Compose(par string, st Style) Paragraph {
	return NewComposer().Compose(par, st)
}
