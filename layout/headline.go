package layout

import (
	"unicode"

	"github.com/broadsheet-news/broadsheet/diag"
	"github.com/broadsheet-news/broadsheet/layout/text"
)

// hasCode reports whether ds holds a diagnostic of the given code.
func hasCode(ds []text.Diagnostic, code diag.Code) bool {
	for _, d := range ds {
		if d.Code == code {
			return true
		}
	}
	return false
}

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

// hanBreak reports whether a headline breaks between two Han characters,
// which may split a word: without a dictionary the composer cannot tell
// 首|次 (a word split) from 服务|覆盖 (a phrase boundary).
func hanBreak(lines []tline) bool {
	for i := 1; i < len(lines); i++ {
		if isHan(lastRune(lines[i-1])) && isHan(firstRune(lines[i])) {
			return true
		}
	}
	return false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// firstRune and lastRune are the first and last characters set on a line.
func firstRune(l tline) rune {
	for _, r := range l.runs {
		for _, g := range r.glyphs {
			for _, c := range g.Text {
				return c
			}
		}
	}
	return 0
}

func lastRune(l tline) rune {
	var last rune
	for _, r := range l.runs {
		for _, g := range r.glyphs {
			for _, c := range g.Text {
				if !unicode.IsSpace(c) {
					last = c
				}
			}
		}
	}
	return last
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
