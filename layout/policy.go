package layout

// Policy is the layout editor's judgement as numbers: the costs the
// placement search weighs (lower is better; only their order matters) and
// the limits it works within. DefaultPolicy is what Broadsheet uses; tests
// and experiments may vary a copy of it through Options.Policy.
type Policy struct {
	// Span.
	SpanHint   int64 // per column away from the article's span hint
	LeadNarrow int64 // per column the lead story is narrower than the page
	SpanFit    int64 // × (columns beyond FitSpan)²
	FitDepth   int   // lines of text per column the fitting span aims at

	// Headline.
	HeadLine      int64 // per headline line beyond two
	HeadTwo       int64 // for a headline on two lines rather than one
	HeadShort     int64 // for a headline that breaks badly (poorBreak)
	HeadUp        int64 // for a headline set a rank larger to take up space (canStepUp)
	MaxStepUpSpan int   // the widest span at which a headline may step up a rank
	HeadMinChars  int   // characters a line below which the smallest rank's headline steps down the scale

	// Headline space added to absorb slack.
	Extra           int64 // × extra² for headline space added to absorb slack
	MaxExtra        int   // grid lines added at Extra alone
	Air             int64 // per column per line of headline space beyond MaxExtra
	MaxExtraStrict  int   // the most added before the page counts as short of copy
	MaxExtraRelaxed int   // the most added when the page is short of copy (reported)

	// Photos.
	UnderPhoto  int64 // per column per line when only 1–3 lines stand under a photo
	MinPPI      int64 // the effective resolution below which a photo is reported
	LowPPI      int64 // per ppi a photo prints under MinPPI
	NarrowPhoto int64 // for a photo one column wide (issue 4: two or more) unless asked for
	Photo       int64 // per grid line a photo is cropped away from its natural height
	MaxCrop     int   // the most of a photo's image (percent of its height or width) cropped away, unless the editor set a focus or fit

	// Body shape.
	Shallow      int64 // × span × d(d+1)/2 for body columns d lines shallower than the span asks (shallowCost)
	LeadShallow  int64 // per column per line the lead's body columns are shallower than LeadMinDepth
	LeadMinDepth int   // lines the lead's body columns want

	// Text that does not fit.
	Jump        int64 // for jumping to a later page at all
	JumpLine    int64 // per line that jumps
	Underset    int64 // for leaving a hole
	HoleLine    int64 // per column-line of hole
	Overset     int64 // for not setting every line
	OversetLine int64 // per line overset
}

// DefaultPolicy returns the policy Broadsheet lays out with.
func DefaultPolicy() Policy {
	return Policy{
		SpanHint:   200,
		LeadNarrow: 400,
		SpanFit:    30,
		FitDepth:   16,

		HeadLine:      300,
		HeadTwo:       15,
		HeadShort:     400,
		HeadUp:        30,
		MaxStepUpSpan: 4,
		HeadMinChars:  6,

		Extra:           3,
		MaxExtra:        4,
		Air:             10,
		MaxExtraStrict:  8,
		MaxExtraRelaxed: 12,

		UnderPhoto:  20,
		MinPPI:      150,
		LowPPI:      200,
		NarrowPhoto: 400,
		Photo:       2,
		MaxCrop:     20,

		Shallow:      40,
		LeadShallow:  8,
		LeadMinDepth: 10,

		Jump:        40,
		JumpLine:    1,
		Underset:    3000,
		HoleLine:    15,
		Overset:     100000,
		OversetLine: 1000,
	}
}
