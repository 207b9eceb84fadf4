package main

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"
	"unsafe"
)

// heapAdvice is how much of the heap, from where it starts growing, is
// asked to be backed by transparent huge pages.
const heapAdvice = 64 << 20

// madvHugePage is Linux's MADV_HUGEPAGE (the syscall package names it
// only for some architectures).
const madvHugePage = 0xe

// madvCollapse is Linux's MADV_COLLAPSE (Linux 6.1): back a range with
// huge pages now, copying the pages already there.
const madvCollapse = 25

// hugePage is the size of an x86-64 or arm64 transparent huge page.
const hugePage = 2 << 20

// heapChunk is the unit, and alignment, in which Go maps its heap.
const heapChunk = 4 << 20

// adviseHugePages asks the kernel for transparent huge pages where a run
// touches much memory once: the program's own read-only mappings
// (adviseExecutable), and the heap. It asks it to back the first
// heapAdvice bytes of the heap with transparent huge pages (2 MiB) where
// it allows them only on
// request (/sys/kernel/mm/transparent_hugepage/enabled set to madvise, the
// usual default). A render touches about 8 MiB of fresh heap, and on a
// virtual machine each first touch of a 4 KiB page is a fault costing 5 to
// 15 µs (measured on the 2-core Firecracker machine the benchmarks run on:
// 2,000 of the one-page render's 3,300 page faults were the heap's); a
// huge page takes that cost once for 512 pages.
//
// Go does not ask for huge pages for its heap, so this makes room: it
// allocates heapAdvice bytes (mapped, not touched, so not yet backed),
// advises that range, and frees it with a collection; the allocations that
// follow reuse the range, lowest addresses first. The heap below it,
// which the runtime and package initialisation began to fill page by page,
// is collapsed into huge pages (collapseEarlyHeap). Where the kernel
// refuses, nothing changes. The output never depends on it.
func adviseHugePages() {
	_ = adviseExecutable()
	// No collection while b is allocated: the one below frees it.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	b := make([]byte, heapAdvice)
	start := int(alignUp(addr(b), hugePage) - addr(b))
	end := len(b) - int((addr(b)+uintptr(len(b)))%hugePage)
	if start < end {
		_ = syscall.Madvise(b[start:end], madvHugePage)
	}
	_ = collapseEarlyHeap(addr(b))
	runtime.GC() // b is dead here: the collection frees its pages for reuse
}

// adviseExecutable asks the kernel to read the program's own read-only
// mappings — its code, and its read-only data, which holds the embedded
// faces (66 MB) and the word dictionary — into the page cache in 2 MiB
// folios, and so to map them 2 MiB at a time. A render reads glyph
// outlines and metrics scattered over those faces (the one-page sample's
// subsets hold 1,348 glyphs, 930 of them the body face's, most each on a
// 4 KiB page of its own, as far as their spread over 10 to 15 MB
// suggests), and on the benchmark VM each first touch of a page in a new
// process costs 5 µs or so (the outline reads in fonts' closure were 94%
// one load instruction). With
// its read-only data read back in huge pages (the binary's cached pages
// dropped, then one run), the one-page sample renders in 48.6 ms instead
// of 58.5 and the eight varied pages in 72.7 instead of 82.3 (medians of
// 20 alternating runs; CPU 60 against 77 ms, 107 against 125).
//
// The advice reaches pages the kernel reads from the file after it is
// given: the first run after a restart, or after the binary's pages have
// left the cache, reads them in 2 MiB folios, and every run after that
// maps them so. Pages already cached in 4 KiB folios stay as they are —
// which is how a build or a copy leaves a binary it has just written.
// PERFORMANCE.md, Installing, says how to drop them, and README how to install the
// binary so that its code is cached in huge pages too (in one large
// write: the code is read before this advice can be given). The
// filesystem must keep large folios (ext4 and XFS on recent kernels do);
// where it does not, or the kernel refuses, nothing changes. The output
// never depends on it.
func adviseExecutable() error {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return err
	}
	var first error
	for _, m := range executableMappings(maps, addrOf(anchor)) {
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, m[0], m[1]-m[0], madvHugePage); errno != 0 && first == nil {
			first = errno
		}
	}
	return first
}

// anchor is a string constant: its bytes lie in the program's read-only
// data, so the mapping that holds them names the program's file.
const anchor = "broadsheet: read-only data"

// addrOf is the address of s's first byte.
func addrOf(s string) uintptr { return uintptr(unsafe.Pointer(unsafe.StringData(s))) }

// executableMappings returns the address ranges of the lines of maps (the
// text of /proc/self/maps) that map, without write permission, the file
// mapped at address at: the same device and inode as the line holding at.
// (Matching the lines with each other, not with a stat of the program,
// holds on overlay filesystems too, whose mappings name the file beneath.)
func executableMappings(maps []byte, at uintptr) [][2]uintptr {
	type mapping struct {
		lo, hi   uintptr
		readOnly bool
		file     string // "device inode", "" for none
	}
	var ms []mapping
	file := ""
	for line := range bytes.Lines(maps) {
		// address perms offset dev inode [path]
		f := bytes.Fields(line)
		if len(f) < 5 {
			continue
		}
		los, his, ok := bytes.Cut(f[0], []byte("-"))
		lo, err1 := strconv.ParseUint(string(los), 16, 64)
		hi, err2 := strconv.ParseUint(string(his), 16, 64)
		if !ok || err1 != nil || err2 != nil || hi <= lo {
			continue
		}
		m := mapping{lo: uintptr(lo), hi: uintptr(hi), readOnly: len(f[1]) >= 2 && f[1][1] != 'w'}
		if string(f[4]) != "0" {
			m.file = string(f[3]) + " " + string(f[4])
		}
		if m.lo <= at && at < m.hi {
			file = m.file
		}
		ms = append(ms, m)
	}
	var out [][2]uintptr
	for _, m := range ms {
		if file != "" && m.file == file && m.readOnly {
			out = append(out, [2]uintptr{m.lo, m.hi})
		}
	}
	return out
}

// collapseEarlyHeap backs the heap below address b (rounded up to a huge
// page), from the chunk that holds the runtime's first allocations, with
// huge pages now (MADV_COLLAPSE), the pages already touched copied in.
// Those 2 to 4 MiB were mapped before adviseHugePages could advise them:
// the runtime and package initialisation touch about 1 MiB of them, after
// which the kernel backs the rest 4 KiB at a time too, and the allocator
// fills that rest first (lowest addresses first). On the benchmark VM that
// was 300 to 800 page faults of a render's 1,500 to 1,900, and collapsing
// took 3 to 8 ms off the one-page sample (medians of two sets of 40
// alternating runs). The
// runtime's first allocation is found through os.Args, which it makes
// while starting. A layout other than the expected one (the range larger
// than a few chunks) is left alone.
func collapseEarlyHeap(b uintptr) error {
	first := uintptr(unsafe.Pointer(unsafe.SliceData(os.Args)))
	lo, hi := first&^(heapChunk-1), alignUp(b, hugePage)
	if first == 0 || hi <= lo || hi-lo > 4*heapChunk {
		return nil
	}
	// A huge page at a time: one the kernel cannot collapse (a part not
	// mapped, say) does not stop the others.
	var err error
	for p := lo; p < hi; p += hugePage {
		_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, p, hugePage, madvCollapse)
		if errno != 0 && err == nil {
			err = errno
		}
	}
	return err
}

func alignUp(p, n uintptr) uintptr { return (p + n - 1) &^ (n - 1) }

// addr is the address of b's first byte.
func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
