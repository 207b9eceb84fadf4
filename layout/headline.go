package layout

import (
	"unicode"
)

// poorBreak reports whether a headline's lines break badly: a line of one
// or two characters, or a last line under two fifths as wide as the first.
func poorBreak(lines []tline) bool {
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		if headChars(l) <= 2 {
			return true
		}
	}
	return lines[len(lines)-1].width*5 < lines[0].width*2
}

// headChars counts the characters of a line that are not punctuation.
func headChars(l tline) int {
	n := 0
	for _, r := range l.runs {
		for _, g := range r.glyphs {
			for _, c := range g.Text {
				if unicode.IsLetter(c) || unicode.IsDigit(c) {
					n++
				}
			}
		}
	}
	return n
}
