package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/broadsheet-news/broadsheet/archive/archivegen"
)

// BenchmarkArchive renders a generated archive (see archivegen) with the
// built command, as an archive team would, and reports pages per second
// and the process's peak resident memory:
//
//   - batch/N: one `broadsheet batch --force -j <cores>` over N editions;
//   - per-process/N: one `broadsheet render` process per edition, <cores>
//     at a time, the way a shell loop or xargs -P would do it.
//
// Every day of the archive has photos of its own, as a real archive has;
// "shared-photos" runs the same with every day's photos the same eight
// files (archivegen.Options.SharedPhotos), where the batch's image cache
// decodes each photo once for the whole run. The 600-edition archive
// shares its photos, to spare the disk 1 GB; it measures memory.
//
// Run it with -benchtime=1x; batch/600 takes a minute or two:
//
//	go test ./cmd/broadsheet -run '^$' -bench Archive -benchtime 1x
func BenchmarkArchive(b *testing.B) {
	bin := buildBroadsheet(b)
	cores := runtime.NumCPU()
	for _, c := range []struct {
		n      int
		shared bool
	}{{60, false}, {60, true}, {600, true}} {
		n := c.n
		arch, entries := genArchiveWith(b, n, archivegen.Options{SharedPhotos: c.shared})
		kind := ""
		if c.shared && n == 60 {
			kind = "-shared-photos"
		}
		pages := 0
		for _, e := range entries {
			pages += e.Pages
		}
		b.Run(fmt.Sprintf("batch%s/%d", kind, n), func(b *testing.B) {
			var peak int64
			start := time.Now()
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(bin, "batch", arch, "-o", filepath.Join(b.TempDir(), "pdf"), "--force", "-q", "-j", fmt.Sprint(cores))
				if out, err := cmd.CombinedOutput(); cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != exitInput {
					b.Fatalf("batch: %v\n%s", err, out)
				}
				peak = max(peak, maxRSS(cmd))
			}
			b.ReportMetric(float64(pages*b.N)/time.Since(start).Seconds(), "pages/s")
			b.ReportMetric(float64(peak)/1024, "peak-MiB")
		})
		if n > 60 {
			continue // the per-process way is measured on the smaller archive
		}
		b.Run(fmt.Sprintf("per-process%s/%d", kind, n), func(b *testing.B) {
			var peak int64
			start := time.Now()
			for i := 0; i < b.N; i++ {
				out := b.TempDir()
				work := make(chan int)
				var mu sync.Mutex
				var wg sync.WaitGroup
				for w := 0; w < cores; w++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for k := range work {
							e := entries[k]
							cmd := exec.Command(bin, "render", filepath.Join(arch, filepath.FromSlash(e.Rel)),
								"-o", filepath.Join(out, fmt.Sprintf("%d.pdf", k)))
							err := cmd.Run()
							if (err != nil) != e.Bad {
								b.Errorf("render %s: %v", e.Rel, err)
							}
							mu.Lock()
							peak = max(peak, maxRSS(cmd))
							mu.Unlock()
						}
					}()
				}
				for k := range entries {
					work <- k
				}
				close(work)
				wg.Wait()
			}
			b.ReportMetric(float64(pages*b.N)/time.Since(start).Seconds(), "pages/s")
			b.ReportMetric(float64(peak)/1024, "peak-MiB")
		})
	}
}

// maxRSS is a finished command's peak resident memory in KiB.
func maxRSS(cmd *exec.Cmd) int64 {
	if cmd.ProcessState == nil {
		return 0
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
