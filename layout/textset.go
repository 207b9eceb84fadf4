package layout

import (
	"fmt"

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
	glyphs []Glyph
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

// set composes par in st at measure. runIn, when not empty, is set in the
// face runInFont at the start of the paragraph (the dateline: 本报讯).
func (s *setter) set(par string, st editions.Style, role string, measure units.Length, align text.Align, headline bool, runIn string, runInFont string) (setPar, error) {
	f, err := s.face(st.Font)
	if err != nil {
		return setPar{}, err
	}
	ts := textStyle(f, st, measure, align, headline)
	runInLen := 0
	if runIn != "" {
		if st.Normalize {
			runIn, par = text.Normalize(runIn), text.Normalize(par)
			ts.Normalize = false
		}
		runInLen = len(runIn)
		par = runIn + "\u3000" + par
	}
	p := s.tc.Compose(par, ts)
	out := setPar{text: p.Text, diags: p.Diagnostics, lines: make([]tline, 0, len(p.Lines))}
	pos := 0 // bytes of text consumed by glyphs so far, for the run-in
	for _, ln := range p.Lines {
		tl := tline{width: ln.Width}
		if pos < ln.Start {
			pos = ln.Start
		}
		main := run{face: st.Font, size: st.Size, role: role, glyphs: make([]Glyph, 0, len(ln.Glyphs))}
		var lead run
		for _, g := range ln.Glyphs {
			gl := Glyph{Text: g.Text, X: g.X}
			if pos < runInLen {
				if lead.glyphs == nil {
					lead = run{face: runInFont, size: st.Size, role: "dateline"}
				}
				lead.glyphs = append(lead.glyphs, gl)
			} else {
				main.glyphs = append(main.glyphs, gl)
			}
			pos += len(g.Text)
		}
		if len(lead.glyphs) > 0 {
			tl.runs = append(tl.runs, lead)
		}
		if len(main.glyphs) > 0 {
			tl.runs = append(tl.runs, main)
		}
		out.lines = append(out.lines, tl)
	}
	return out, nil
}
