package text

import "github.com/broadsheet-news/broadsheet/units"

// fixedFont stands in when a style names no font, so text is still set (and
// nothing dropped): Han and full-width forms one em, the rest half an em,
// ink filling each advance.
type fixedFont struct{}

func (fixedFont) Advance(r rune, size units.Length) units.Length {
	if r == ' ' {
		return size / 4
	}
	switch classify(r) {
	case cHan, cOpen, cClose, cStop, cDash, cEllipsis, cOther:
		return size
	}
	return size / 2
}

func (f fixedFont) InkBounds(r rune, size units.Length) (left, right units.Length) {
	return 0, f.Advance(r, size)
}

func (fixedFont) Covers(r rune) bool { return true }
