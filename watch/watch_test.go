package watch

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunRebuildsOnSaveByRename: a save by rename of a file the last build
// used starts a new build; a file beside it that the build did not use
// does not.
func TestRunRebuildsOnSaveByRename(t *testing.T) {
	dir := t.TempDir()
	used, other := filepath.Join(dir, "edition.yaml"), filepath.Join(dir, "notes.txt")
	for _, f := range []string{used, other} {
		if err := os.WriteFile(f, []byte("v1"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var builds atomic.Int32
	built := make(chan int32, 10)
	render := func(context.Context) (*Build, error) {
		n := builds.Add(1)
		built <- n
		return &Build{Files: []string{used}, Pages: []Page{{Number: 1, PNG: []byte{byte(n)}}}}, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := NewState()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, render, st, Options{}) }()
	next := func(what string) int32 {
		t.Helper()
		select {
		case n := <-built:
			return n
		case <-time.After(10 * time.Second):
			t.Fatalf("no build after %s", what)
			return 0
		}
	}
	next("starting")
	time.Sleep(100 * time.Millisecond) // the folder watch is in place after the first build
	save := func(path, data string) {
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
	}
	save(used, "v2")
	if n := next("saving the edition"); n != 2 {
		t.Fatalf("build %d, want 2", n)
	}
	save(other, "v2")
	select {
	case n := <-built:
		t.Errorf("build %d after saving a file the edition does not use", n)
	case <-time.After(500 * time.Millisecond):
	}
	save(used, "v3")
	next("saving the edition again")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestHandler: the state, the pages of the last good build, server-sent
// events for each new build, the last good pages kept under a failed
// build's errors, and Served once a viewer has every page.
func TestHandler(t *testing.T) {
	st := NewState()
	srv := httptest.NewServer(Handler(st))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	event := func() string {
		t.Helper()
		for {
			line, err := events.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(line, "data: ") {
				return strings.TrimSpace(strings.TrimPrefix(line, "data: "))
			}
		}
	}
	if e := event(); e != "0" {
		t.Fatalf("first event %q, want 0", e)
	}

	good := &Build{Files: []string{"/e/edition.yaml"}, Pages: []Page{{Number: 1, PNG: []byte("png1"), Width: 10, Height: 20,
		Marks: []Mark{{Diagnostic: 0, Code: "overset", Error: true, X: 1, Y: 2, W: 3, H: 4}}}},
		Diagnostics: []Diagnostic{{Error: true, Code: "overset", Page: 1, Article: "a1", Message: "too long", File: "/e/edition.yaml", Line: 7, Column: 9}}}
	seq := st.publish(good)
	if e := event(); e != "1" {
		t.Fatalf("event %q, want 1", e)
	}
	served := st.Served(seq)
	select {
	case <-served:
		t.Fatal("served before a viewer fetched the page")
	default:
	}
	var js jsonState
	getJSON(t, srv.URL+"/state.json", &js)
	if len(js.Pages) != 1 || js.Pages[0].URL != "/page/1/1.png" || len(js.Diagnostics) != 1 {
		t.Fatalf("state %+v", js)
	}
	d := js.Diagnostics[0]
	if d.Where != "edition.yaml:7:9" || d.Editor != "vscode://file/e/edition.yaml:7:9" || d.Mark != js.Pages[0].Marks[0].ID {
		t.Errorf("diagnostic %+v", d)
	}
	if b := get(t, srv.URL+"/page/1/1.png", 200); b != "png1" {
		t.Errorf("page %q", b)
	}
	select {
	case <-served:
	case <-time.After(time.Second):
		t.Error("not served after the viewer fetched every page")
	}

	st.publish(&Build{Errors: []Diagnostic{{Error: true, Code: "input", Message: "YAML syntax", File: "/e/edition.yaml", Line: 3}}})
	if e := event(); e != "2" {
		t.Fatalf("event %q, want 2", e)
	}
	js = jsonState{}
	getJSON(t, srv.URL+"/state.json", &js)
	if js.Seq != 2 || js.GoodSeq != 1 || len(js.Errors) != 1 || len(js.Pages) != 1 || js.Pages[0].URL != "/page/1/1.png" {
		t.Errorf("after a failed build: %+v", js)
	}
	get(t, srv.URL+"/page/2/1.png", 404)
	get(t, srv.URL+"/page/1/9.png", 404)
	if b := get(t, srv.URL+"/", 200); !strings.Contains(b, "EventSource") {
		t.Error("the page has no event source")
	}
}

func get(t *testing.T, url string, status int) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Errorf("GET %s: %d, want %d", url, resp.StatusCode, status)
	}
	return string(b)
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(get(t, url, 200)), v); err != nil {
		t.Fatal(err)
	}
}

// TestLoopbackOnly: the live page of a loopback server answers requests
// that name this computer, and refuses one whose Host is any other name,
// as a page rebinding its own name to 127.0.0.1 would send.
func TestLoopbackOnly(t *testing.T) {
	h := LoopbackOnly(Handler(NewState()))
	for host, want := range map[string]int{
		"127.0.0.1:9000": http.StatusOK, "localhost:9000": http.StatusOK, "LOCALHOST": http.StatusOK,
		"[::1]:9000": http.StatusOK, "127.0.0.2": http.StatusOK,
		"evil.example:9000": http.StatusForbidden, "192.168.1.20:9000": http.StatusForbidden, "": http.StatusForbidden,
		"localhost.evil.example": http.StatusForbidden,
	} {
		r := httptest.NewRequest("GET", "/state.json", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %q: status %d, want %d", host, w.Code, want)
		}
	}
}
