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
	role   display.Role
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

// style is an edition style with its face, looked up once for the run:
// setting text never looks a face up, so a missing face is an error of
// Compose, never a nil face later.
type style struct {
	editions.Style
	face     *fonts.Face
	fallback []*fonts.Face // the faces of Style.Fallback, in order
	// chain is face and fallback as the composer measures them, made
	// once (see withFallback): the composer keeps what it analysed of a
	// text by the font's identity. nil without a fallback.
	chain *chain
}

// withFallback is st with the fallback faces fb and the chain they make.
func (st style) withFallback(fb []*fonts.Face) style {
	st.fallback, st.chain = fb, nil
	if len(fb) > 0 {
		st.chain = &chain{faces: append([]*fonts.Face{st.face}, fb...)}
	}
	return st
}

// styles are the run's text styles with their faces: the edition's roles,
// and the masthead's, which derive from them.
type styles struct {
	body, headline, kicker, subtitle, byline, dateline, caption, credit, folio style
	// masthead is the paper's name on page 1: the headline face at 72 pt
	// (smaller when the name would take more than half the type area's
	// width), in a band of 13/10 of its size.
	masthead style
	// mastheadInfo is the date and issue at the masthead's right: the folio
	// face at 11 pt, a line every 3/2 of its size.
	mastheadInfo style
}

// resolveStyles looks up the face of every style of st.
func (s *setter) resolveStyles(st editions.Styles) (*styles, error) {
	out := &styles{}
	roles := []struct {
		in  editions.Style
		out *style
	}{{st.Body, &out.body}, {st.Headline, &out.headline}, {st.Kicker, &out.kicker},
		{st.Subtitle, &out.subtitle}, {st.Byline, &out.byline}, {st.Dateline, &out.dateline},
		{st.Caption, &out.caption}, {st.Credit, &out.credit}, {st.Folio, &out.folio}}
	names := make([]string, 0, len(roles))
	for _, r := range roles {
		names = append(names, r.in.Font)
		names = append(names, r.in.Fallback...)
	}
	s.lib.Prepare(names...)
	for _, r := range roles {
		f, err := s.face(r.in.Font)
		if err != nil {
			return nil, err
		}
		var fbs []*fonts.Face
		for _, name := range r.in.Fallback {
			fb, err := s.face(name)
			if err != nil {
				return nil, err
			}
			fbs = append(fbs, fb)
		}
		*r.out = style{Style: r.in, face: f}.withFallback(fbs)
	}
	out.masthead = out.headline
	out.masthead.Size = units.Pt(72)
	out.masthead.Leading = out.masthead.Size.Scale(13, 10)
	out.mastheadInfo = out.folio
	out.mastheadInfo.Size = units.Pt(11)
	out.mastheadInfo.Leading = out.mastheadInfo.Size.Scale(3, 2)
	return out, nil
}

// featureStyles are the styles of a literary (副刊) page, from the news
// styles st: headlines in the serif (宋) face and a step down the scale
// (a 副刊 page does not shout), kickers and subtitles in 楷体.
func (s *setter) featureStyles(st *styles) (*styles, error) {
	out := *st
	for _, r := range []struct {
		font string
		dst  *style
	}{{"serif-bold", &out.headline}, {"kai", &out.kicker}, {"kai", &out.subtitle}} {
		f, err := s.face(r.font)
		if err != nil {
			return nil, err
		}
		r.dst.Font, r.dst.face = r.font, f
		*r.dst = r.dst.withFallback(r.dst.fallback)
	}
	if sc := st.headline.Scale; len(sc) > 1 {
		out.headline.Scale = sc[1:]
		out.headline.Size = sc[1]
	}
	return &out, nil
}

// textStyle turns a style into the composer's style.
func textStyle(st style, measure units.Length, align text.Align, headline bool) text.Style {
	ts := text.Style{
		Font: st.font(), Size: st.Size, Measure: measure, Indent: st.Indent,
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

// setPar is a set paragraph: its lines, the text as set (normalised),
// and what the composer reported. alone is the text of a dateline set on
// a line of its own before the paragraph ("" when none).
type setPar struct {
	lines []tline
	text  string
	alone string
	diags []text.Diagnostic
}

// appendTexts appends the paragraphs sp set to ts.
func (sp setPar) appendTexts(ts []string) []string {
	if sp.alone != "" {
		ts = append(ts, sp.alone)
	}
	return append(ts, sp.text)
}

// set composes par in st at measure and converts its lines.
func (s *setter) set(par string, st style, role display.Role, measure units.Length, align text.Align, headline bool) setPar {
	ts := textStyle(st, measure, align, headline)
	// Bylines and credits are names: they break between names, never
	// inside one. Captions break between dictionary words.
	ts.Phrases = role == display.RoleByline || role == display.RoleCredit
	ts.Words = role == display.RoleCaption
	p := s.tc.Compose(par, ts)
	return convert(p, st, role, nil)
}

// ideographicSpace is U+3000, the 全角空格 that follows a dateline.
const ideographicSpace = '\u3000'

// setDated composes a body paragraph that opens with a run-in dateline
// (本报讯) in the dateline's own face. The dateline is set alone in that
// face, so what is measured is what is drawn; it stands after the
// paragraph's indent as a fixed box followed by a space that never
// stretches: one em after a dateline of whole ems (the 全角空格 Chinese
// papers put after 本报讯 or 电), otherwise what brings the body's first
// character back onto the character grid (half an em to an em and a
// half). Where the first line cannot be set otherwise without a loose
// line the space gives, down to half an em (text.Style.IndentShrink). The body's first line is indented by the indent, the dateline and
// the space. A dateline too long to leave a line of body room beside it
// is set on a line of its own above the paragraph.
func (s *setter) setDated(par, dateline string, st, dst style, measure units.Length) setPar {
	ds := textStyle(dst, measure, text.Left, false)
	ds.Indent = 0
	dp := s.tc.Compose(dateline, ds)
	ts := textStyle(st, measure, text.Justify, false)
	em := st.Size
	if len(dp.Lines) == 1 && em > 0 {
		lead := ts.Indent
		w := dp.Lines[0].Width
		start := (lead + w + em/2 + em - 1) / em * em
		if start+2*em <= measure {
			ts.Indent = start
			// The space may close to half an em when the first line is
			// squeezed (本报讯 每周三晚上7点，: "7点，" misses the line by
			// a third of an em), rather than leave that line loose.
			ts.IndentShrink = max(0, start-lead-w-em/2)
			p := s.tc.Compose(par, ts)
			dr := run{face: dst.Font, size: dst.Size, role: display.RoleDateline}
			for _, g := range dp.Lines[0].Glyphs {
				dr.glyphs = append(dr.glyphs, display.Glyph{Text: g.Text, X: lead + g.X})
			}
			// The space is a real 全角空格 in the text, as an editor types it:
			// the PDF then reads "本报讯　3月16日" (search and copy keep the
			// words apart) and no reader sees a hole where the space is.
			space := ""
			if dst.face.Covers(ideographicSpace) {
				space = string(ideographicSpace)
				dr.glyphs = append(dr.glyphs, display.Glyph{Text: space, X: lead + w})
			}
			lruns, seen := splitFallback(nil, dr, dst, nil)
			out := convert(p, st, display.RoleBody, lruns)
			out.text = dp.Text + space + p.Text
			out.diags = append(append(dp.Diagnostics, fallbackDiags(seen, dst.Font)...), out.diags...)
			return out
		}
	}
	// The dateline on its own line(s) at the paragraph's indent, then the
	// paragraph as usual.
	if ds.Measure-ts.Indent >= ds.Size {
		ds.Measure -= ts.Indent
		dp = s.tc.Compose(dateline, ds)
	}
	out := convert(dp, dst, display.RoleDateline, nil)
	for _, l := range out.lines {
		for _, r := range l.runs {
			for k := range r.glyphs {
				r.glyphs[k].X += ts.Indent
			}
		}
	}
	p := s.tc.Compose(par, ts)
	body := convert(p, st, display.RoleBody, nil)
	out.lines = append(out.lines, body.lines...)
	out.diags = append(out.diags, body.diags...)
	out.alone, out.text = out.text, body.text
	return out
}

// convert turns a composed paragraph into set lines in st's face (and its
// fallback faces, where they set a character, with a warning naming those
// characters). lead, when not empty, are runs put before the first line's
// glyphs (the dateline).
//
// The lines' glyphs are carved from one array, and their runs from
// another, rather than allocated line by line: layout converts every
// paragraph it sets, at each span it tries, and two allocations a line
// were the most of any function's in a run. Each line's slices are capped
// at their length, so appending to one never writes into the next.
func convert(p text.Paragraph, st style, role display.Role, lead []run) setPar {
	out := setPar{text: p.Text, diags: p.Diagnostics, lines: make([]tline, 0, len(p.Lines))}
	n, nr := 0, len(p.Lines)
	for _, ln := range p.Lines {
		n += len(ln.Glyphs)
	}
	nr += len(lead)
	glyphs, runs := make([]display.Glyph, n), make([]run, 0, nr)
	var seen []fallbackChar
	for i, ln := range p.Lines {
		tl := tline{width: ln.Width}
		first := len(runs)
		if i == 0 {
			runs = append(runs, lead...)
		}
		m := len(ln.Glyphs)
		main := run{face: st.Font, size: st.Size, role: role, glyphs: glyphs[:m:m]}
		glyphs = glyphs[m:]
		for k, g := range ln.Glyphs {
			main.glyphs[k] = display.Glyph{Text: g.Text, X: g.X}
		}
		if len(main.glyphs) > 0 {
			runs, seen = splitFallback(runs, main, st, seen)
		}
		if len(runs) > first {
			tl.runs = runs[first:len(runs):len(runs)]
		}
		out.lines = append(out.lines, tl)
	}
	out.diags = append(out.diags, fallbackDiags(seen, st.Font)...)
	return out
}
