package main

import (
	"bytes"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/internal/icc"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// DefaultInkLimit is the total ink newsprint takes, in percent (IFRA's
// coldset recommendation; the writer's own colours stay under it too).
const DefaultInkLimit = 240

// inputOptions say what a run may read and what it accepts: the flags
// render and check share.
type inputOptions struct {
	allowPaths []string // folders outside the edition's own that it may read
	inkLimit   int      // the highest total ink a placed ad may reach, in percent
	// profile is the output profile RGB ads are converted through (nil:
	// the default, pdf.DefaultOutputProfile).
	profile []byte
	// images validates the photos and ads, and keeps what it found (nil:
	// nothing kept; see renderWith).
	images *images.Cache
}

func defaultInputs() inputOptions { return inputOptions{inkLimit: DefaultInkLimit} }

// addInputFlags declares the flags of inputOptions.
func (in *inputOptions) addInputFlags(f *pflag.FlagSet) {
	addAllowPathFlag(f, &in.allowPaths)
	f.IntVar(&in.inkLimit, "ink-limit", DefaultInkLimit, "the highest total ink (C+M+Y+K, in percent) a placed ad may reach (an RGB image ad: as the output profile converts it)")
}

// addAllowPathFlag declares --allow-path, whose folders go to paths: the
// flag of every command that loads an edition.
func addAllowPathFlag(f *pflag.FlagSet, paths *[]string) {
	f.StringArrayVar(paths, "allow-path", nil, "a folder outside the edition's own from which photos, ads and fonts may be read (repeatable)")
}

func (in inputOptions) check() error {
	if in.inkLimit < 100 || in.inkLimit > 400 {
		return &exitError{exitUsage, fmt.Errorf("--ink-limit %d: give a total ink from 100 to 400 (percent)", in.inkLimit)}
	}
	return nil
}

// inputFiles lists every file a loaded edition reads (editions.Inputs):
// the edition itself, its fonts, photos, photo stories and ads. An output
// must not be one of them.
func inputFiles(ed *editions.Edition) []string {
	ins := ed.Inputs()
	files := make([]string, len(ins))
	for i, in := range ins {
		files[i] = in.Path
	}
	return files
}

// checkFonts parses every user font now, and checks that it can be
// embedded, so that a font the writer would refuse is an input error at
// the line that declares it.
func checkFonts(ed *editions.Edition, lib *fonts.Library) error {
	var ps editions.Problems
	for _, f := range ed.Fonts {
		face, err := lib.Face(f.Name)
		if err == nil {
			err = face.CheckSubsettable()
		}
		if err != nil {
			ps = append(ps, &editions.Problem{Pos: f.Pos, Msg: fmt.Sprintf("font %s (%s) cannot be used: %v", f.Name, f.Path, err)})
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// readProfile reads and checks an ICC output profile: a CMYK output
// (printer) profile, as the output intent of PDF/X-4 needs.
func readProfile(path string) ([]byte, error) {
	b, err := fsafe.ReadFile(path, fsafe.MaxProfile)
	if err != nil {
		return nil, fmt.Errorf("--output-profile %s %s", path, fsafe.Explain(err))
	}
	if len(b) < 132 || !bytes.Equal(b[36:40], []byte("acsp")) {
		return nil, fmt.Errorf("--output-profile %s is not an ICC profile (it has no ICC header); give the print shop's .icc file", path)
	}
	if size := int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3]); size > len(b) || size < 132 {
		return nil, fmt.Errorf("--output-profile %s is a damaged ICC profile (its header says %d bytes, the file has %d)", path, size, len(b))
	}
	if cs := string(b[16:20]); cs != "CMYK" {
		return nil, fmt.Errorf("--output-profile %s is a %q profile; the output intent of a newspaper needs a CMYK press profile", path, cs)
	}
	if _, err := icc.TotalInk(b); err != nil {
		return nil, fmt.Errorf("--output-profile %s cannot convert colours to CMYK as a RIP would: %v", path, err)
	}
	return b, nil
}

// rgbInk is the most total ink an RGB image prints with once converted
// through the output profile (the default one for nil), in percent.
func rgbInk(profile []byte) (int, error) {
	if profile == nil {
		profile = pdf.DefaultOutputProfile()
	}
	n, err := icc.TotalInk(profile)
	if err != nil {
		return 0, fmt.Errorf("output profile: %w", err)
	}
	return n, nil
}
