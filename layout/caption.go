package layout

import (
	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// Captions, part of the measure stage: a photo's caption and credit set
// under it at each width it may take.

// cap is a photo caption (with its credit) set under a photo of one
// width: its lines placed in the block, and the grid lines it takes.
type cap struct {
	lines []capLine
	rows  int
	texts []string // the caption and the credit as set
	diags []text.Diagnostic
}

// capSet is a caption set at one measure.
type capSet struct {
	measure units.Length
	sp      setPar
}

// caption returns the caption (with the credit) of m's photo i set at width s columns.
func (ms *measurer) caption(m *module, s, i int) *cap {
	if m.caps[s] == nil {
		m.caps[s] = make([]*cap, len(m.photos))
	}
	if cp := m.caps[s][i]; cp != nil {
		return cp
	}
	p := m.photos[i]
	cp := &cap{}
	w := ms.g.spanW(s)
	if p.Caption != "" {
		// At most maxCaptionEms a line: under a wide photo the caption
		// runs in balanced columns across the photo's width, each of two
		// lines or more (a two-line caption side by side would read as
		// one line broken by a gap).
		cs := ms.st.caption
		n, measure := ms.g.captionColumns(s, cs.Size)
		sp := ms.captionSet(m, i, measure)
		if len(sp.lines) == 2 && measure < w {
			// A caption of two lines at the narrower measure that stands
			// on one line across the photo is set so: the eye has no line
			// to come back to, and no L of white is left beside a block
			// narrower than the photo. Not one of three or more: its one
			// line would run past 60 ems, too long to read.
			if one := ms.captionSet(m, i, w); len(one.lines) == 1 {
				n, measure, sp = 1, w, one
			}
		}
		n = max(1, min(n, len(sp.lines)/2))
		lines := ms.g.onGrid(sp.lines, cs)
		step := len(lines) / max(len(sp.lines), 1) // grid lines a caption line takes
		per := (len(sp.lines) + n - 1) / n * step
		for j, l := range lines {
			col := j / max(per, 1)
			cp.lines = append(cp.lines, capLine{tline: l, x: units.Length(col) * (measure + ms.g.gutter), row: j % max(per, 1)})
		}
		cp.rows = min(per, len(lines))
		if ms.keepText {
			cp.texts = sp.appendTexts(cp.texts)
		}
		cp.diags = append(cp.diags, sp.diags...)
	}
	if p.Credit != "" {
		cr := ms.st.credit
		sp := ms.set.setNames(p.Credit, cr, display.RoleCredit, w, text.Right)
		lines := ms.g.onGrid(sp.lines, cr)
		for _, l := range lines {
			cp.lines = append(cp.lines, capLine{tline: l, row: cp.rows})
			cp.rows++
		}
		if ms.keepText {
			cp.texts = sp.appendTexts(cp.texts)
		}
		cp.diags = append(cp.diags, sp.diags...)
	}
	m.caps[s][i] = cp
	return cp
}

// captionSet is the caption of m's photo i set at measure (see
// setCaption), set once for each measure.
func (ms *measurer) captionSet(m *module, i int, measure units.Length) setPar {
	if m.capSets == nil {
		m.capSets = make([][]capSet, len(m.photos))
	}
	for _, c := range m.capSets[i] {
		if c.measure == measure {
			return c.sp
		}
	}
	sp := ms.set.setCaption(m.photos[i].Caption, ms.st.caption, measure)
	m.capSets[i] = append(m.capSets[i], capSet{measure, sp})
	return sp
}

// captionLines is the grid lines photo i's caption block takes at span k:
// the caption and credit lines, and one clear line below them that keeps
// the body text continuing under the photo apart from its caption (空一行:
// a caption is not the first line of the text below it). A photo story
// has no text below its caption.
func (ms *measurer) captionLines(m *module, k, i int) int {
	return ms.caption(m, k, i).rows + clearLines(m)
}

// clearLines is the clear space under each caption block of m, in grid lines.
func clearLines(m *module) int {
	if m.story {
		return 0
	}
	return 1
}
