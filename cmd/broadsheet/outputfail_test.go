package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/internal/fsafe/fsafetest"
	"github.com/broadsheet-news/broadsheet/pdf"
)

// TestRenderWriteFailureIsOutputError: a write to the PDF's file that
// fails while the pages stream to it (at the first byte, halfway, at the
// last flush) is status 3, "the output could not be written", not 1 (the
// edition's errors), whatever page or photo the writer was at; and it
// leaves neither the PDF nor its temporary file.
func TestRenderWriteFailureIsOutputError(t *testing.T) {
	edition := filepath.Join(samples, "four-pages.yaml")
	lib := fonts.NewLibrary()
	whole := filepath.Join(t.TempDir(), "whole.pdf")
	if _, err := renderWith(edition, whole, lib, pdf.Options{}, defaultInputs(), nil, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(whole)
	if err != nil {
		t.Fatal(err)
	}
	size := int(fi.Size())
	for _, room := range []int{0, 1000, size / 2, size - 1} {
		dir := t.TempDir()
		out := filepath.Join(dir, "four-pages.pdf")
		var stderr bytes.Buffer
		_, err := renderWith(edition, out, lib, pdf.Options{}, defaultInputs(), nil, fsafetest.FillsAfter(room), io.Discard, &stderr)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != exitOutput {
			t.Errorf("disk full after %d of %d bytes: %v (%T), want status %d", room, size, err, err, exitOutput)
			continue
		}
		if !errors.Is(err, syscall.ENOSPC) || !strings.HasPrefix(err.Error(), "writing "+out+": ") {
			t.Errorf("disk full after %d bytes: %q, want the write's error on writing %s", room, err, out)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("disk full after %d bytes: %s left in the output folder", room, entries[0].Name())
		}
	}
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestWatchWriteFailureIsOutputError: watch -o, whose PDF cannot be
// written (a full disk), says so as render does — the PDF was not written,
// the write failed — and leaves no temporary file.
func TestWatchWriteFailureIsOutputError(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "watched.pdf")
	var stdout lockedBuffer
	opts := &watchOptions{edition: filepath.Join(samples, "local-news.yaml"), output: out, serve: "off", dpi: 50,
		pdfFlags: pdfFlags{standards: "x-4,a-2u"}, inputs: defaultInputs(), wrapOutput: fsafetest.FillsAfter(4096)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runWatch(ctx, opts, fonts.NewLibrary(), &stdout, io.Discard) }()
	var line string
	for deadline := time.Now().Add(60 * time.Second); line == ""; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no render within 60 s: %q", stdout.String())
		}
		if s := stdout.String(); strings.Contains(s, "render 1:") && strings.HasSuffix(s, "\n") {
			line = s
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("watch: %v", err)
	}
	if !strings.Contains(line, "; PDF not written: writing "+out+": write disk: no space left on device") {
		t.Errorf("watch -o on a full disk printed %q", line)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("%s left in the output folder", entries[0].Name())
	}
}
