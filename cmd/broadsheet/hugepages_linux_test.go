package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"unsafe"
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
	flags, err := smapsField(mid, "VmFlags:")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the heap at %#x is not advised for huge pages: VmFlags %q", mid, flags)
	}
}

// TestAdviseExecutable checks that after adviseExecutable the program's
// read-only data — where a string constant lies, as the embedded faces do
// — is in a mapping the kernel flags for huge pages.
func TestAdviseExecutable(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	if err := adviseExecutable(); err != nil {
		t.Fatal(err)
	}
	s := "a constant in the read-only data"
	at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	flags, err := smapsField(at, "VmFlags:")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the read-only data at %#x is not advised for huge pages: VmFlags %q", at, flags)
	}
}

// TestExecutableMappings checks which lines of a /proc/self/maps text
// name the program's read-only mappings: those without write permission
// of the file (device and inode) mapped where the anchor lies.
func TestExecutableMappings(t *testing.T) {
	maps := []byte(`00400000-00958000 r-xp 00000000 fe:00 10297988                           /usr/bin/broadsheet
00958000-05ae9000 r--p 00558000 fe:00 10297988                           /usr/bin/broadsheet
05ae9000-05bd6000 rw-p 056e9000 fe:00 10297988                           /usr/bin/broadsheet
05bd6000-05c00000 rw-p 00000000 00:00 0
c000000000-c004000000 rw-p 00000000 00:00 0
7f0000000000-7f0000100000 r--p 00000000 fe:01 10297988                   /other/disk/same-inode
7f0000200000-7f0000300000 r--p 00000000 fe:00 4242                       /usr/lib/other
7ffd0000000-7ffd0021000 rw-p 00000000 00:00 0                            [stack]
`)
	want := [][2]uintptr{{0x400000, 0x958000}, {0x958000, 0x5ae9000}}
	if got := executableMappings(maps, 0x1000000); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("executableMappings(anchor in the read-only data) = %x, want %x", got, want)
	}
	if got := executableMappings(maps, 0xc000001000); len(got) != 0 {
		t.Errorf("executableMappings(anchor in anonymous memory) = %x, want none", got)
	}
}

// BenchmarkAdviseExecutable is what adviseExecutable adds to every run.
func BenchmarkAdviseExecutable(b *testing.B) {
	for b.Loop() {
		if err := adviseExecutable(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCollapseEarlyHeap checks that the heap the runtime began to fill
// before adviseHugePages (where os.Args lies) is backed by a huge page
// once collapseEarlyHeap has run: its mapping reports AnonHugePages.
func TestCollapseEarlyHeap(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	if err := canCollapse(); err != nil {
		t.Skipf("this kernel cannot collapse a range into huge pages: %v", err)
	}
	first := uintptr(unsafe.Pointer(unsafe.SliceData(os.Args)))
	// Up to the end of the huge page holding first: that page at least.
	// (A region collapsed before, by adviseHugePages in another test, may
	// answer EINVAL: the state below is what counts.)
	if err := collapseEarlyHeap(first + 1); err != nil {
		t.Logf("collapseEarlyHeap: %v", err)
	}
	v, err := smapsField(first, "AnonHugePages:")
	if err != nil {
		t.Fatal(err)
	}
	var huge int
	if _, err := fmt.Sscanf(v, "%d kB", &huge); err != nil {
		t.Fatalf("AnonHugePages %q: %v", v, err)
	}
	if huge < 2048 {
		t.Errorf("the mapping of the first heap allocation (%#x) has %d kB of huge pages after collapsing, want at least 2048", first, huge)
	}
}

// canCollapse tries MADV_COLLAPSE on a mapping of its own.
func canCollapse() error {
	m, err := syscall.Mmap(-1, 0, 2*hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return err
	}
	defer syscall.Munmap(m)
	p := alignUp(addr(m), hugePage)
	m[p-addr(m)] = 1
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, p, hugePage, madvCollapse); errno != 0 {
		return errno
	}
	return nil
}

// smapsField returns what follows field (e.g. "VmFlags:") in the entry
// of /proc/self/smaps for the mapping holding address a, trimmed.
func smapsField(a uintptr, field string) (string, error) {
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
		if in && strings.HasPrefix(line, field) {
			return strings.TrimSpace(strings.TrimPrefix(line, field)), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping holds %#x", a)
}
