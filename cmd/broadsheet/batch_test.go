package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/broadsheet-news/broadsheet/archive"
	"github.com/broadsheet-news/broadsheet/archive/archivegen"
)

// genArchive writes a generated archive of n editions and returns its
// folder and entries.
func genArchive(t testing.TB, n int) (string, []archivegen.Entry) {
	t.Helper()
	return genArchiveWith(t, n, archivegen.Options{})
}

func genArchiveWith(t testing.TB, n int, opt archivegen.Options) (string, []archivegen.Entry) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive")
	es, err := archivegen.GenerateWith(dir, samples, n, opt)
	if err != nil {
		t.Fatal(err)
	}
	return dir, es
}

// readReport reads a JSON Lines report.
func readReport(t testing.TB, path string) []archive.Record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseReport(t, b)
}

func parseReport(t testing.TB, b []byte) []archive.Record {
	t.Helper()
	var recs []archive.Record
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r archive.Record
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("report line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

func countStatus(recs []archive.Record) map[archive.Status]int {
	m := map[archive.Status]int{}
	for _, r := range recs {
		m[r.Status]++
	}
	return m
}

// pdfOf is where an entry's PDF goes under out.
func pdfOf(out string, e archivegen.Entry) string {
	return archive.Job{Rel: e.Rel}.Output(out)
}

// checkWhole fails unless the PDF at p is complete (%PDF- … %%EOF) and,
// when its key sidecar exists, is the very file the sidecar describes.
func checkWhole(t testing.TB, p string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Error(err)
		return
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Errorf("%s is not a whole PDF (%d bytes)", p, len(b))
	}
	sc, err := os.ReadFile(p + archive.SidecarSuffix)
	if err != nil {
		return
	}
	var side struct {
		SHA256 string `json:"sha256"`
	}
	if err := json.Unmarshal(sc, &side); err != nil {
		t.Errorf("%s%s: %v", p, archive.SidecarSuffix, err)
	}
	sum := sha256.Sum256(b)
	if side.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("%s does not match its sidecar's sha256", p)
	}
}

// strayTemps lists temporary files left anywhere under dir.
func strayTemps(t testing.TB, dir string) []string {
	t.Helper()
	var stray []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tmp") {
			stray = append(stray, p)
		}
		return nil
	})
	return stray
}

// TestArchiveRun renders a generated archive of 60 editions in date
// folders (most named edition.yaml, two bad), then runs it again (all
// skipped), then with --force (all rendered).
func TestArchiveRun(t *testing.T) {
	arch, entries := genArchive(t, 60)
	out := filepath.Join(t.TempDir(), "pdf")
	rep := filepath.Join(t.TempDir(), "run1.jsonl")
	good, bad := 0, 0
	for _, e := range entries {
		if e.Bad {
			bad++
		} else {
			good++
		}
	}
	if bad != 2 || good+bad < 60 {
		t.Fatalf("the generator made %d good and %d bad editions", good, bad)
	}

	start := time.Now()
	code, stdout, stderr := runCLI(t, "batch", arch, "-o", out, "--report", rep, "-j", "2")
	first := time.Since(start)
	if code != exitInput {
		t.Fatalf("exit %d, want %d (two editions are bad)\n%s\n%s", code, exitInput, stdout, stderr)
	}
	recs := readReport(t, rep)
	if len(recs) != len(entries) {
		t.Fatalf("the report has %d lines for %d editions", len(recs), len(entries))
	}
	byInput := map[string]archive.Record{}
	for _, r := range recs {
		rel, err := filepath.Rel(arch, r.Input)
		if err != nil {
			t.Fatal(err)
		}
		byInput[filepath.ToSlash(rel)] = r
	}
	for _, e := range entries {
		r, ok := byInput[e.Rel]
		if !ok {
			t.Errorf("%s is not in the report", e.Rel)
			continue
		}
		if r.Output != pdfOf(out, e) {
			t.Errorf("%s: output %s, want %s (mirroring the input tree)", e.Rel, r.Output, pdfOf(out, e))
		}
		if e.Bad {
			if r.Status != archive.StatusFailed || len(r.Errors) == 0 {
				t.Errorf("%s (%s): status %s, errors %v", e.Rel, e.Why, r.Status, r.Errors)
			}
			for _, pe := range r.Errors {
				// Every error names file:line:col in the edition.
				if !strings.HasPrefix(pe.Pos, r.Input+":") || strings.Count(pe.Pos[len(r.Input):], ":") != 2 || pe.Code == "" {
					t.Errorf("%s: error without code or file:line:col: %+v", e.Rel, pe)
				}
			}
			if _, err := os.Stat(pdfOf(out, e)); err == nil {
				t.Errorf("%s is bad but has a PDF", e.Rel)
			}
			continue
		}
		if r.Status != archive.StatusOK || r.Pages != e.Pages || len(r.SHA256) != 64 {
			t.Errorf("%s: %+v, want ok with %d pages and a sha256", e.Rel, r, e.Pages)
		}
		checkWhole(t, pdfOf(out, e))
	}
	for _, w := range []string{`unknown key "headlin"`, "damaged-scan.jpg is not a readable JPEG"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr does not show %q", w)
		}
	}
	// Nothing under the hidden folder or the ignored one was taken.
	for _, r := range recs {
		if strings.Contains(r.Input, ".trash") || strings.Contains(r.Input, "styles") {
			t.Errorf("%s was taken for an edition", r.Input)
		}
	}
	if s := strayTemps(t, out); len(s) > 0 {
		t.Errorf("temporary files left: %v", s)
	}

	// Again: every good edition is up to date, the bad ones fail again.
	rep2 := filepath.Join(t.TempDir(), "run2.jsonl")
	start = time.Now()
	code, _, stderr = runCLI(t, "batch", arch, "-o", out, "--report", rep2, "-j", "2")
	second := time.Since(start)
	if code != exitInput {
		t.Errorf("second run: exit %d\n%s", code, stderr)
	}
	if c := countStatus(readReport(t, rep2)); c[archive.StatusSkipped] != good || c[archive.StatusFailed] != bad || c[archive.StatusOK] != 0 {
		t.Errorf("second run: %v, want %d skipped and %d failed", c, good, bad)
	}
	t.Logf("first run %v, second run %v (%.1f× faster)", first, second, first.Seconds()/second.Seconds())

	// --force renders all again.
	rep3 := filepath.Join(t.TempDir(), "run3.jsonl")
	code, _, stderr = runCLI(t, "batch", arch, "-o", out, "--report", rep3, "--force", "-q")
	if code != exitInput {
		t.Errorf("forced run: exit %d\n%s", code, stderr)
	}
	if c := countStatus(readReport(t, rep3)); c[archive.StatusOK] != good || c[archive.StatusFailed] != bad {
		t.Errorf("forced run: %v, want %d ok and %d failed", c, good, bad)
	}
	if strings.Contains(stderr, "ok       ") {
		t.Errorf("--quiet printed progress lines:\n%s", stderr)
	}

	// A photo changes: only the editions that use it in that folder are
	// made again.
	photo := filepath.Join(arch, "2019", "03", "01", "photos", "harbour-dusk.jpg")
	b, err := os.ReadFile(photo)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(photo) // it may be a hard link shared with the samples
	if err := os.WriteFile(photo, append(b, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	rep4 := filepath.Join(t.TempDir(), "run4.jsonl")
	runCLI(t, "batch", arch, "-o", out, "--report", rep4, "-q")
	for _, r := range readReport(t, rep4) {
		want := archive.StatusSkipped
		if strings.Contains(r.Input, "2019/03/01/") {
			want = archive.StatusOK
		} else if r.Status == archive.StatusFailed {
			continue
		}
		if r.Status != want {
			t.Errorf("after changing a photo of 2019/03/01: %s is %s, want %s", r.Input, r.Status, want)
		}
	}
}

var buildOnce struct {
	sync.Once
	dir, path string
	err       error
}

// TestMain removes the command built for the tests that run it as a
// process.
func TestMain(m *testing.M) {
	code := m.Run()
	if buildOnce.dir != "" {
		os.RemoveAll(buildOnce.dir)
	}
	os.Exit(code)
}

// buildBroadsheet builds the command once per test binary, for the tests
// that need it as a process of its own.
func buildBroadsheet(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "broadsheet-bin")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.dir = dir
		buildOnce.path = filepath.Join(dir, "broadsheet")
		// Static, as it ships (README, Installing).
		build := exec.Command("go", "build", "-o", buildOnce.path, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := build.CombinedOutput()
		if err != nil {
			buildOnce.err = err
			buildOnce.path = string(out)
		}
	})
	if buildOnce.err != nil {
		t.Fatalf("go build: %v\n%s", buildOnce.err, buildOnce.path)
	}
	return buildOnce.path
}

// TestArchiveKilledAndResumed kills a run with SIGKILL half-way: every PDF
// left is whole, and the rerun renders exactly what was missing.
func TestArchiveKilledAndResumed(t *testing.T) {
	bin := buildBroadsheet(t)
	arch, entries := genArchive(t, 60)
	out := filepath.Join(t.TempDir(), "pdf")
	rep := filepath.Join(t.TempDir(), "killed.jsonl")
	cmd := exec.Command(bin, "batch", arch, "-o", out, "--report", rep, "-j", "2", "-q")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until about half the editions are done, then kill.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		b, _ := os.ReadFile(rep)
		if bytes.Count(b, []byte("\n")) >= len(entries)/2 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the run did not get half-way in two minutes")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	done := map[string]bool{}
	for _, e := range entries {
		p := pdfOf(out, e)
		if _, err := os.Stat(p); err == nil {
			checkWhole(t, p)
			if _, err := os.Stat(p + archive.SidecarSuffix); err == nil {
				done[e.Rel] = true
			}
		}
	}
	if len(done) == 0 || len(done) >= len(entries)-2 {
		t.Fatalf("%d editions were done when killed; want about half", len(done))
	}

	// Whatever the kill left in flight is a temporary file; plant one more,
	// as a kill mid-write leaves it, for an edition not done.
	for _, e := range entries {
		if !done[e.Rel] && !e.Bad {
			p := pdfOf(out, e)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".4242.tmp"), []byte("%PDF-1.6 half"), 0o644); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	// The same program again (another build would not be up to date).
	rep2 := filepath.Join(t.TempDir(), "resumed.jsonl")
	resumed, _ := exec.Command(bin, "batch", arch, "-o", out, "--report", rep2, "-q").CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code == 0 {
		t.Errorf("killed run: exit %d", code)
	}
	recs := readReport(t, rep2)
	if !strings.Contains(string(resumed), "FAILED") {
		t.Errorf("the resumed run does not show the bad editions:\n%s", resumed)
	}
	if len(recs) != len(entries) {
		t.Fatalf("the resumed report has %d lines for %d editions", len(recs), len(entries))
	}
	for _, r := range recs {
		rel, _ := filepath.Rel(arch, r.Input)
		rel = filepath.ToSlash(rel)
		switch {
		case r.Status == archive.StatusFailed:
		case done[rel] && r.Status != archive.StatusSkipped:
			t.Errorf("%s was done before the kill but is %s", rel, r.Status)
		case !done[rel] && r.Status != archive.StatusOK:
			t.Errorf("%s was missing but is %s", rel, r.Status)
		}
	}
	for _, e := range entries {
		if !e.Bad {
			checkWhole(t, pdfOf(out, e))
		}
	}
	if s := strayTemps(t, out); len(s) > 0 {
		t.Errorf("temporary files left after the resumed run: %v", s)
	}
}

// TestArchiveIndexedJob runs the archive as a Kubernetes Indexed Job
// would: N processes at once, each with its JOB_COMPLETION_INDEX and the
// same command line. Together they render every edition exactly once, and
// their concatenated reports list each edition once.
func TestArchiveIndexedJob(t *testing.T) {
	bin := buildBroadsheet(t)
	arch, entries := genArchive(t, 60)
	out := filepath.Join(t.TempDir(), "pdf")
	reports := filepath.Join(t.TempDir(), "reports")
	const n = 3
	var wg sync.WaitGroup
	codes := make([]int, n)
	logs := make([]bytes.Buffer, n)
	for k := 0; k < n; k++ {
		cmd := exec.Command(bin, "batch", arch, "-o", out, "--shard", "auto", "-j", "1",
			"--report", filepath.Join(reports, "shard-"+string(rune('0'+k))+".jsonl"))
		cmd.Env = append(os.Environ(), "JOB_COMPLETION_INDEX="+string(rune('0'+k)), "BROADSHEET_SHARDS=3")
		cmd.Stdout, cmd.Stderr = &logs[k], &logs[k]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd.Wait()
			codes[k] = cmd.ProcessState.ExitCode()
		}()
	}
	wg.Wait()

	var all []byte
	shardOf := map[string]string{}
	for k := 0; k < n; k++ {
		b, err := os.ReadFile(filepath.Join(reports, "shard-"+string(rune('0'+k))+".jsonl"))
		if err != nil {
			t.Fatalf("shard %d: %v\n%s", k, err, logs[k].String())
		}
		all = append(all, b...)
		recs := parseReport(t, b)
		if len(recs) == 0 || len(recs) == len(entries) {
			t.Errorf("shard %d has %d of %d editions: the work is not split", k, len(recs), len(entries))
		}
		for _, r := range recs {
			if r.Shard != string(rune('0'+k))+"/3" {
				t.Errorf("shard %d wrote a record for shard %q", k, r.Shard)
			}
			shardOf[r.Input] = r.Shard
		}
	}
	recs := parseReport(t, all)
	seen := map[string]int{}
	rendered := 0
	for _, r := range recs {
		seen[r.Input]++
		if r.Status == archive.StatusOK {
			rendered++
		}
	}
	bad := 0
	for _, e := range entries {
		in := filepath.Join(arch, filepath.FromSlash(e.Rel))
		if seen[in] != 1 {
			t.Errorf("%s is in the concatenated reports %d times", e.Rel, seen[in])
		}
		if e.Bad {
			bad++
			continue
		}
		checkWhole(t, pdfOf(out, e))
	}
	if len(recs) != len(entries) || rendered != len(entries)-bad {
		t.Errorf("%d records, %d rendered; want %d and %d", len(recs), rendered, len(entries), len(entries)-bad)
	}
	// The shards holding a bad edition exit 1, the others 0.
	for k := 0; k < n; k++ {
		want := 0
		for _, e := range entries {
			if e.Bad && shardOf[filepath.Join(arch, filepath.FromSlash(e.Rel))] == string(rune('0'+k))+"/3" {
				want = exitInput
			}
		}
		if codes[k] != want {
			t.Errorf("shard %d exit %d, want %d\n%s", k, codes[k], want, logs[k].String())
		}
	}
	if s := strayTemps(t, out); len(s) > 0 {
		t.Errorf("temporary files left: %v", s)
	}
}

// TestArchiveSIGTERM stops a run with SIGTERM: the edition in flight
// finishes, no new one starts, the report lists every edition (those not
// run as interrupted), the exit status is 143, and a rerun finishes it.
func TestArchiveSIGTERM(t *testing.T) {
	bin := buildBroadsheet(t)
	arch, entries := genArchive(t, 12)
	out := filepath.Join(t.TempDir(), "pdf")
	rep := filepath.Join(t.TempDir(), "stopped.jsonl")
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "batch", arch, "-o", out, "--report", rep, "-j", "1")
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		b, _ := os.ReadFile(rep)
		if bytes.Count(b, []byte("\n")) >= 3 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the run did not finish 3 editions in a minute")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitSIGTERM {
		t.Errorf("exit %d after SIGTERM, want %d\n%s", code, exitSIGTERM, stderr.String())
	}
	if !strings.Contains(stderr.String(), "starting no new edition") {
		t.Errorf("stderr does not say the run is stopping:\n%s", stderr.String())
	}
	recs := readReport(t, rep)
	c := countStatus(recs)
	if len(recs) != len(entries) || c[archive.StatusInterrupted] == 0 || c[archive.StatusOK] < 3 {
		t.Errorf("report after SIGTERM: %d lines, %v; want %d lines with some interrupted", len(recs), c, len(entries))
	}
	for _, r := range recs {
		if r.Status == archive.StatusOK {
			checkWhole(t, r.Output)
		}
		if r.Status == archive.StatusInterrupted {
			if _, err := os.Stat(r.Output); err == nil {
				t.Errorf("%s was not run but has a PDF", r.Input)
			}
		}
	}
	if s := strayTemps(t, out); len(s) > 0 {
		t.Errorf("temporary files left: %v", s)
	}
	rep2 := filepath.Join(t.TempDir(), "finished.jsonl")
	exec.Command(bin, "batch", arch, "-o", out, "--report", rep2, "-q").Run()
	c2 := countStatus(readReport(t, rep2))
	if c2[archive.StatusOK]+c2[archive.StatusFailed] != c[archive.StatusInterrupted]+c[archive.StatusFailed] || c2[archive.StatusSkipped] != c[archive.StatusOK] {
		t.Errorf("the rerun did %v after the stopped run's %v", c2, c)
	}
}

// Inputs can come as a list, from a file or standard input; a bad command
// line is exit status 2.
func TestBatchFromList(t *testing.T) {
	arch, entries := genArchive(t, 6)
	var good []string
	for _, e := range entries {
		if !e.Bad {
			good = append(good, filepath.Join(arch, filepath.FromSlash(e.Rel)))
		}
	}
	list := filepath.Join(t.TempDir(), "list.txt")
	text := "# two editions\n" + good[0] + "\n\n  " + good[1] + "  \n"
	if err := os.WriteFile(list, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "batch", "--from", list, "-o", out, "--report", "-", "-q")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	recs := parseReport(t, []byte(stdout))
	if len(recs) != 2 || recs[0].Status != archive.StatusOK || recs[1].Status != archive.StatusOK {
		t.Errorf("report on standard output: %+v", recs)
	}
	if !strings.Contains(stderr, "batch: 2 rendered") {
		t.Errorf("the summary is not on standard error when the report is on standard output:\n%s", stderr)
	}

	bin := buildBroadsheet(t)
	cmd := exec.Command(bin, "batch", "--from", "-", "-o", out, "-q")
	cmd.Stdin = strings.NewReader(good[2] + "\n")
	b, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(b), "batch: 1 rendered, 0 failed, 0 up to date") {
		t.Errorf("--from -: %v\n%s", err, b)
	}

	for _, v := range []string{archive.EnvJobIndex, archive.EnvSlurmIndex, archive.EnvShardIndex} {
		t.Setenv(v, "") // --shard auto with no index is a usage error
	}
	for _, args := range [][]string{
		{"batch", "-o", out},
		{"batch", arch},
		{"batch", arch, "-o", out, "--shard", "3/3"},
		{"batch", arch, "-o", out, "--shard", "auto"},
		{"batch", filepath.Join(arch, "missing"), "-o", out},
	} {
		if code, _, stderr := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, exitUsage, stderr)
		}
	}
}

// TestBatchAllowPathAndInk: batch confines each edition to its folder as
// render does, --allow-path lets a shared photo folder in, and a placed ad
// over --ink-limit fails its edition with the ad's file:line:col.
func TestBatchAllowPathAndInk(t *testing.T) {
	root := t.TempDir()
	shared := filepath.Join(root, "shared")
	arch := filepath.Join(root, "arch")
	for _, d := range []string{shared, filepath.Join(arch, "a"), filepath.Join(arch, "b")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, filepath.Join(hostile, "good.jpg"), filepath.Join(shared, "photo.jpg"))
	copyFile(t, filepath.Join(hostile, "rich-ink-cmyk.jpg"), filepath.Join(arch, "b", "ad.jpg"))
	ed := func(photo, ads string) string {
		return strings.NewReplacer("{{PHOTO}}", photo, "{{ADS}}", ads, "{{TOP}}", "", "{{ARTICLE}}", "").Replace(hostileBase)
	}
	if err := os.WriteFile(filepath.Join(arch, "a", "e.yaml"), []byte(ed("../../shared/photo.jpg", "")), 0o644); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(hostile, "good.jpg"), filepath.Join(arch, "b", "photo.jpg"))
	if err := os.WriteFile(filepath.Join(arch, "b", "e.yaml"), []byte(ed("photo.jpg",
		"    ads:\n      - {id: advert, file: ad.jpg, at: {column: 5, span: 4, bottom: true, lines: 30}}\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	byInput := func(stdout string) map[string]archive.Record {
		out := map[string]archive.Record{}
		for _, r := range parseReport(t, []byte(stdout)) {
			out[filepath.Base(filepath.Dir(r.Input))] = r
		}
		return out
	}
	messages := func(r archive.Record) string {
		var b strings.Builder
		for _, p := range r.Errors {
			b.WriteString(p.Pos + ": " + p.Message + "\n")
		}
		return b.String()
	}

	// By default: a's photo is outside its folder, b's ad over the limit.
	code, stdout, stderr := runCLI(t, "batch", arch, "-o", filepath.Join(root, "out1"), "--report", "-", "-q")
	recs := byInput(stdout)
	if code != 1 || recs["a"].Status != archive.StatusFailed || recs["b"].Status != archive.StatusFailed {
		t.Fatalf("default: exit %d, %+v\n%s", code, recs, stderr)
	}
	if m := messages(recs["a"]); !strings.Contains(m, "e.yaml:12:13: photo") || !strings.Contains(m, "is outside the edition's folder") {
		t.Errorf("a: %s", m)
	}
	if m := messages(recs["b"]); !strings.Contains(m, "e.yaml:14:9: ad advert: ad.jpg reaches 290% total ink (CMYK 100/70/90/30), over the 240% limit") {
		t.Errorf("b: %s", m)
	}

	// Allowed and raised: both render.
	code, stdout, stderr = runCLI(t, "batch", arch, "-o", filepath.Join(root, "out2"), "--report", "-", "-q",
		"--allow-path", shared, "--ink-limit", "300")
	recs = byInput(stdout)
	if code != 0 || recs["a"].Status != archive.StatusOK || recs["b"].Status != archive.StatusOK {
		t.Fatalf("--allow-path --ink-limit 300: exit %d, %+v\n%s", code, recs, stderr)
	}
	if code, _, stderr := runCLI(t, "batch", arch, "-o", filepath.Join(root, "out3"), "--ink-limit", "50"); code != exitUsage {
		t.Errorf("--ink-limit 50: exit %d\n%s", code, stderr)
	}
}
