package text

import "unicode"

// class is what the composer needs to know of a cluster's first rune: how it
// is spaced, compressed and broken around. It refines the UAX #14 classes
// (which decide break opportunities) with the Chinese rules of clreq.
type class uint8

const (
	cHan        class = iota // ideographs, kana, hangul, full-width letters and digits: one em on the grid
	cOpen                    // full-width opening brackets and quotes: “‘（《「『【〔〖〈
	cClose                   // full-width closing brackets and quotes: ”’）》」』】〕〗〉
	cStop                    // full-width pause and stop marks: 、，。．：；！？
	cMiddle                  // marks fixed at half an em: · ・ ‧ ／ –
	cDash                    // — (two make the 2-em dash ——, never split)
	cEllipsis                // … (two make ……, never split)
	cLetter                  // Latin, Greek, Cyrillic letters
	cDigit                   // ASCII digits
	cLatinPunct              // ASCII and other half-width punctuation, set at its own width
	cSpace                   // spaces between words: vanish at line ends
	cBreak                   // a mandatory line break (\n and kin): zero width
	cIgnorable               // zero-width format characters (ZWSP, ZWJ, variation selectors, soft hyphen)
	cOther                   // symbols, other scripts: set at their advance, Han-like spacing
)

// compressible reports whether c is a full-width CJK punctuation class whose
// blank side may be compressed.
func (c class) compressible() bool { return c == cOpen || c == cClose || c == cStop }

// alnum reports whether c is a Latin letter or digit (gets a Han–Latin gap beside Han).
func (c class) alnum() bool { return c == cLetter || c == cDigit }

// classify returns the class of r.
func classify(r rune) class {
	switch r {
	case ' ', '\t', '\u00a0', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2009', '\u200a', '\u202f', '\u205f':
		return cSpace
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return cBreak
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return cIgnorable
	case '“', '‘', '（', '［', '｛', '〔', '〖', '《', '「', '『', '【', '〈', '〘', '〚', '｟', '〝':
		return cOpen
	case '”', '’', '）', '］', '｝', '〕', '〗', '》', '」', '』', '】', '〉', '〙', '〛', '｠', '〞', '〟':
		return cClose
	case '、', '，', '。', '．', '：', '；', '！', '？', '｡', '､':
		return cStop
	case '·', '・', '‧', '／', '–', '･':
		return cMiddle
	case '—', '―', '⸺', '⸻':
		return cDash
	case '…', '‥':
		return cEllipsis
	case '\u3000':
		return cHan // ideographic space: one em, kept
	}
	switch {
	case r >= 0x4e00 && r <= 0x9fff: // the common ideographs, first
		return cHan
	case r >= '0' && r <= '9':
		return cDigit
	case r < 0x80:
		if r < 0x20 || r == 0x7f {
			return cIgnorable
		}
		if unicode.IsLetter(r) {
			return cLetter
		}
		return cLatinPunct
	case r >= 0xff10 && r <= 0xff19, r >= 0xff21 && r <= 0xff3a, r >= 0xff41 && r <= 0xff5a:
		return cHan // full-width letters and digits sit on the grid
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		unicode.Is(unicode.Hangul, r), unicode.Is(unicode.Bopomofo, r), r == '〇', r == '々', r == '〻':
		return cHan
	case unicode.Is(unicode.Variation_Selector, r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r):
		return cIgnorable
	case unicode.IsLetter(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Cyrillic, r)):
		return cLetter
	case r < 0x2000 && unicode.IsPunct(r):
		return cLatinPunct
	}
	return cOther
}

// isCJK reports whether r belongs to the Chinese side of mixed text: Han and
// kana, and full-width punctuation. Normalize uses it to tell a mark's context.
func isCJK(r rune) bool {
	switch classify(r) {
	case cHan, cOpen, cClose, cStop, cMiddle, cDash, cEllipsis:
		return r != '–'
	}
	return false
}

// noStart reports whether a line may not begin with r (行首禁则). The basic
// table holds the closing and stop marks; strict adds iteration marks, small
// kana, the prolonged sound mark, waves, units and degree signs.
func noStart(r rune, strict bool) bool {
	switch r {
	case '、', '，', '。', '．', '：', '；', '！', '？', '｡', '､',
		'”', '’', '）', '］', '｝', '〕', '〗', '》', '」', '』', '】', '〉', '〙', '〛', '｠', '〞', '〟',
		'·', '・', '‧', '‥', '…', '—', '―', '⸺', '⸻', '％', '‰', '℃', '‼', '⁇', '⁈', '⁉', '･',
		',', '.', ':', ';', '!', '?', ')', ']', '}', '%':
		return true
	}
	if !strict {
		return false
	}
	switch r {
	case '～', '〜', '°', '′', '″', '℉', '々', '〻', 'ゝ', 'ゞ', 'ヽ', 'ヾ', 'ー', '‐', '–', '゠',
		'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ゕ', 'ゖ',
		'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ', '¢', '￠', '\'', '"':
		return true
	}
	return false
}

// noEnd reports whether a line may not end with r (行尾禁则): opening
// brackets and quotes, and currency signs that prefix a number. Both
// strictness levels keep it.
func noEnd(r rune) bool {
	switch r {
	case '“', '‘', '（', '［', '｛', '〔', '〖', '《', '「', '『', '【', '〈', '〘', '〚', '｟', '〝',
		'(', '[', '{', '¥', '￥', '$', '＄', '£', '￡', '€', '₩', '￦':
		return true
	}
	return false
}

// sentenceEnd reports whether r ends a sentence (kept full width in 开明式).
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '．', '｡':
		return true
	}
	return false
}

// isMark reports whether r is a combining mark (nonspacing or enclosing),
// drawn over its base character. A variation selector is a nonspacing
// mark to Unicode but draws nothing: it asks for a variant of its base
// (U+FE0F after a character pasted from a chat, U+E0100 an ideographic
// variant), which a face without the variant sets as the base alone.
func isMark(r rune) bool {
	return (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r)) && !unicode.Is(unicode.Variation_Selector, r)
}
