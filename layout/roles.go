package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// The small roles of a module: bylines and credits (names after their
// roles), captions, and how the lines of any role sit on the body's grid.

// bylineRoles are the roles a byline or credit names, longest first so
// that 特约记者 is found before 记者.
func bylineRoles() []string {
	return []string{"特约通讯员", "特约记者", "见习记者", "实习记者", "本报记者", "通讯员", "实习生", "摄影", "摄像", "记者", "制图", "整理", "编辑"}
}

// bylinePart is one role with its names in a byline ("■记者　欧阳明月"), and
// the space that separated it from the part before.
type bylinePart struct {
	sep, text string
}

// bylineParts splits a byline before each role that follows a space (an
// ASCII space or a 全角空格), so a line may break before 通讯员 but never
// between a role and its name: "■记者　欧阳明月 通讯员 司马青" is
// "■记者　欧阳明月" and "通讯员 司马青". A mark before the role (■ ●) stays
// with it.
func bylineParts(s string) []bylinePart {
	var parts []bylinePart
	start, sep := 0, ""
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) || i == 0 {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r2) {
				break
			}
			j += n2
		}
		if j < len(s) && startsWithRole(s[j:]) {
			parts = append(parts, bylinePart{sep: sep, text: s[start:i]})
			start, sep = j, s[i:j]
		}
		i = j
	}
	return append(parts, bylinePart{sep: sep, text: s[start:]})
}

// startsWithRole reports whether s starts with a byline role, after an
// optional mark (■ □ ● ▲).
func startsWithRole(s string) bool {
	s = strings.TrimLeft(s, "■□●▲")
	for _, r := range bylineRoles() {
		if strings.HasPrefix(s, r) {
			return true
		}
	}
	return false
}

// setNames sets a byline or a credit flush left (or right) and ragged:
// its parts (bylineParts) fill each line as far as they fit, a line
// breaking only between parts; a part too long for the measure alone
// breaks between its names.
func (s *setter) setNames(str string, st style, role display.Role, measure units.Length, align text.Align) setPar {
	st.Indent = 0
	parts := bylineParts(str)
	var out setPar
	var lines []string
	emit := func(line string) {
		sp := s.set(line, st, role, measure, align, false)
		out.lines = append(out.lines, sp.lines...)
		out.diags = append(out.diags, sp.diags...)
		lines = append(lines, sp.text)
	}
	line := parts[0].text
	for _, p := range parts[1:] {
		try := line + p.sep + p.text
		if sp := s.set(try, st, role, measure, align, false); len(sp.lines) == 1 {
			line = try
			continue
		}
		emit(line)
		line = p.text
	}
	emit(line)
	// One paragraph, its lines joined by a space: what a reader copies.
	out.text = strings.Join(lines, " ")
	return out
}

// onGrid fits lines set in style st to the body's grid: each takes the
// whole grid lines its leading needs (one for 9 pt type led 13.5 pt on a
// 13.5 pt grid, two for 18 pt led 27 pt), empty lines before it holding
// the room, its baseline on the grid like the body's. So a role set larger
// than the body never overprints the line above or below it.
func (g grid) onGrid(lines []tline, st style) []tline {
	n := g.linesFor(max(st.Leading, st.Size))
	if n <= 1 {
		return lines
	}
	out := make([]tline, 0, len(lines)*n)
	for _, l := range lines {
		for k := 1; k < n; k++ {
			out = append(out, tline{})
		}
		out = append(out, l)
	}
	return out
}

// capLine is a line of a caption block: where it stands from the block's
// left edge and top grid line.
type capLine struct {
	tline
	x   units.Length
	row int
}

// maxCaptionEms is the longest caption line, in ems of the caption's size:
// a wider photo has its caption set in columns.
const maxCaptionEms = 30

// minLastChars is the fewest characters a caption's last line may hold.
const minLastChars = 3

// captionColumns is how many columns a caption under a photo k page
// columns wide is set in, and their measure: whole page columns of the
// grid g, as many as keep a line at most maxCaptionEms ems of em, side by
// side under the photo. So a caption's lines stand on the page's columns
// like the text around them, and a column left over at the right (a
// 3-column photo's captions take 2) holds the credit.
func (g grid) captionColumns(k int, em units.Length) (n int, measure units.Length) {
	c := 1
	for c < k && g.spanW(c+1) <= em*maxCaptionEms {
		c++
	}
	if k <= c {
		return 1, g.spanW(k)
	}
	return k / c, g.spanW(c)
}

// setCaption sets a caption justified at measure with no last line of
// fewer than minLastChars characters: when the last line is that short,
// the measure is narrowed by half an em at a time (up to three ems) until
// more of the text runs onto it.
func (s *setter) setCaption(str string, st style, measure units.Length) setPar {
	st.Indent = 0
	sp := s.set(str, st, display.RoleCaption, measure, text.Justify, false)
	if !shortLast(sp.lines) {
		return sp
	}
	for k := 1; k <= 6; k++ {
		m := measure - st.Size.Scale(int64(k), 2)
		if m < st.Size*minLastChars*2 {
			break
		}
		if try := s.set(str, st, display.RoleCaption, m, text.Justify, false); !shortLast(try.lines) {
			return try
		}
	}
	return sp
}

// shortLast reports whether the last of several lines holds fewer than
// minLastChars characters (punctuation not counted).
func shortLast(lines []tline) bool {
	return len(lines) > 1 && headChars(lines[len(lines)-1]) < minLastChars
}
