package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalLeavesNoTemporaryFile interrupts renders of the four-page
// sample at many moments with SIGINT or SIGTERM: whenever the signal comes,
// no temporary file is left, and the PDF is either whole (the render had
// finished) or absent.
func TestSignalLeavesNoTemporaryFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "broadsheet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sample, _ := filepath.Abs(filepath.Join(samples, "four-pages.yaml"))
	interrupted := 0
	for i, delay := range []time.Duration{20, 60, 120, 200, 300, 450, 600, 800, 1100, 1500} {
		sig := syscall.SIGTERM
		if i%2 == 1 {
			sig = syscall.SIGINT
		}
		dir := t.TempDir()
		out := filepath.Join(dir, "out.pdf")
		cmd := exec.Command(bin, "render", sample, "-o", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		var ee *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &ee) && (ee.ExitCode() == 128+int(sig) || ee.ExitCode() == -1):
			interrupted++
			if _, err := os.Stat(out); err == nil {
				// renamed into place just before the signal: it must be whole
				b, _ := os.ReadFile(out)
				if !strings.Contains(string(b[max(0, len(b)-64):]), "%%EOF") {
					t.Errorf("after %v: a partial PDF was left", delay)
				}
			}
		default:
			t.Errorf("after %v: %v", delay, err)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("signal %v after %v left %s", sig, delay*time.Millisecond, e.Name())
			}
		}
	}
	if interrupted == 0 {
		t.Errorf("no render was interrupted: the test proves nothing")
	}
	t.Logf("%d of 10 renders interrupted", interrupted)
}
