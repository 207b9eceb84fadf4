package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// renderOptions are the render command's flags.
type renderOptions struct {
	edition string
	output  string
	pdfFlags
	inputs inputOptions
}

// pdfFlags are the flags that say how the PDF is written, which render,
// batch and watch -o share.
type pdfFlags struct {
	standards       string
	outputProfile   string
	outputCondition string
	marks           bool
	photos          string
}

func newRenderCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &renderOptions{}
	cmd := &cobra.Command{
		Use:   "render EDITION.yaml",
		Short: "Lay out an edition and write its PDF",
		Long: `Render loads the edition, composes every page and writes one PDF with all pages.

By default the PDF conforms to both PDF/X-4 (for the print shop, with the embedded
IFRA26S newsprint output profile) and PDF/A-2u (for the archive). The file is written
through a temporary file and renamed into place: on any error nothing is written. A
temporary file that a render of the same output left when it was killed (kill -9) is
removed first.
Warnings (underset, low-resolution photos) are printed and do not stop the render;
errors (overset text, a character no font has, a bad photo) do.

` + exitMessage,
		Example: `  broadsheet render editions/samples/local-news.yaml -o local-news.pdf
  broadsheet render edition.yaml -o out.pdf --marks --output-profile ISOnewspaper26v4.icc
  broadsheet render edition.yaml --pdf-standard none
  broadsheet render edition.yaml --photos optimize   # JPEGs with tables of their own: 5-8% smaller`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.edition = args[0]
			temps := tempsOf(cmd)
			defer cleanupOnSignal(temps, stderr)()
			return runRender(opts, fonts.NewLibrary(), temps, stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", `the PDF to write (default: the edition's name with .pdf; "-" writes to standard output)`)
	opts.addPDFFlags(cmd.Flags())
	opts.inputs = defaultInputs()
	opts.inputs.addInputFlags(cmd.Flags())
	return cmd
}

// addPDFFlags declares the flags that say how the PDF is written.
func (opts *pdfFlags) addPDFFlags(f *pflag.FlagSet) {
	f.StringVar(&opts.standards, "pdf-standard", "x-4,a-2u", `standards to meet: "x-4", "a-2u", "x-4,a-2u" or "none"`)
	f.StringVar(&opts.outputProfile, "output-profile", "", "a CMYK ICC output profile for the output intent (default: the embedded IFRA26S newsprint profile)")
	f.StringVar(&opts.outputCondition, "output-condition", "", "the output condition identifier that goes with --output-profile")
	f.BoolVar(&opts.marks, "marks", false, "add crop marks, registration marks and a slug line outside the bleed")
	f.StringVar(&opts.photos, "photos", photosAsIs, `how JPEG photos are embedded: "`+photosAsIs+`" (byte for byte, as their files are) or "`+photosOptimize+`" (baseline JPEGs with Huffman tables made for each: the same pixels, 5 to 8% fewer bytes, for about 9 ms more CPU a page of three photos)`)
}

// The values of --photos.
const (
	photosOptimize = "optimize"
	photosAsIs     = "as-is"
)

func runRender(opts *renderOptions, lib *fonts.Library, temps *fsafe.Temps, stdout, stderr io.Writer) error {
	popts, err := opts.printOptions(&opts.inputs)
	if err != nil {
		return err
	}
	out := opts.output
	if out == "" {
		out = strings.TrimSuffix(opts.edition, filepath.Ext(opts.edition)) + ".pdf"
	}
	n, err := renderWith(opts.edition, out, lib, popts, opts.inputs, temps, nil, stdout, stderr)
	if err != nil {
		return err
	}
	if out == fsafe.Stdout {
		fmt.Fprintf(stderr, "%s: %d page(s) written to standard output\n", opts.edition, n)
		return nil
	}
	fmt.Fprintf(stdout, "%s: %d page(s) written to %s\n", opts.edition, n, out)
	return nil
}

// printOptions checks the PDF flags and the input flags, and returns the
// PDF writer's options; the output profile goes to in, whose ink check
// converts RGB ads through it as the print shop's RIP would.
func (opts *pdfFlags) printOptions(in *inputOptions) (pdf.Options, error) {
	po, err := opts.pdfOptions()
	if err != nil {
		return pdf.Options{}, err
	}
	if err := in.check(); err != nil {
		return pdf.Options{}, err
	}
	in.profile = po.OutputProfile
	return po, nil
}

// pdfOptions turns the flags into the PDF writer's options.
func (opts *pdfFlags) pdfOptions() (pdf.Options, error) {
	std, err := pdf.ParseStandards(opts.standards)
	if err != nil {
		return pdf.Options{}, &exitError{exitUsage, fmt.Errorf("--pdf-standard: %w", err)}
	}
	po := pdf.Options{Standards: std, Marks: opts.marks, OutputCondition: opts.outputCondition}
	switch opts.photos {
	case photosAsIs, "":
	case photosOptimize:
		po.OptimizePhotos = true
	default:
		return pdf.Options{}, &exitError{exitUsage, fmt.Errorf("--photos: %q is neither %q nor %q", opts.photos, photosOptimize, photosAsIs)}
	}
	if opts.outputProfile == "" && opts.outputCondition != "" && opts.outputCondition != pdf.DefaultOutputCondition {
		// The identifier names the condition the profile prints to: on
		// the embedded IFRA26S profile another name would tell a print
		// shop's preflight something the profile is not.
		return pdf.Options{}, &exitError{exitUsage, fmt.Errorf("--output-condition %q names the condition of an --output-profile; the embedded profile's is %s", opts.outputCondition, pdf.DefaultOutputCondition)}
	}
	if opts.outputProfile != "" {
		b, err := readProfile(opts.outputProfile)
		if err != nil {
			return pdf.Options{}, &exitError{exitUsage, err}
		}
		po.OutputProfile = b
	}
	return po, nil
}
