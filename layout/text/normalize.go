package text

import (
	"strings"
	"unicode"
)

// Normalize tidies text pasted by editors, the way Compose does when
// Style.Normalize is set:
//
//   - leading and trailing white space is removed;
//   - ASCII , : ; ! ? next to Chinese (looking past spaces) become
//     ， ： ； ！ ？; between digits or Latin letters they are kept (1,000 10:30);
//   - ASCII ( ) become （ ） when what they enclose, or what comes before the
//     opening one, is Chinese;
//   - straight quotes " ' next to Chinese become “ ” ‘ ’, opening or closing
//     by context (after a space or opening mark: opening; before a space,
//     closing or stop mark: closing; otherwise alternating);
//   - spaces beside full-width punctuation are removed (the mark carries its
//     own blank).
//
// Text inside Latin runs is never changed: a mark with Latin, digits or
// nothing on both sides stays as it is (don't, f(x), "quoted").
func Normalize(s string) string { return normalize(s, false) }

// normalize is Normalize; clauses keeps a space typed beside a mark: in a
// headline it is the clause space (网购海鲜“货不对板” 消费者获三倍赔偿).
func normalize(s string, clauses bool) string {
	if !mayNeedNormalize(s) {
		return s
	}
	rs := []rune(strings.TrimFunc(s, unicode.IsSpace))
	// Each conversion can give a neighbour Chinese context: repeat to a
	// fixed point (each pass only turns ASCII marks full width, so this ends).
	for convert(rs) {
	}
	// Drop spaces beside full-width punctuation.
	out := rs[:0]
	for i, r := range rs {
		if (r == ' ' || r == '\t') && !clauses {
			p, n := prevNonSpace(rs, i), nextNonSpace(rs, i)
			if (p >= 0 && classify(rs[p]).compressible()) || (n >= 0 && classify(rs[n]).compressible()) {
				continue
			}
		}
		out = append(out, r)
	}
	t := string(out)
	if t == s {
		return s
	}
	return t
}

// mayNeedNormalize is a quick scan: text with no ASCII mark Normalize
// converts, no ASCII space and no white space at its ends is left alone
// without allocating.
func mayNeedNormalize(s string) bool {
	if s == "" {
		return false
	}
	if strings.TrimFunc(s, unicode.IsSpace) != s {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', ':', ';', '!', '?', '(', ')', '"', '\'', ' ', '\t':
			return true
		}
	}
	return false
}

func fullWidth(r rune) rune {
	switch r {
	case ',':
		return '，'
	case ':':
		return '：'
	case ';':
		return '；'
	case '!':
		return '！'
	case '?':
		return '？'
	}
	return r
}

func isAsciiSpace(r rune) bool { return r == ' ' || r == '\t' }

// prevNonSpace is the index of the last rune before i that is not a space, or -1.
func prevNonSpace(rs []rune, i int) int {
	for j := i - 1; j >= 0; j-- {
		if !isAsciiSpace(rs[j]) {
			return j
		}
	}
	return -1
}

// nextNonSpace is the index of the first rune after i that is not a space, or -1.
func nextNonSpace(rs []rune, i int) int {
	for j := i + 1; j < len(rs); j++ {
		if !isAsciiSpace(rs[j]) {
			return j
		}
	}
	return -1
}

// chineseContext reports whether the mark at i has Chinese on either side,
// looking past spaces.
func chineseContext(rs []rune, i int) bool {
	p, n := prevNonSpace(rs, i), nextNonSpace(rs, i)
	return (p >= 0 && isCJK(rs[p])) || (n >= 0 && isCJK(rs[n]))
}

// parensChinese reports whether the brackets at o and c enclose Chinese or
// follow it.
func parensChinese(rs []rune, o, c int) bool {
	if p := prevNonSpace(rs, o); p >= 0 && isCJK(rs[p]) {
		return true
	}
	for _, r := range rs[o+1 : c] {
		if classify(r) == cHan {
			return true
		}
	}
	return false
}

// quoteOpens decides whether the straight quote at i opens, given whether a
// quote of its kind is open.
func quoteOpens(rs []rune, i int, open bool) bool {
	prevOpens := i == 0 || isAsciiSpace(rs[i-1]) || classify(rs[i-1]) == cOpen || strings.ContainsRune("([{", rs[i-1])
	nextCloses := i == len(rs)-1 || isAsciiSpace(rs[i+1])
	if !nextCloses {
		switch classify(rs[i+1]) {
		case cClose, cStop, cLatinPunct:
			nextCloses = !strings.ContainsRune("([{\"'", rs[i+1])
		}
	}
	switch {
	case prevOpens && !nextCloses:
		return true
	case nextCloses && !prevOpens:
		return false
	}
	return !open
}

// convert makes one pass of Normalize's substitutions over rs and reports
// whether it changed anything.
func convert(rs []rune) bool {
	changed := false
	// Brackets first, so the marks inside see full-width neighbours.
	var stack []int
	for i, r := range rs {
		switch r {
		case '(':
			stack = append(stack, i)
		case ')':
			if len(stack) == 0 {
				if p := prevNonSpace(rs, i); p >= 0 && isCJK(rs[p]) {
					rs[i] = '）'
					changed = true
				}
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if parensChinese(rs, o, i) {
				rs[o], rs[i] = '（', '）'
				changed = true
			}
		}
	}
	for _, o := range stack { // unmatched opening brackets
		if n := nextNonSpace(rs, o); n >= 0 && isCJK(rs[n]) {
			rs[o] = '（'
			changed = true
		}
	}
	doubleOpen, singleOpen := false, false
	for i, r := range rs {
		switch r {
		case ',', ':', ';', '!', '?':
			if chineseContext(rs, i) {
				rs[i] = fullWidth(r)
				changed = true
			}
		case '"':
			changed = curlQuote(rs, i, &doubleOpen, '“', '”') || changed
		case '\'':
			changed = curlQuote(rs, i, &singleOpen, '‘', '’') || changed
		}
	}
	return changed
}

// curlQuote turns the straight quote at rs[i] into the Chinese opening or
// closing quote when it stands in Chinese text, open tracking whether a
// quote of its kind is open; it reports whether it changed rs.
func curlQuote(rs []rune, i int, open *bool, opening, closing rune) bool {
	if !chineseContext(rs, i) {
		return false
	}
	*open = quoteOpens(rs, i, *open)
	rs[i] = closing
	if *open {
		rs[i] = opening
	}
	return true
}
