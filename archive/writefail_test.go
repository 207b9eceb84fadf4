package archive

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/broadsheet-news/broadsheet/internal/fsafe/fsafetest"
)

// An edition whose PDF cannot be written while its pages stream to the
// file (the disk fills up) fails with the code "write", not as the
// edition's problem, and leaves neither PDF, sidecar nor temporary file.
func TestRunWriteFailureIsWrite(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 1)
	var report bytes.Buffer
	opt := Options{OutDir: filepath.Join(dir, "out"), Jobs: 1, Program: "test", Report: &report,
		wrapOutput: fsafetest.FillsAfter(100 << 10)}
	sum, err := Run(context.Background(), context.Background(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 {
		t.Errorf("summary %+v, want 1 failed", sum)
	}
	recs := readRecords(t, report.Bytes())
	if len(recs) != 1 || recs[0].Status != StatusFailed || len(recs[0].Errors) != 1 ||
		recs[0].Errors[0].Code != CodeWrite || !strings.Contains(recs[0].Errors[0].Message, syscall.ENOSPC.Error()) {
		t.Fatalf("report: %+v", recs)
	}
	err = filepath.WalkDir(opt.OutDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = errors.New(path + " left behind")
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
}

// An edition the PDF writer refuses, with nothing wrong on the disk (the
// slug line of --marks holds a section name with a character no face has),
// fails with the code "input" at the edition, not "write": it is the
// edition's to mend, as render's status 1 says.
func TestRunWriterRefusalIsInput(t *testing.T) {
	dir := t.TempDir()
	jobs := sampleArchive(t, filepath.Join(dir, "in"), 1)
	y, err := os.ReadFile(jobs[0].Input)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(y, []byte("section: 要闻")) {
		t.Fatal("the sample has no section 要闻")
	}
	write(t, jobs[0].Input, string(bytes.Replace(y, []byte("section: 要闻"), []byte("section: 要闻𪛖"), 1)))
	var report bytes.Buffer
	opt := Options{OutDir: filepath.Join(dir, "out"), Jobs: 1, Program: "test", Report: &report}
	opt.PDF.Marks = true
	if _, err := Run(context.Background(), context.Background(), jobs, opt); err != nil {
		t.Fatal(err)
	}
	recs := readRecords(t, report.Bytes())
	if len(recs) != 1 || recs[0].Status != StatusFailed || len(recs[0].Errors) != 1 ||
		recs[0].Errors[0].Code != CodeInput || !strings.Contains(recs[0].Errors[0].Message, "U+2A6D6") || recs[0].Errors[0].Pos != jobs[0].Input {
		t.Fatalf("report: %+v", recs)
	}
}
