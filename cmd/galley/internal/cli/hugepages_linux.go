package cli

import (
	"bytes"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// A build touches every page of the heap it grows to once, and Linux
// maps each on first touch: a fault a page, 4 KiB at a time, unless the
// memory is advised for transparent huge pages (2 MiB a fault). Most
// kernels (Debian's, Ubuntu's, and this project's machines) give huge
// pages only to memory so advised (/sys/kernel/mm/transparent_hugepage
// "madvise"), and the Go runtime advises none of its heap since Go 1.21.1.
// On the machines galley is measured on, a fault costs about 10 µs (a
// virtual machine's page tables): the Rust book's build took 37,500 of
// them, 0.33 of its 1.5 CPU-seconds.
//
// galley therefore has the runtime map the heap it may grow into up to
// its memory limit at the start (adviseHugePages), advises that memory
// for huge pages, and gives it back to the heap untouched: the build's
// allocations then fill it, a fault each 2 MiB. The Rust book took 4,300
// faults, 0.65 s rather than 0.85 s; the class set 0.21 s rather than
// 0.27 s; the 13 MB bench book 5.0 s rather than 5.6 s; the seed article
// 0.09 s rather than 0.10 s (the advice itself takes 2 to 5 ms). Resident
// memory grows by up to 18 MB (pages filled 2 MiB at a time).
//
// GODEBUG=disablethp=1, the Go runtime's own switch for huge pages,
// leaves the heap as the runtime maps it, as does a kernel whose huge
// pages are off ("never") or that counts all memory mapped against a
// strict limit (vm.overcommit_memory 2). A machine with less than four
// times memoryFloor of memory has a quarter of it advised.

// hugePageChunk is the size of each block adviseHugePages allocates:
// the runtime zeroes, and so touches, a block that starts in memory the
// heap used before (a page or two freed while the packages were
// initialized), so blocks are small enough that at most one is touched,
// and large enough (above 32 KiB) to be allocated straight from the
// heap's pages.
const hugePageChunk = 1 << 20

// adviseHugePages maps size bytes of heap (at most a quarter of the
// machine's memory, and half the memory limit GOMEMLIMIT sets), advises
// them for transparent huge pages and frees them, unless getenv's
// GODEBUG turns huge pages off, the kernel has none (enabled names the
// file that says so), or it counts every mapping against a strict limit
// (overcommit names the file that says so: the untouched heap would
// count in full). It returns what it advised: none, or the span from its
// first block to its last. The collector is held off meanwhile, so that
// it never marks the blocks (a heap goal three times their size would
// follow), and runs once they are garbage.
func adviseHugePages(getenv func(string) string, enabled, overcommit string, size int) (advised hugeAdvice) {
	if disabledTHP(getenv("GODEBUG")) {
		return hugeAdvice{}
	}
	if mode, err := os.ReadFile(enabled); err != nil || bytes.Contains(mode, []byte("[never]")) {
		return hugeAdvice{}
	}
	if mode, err := os.ReadFile(overcommit); err == nil && strings.TrimSpace(string(mode)) == "2" {
		return hugeAdvice{}
	}
	var info unix.Sysinfo_t
	if unix.Sysinfo(&info) == nil {
		size = min(size, int(uint64(info.Totalram)*uint64(info.Unit)/4))
	}
	// A memory limit of the user's own (GOMEMLIMIT) would have the
	// collector run over and over while the blocks pass it: half of it
	// is advised at most.
	if limit := debug.SetMemoryLimit(-1); limit < math.MaxInt64 {
		size = min(size, int(limit/2))
	}
	if size < hugePageChunk {
		return hugeAdvice{}
	}
	percent := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(percent)
	blocks := make([][]byte, size/hugePageChunk)
	lo, hi := ^uintptr(0), uintptr(0)
	for i := range blocks {
		blocks[i] = make([]byte, hugePageChunk)
		p := uintptr(unsafe.Pointer(unsafe.SliceData(blocks[i])))
		lo, hi = min(lo, p), max(hi, p+hugePageChunk)
	}
	// The blocks are heap the runtime mapped for them, next to each other
	// but for the one or two that filled gaps lower down; the span from
	// the first to the last is all heap, and advised whole, in huge pages.
	const hugePage = 2 << 20
	start, end := (lo+hugePage-1)&^(hugePage-1), hi&^(hugePage-1)
	if start < end {
		if _, _, errno := unix.Syscall(unix.SYS_MADVISE, start, end-start, unix.MADV_HUGEPAGE); errno == 0 {
			advised = hugeAdvice{blocks: len(blocks) * hugePageChunk, start: start, end: end}
		}
	}
	runtime.KeepAlive(blocks)
	return advised
}

// hugeAdvice is what adviseHugePages advised: the bytes of the blocks it
// made, and the span advised, from the first to the last, which may hold
// more of the heap between them.
type hugeAdvice struct {
	blocks     int
	start, end uintptr
}

// disabledTHP reports whether a GODEBUG value sets disablethp=1.
func disabledTHP(godebug string) bool {
	for _, kv := range strings.Split(godebug, ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return true
		}
	}
	return false
}

// The files where Linux says when it gives transparent huge pages
// ("always", "madvise" or "never", the one in use in brackets), and how
// it counts memory mapped but not yet touched (2: in full, against a
// limit).
const (
	thpEnabledFile = "/sys/kernel/mm/transparent_hugepage/enabled"
	overcommitFile = "/proc/sys/vm/overcommit_memory"
)
