package watch

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

//go:embed page.html
var pageHTML []byte

// Handler serves the live page for st:
//
//	/            the page (HTML, script inline)
//	/state.json  the latest build: pages, diagnostics, errors
//	/events      server-sent events: "build" with the number of each new build
//	/page/S/N.png  page N of build S (while S is the last good build)
func Handler(st *State) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(pageHTML)
	})
	mux.HandleFunc("GET /state.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(stateJSON(st.snapshot()))
	})
	mux.HandleFunc("GET /page/{seq}/{file}", func(w http.ResponseWriter, r *http.Request) {
		snap := st.snapshot()
		seq, err1 := strconv.Atoi(r.PathValue("seq"))
		n, err2 := strconv.Atoi(strings.TrimSuffix(r.PathValue("file"), ".png"))
		if err1 != nil || err2 != nil || !strings.HasSuffix(r.PathValue("file"), ".png") || snap.Good == nil || seq != snap.GoodSeq {
			http.NotFound(w, r)
			return
		}
		for _, p := range snap.Good.Pages {
			if p.Number == n {
				w.Header().Set("Content-Type", "image/png")
				w.Header().Set("Cache-Control", "max-age=3600, immutable")
				w.Write(p.PNG)
				st.markServed(seq, n)
				return
			}
		}
		http.NotFound(w, r)
	})
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		fl, ok := w.(http.Flusher)
		if !ok {
			http.Error(w, "streaming unsupported", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		ch := st.subscribe()
		defer st.unsubscribe(ch)
		fmt.Fprintf(w, "retry: 500\nevent: build\ndata: %d\n\n", st.snapshot().Seq)
		fl.Flush()
		for {
			select {
			case <-r.Context().Done():
				return
			case seq := <-ch:
				fmt.Fprintf(w, "event: build\ndata: %d\n\n", seq)
				fl.Flush()
			}
		}
	})
	return mux
}

// The JSON the page reads.
type jsonState struct {
	Seq         int        `json:"seq"`
	GoodSeq     int        `json:"goodSeq"`
	Errors      []jsonDiag `json:"errors"`
	Diagnostics []jsonDiag `json:"diagnostics"`
	Pages       []jsonPage `json:"pages"`
	TookMS      int64      `json:"tookMs"`
}

type jsonDiag struct {
	Error   bool   `json:"error"`
	Code    string `json:"code"`
	Page    int    `json:"page,omitempty"`
	Article string `json:"article,omitempty"`
	Message string `json:"message"`
	Where   string `json:"where,omitempty"`  // file:line:col, the file relative to the edition's folder
	Editor  string `json:"editor,omitempty"` // a vscode://file link to the place
	Mark    string `json:"mark,omitempty"`   // the id of its mark on a page
}

type jsonPage struct {
	Number int        `json:"number"`
	URL    string     `json:"url"`
	Width  int        `json:"width"`
	Height int        `json:"height"`
	Marks  []jsonMark `json:"marks"`
}

type jsonMark struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Code  string `json:"code"`
	Error bool   `json:"error"`
	X     int    `json:"x"`
	Y     int    `json:"y"`
	W     int    `json:"w"`
	H     int    `json:"h"`
}

func stateJSON(s snapshot) jsonState {
	js := jsonState{Seq: s.Seq, GoodSeq: s.GoodSeq, Errors: []jsonDiag{}, Diagnostics: []jsonDiag{}, Pages: []jsonPage{}}
	base := ""
	if s.Good != nil && len(s.Good.Files) > 0 {
		base = filepath.Dir(s.Good.Files[0])
	}
	for _, d := range s.Errors {
		js.Errors = append(js.Errors, diagJSON(d, base))
	}
	if s.Good == nil {
		return js
	}
	js.TookMS = s.Good.Took.Milliseconds()
	for _, d := range s.Good.Diagnostics {
		js.Diagnostics = append(js.Diagnostics, diagJSON(d, base))
	}
	for _, p := range s.Good.Pages {
		jp := jsonPage{Number: p.Number, URL: fmt.Sprintf("/page/%d/%d.png", s.GoodSeq, p.Number), Width: p.Width, Height: p.Height, Marks: []jsonMark{}}
		for i, m := range p.Marks {
			id := fmt.Sprintf("mark-%d-%d", p.Number, i)
			jp.Marks = append(jp.Marks, jsonMark{ID: id, Label: m.Label, Code: m.Code, Error: m.Error, X: m.X, Y: m.Y, W: m.W, H: m.H})
			if m.Diagnostic >= 0 && m.Diagnostic < len(js.Diagnostics) && js.Diagnostics[m.Diagnostic].Mark == "" {
				js.Diagnostics[m.Diagnostic].Mark = id
			}
		}
		js.Pages = append(js.Pages, jp)
	}
	return js
}

func diagJSON(d Diagnostic, base string) jsonDiag {
	j := jsonDiag{Error: d.Error, Code: d.Code, Page: d.Page, Article: d.Article, Message: d.Message}
	if d.File != "" {
		name := d.File
		if base != "" {
			if rel, err := filepath.Rel(base, d.File); err == nil && !strings.HasPrefix(rel, "..") {
				name = rel
			}
		}
		j.Where = name
		if d.Line > 0 {
			j.Where += ":" + strconv.Itoa(d.Line)
			if d.Column > 0 {
				j.Where += ":" + strconv.Itoa(d.Column)
			}
		}
		if abs, err := filepath.Abs(d.File); err == nil {
			u := url.URL{Scheme: "vscode", Host: "file", Path: filepath.ToSlash(abs)}
			j.Editor = u.String()
			if d.Line > 0 {
				j.Editor += ":" + strconv.Itoa(d.Line)
				if d.Column > 0 {
					j.Editor += ":" + strconv.Itoa(d.Column)
				}
			}
		}
	}
	return j
}

// LoopbackOnly serves h to requests that name this computer — a Host of
// localhost or a loopback address — and refuses the others (403): the
// live page of a server listening on loopback. A web page elsewhere could
// otherwise point a name of its own at 127.0.0.1 (DNS rebinding) and read
// the edition's unpublished pages through the reader's browser.
func LoopbackOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hp, _, err := net.SplitHostPort(host); err == nil {
			host = hp
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if ip := net.ParseIP(host); !strings.EqualFold(host, "localhost") && (ip == nil || !ip.IsLoopback()) {
			http.Error(w, "this page is served to this computer only: open it at localhost or 127.0.0.1", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}
