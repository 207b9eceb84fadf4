package layout

import (
	"fmt"
	"github.com/broadsheet-news/broadsheet/display"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/layout/text"
	"github.com/broadsheet-news/broadsheet/units"
)

// run is part of a set line in one face: glyph X positions are from the
// line's left edge.
type run struct {
	face   string
	size   units.Length
	role   string
	glyphs []display.Glyph
	bars   []bar
}

// bar is a filled rectangle drawn with a run, relative to the line's left
// edge and the baseline (y upwards): the bridge between the halves of a
// —— whose glyphs are narrower than an em.
type bar struct {
	x0, x1, y0, y1 units.Length
}

// bridgeDashes adds to r a bar between the inks of each pair of em dashes
// that do not touch, of the dash's own ink height, so —— is drawn as one
// unbroken two-em rule while its glyphs keep the text "——".
func bridgeDashes(r *run, f *fonts.Face) {
	if f == nil {
		return
	}
	for k := 0; k+1 < len(r.glyphs); k++ {
		if r.glyphs[k].Text != "—" || r.glyphs[k+1].Text != "—" {
			continue
		}
		x0, y0, x1, y1 := f.InkBox('—', r.size)
		if y1 <= y0 || x1 <= x0 {
			continue
		}
		left, right := r.glyphs[k].X+x1, r.glyphs[k+1].X+x0
		if right > left {
			ov := r.size / 50 // overlap the inks a little: no seam between bar and glyph
			r.bars = append(r.bars, bar{x0: left - ov, x1: right + ov, y0: y0, y1: y1})
		}
		k++
	}
}

// tline is one set line: one run, or more when a run-in (the dateline)
// shares the line with the body.
type tline struct {
	runs  []run
	width units.Length
}

// chars counts the glyph clusters of a line.
func (l tline) chars() int {
	n := 0
	for _, r := range l.runs {
		n += len(r.glyphs)
	}
	return n
}

// setter sets paragraphs with the paragraph composer and converts its lines
// into runs of display-list glyphs. One setter serves one Compose call.
type setter struct {
	tc    *text.Composer
	lib   *fonts.Library
	faces map[string]*fonts.Face
}

func newSetter(lib *fonts.Library) *setter {
	return &setter{tc: text.NewComposer(), lib: lib, faces: make(map[string]*fonts.Face)}
}

// face returns the named face from the library, caching it.
func (s *setter) face(name string) (*fonts.Face, error) {
	if f, ok := s.faces[name]; ok {
		return f, nil
	}
	f, err := s.lib.Face(name)
	if err != nil {
		return nil, fmt.Errorf("font %q: %w", name, err)
	}
	s.faces[name] = f
	return f, nil
}

// textStyle turns an edition style into the composer's style.
func textStyle(f *fonts.Face, st editions.Style, measure units.Length, align text.Align, headline bool) text.Style {
	ts := text.Style{
		Font: f, Size: st.Size, Measure: measure, Indent: st.Indent,
		Align: align, Strict: st.Strict, Normalize: st.Normalize, Headline: headline,
	}
	switch st.Punctuation {
	case editions.PunctHalf:
		ts.Punctuation = text.Half
	case editions.PunctKaiming:
		ts.Punctuation = text.Kaiming
	}
	if headline || align != text.Justify {
		ts.Indent = 0
	}
	return ts
}

// setPar is a set paragraph: its lines, the text as set, and what the
// composer reported.
type setPar struct {
	lines []tline
	text  string
	diags []text.Diagnostic
}

// set composes par in st at measure and converts its lines.
func (s *setter) set(par string, st editions.Style, role string, measure units.Length, align text.Align, headline bool) (setPar, error) {
	f, err := s.face(st.Font)
	if err != nil {
		return setPar{}, err
	}
	ts := textStyle(f, st, measure, align, headline)
	// Bylines and credits are names: they break between names, never
	// inside one.
	ts.Phrases = role == "byline" || role == "credit"
	p := s.tc.Compose(par, ts)
	return s.convert(p, st, role, run{}), nil
}

// ideographicSpace is U+3000, the 全角空格 that follows a dateline.
const ideographicSpace = '\u3000'

// setDated composes a body paragraph that opens with a run-in dateline
// (本报讯) in the dateline's own face. The dateline is set alone in that
// face, so what is measured is what is drawn; it stands after the
// paragraph's indent as a fixed box followed by a fixed space that never
// stretches or shrinks: one em after a dateline of whole ems (the 全角空格
// Chinese papers put after 本报讯 or 电), otherwise what brings the body's
// first character back onto the character grid (half an em to an em and a
// half). The body's first line is indented by the indent, the dateline and
// the space. A dateline too long to leave a line of body room beside it
// is set on a line of its own above the paragraph.
func (s *setter) setDated(par, dateline string, st, dst editions.Style, measure units.Length) (setPar, error) {
	f, err := s.face(st.Font)
	if err != nil {
		return setPar{}, err
	}
	df, err := s.face(dst.Font)
	if err != nil {
		return setPar{}, err
	}
	ds := textStyle(df, dst, measure, text.Left, false)
	ds.Indent = 0
	dp := s.tc.Compose(dateline, ds)
	ts := textStyle(f, st, measure, text.Justify, false)
	em := st.Size
	if len(dp.Lines) == 1 && em > 0 {
		lead := ts.Indent
		w := dp.Lines[0].Width
		start := (lead + w + em/2 + em - 1) / em * em
		if start+2*em <= measure {
			ts.Indent = start
			p := s.tc.Compose(par, ts)
			dr := run{face: dst.Font, size: dst.Size, role: "dateline"}
			for _, g := range dp.Lines[0].Glyphs {
				dr.glyphs = append(dr.glyphs, display.Glyph{Text: g.Text, X: lead + g.X})
			}
			// The space is a real 全角空格 in the text, as an editor types it:
			// the PDF then reads "本报讯　3月16日" (search and copy keep the
			// words apart) and no reader sees a hole where the space is.
			if df.Covers(ideographicSpace) {
				dr.glyphs = append(dr.glyphs, display.Glyph{Text: string(ideographicSpace), X: lead + w})
			}
			out := s.convert(p, st, "body", dr)
			out.diags = append(dp.Diagnostics, out.diags...)
			return out, nil
		}
	}
	// The dateline on its own line(s) at the paragraph's indent, then the
	// paragraph as usual.
	if ds.Measure-ts.Indent >= ds.Size {
		ds.Measure -= ts.Indent
		dp = s.tc.Compose(dateline, ds)
	}
	out := s.convert(dp, dst, "dateline", run{})
	for _, l := range out.lines {
		for _, r := range l.runs {
			for k := range r.glyphs {
				r.glyphs[k].X += ts.Indent
			}
		}
	}
	p := s.tc.Compose(par, ts)
	body := s.convert(p, st, "body", run{})
	out.lines = append(out.lines, body.lines...)
	out.diags = append(out.diags, body.diags...)
	out.text += "\n" + body.text
	return out, nil
}

// convert turns a composed paragraph into set lines in st's face. lead, when
// it has glyphs, is put before the first line's glyphs (the dateline).
func (s *setter) convert(p text.Paragraph, st editions.Style, role string, lead run) setPar {
	f, _ := s.face(st.Font)
	out := setPar{text: p.Text, diags: p.Diagnostics, lines: make([]tline, 0, len(p.Lines))}
	for i, ln := range p.Lines {
		tl := tline{width: ln.Width}
		if i == 0 && len(lead.glyphs) > 0 {
			tl.runs = append(tl.runs, lead)
		}
		main := run{face: st.Font, size: st.Size, role: role, glyphs: make([]display.Glyph, len(ln.Glyphs))}
		for k, g := range ln.Glyphs {
			main.glyphs[k] = display.Glyph{Text: g.Text, X: g.X}
		}
		if len(main.glyphs) > 0 {
			bridgeDashes(&main, f)
			tl.runs = append(tl.runs, main)
		}
		out.lines = append(out.lines, tl)
	}
	return out
}
