package main

import (
	"bytes"
	"os"
	"runtime"
	"testing"
)

// TestRenderSameBytesOnAnyCoreCount renders the samples with GOMAXPROCS at
// 1, 2 and 8 and wants the same bytes each time: fonts are subset and
// compressed concurrently (the body face of the one-page sample, 325 kB,
// in three pieces), and neither the number of goroutines running at once
// nor the order they finish in may reach the file.
func TestRenderSameBytesOnAnyCoreCount(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, name := range []string{"local-news.yaml", "four-pages.yaml"} {
		var want []byte
		for _, procs := range []int{1, 2, 8} {
			runtime.GOMAXPROCS(procs)
			got, err := os.ReadFile(renderSample(t, name))
			if err != nil {
				t.Fatal(err)
			}
			if want == nil {
				want = got
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: GOMAXPROCS=%d gives %d bytes, different from GOMAXPROCS=1's %d", name, procs, len(got), len(want))
			}
		}
	}
}
