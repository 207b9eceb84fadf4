package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/broadsheet-news/broadsheet/archive"
)

// Exit statuses of batch beyond the common ones: stopped by a signal.
const (
	exitSIGINT  = 130 // 128 + SIGINT
	exitSIGTERM = 143 // 128 + SIGTERM
)

const batchExitMessage = `Exit status: 0 every edition rendered or up to date; 1 at least one edition failed (the
others are rendered; see the report); 2 a wrong command line; 3 the output folder or the
report could not be written; 130 or 143 stopped by SIGINT or SIGTERM (the editions not
run are "interrupted" in the report; run the same command again to finish).`

// batchOptions are the batch command's flags.
type batchOptions struct {
	renderOptions
	outDir string
	jobs   int
	from   string
	report string
	force  bool
	quiet  bool
	shard  string
	shards int
}

func newBatchCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch (EDITION.yaml | FOLDER)... -o DIR",
		Short: "Render an archive of editions: resumable, reported, sharded across machines",
		Long: `Batch renders many editions, several at a time over one font library.

Inputs are edition files, folders (searched recursively for *.yaml and *.yml,
passing over names starting with "." and any folder holding a .broadsheetignore
file), or a list of paths, one a line, read with --from FILE (--from - reads
standard input). Outputs mirror the input tree under DIR: FOLDER/2019/03/18/
edition.yaml is written to DIR/2019/03/18/edition.pdf (a file named directly
keeps its path relative to the working directory).

An edition that fails (bad input, overset, a damaged photo, even a crash inside
layout) is reported and the run goes on. Every file is written through a temporary
file and renamed, so no partial PDF is ever left. SIGINT or SIGTERM starts no new
edition and lets those in flight finish; a second signal abandons them (removing
their temporary files).

Beside each PDF, NAME.pdf.key.json keeps the key it was made from: a hash of the
edition file, every photo, ad and font it uses, the program version, the PDF
flags and --ink-limit. An edition whose key is unchanged and whose PDF is whole is
skipped, so a stopped or killed run is finished by running it again; --force
renders all.

--report FILE writes JSON Lines, one object per edition: input, output, status
(ok, failed, skipped, interrupted), pages, duration_ms, sha256 of the PDF, key,
shard, and every warning and error with its code and file:line:col.

--shard K/N renders only the K-th (from 0) of N parts of the inputs, chosen by a
hash of each edition's path relative to its input folder, so machines agree without
talking. --shard auto takes K from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job),
SLURM_ARRAY_TASK_ID or BROADSHEET_SHARD_INDEX, and N from --shards,
BROADSHEET_SHARDS or SLURM_ARRAY_TASK_COUNT.

As with render, each edition reads photos, ads and fonts only inside its own
folder; --allow-path DIR (repeatable) allows another, e.g. a shared photo store
(checked on every run: an up-to-date edition is refused, not skipped, by a run
that does not allow a folder its files lie in).
Every placed ad's total ink is checked against --ink-limit (default 240%).

On a terminal a progress bar shows editions done, pages per second and the time
left; otherwise one line is printed per edition; --quiet prints only failures.

` + batchExitMessage,
		Example: `  broadsheet batch archive/ -o pdf/ --report run.jsonl
  cd archive && find . -name edition.yaml -not -path '*/.*' | broadsheet batch --from - -o ../pdf/
  broadsheet batch archive/ -o pdf/ --shard 2/8 --report shard-2.jsonl
  JOB_COMPLETION_INDEX=0 broadsheet batch /data/editions -o /data/pdf --shard auto --shards 8`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(opts, args, cmd.InOrStdin(), stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.outDir, "output", "o", "", "the folder to write the PDFs into, mirroring the input tree (required)")
	f.IntVarP(&opts.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "editions rendered at once")
	f.StringVar(&opts.from, "from", "", `read inputs from FILE, one path a line ("-" for standard input)`)
	f.StringVar(&opts.report, "report", "", `write a JSON Lines report to FILE ("-" for standard output)`)
	f.BoolVar(&opts.force, "force", false, "render every edition, even those whose PDF is up to date")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress bar or lines; only failures are printed")
	f.StringVar(&opts.shard, "shard", "", `render only part K/N of the inputs (K from 0), or "auto" from the environment`)
	f.IntVar(&opts.shards, "shards", 0, "the number of shards for --shard auto (default: $BROADSHEET_SHARDS)")
	opts.addPDFFlags(f)
	opts.inputs = defaultInputs()
	opts.inputs.addInputFlags(f)
	return cmd
}

func runBatch(opts *batchOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	usage := func(format string, a ...any) error {
		return &exitError{exitUsage, fmt.Errorf("batch: "+format, a...)}
	}
	if opts.outDir == "" {
		return usage("-o DIR is required")
	}
	if opts.jobs < 1 {
		return usage("--jobs must be 1 or more")
	}
	shard, err := archive.ParseShard(opts.shard, opts.shards, os.Getenv)
	if err != nil {
		return usage("%v", err)
	}
	popts, err := opts.printOptions(&opts.inputs)
	if err != nil {
		return err
	}
	inputs := append([]string(nil), args...)
	if opts.from != "" {
		r := stdin
		if opts.from != "-" {
			f, err := os.Open(opts.from)
			if err != nil {
				return usage("--from: %v", err)
			}
			defer f.Close()
			r = f
		}
		list, err := archive.ReadList(r)
		if err != nil {
			return usage("--from: %v", err)
		}
		inputs = append(inputs, list...)
	}
	if len(inputs) == 0 {
		return usage("give edition files or folders, or --from FILE")
	}
	all, err := archive.Discover(inputs)
	if err != nil {
		return usage("%v", err)
	}
	jobs := shard.Select(all)
	if err := os.MkdirAll(opts.outDir, 0o755); err != nil {
		return &exitError{exitOutput, fmt.Errorf("batch: %w", err)}
	}

	summaryOut := stdout
	var report io.Writer
	switch opts.report {
	case "":
	case "-":
		report, summaryOut = stdout, stderr
	default:
		if err := os.MkdirAll(filepath.Dir(opts.report), 0o755); err != nil {
			return &exitError{exitOutput, fmt.Errorf("batch: --report: %w", err)}
		}
		f, err := os.OpenFile(opts.report, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return &exitError{exitOutput, fmt.Errorf("batch: --report: %w", err)}
		}
		defer f.Close()
		report = f
	}

	var progress archive.Progress
	switch {
	case opts.quiet:
		progress = archive.QuietProgress(stderr)
	case isTerminal(stderr):
		progress = archive.BarProgress(stderr)
	default:
		progress = archive.LineProgress(stderr)
	}

	// The first SIGINT or SIGTERM stops the run starting editions; a second
	// abandons those in flight.
	stop, stopNow := context.WithCancel(context.Background())
	abandon, abandonNow := context.WithCancel(context.Background())
	defer stopNow()
	defer abandonNow()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	got := make(chan os.Signal, 1)
	go func() {
		first := true
		for {
			select {
			case s := <-sigs:
				if first {
					got <- s
					first = false
					fmt.Fprintf(stderr, "batch: %v: starting no new edition; waiting for those in flight (again to abandon them)\n", s)
					stopNow()
				} else {
					abandonNow()
				}
			case <-abandon.Done():
				return
			}
		}
	}()

	sum, err := archive.Run(stop, abandon, jobs, archive.Options{
		OutDir:   opts.outDir,
		Jobs:     opts.jobs,
		Force:    opts.force,
		PDF:      popts,
		Program:  programIdentity(),
		Shard:    shard,
		Report:   report,
		Progress: progress,
		// What render and check take: folders an edition may read outside
		// its own, and the ink limit of its ads.
		AllowPaths: opts.inputs.allowPaths,
		InkLimit:   opts.inputs.inkLimit,
	})
	shardNote := ""
	if shard.N > 1 {
		shardNote = fmt.Sprintf(" (shard %s: %d of %d editions)", shard, len(jobs), len(all))
	}
	fmt.Fprintf(summaryOut, "batch: %d rendered, %d failed, %d up to date, %d not run%s; %d page(s) in %.1f s\n",
		sum.OK, sum.Failed, sum.Skipped, sum.Interrupted, shardNote, sum.Pages, sum.Elapsed.Seconds())
	if err != nil {
		return &exitError{exitOutput, fmt.Errorf("batch: %w", err)}
	}
	select {
	case s := <-got:
		if s == syscall.SIGTERM {
			return &exitError{exitSIGTERM, nil}
		}
		return &exitError{exitSIGINT, nil}
	default:
	}
	if sum.Failed > 0 {
		return &exitError{exitInput, nil}
	}
	return nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// programIdentity names this program for the archive key: its version, and
// for a development build the executable's Go build ID (whose last part
// hashes the file, embedded fonts included), so that any change to the
// program renders again. Only a development build without a build ID has
// its executable hashed whole: 97 MB, 60 ms of every batch run's start
// (6% of a 40-edition batch).
func programIdentity() string {
	v := versionString()
	if v != "devel" {
		return "broadsheet " + v
	}
	exe, err := os.Executable()
	if err == nil {
		if id, ok := goBuildID(exe); ok {
			return "broadsheet devel " + id
		}
		var f *os.File
		if f, err = os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err = io.Copy(h, f); err == nil {
				return "broadsheet devel " + hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	// Unknown: a key that never matches, so nothing is wrongly skipped.
	return fmt.Sprintf("broadsheet devel unknown %p", &v)
}
