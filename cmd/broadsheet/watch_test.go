package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/preview"
)

// copySample copies a sample edition and its photos and ads to a fresh
// folder, and returns the edition's path there.
func copySample(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"photos", "ads"} {
		files, _ := filepath.Glob(filepath.Join(samples, sub, "*"))
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, sub, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(samples, name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// saveByRename writes data to path as editors do: a new file renamed over
// the old one.
func saveByRename(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".swp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// startWatch runs watch on the edition, serving on a free loopback port,
// and returns the page's URL once the first render is published.
func startWatch(t *testing.T, edition string, output string) string {
	t.Helper()
	return startWatchWith(t, &watchOptions{edition: edition, output: output, pdfFlags: pdfFlags{standards: "x-4,a-2u"}})
}

// startWatchWith is startWatch with the PDF flags of opts (its edition,
// output and PDF flags are used; the rest is set here).
func startWatchWith(t *testing.T, opts *watchOptions) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	opts.serve, opts.dpi, opts.inputs, opts.onListen = "127.0.0.1:0", 100, defaultInputs(), func(u string) { urls <- u }
	go func() { done <- runWatch(ctx, opts, fonts.NewLibrary(), io.Discard, io.Discard) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch: %v", err)
		}
	})
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatalf("watch stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("watch did not start serving")
	}
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if st := getState(t, url); st.Seq >= 1 {
			return url
		}
	}
	t.Fatal("no first render within 60 s")
	return ""
}

type servedState struct {
	Seq     int `json:"seq"`
	GoodSeq int `json:"goodSeq"`
	Errors  []struct {
		Message string `json:"message"`
		Where   string `json:"where"`
	} `json:"errors"`
	Diagnostics []struct {
		Code string `json:"code"`
		Mark string `json:"mark"`
	} `json:"diagnostics"`
	Pages []struct {
		URL string `json:"url"`
	} `json:"pages"`
}

func getState(t *testing.T, url string) servedState {
	t.Helper()
	var st servedState
	resp, err := http.Get(url + "state.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

func getBytes(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	b, _ := io.ReadAll(resp.Body)
	return b
}

// TestWatchServesLivePage starts watch on a copy of the one-page sample,
// opens the served page in headless Chromium, saves an edit of the edition
// (by rename, as editors save) and checks that the browser shows the new
// render within two seconds, at the same scroll position; then saves an
// edit that makes an article overset and checks it is listed and linked
// to its mark; then saves a broken edition and checks that the last good
// page stays, with the error above it. BROADSHEET_SCREENSHOT=FILE.png keeps a screenshot of the page
// after the edit.
func TestWatchServesLivePage(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (CI must install it: apt-get install -y chromium)")
		}
		t.Skip("chromium is not installed")
	}
	edition := copySample(t, "local-news.yaml")
	pdfOut := filepath.Join(filepath.Dir(edition), "out.pdf")
	url := startWatch(t, edition, pdfOut)
	first := getBytes(t, url+"page/1/1.png")

	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The first action starts the browser; it runs without a timeout,
	// which would stop the browser with it.
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	wait := func(expr string, timeout time.Duration) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(20*time.Millisecond)))
		return err
	}
	shows := func(seq string) string {
		return `document.body.dataset.seq === "` + seq + `" && document.images.length > 0 && [...document.images].every(i => i.complete && i.naturalWidth > 0)`
	}
	if err := wait(shows("1"), 30*time.Second); err != nil {
		t.Fatalf("the first render does not show: %v", err)
	}
	scrolled := eval(`window.scrollTo(0, 400), String(window.scrollY)`)
	if scrolled == "0" {
		t.Fatal("the page does not scroll")
	}

	// The edit: a new headline.
	src, err := os.ReadFile(edition)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(src, []byte("港区28个重点项目集中开工"), []byte("港区三十个重点项目今日开工"), 1)
	if bytes.Equal(edited, src) {
		t.Fatal("the sample's lead headline has changed: update the test's edit")
	}
	saved := time.Now()
	saveByRename(t, edition, edited)
	if err := wait(shows("2"), 2*time.Second); err != nil {
		werr := wait(shows("2"), 20*time.Second)
		t.Fatalf("the edit did not show within two seconds of the save (%v; after %v: %v; %s)", err, time.Since(saved), werr, eval(`document.getElementById("status").textContent`))
	}
	t.Logf("the edit showed %v after the save (the render took %s ms)", time.Since(saved).Round(time.Millisecond), eval(`document.getElementById("status").textContent.match(/in (\d+) ms/)[1]`))
	if src := eval(`document.images[0].getAttribute("src")`); src != "/page/2/1.png" {
		t.Errorf("the page shows %s after the edit, want /page/2/1.png", src)
	}
	if bytes.Equal(getBytes(t, url+"page/2/1.png"), first) {
		t.Errorf("the page after the edit is the same image as before")
	}
	if y := eval(`String(window.scrollY)`); y != scrolled {
		t.Errorf("scroll position %s after the update, want %s as before", y, scrolled)
	}

	// A second edit runs the commentary far too long, which makes an
	// article overset (an error to mark): it is listed, with a link to its
	// mark on the page.
	more := strings.Repeat("          抓项目，还贵在一个“恒”字。一个大项目从谋划到投产，往往需要三五年甚至更长时间，靠的是一任接着一任干、一锤接着一锤敲。\n\n", 40)
	edited = bytes.Replace(edited, []byte("      - id: wetland"), []byte(more+"      - id: wetland"), 1)
	if bytes.Count(edited, []byte("抓项目，还贵在")) < 40 {
		t.Fatal("the sample has changed: update the test's edit")
	}
	saveByRename(t, edition, edited)
	if err := wait(shows("3"), 20*time.Second); err != nil {
		t.Fatalf("the second edit does not show: %v", err)
	}
	marked := eval(`String([...document.querySelectorAll("#diaglist li")].some(li => li.innerText.includes("overset") &&
		[...li.querySelectorAll("a")].some(a => a.getAttribute("href").startsWith("#mark-") && document.querySelector(a.getAttribute("href")) !== null)))`)
	if marked != "true" {
		t.Errorf("the overset article is not listed with a link to its mark on the page")
	}
	if shot := os.Getenv("BROADSHEET_SCREENSHOT"); shot != "" {
		// Follow the problem's link to its place on the page.
		eval(`[...document.querySelectorAll("#diaglist a")].find(a => a.getAttribute("href").startsWith("#mark-")).click(), ""`)
		time.Sleep(1500 * time.Millisecond) // the smooth scroll
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(shot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A broken save: the last good page stays, the error shows above it.
	saveByRename(t, edition, append(append([]byte(nil), edited...), "\n  bad: [\n"...))
	if err := wait(`document.body.dataset.seq === "4"`, 20*time.Second); err != nil {
		t.Fatalf("the broken save does not show: %v", err)
	}
	banner := eval(`document.getElementById("errors").classList.contains("on") ? document.getElementById("errors").innerText : ""`)
	if !strings.Contains(banner, "YAML syntax") || !strings.Contains(banner, "local-news.yaml:") {
		t.Errorf("the error banner says %q, want the YAML error at local-news.yaml:line", banner)
	}
	if src := eval(`document.images[0].getAttribute("src")`); src != "/page/3/1.png" {
		t.Errorf("after a broken save the page shows %s, want the last good /page/3/1.png", src)
	}
	if _, err := os.Stat(pdfOut); err != nil {
		t.Errorf("watch -o wrote no PDF: %v", err)
	}
}

// TestWatchChecksInk: watch checks an edition as render does before it
// writes a PDF: an ad over the ink limit is an input error on the page
// (and no document comes back, so no PDF is written), and --ink-limit
// lets it through as it does for render.
func TestWatchChecksInk(t *testing.T) {
	ed := richInkEdition(t)
	lib := fonts.NewLibrary()
	cache := images.NewCache(preview.PixelBudget)
	popts, err := previewFlags(50, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := defaultInputs()
	b, doc, _, _ := renderForWatch(ed, lib, preview.NewRenderer(lib, cache), cache, popts, in, io.Discard)
	if doc != nil || len(b.Errors) == 0 || !strings.Contains(b.Errors[0].Message, "290% total ink") || b.Errors[0].Line == 0 {
		t.Fatalf("an ad at 290%% ink under the default limit: doc %v, errors %+v", doc != nil, b.Errors)
	}
	in.inkLimit = 300
	b, doc, _, _ = renderForWatch(ed, lib, preview.NewRenderer(lib, cache), cache, popts, in, io.Discard)
	if doc == nil || len(b.Errors) > 0 || len(b.Pages) != 1 {
		t.Fatalf("--ink-limit 300: doc %v, errors %+v, %d pages", doc != nil, b.Errors, len(b.Pages))
	}
}

// TestWatchWritesPDFAsRender: watch -o writes the PDF that render writes
// with the same PDF flags, byte for byte — here without the standards,
// with printer's marks and with the photos optimised (which watch does
// through its session's image cache, render in its check walk), so not
// the default PDF.
func TestWatchWritesPDFAsRender(t *testing.T) {
	edition := copySample(t, "local-news.yaml")
	dir := filepath.Dir(edition)
	flags := pdfFlags{standards: "none", marks: true, photos: photosOptimize}
	watched := filepath.Join(dir, "watched.pdf")
	startWatchWith(t, &watchOptions{edition: edition, output: watched, pdfFlags: flags})
	var got []byte
	for deadline := time.Now().Add(60 * time.Second); got == nil; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("watch -o wrote no PDF within 60 s")
		}
		got, _ = os.ReadFile(watched)
	}
	render := func(flags pdfFlags, out string) []byte {
		t.Helper()
		opts := &renderOptions{edition: edition, output: out, pdfFlags: flags, inputs: defaultInputs()}
		if err := runRender(opts, fonts.NewLibrary(), &fsafe.Temps{}, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if want := render(flags, filepath.Join(dir, "rendered.pdf")); !bytes.Equal(got, want) {
		t.Errorf("watch -o --pdf-standard none --marks --photos optimize wrote %d bytes, not the %d render writes with those flags", len(got), len(want))
	}
	if def := render(pdfFlags{standards: "x-4,a-2u"}, filepath.Join(dir, "default.pdf")); bytes.Equal(got, def) {
		t.Error("watch -o --pdf-standard none --marks --photos optimize wrote the default PDF")
	}
}

// TestWatchRefusesInputAsOutput: watch -o refuses an output that is the
// edition itself, as render does (status 2, nothing written); before, the
// first render replaced the edition with its PDF. An output that is one
// of the edition's photos is refused at the write, the page still served.
func TestWatchRefusesInputAsOutput(t *testing.T) {
	edition := copySample(t, "local-news.yaml")
	before, err := os.ReadFile(edition)
	if err != nil {
		t.Fatal(err)
	}
	opts := &watchOptions{edition: edition, output: edition, serve: "off", dpi: 50, inputs: defaultInputs(), pdfFlags: pdfFlags{standards: "x-4,a-2u"}}
	// Bounded: a watch that accepted the output would run until stopped.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = runWatch(ctx, opts, fonts.NewLibrary(), io.Discard, io.Discard)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage || !strings.Contains(err.Error(), "it is an input of this run") {
		t.Errorf("watch -o EDITION: %v, want a usage error naming it an input", err)
	}
	if after, _ := os.ReadFile(edition); !bytes.Equal(before, after) {
		t.Error("the edition was written over")
	}
}
