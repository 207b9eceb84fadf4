package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestAdviseHugePages checks that after adviseHugePages the heap's next
// allocations lie in a mapping the kernel flags for huge pages ("hg" in
// /proc/self/smaps), so the advice reaches the memory a render then uses.
func TestAdviseHugePages(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	adviseHugePages()
	// The allocation may begin in the few pages before the first 2 MiB
	// boundary of the advised range, which are not advised: look at its
	// middle.
	b := make([]byte, 16<<20)
	mid := addr(b) + uintptr(len(b)/2)
	flags, err := vmFlags(mid)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the heap at %#x is not advised for huge pages: VmFlags %q", mid, flags)
	}
}

// vmFlags returns the VmFlags line of the mapping holding address a.
func vmFlags(a uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= a && a < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping holds %#x", a)
}
