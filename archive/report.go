package archive

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/editions"
)

// Status is how an edition's run ended.
type Status string

// Statuses. An edition not started because the run was stopped by a
// signal is StatusInterrupted.
const (
	StatusOK          Status = "ok"
	StatusFailed      Status = "failed"
	StatusSkipped     Status = "skipped" // the PDF was up to date
	StatusInterrupted Status = "interrupted"
)

// Record is one line of the report: what became of one edition.
type Record struct {
	Input      string    `json:"input"`
	Output     string    `json:"output"`
	Status     Status    `json:"status"`
	Pages      int       `json:"pages"`
	DurationMS float64   `json:"duration_ms"`
	SHA256     string    `json:"sha256,omitempty"` // of the PDF, when there is one that is up to date
	Key        string    `json:"key,omitempty"`
	Shard      string    `json:"shard"`
	Warnings   []Problem `json:"warnings"`
	Errors     []Problem `json:"errors"`
}

// Codes of the problems the archive run itself reports; a composition
// problem keeps its own code (package diag: "overset", "low-ppi", …).
const (
	CodeInput   = "input"   // the edition could not be loaded: YAML, a key, a value, a photo, an ad
	CodeFont    = "font"    // a user font could not be read
	CodeCompose = "compose" // the edition could not be composed at all
	CodePanic   = "panic"   // an internal error, caught: a bug to report
	CodeWrite   = "write"   // the PDF could not be written
	CodeKey     = "key"     // (a warning) the key sidecar could not be written
)

// Problem is one warning or error of an edition.
type Problem struct {
	Code    string `json:"code"` // e.g. "input", "overset", "low-ppi", "panic", "write"
	Message string `json:"message"`
	// Pos is file:line:col of the place in the edition the problem is
	// about (for a composition problem, the article's or the page's line).
	Pos     string `json:"pos,omitempty"`
	Page    int    `json:"page,omitempty"`
	Article string `json:"article,omitempty"`
}

// inputProblems turns an error from loading an edition into problems:
// one for each editions.Problem, with its position.
func inputProblems(path string, err error) []Problem {
	var ps editions.Problems
	if errors.As(err, &ps) {
		out := make([]Problem, 0, len(ps))
		for _, p := range ps {
			out = append(out, Problem{Code: CodeInput, Message: p.Msg, Pos: p.Pos.String(), Article: p.Article})
		}
		return out
	}
	var p *editions.Problem
	if errors.As(err, &p) {
		return []Problem{{Code: CodeInput, Message: p.Msg, Pos: p.Pos.String(), Article: p.Article}}
	}
	return []Problem{{Code: CodeInput, Message: err.Error(), Pos: path}}
}

// diagnosticProblems splits diagnostics into warnings and errors, each at
// the position of its article (or page) in the edition file.
func diagnosticProblems(ed *editions.Edition, ds []display.Diagnostic) (warnings, errs []Problem) {
	where := ed.Locate()
	for _, d := range ds {
		pos := where(d.Page, d.Article)
		p := Problem{Code: string(d.Code), Message: d.Message, Pos: pos.String(), Page: d.Page, Article: d.Article}
		if d.Severity == display.Error {
			errs = append(errs, p)
		} else {
			warnings = append(warnings, p)
		}
	}
	return warnings, errs
}

// reportWriter writes records as JSON Lines, one Write per record so that
// a run killed mid-way leaves whole lines behind it.
type reportWriter struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

func (r *reportWriter) write(rec *Record) {
	if r == nil || r.w == nil {
		return
	}
	if rec.Warnings == nil {
		rec.Warnings = []Problem{}
	}
	if rec.Errors == nil {
		rec.Errors = []Problem{}
	}
	b, err := json.Marshal(rec)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return
	}
	if err == nil {
		_, err = r.w.Write(append(b, '\n'))
	}
	if err != nil {
		r.err = fmt.Errorf("writing the report: %w", err)
	}
}
