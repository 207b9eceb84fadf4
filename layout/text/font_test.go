package text

import "github.com/broadsheet-news/broadsheet/units"

// fakeFont is a stand-in face: Han one em, Latin proportional, full-width
// punctuation one em with its ink on one side (mainland style) or centred
// (centred: true, as a Taiwan font draws it).
type fakeFont struct {
	centred bool
	missing rune // a rune it does not cover
}

func (f fakeFont) Advance(r rune, size units.Length) units.Length {
	switch classify(r) {
	case cHan, cOpen, cClose, cStop, cMiddle, cDash, cEllipsis, cOther:
		return size
	case cSpace:
		return size * 3 / 10
	}
	switch r {
	case 'i', 'l', 'j', 't', 'f', '.', ',', ':', ';', '!', '\'', '|':
		return size * 28 / 100
	case 'm', 'w', 'M', 'W':
		return size * 80 / 100
	case '(', ')', '[', ']', '"', '-', '/':
		return size * 33 / 100
	}
	if r >= 'A' && r <= 'Z' {
		return size * 65 / 100
	}
	return size / 2
}

func (f fakeFont) InkBounds(r rune, size units.Length) (left, right units.Length) {
	a := f.Advance(r, size)
	switch c := classify(r); {
	case c == cSpace:
		return 0, 0
	case f.centred && (c == cStop || c == cClose || c == cOpen):
		return a * 35 / 100, a * 65 / 100
	case c == cStop || c == cClose:
		return a * 8 / 100, a * 42 / 100
	case c == cOpen:
		return a * 58 / 100, a * 92 / 100
	case c == cMiddle:
		return a * 40 / 100, a * 60 / 100
	}
	return a / 20, a - a/20
}

func (f fakeFont) Covers(r rune) bool { return r != f.missing || r == 0 }
