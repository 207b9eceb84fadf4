package main

import (
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

// hugePage is the size of an x86-64 or arm64 transparent huge page.
const hugePage = 2 << 20

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
// follow reuse the range, lowest addresses first. Where the kernel refuses,
// nothing changes. The output never depends on it.
func adviseHugePages() {
	// No collection while b is allocated: the one below frees it.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	b := make([]byte, heapAdvice)
	start := int(alignUp(addr(b), hugePage) - addr(b))
	end := len(b) - int((addr(b)+uintptr(len(b)))%hugePage)
	if start < end {
		_ = syscall.Madvise(b[start:end], madvHugePage)
	}
	runtime.GC() // b is dead here: the collection frees its pages for reuse
}

func alignUp(p, n uintptr) uintptr { return (p + n - 1) &^ (n - 1) }

// addr is the address of b's first byte.
func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
