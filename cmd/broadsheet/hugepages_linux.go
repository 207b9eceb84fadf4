package main

import (
	"os"
	"runtime"
	"runtime/debug"
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

// adviseHugePages asks the kernel to back the first heapAdvice bytes of the
// heap with transparent huge pages (2 MiB) where it allows them only on
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
