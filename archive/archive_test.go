package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/internal/edtest"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/layout"
	"github.com/broadsheet-news/broadsheet/pdf"
)

const samples = "../editions/samples"

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParseShard(t *testing.T) {
	cases := []struct {
		spec   string
		shards int
		env    map[string]string
		want   Shard
		errHas string
	}{
		{"", 0, nil, Shard{0, 1}, ""},
		{"2/8", 0, nil, Shard{2, 8}, ""},
		{"8/8", 0, nil, Shard{}, "from 0 to 7"},
		{"1/0", 0, nil, Shard{}, "1 or more"},
		{"x", 0, nil, Shard{}, "want K/N"},
		{"1/4", 4, nil, Shard{}, "only read with --shard auto"},
		{"auto", 0, map[string]string{"JOB_COMPLETION_INDEX": "3", "BROADSHEET_SHARDS": "5"}, Shard{3, 5}, ""},
		{"auto", 6, map[string]string{"JOB_COMPLETION_INDEX": "3", "BROADSHEET_SHARDS": "5"}, Shard{3, 6}, ""},
		{"auto", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"}, Shard{3, 4}, ""},
		{"auto", 2, map[string]string{"BROADSHEET_SHARD_INDEX": "1"}, Shard{1, 2}, ""},
		{"auto", 0, map[string]string{"JOB_COMPLETION_INDEX": "0"}, Shard{}, "--shards or BROADSHEET_SHARDS"},
		{"auto", 2, nil, Shard{}, "JOB_COMPLETION_INDEX"},
		{"auto", 2, map[string]string{"JOB_COMPLETION_INDEX": "2"}, Shard{}, "from 0 to 1"},
		{"auto", 2, map[string]string{"JOB_COMPLETION_INDEX": "one"}, Shard{}, "not a whole number"},
	}
	for _, c := range cases {
		got, err := ParseShard(c.spec, c.shards, env(c.env))
		if c.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), c.errHas) {
				t.Errorf("ParseShard(%q, %d, %v) = %v, %v; want an error with %q", c.spec, c.shards, c.env, got, err, c.errHas)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseShard(%q, %d, %v) = %v, %v; want %v", c.spec, c.shards, c.env, got, err, c.want)
		}
	}
}

// Every path belongs to exactly one of N shards, whatever N, and shards
// are not lopsided.
func TestShardsPartition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 16).Draw(t, "n")
		rel := rapid.StringMatching(`[0-9]{4}/[0-9]{2}/[0-9]{2}/[a-z]{1,8}\.ya?ml`).Draw(t, "rel")
		owners := 0
		for k := 0; k < n; k++ {
			if (Shard{k, n}).Owns(rel) {
				owners++
			}
		}
		if owners != 1 {
			t.Fatalf("%s is owned by %d of %d shards", rel, owners, n)
		}
	})
	var jobs []Job
	for d := 0; d < 365; d++ {
		jobs = append(jobs, Job{Rel: fmt.Sprintf("2019/%03d/edition.yaml", d)})
	}
	for k := 0; k < 4; k++ {
		if got := len(Shard{k, 4}.Select(jobs)); got < 60 || got > 120 {
			t.Errorf("shard %d/4 has %d of 365 editions", k, got)
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"2019/03/18/edition.yaml", "2019/03/19/edition.yaml", "2019/03/19/extra.YML",
		"2019/03/19/photos/notes.txt", ".git/x.yaml", "2019/.hidden.yaml", "styles/house.yaml"} {
		write(t, filepath.Join(dir, p), "x")
	}
	write(t, filepath.Join(dir, "styles", IgnoreFile), "")
	jobs, err := Discover([]string{dir, filepath.Join(dir, "2019/03/18/edition.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, j := range jobs {
		rels = append(rels, j.Rel)
	}
	want := "2019/03/18/edition.yaml 2019/03/19/edition.yaml 2019/03/19/extra.YML"
	if strings.Join(rels, " ") != want {
		t.Errorf("found %v, want %s", rels, want)
	}
	if got := jobs[0].Output("out"); got != filepath.FromSlash("out/2019/03/18/edition.pdf") {
		t.Errorf("output %s", got)
	}

	// Two roots that mirror to the same PDF are refused, naming both.
	other := t.TempDir()
	write(t, filepath.Join(other, "2019/03/18/edition.yaml"), "x")
	_, err = Discover([]string{dir, other})
	if err == nil || !strings.Contains(err.Error(), "would both be written to") {
		t.Errorf("a collision was not refused: %v", err)
	}
	if _, err := Discover([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("a missing input was not refused")
	}

	list, err := ReadList(strings.NewReader("# editions\n\n  a.yaml  \nb/\n"))
	if err != nil || strings.Join(list, ",") != "a.yaml,b/" {
		t.Errorf("ReadList = %q, %v", list, err)
	}
}

// sampleArchive copies local-news with its photos into dir under n dated
// folders.
func sampleArchive(t *testing.T, dir string, n int) []Job {
	t.Helper()
	y, err := os.ReadFile(filepath.Join(samples, "local-news.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	photos, err := os.ReadDir(filepath.Join(samples, "photos"))
	if err != nil {
		t.Fatal(err)
	}
	var jobs []Job
	for i := 0; i < n; i++ {
		rel := fmt.Sprintf("2019/03/%02d/edition.yaml", i+1)
		write(t, filepath.Join(dir, rel), string(y))
		for _, p := range photos {
			b, err := os.ReadFile(filepath.Join(samples, "photos", p.Name()))
			if err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(dir, filepath.Dir(rel), "photos", p.Name()), string(b))
		}
		jobs = append(jobs, Job{Input: filepath.Join(dir, rel), Rel: rel})
	}
	return jobs
}

// runOne runs a batch of the one edition in (Rel rel) into dir/out, and
// returns its summary and its report's records.
func runOne(t *testing.T, dir, in, rel string) (Summary, []Record) {
	t.Helper()
	var report bytes.Buffer
	sum, err := Run(context.Background(), context.Background(), []Job{{Input: in, Rel: rel}},
		Options{OutDir: filepath.Join(dir, "out"), Program: "test", Report: &report})
	if err != nil {
		t.Fatal(err)
	}
	return sum, readRecords(t, report.Bytes())
}

func readRecords(t *testing.T, b []byte) []Record {
	t.Helper()
	var recs []Record
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var r Record
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		recs = append(recs, r)
	}
	return recs
}

// A panic inside composition fails that edition alone: it is reported
// with its stack, the others are written, and nothing is left half-done.
func TestRunRecoversAPanic(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 3)
	var report bytes.Buffer
	opt := Options{OutDir: filepath.Join(dir, "out"), Jobs: 2, Program: "test", Report: &report,
		compose: func(ed *editions.Edition, lib *fonts.Library) (*display.Document, error) {
			if ed.Source == jobs[1].Input {
				_ = ed.Pages[len(ed.Pages)] // a real runtime panic: index out of range
			}
			return layout.Compose(ed, lib, layout.Options{})
		}}
	sum, err := Run(context.Background(), context.Background(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != 2 || sum.Failed != 1 {
		t.Errorf("summary %+v, want 2 ok and 1 failed", sum)
	}
	for _, r := range readRecords(t, report.Bytes()) {
		if r.Input == jobs[1].Input {
			if r.Status != StatusFailed || len(r.Errors) != 1 || r.Errors[0].Code != "panic" || !strings.Contains(r.Errors[0].Message, "index out of range") {
				t.Errorf("the panicking edition's record: %+v", r)
			}
			if _, err := os.Stat(jobs[1].Output(opt.OutDir)); err == nil {
				t.Error("the panicking edition left a PDF")
			}
		} else if r.Status != StatusOK {
			t.Errorf("%s: %s", r.Input, r.Status)
		}
	}
}

// A stopped run starts nothing more, and reports what it did not run.
func TestRunStopped(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 4)
	stop, stopNow := context.WithCancel(context.Background())
	var report bytes.Buffer
	n := 0
	opt := Options{OutDir: filepath.Join(dir, "out"), Jobs: 1, Program: "test", Report: &report,
		compose: func(ed *editions.Edition, lib *fonts.Library) (*display.Document, error) {
			n++
			if n == 2 {
				stopNow() // a signal arrives while the second edition is in flight
			}
			return layout.Compose(ed, lib, layout.Options{})
		}}
	sum, err := Run(stop, context.Background(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != 2 || sum.Interrupted != 2 || n != 2 {
		t.Errorf("summary %+v after %d compositions; want the one in flight finished and 2 not run", sum, n)
	}
	recs := readRecords(t, report.Bytes())
	if len(recs) != 4 || recs[3].Status != StatusInterrupted {
		t.Errorf("report: %+v", recs)
	}
}

// An edition whose PDF is being synced to disk does not hold its turn:
// with -j 1 the next edition is composed meanwhile, and still only one
// edition is rendered at a time.
func TestRunSyncsBesideTheNext(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 3)
	second := make(chan struct{})
	var mu sync.Mutex
	composing, most, n := 0, 0, 0
	opt := Options{OutDir: filepath.Join(dir, "out"), Jobs: 1, Program: "test",
		compose: func(ed *editions.Edition, lib *fonts.Library) (*display.Document, error) {
			mu.Lock()
			composing++
			most = max(most, composing)
			if n++; n == 2 {
				close(second)
			}
			mu.Unlock()
			defer func() { mu.Lock(); composing--; mu.Unlock() }()
			return layout.Compose(ed, lib, layout.Options{})
		},
		synced: func(out string) {
			if out != jobs[0].Output(filepath.Join(dir, "out")) {
				return
			}
			// A slow disk: the first PDF is synced only once the second
			// edition is being composed.
			select {
			case <-second:
			case <-time.After(20 * time.Second):
				t.Error("the second edition did not start while the first was being synced")
			}
		}}
	sum, err := Run(context.Background(), context.Background(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != 3 {
		t.Errorf("summary %+v, want 3 ok", sum)
	}
	if most != 1 {
		t.Errorf("%d editions composed at once with -j 1", most)
	}
}

// The key changes with each thing the PDF is made from, and only then.
func TestKey(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, dir, 1)
	load := func() *editions.Edition {
		ed, err := editions.Load(jobs[0].Input)
		if err != nil {
			t.Fatal(err)
		}
		return ed
	}
	key := func(ed *editions.Edition, prog string, o pdf.Options) string {
		k, err := Key(ed, prog, o, 240)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key(load(), "v1", pdf.Options{})
	if key(load(), "v1", pdf.Options{}) != base {
		t.Fatal("the key is not stable")
	}
	if key(load(), "v2", pdf.Options{}) == base {
		t.Error("the program version is not in the key")
	}
	if key(load(), "v1", pdf.Options{Marks: true}) == base {
		t.Error("--marks is not in the key")
	}
	if key(load(), "v1", pdf.Options{OutputProfile: []byte("icc")}) == base {
		t.Error("the output profile is not in the key")
	}
	if key(load(), "v1", pdf.Options{Standards: []pdf.Standard{}}) == base {
		t.Error("--pdf-standard none is not in the key")
	}
	if key(load(), "v1", pdf.Options{OutputCondition: "X"}) == base {
		t.Error("--output-condition is not in the key")
	}
	if key(load(), "v1", pdf.Options{OptimizePhotos: true}) == base {
		t.Error("OptimizePhotos is not in the key")
	}
	// Key names every field of pdf.Options; one added there must be
	// added to the key too (or be said not to change the PDF).
	var names []string
	rt := reflect.TypeOf(pdf.Options{})
	for i := 0; i < rt.NumField(); i++ {
		names = append(names, rt.Field(i).Name)
	}
	if got := strings.Join(names, " "); got != "Standards OutputProfile OutputCondition Marks Files Compressors OptimizePhotos Images" {
		t.Errorf("pdf.Options has the fields %s: put the new ones in Key", got)
	}
	if k, err := Key(load(), "v1", pdf.Options{}, 300); err != nil || k == base {
		t.Errorf("the ink limit is not in the key (%v)", err)
	}
	// Likewise every option of a run: one that changes the PDF, or whether
	// an edition is refused, must be in the key (PDF, Program, InkLimit);
	// the others are said not to, in keyAndFiles or here (wrapOutput is a
	// test's failing disk).
	names = nil
	rt = reflect.TypeOf(Options{})
	for i := 0; i < rt.NumField(); i++ {
		names = append(names, rt.Field(i).Name)
	}
	if got := strings.Join(names, " "); got != "OutDir Jobs Force PDF Program Shard Report Progress Fonts Images AllowPaths InkLimit compose synced keyed wrapOutput rgbInk rgbInkErr" {
		t.Errorf("Options has the fields %s: say whether the new ones go in the key", got)
	}
	photo := filepath.Join(dir, "2019/03/01/photos/harbour-dusk.jpg")
	b, _ := os.ReadFile(photo)
	write(t, photo, string(append(b, 0)))
	if key(load(), "v1", pdf.Options{}) == base {
		t.Error("a changed photo does not change the key")
	}
	write(t, photo, string(b))
	y, _ := os.ReadFile(jobs[0].Input)
	write(t, jobs[0].Input, string(y)+"\n# a comment\n")
	if key(load(), "v1", pdf.Options{}) == base {
		t.Error("a changed edition file does not change the key")
	}
}

// A run at a stricter --ink-limit checks again the editions a looser one
// rendered: the limit was not in the key, so an edition whose ad reaches
// 290% rendered at 300 was then skipped at 240 as up to date (exit 0),
// though render --ink-limit 240 refuses it.
func TestRunInkLimitInKey(t *testing.T) {
	dir := t.TempDir()
	jpg, err := os.ReadFile("../editions/testdata/hostile/rich-ink-cmyk.jpg") // 290% total ink
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in", "2019", "edition.yaml")
	write(t, filepath.Join(filepath.Dir(in), "ad.jpg"), string(jpg))
	write(t, in, edtest.Council("    ads:\n      - {id: advert, file: ad.jpg, at: {column: 5, span: 4, bottom: true, lines: 30}}\n"))
	jobs := []Job{{Input: in, Rel: "2019/edition.yaml"}}
	run := func(limit int) (Summary, []Record) {
		var report bytes.Buffer
		sum, err := Run(context.Background(), context.Background(), jobs,
			Options{OutDir: filepath.Join(dir, "out"), Program: "test", InkLimit: limit, Report: &report})
		if err != nil {
			t.Fatal(err)
		}
		return sum, readRecords(t, report.Bytes())
	}
	if sum, recs := run(300); sum.OK != 1 {
		t.Fatalf("at 300%%: %+v %+v", sum, recs)
	}
	if sum, _ := run(300); sum.Skipped != 1 {
		t.Fatalf("at 300%% again: %+v, want skipped", sum)
	}
	sum, recs := run(240)
	if sum.Failed != 1 || len(recs) != 1 || len(recs[0].Errors) == 0 || !strings.Contains(recs[0].Errors[0].Message, "290% total ink") {
		t.Fatalf("at 240%% after 300%%: %+v %+v, want the edition refused for its ad", sum, recs)
	}
}

// A batch reports an edition's missing photo with its other problems: with
// a bad date beside it, only the date was said, and the photo on the next
// run.
func TestRunReportsFileProblemsWithTheOthers(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "2019", "edition.yaml")
	write(t, in, strings.Replace(edtest.Council("        photos: [{file: missing.jpg}]\n"), "2026-03-18", "2026-02-30", 1))
	sum, recs := runOne(t, dir, in, "2019/edition.yaml")
	if sum.Failed != 1 || len(recs) != 1 {
		t.Fatalf("%+v %+v", sum, recs)
	}
	var got []string
	for _, p := range recs[0].Errors {
		got = append(got, strings.TrimPrefix(p.Pos, in)+" "+p.Message)
	}
	want := []string{`:2:7 date "2026-02-30" is not a real date`, `:11:18 photo missing.jpg does not exist`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A photo the key cannot read is reported as loading reports it, at the
// line that names it: a missing one was "open …: no such file or
// directory" at the edition, and a FIFO named as a photo stopped the
// batch for ever, opening it to hash it.
func TestRunReportsUnhashableFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "2019", "edition.yaml")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(filepath.Dir(in), "fifo.jpg"), 0o644); err != nil {
		t.Skip("no FIFO here:", err)
	}
	write(t, in, edtest.Council("        photos: [{file: missing.jpg}, {file: fifo.jpg}]\n"))
	var report bytes.Buffer
	done := make(chan struct{})
	var sum Summary
	go func() {
		defer close(done)
		var err error
		sum, err = Run(context.Background(), context.Background(), []Job{{Input: in, Rel: "2019/edition.yaml"}},
			Options{OutDir: filepath.Join(dir, "out"), Program: "test", Report: &report})
		if err != nil {
			t.Error(err)
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the batch waits on the FIFO")
	}
	recs := readRecords(t, report.Bytes())
	if sum.Failed != 1 || len(recs) != 1 {
		t.Fatalf("%+v %+v", sum, recs)
	}
	var got []string
	for _, p := range recs[0].Errors {
		got = append(got, strings.TrimPrefix(p.Pos, in)+" "+p.Message)
	}
	want := []string{`:11:18 photo missing.jpg does not exist`, `:11:39 photo fifo.jpg is a named pipe (FIFO), not a file`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRunRefusesHugeFontUnhashed: a font past fsafe.MaxFont is reported
// at its line, as loading says it, without hashing it for the key first
// (a sparse file of 3 GB was hashed for 7 s; a larger one takes as long
// as its size): hashFile gives its size in place of a sum.
func TestRunRefusesHugeFontUnhashed(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "edition.yaml")
	font := filepath.Join(dir, "in", "huge.ttf")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, font, "\x00\x01\x00\x00")
	if err := os.Truncate(font, fsafe.MaxFont+1<<20); err != nil {
		t.Skip(err)
	}
	if sum, n, err := hashFile(font, fsafe.MaxFont); err != nil || n != fsafe.MaxFont+1<<20 || strings.Trim(sum, "0123456789abcdef") == "" {
		t.Errorf("hashFile of a font over the cap: %q, %d, %v; want its size, no sum", sum, n, err)
	}
	write(t, in, `paper: 港区新闻
date: 2026-02-18
issue: 5321
fonts:
  body: {file: huge.ttf}
pages:
  - number: 1
    articles:
      - id: council
        headline: 开发区召开工作会议
        body: 会议指出，要坚持稳中求进。
`)
	sum, recs := runOne(t, dir, in, "edition.yaml")
	if sum.Failed != 1 || len(recs) != 1 || len(recs[0].Errors) != 1 {
		t.Fatalf("%+v %+v", sum, recs)
	}
	if p := recs[0].Errors[0]; p.Pos != in+":5:9" || !strings.Contains(p.Message, "is 129.0 MB, more than the 128.0 MB allowed") {
		t.Errorf("error %s %s", p.Pos, p.Message)
	}
}

// A run without the --allow-path an earlier run had refuses the editions
// whose photos lie in that folder, as render does, rather than skip them
// as up to date: the folders allowed are not in the key, and are checked
// on every run.
func TestRunChecksAllowPathsEveryRun(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 1)
	folder := filepath.Dir(jobs[0].Input)
	shared := filepath.Join(dir, "shared")
	if err := os.Rename(filepath.Join(folder, "photos"), shared); err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(jobs[0].Input)
	if err != nil {
		t.Fatal(err)
	}
	write(t, jobs[0].Input, strings.ReplaceAll(string(y), "file: photos/", "file: ../../../../shared/"))
	run := func(allow ...string) (Summary, []Record) {
		var report bytes.Buffer
		sum, err := Run(context.Background(), context.Background(), jobs,
			Options{OutDir: filepath.Join(dir, "out"), Program: "test", AllowPaths: allow, Report: &report})
		if err != nil {
			t.Fatal(err)
		}
		return sum, readRecords(t, report.Bytes())
	}
	if sum, recs := run(shared); sum.OK != 1 {
		t.Fatalf("with --allow-path: %+v %+v", sum, recs)
	}
	if sum, _ := run(shared); sum.Skipped != 1 {
		t.Fatalf("with --allow-path again: %+v, want skipped", sum)
	}
	sum, recs := run()
	if sum.Failed != 1 || len(recs) != 1 || len(recs[0].Errors) == 0 || !strings.Contains(recs[0].Errors[0].Message, "is outside the edition's folder") ||
		!strings.HasPrefix(recs[0].Errors[0].Pos, jobs[0].Input+":") {
		t.Fatalf("without it: %+v %+v, want the edition refused for its photos", sum, recs)
	}
}

// A damaged PDF (or a missing sidecar) is not up to date.
func TestUpToDateChecksThePDF(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 1)
	opt := Options{OutDir: filepath.Join(dir, "out"), Program: "test"}
	run := func() Summary {
		sum, err := Run(context.Background(), context.Background(), jobs, opt)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if s := run(); s.OK != 1 {
		t.Fatalf("%+v", s)
	}
	if s := run(); s.Skipped != 1 {
		t.Fatalf("second run %+v, want skipped", s)
	}
	out := jobs[0].Output(opt.OutDir)
	b, _ := os.ReadFile(out)
	write(t, out, string(b[:len(b)/2]))
	if s := run(); s.OK != 1 {
		t.Errorf("a truncated PDF was taken for up to date: %+v", s)
	}
	os.Remove(out + SidecarSuffix)
	if s := run(); s.OK != 1 {
		t.Errorf("a PDF without its sidecar was taken for up to date: %+v", s)
	}
}

// The bar shows editions done of all, pages per second and time left.
func TestBarProgress(t *testing.T) {
	var buf bytes.Buffer
	b := &barProgress{w: &buf, force: true}
	b.Start(3)
	b.Done(Record{Input: "a.yaml", Status: StatusOK, Pages: 4})
	b.Done(Record{Input: "b.yaml", Status: StatusFailed, Errors: []Problem{{Code: "input", Message: "bad", Pos: "b.yaml:1:2"}}})
	b.Done(Record{Input: "c.yaml", Status: StatusSkipped})
	b.Finish(Summary{})
	out := buf.String()
	for _, want := range []string{"editions", "3/3", "pages/s", "b.yaml:1:2: error: bad (input)"} {
		if !strings.Contains(out, want) {
			t.Errorf("the bar lacks %q:\n%q", want, out)
		}
	}
}

// An abandoned run (a second signal) returns at once and the edition in
// flight leaves no file, not even a temporary one.
func TestRunAbandoned(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 2)
	abandon, abandonNow := context.WithCancel(context.Background())
	finished := make(chan struct{})
	opt := Options{OutDir: filepath.Join(dir, "out"), Jobs: 1, Program: "test",
		compose: func(ed *editions.Edition, lib *fonts.Library) (*display.Document, error) {
			abandonNow()
			defer close(finished)
			time.Sleep(50 * time.Millisecond) // still composing when Run returns
			return layout.Compose(ed, lib, layout.Options{})
		}}
	sum, err := Run(context.Background(), abandon, jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Interrupted != 2 || sum.OK != 0 {
		t.Errorf("summary %+v, want both interrupted", sum)
	}
	<-finished
	time.Sleep(200 * time.Millisecond) // let the abandoned worker try to write
	entries, _ := os.ReadDir(filepath.Dir(jobs[0].Output(opt.OutDir)))
	if len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("an abandoned edition left %v", names)
	}
}

// placedProgress checks, as each edition is recorded, that an edition
// recorded as rendered has its PDF and its key in place, and the key
// names that PDF.
type placedProgress struct {
	t  *testing.T
	ok int
}

func (p *placedProgress) Start(int)      {}
func (p *placedProgress) Finish(Summary) {}
func (p *placedProgress) Done(rec Record) {
	if rec.Status != StatusOK {
		return
	}
	p.ok++
	sc, ok := upToDate(rec.Output, rec.Key)
	if !ok || sc.SHA256 != rec.SHA256 {
		p.t.Errorf("%s is recorded as rendered before its PDF and key are in place", rec.Input)
	}
}

// PDFs are synced to disk and put in place in groups (finishAll), and an
// edition is recorded only once its PDF and its key are in place; none is
// left behind, whatever the group's size against the number of editions.
func TestRunRecordsWhatIsInPlace(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 5)
	for _, j := range []int{1, 2, 3} {
		out := filepath.Join(dir, fmt.Sprintf("out%d", j))
		p := &placedProgress{t: t}
		sum, err := Run(context.Background(), context.Background(), jobs, Options{OutDir: out, Jobs: j, Program: "test", Progress: p})
		if err != nil {
			t.Fatal(err)
		}
		if sum.OK != 5 || p.ok != 5 {
			t.Errorf("-j %d: summary %+v, %d recorded as rendered; want 5", j, sum, p.ok)
		}
		for _, jb := range jobs {
			entries, err := os.ReadDir(filepath.Dir(jb.Output(out)))
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 2 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("-j %d: %s holds %v, want the PDF and its key", j, filepath.Dir(jb.Rel), names)
			}
		}
	}
}
