package cli

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// TestAdviseHugePages advises 64 MiB of heap for huge pages and finds
// the span advised so marked in /proc/self/smaps, with the collector's
// percentage as it was; it advises none when GODEBUG or the kernel says
// not to, or when the kernel counts untouched memory against a strict
// limit, and blocks of no more than half a memory limit.
func TestAdviseHugePages(t *testing.T) {
	mode, err := os.ReadFile(thpEnabledFile)
	if err != nil || bytes.Contains(mode, []byte("[never]")) {
		t.Skipf("this kernel gives no transparent huge pages (%s: %q, %v)", thpEnabledFile, mode, err)
	}
	none := func(string) string { return "" }
	const size = 64 << 20
	percent := debug.SetGCPercent(150)
	defer debug.SetGCPercent(percent)
	a := adviseHugePages(none, thpEnabledFile, overcommitFile, size)
	if a.blocks != size || a.end-a.start < size-2*(2<<20) {
		t.Fatalf("1. advised %d bytes of blocks, a span of %d; want %d, and the span as much less its ends' alignment", a.blocks, a.end-a.start, size)
	}
	if got := advisedIn(t, a.start, a.end); got != int(a.end-a.start) {
		t.Errorf("1. %d of the %d bytes advised are so marked in /proc/self/smaps", got, a.end-a.start)
	}
	if p := debug.SetGCPercent(percent); p != 150 {
		t.Errorf("1. GOGC %d after, want 150 as before", p)
	}

	godebug := func(k string) string {
		if k == "GODEBUG" {
			return "gctrace=0,disablethp=1"
		}
		return ""
	}
	if a := adviseHugePages(godebug, thpEnabledFile, overcommitFile, size); a.blocks != 0 {
		t.Error("2. advised with GODEBUG=disablethp=1")
	}
	never := filepath.Join(t.TempDir(), "enabled")
	if err := os.WriteFile(never, []byte("always madvise [never]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if a := adviseHugePages(none, never, overcommitFile, size); a.blocks != 0 {
		t.Error("3. advised with huge pages off")
	}
	if a := adviseHugePages(none, filepath.Join(t.TempDir(), "missing"), overcommitFile, size); a.blocks != 0 {
		t.Error("4. advised on a kernel without huge pages")
	}
	strict := filepath.Join(t.TempDir(), "overcommit_memory")
	if err := os.WriteFile(strict, []byte("2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if a := adviseHugePages(none, thpEnabledFile, strict, size); a.blocks != 0 {
		t.Error("5. advised with every mapping counted against a strict limit")
	}
	limit := debug.SetMemoryLimit(16 << 20)
	a = adviseHugePages(none, thpEnabledFile, overcommitFile, size)
	debug.SetMemoryLimit(limit)
	if a.blocks > 8<<20 {
		t.Errorf("6. made %d bytes of blocks under a memory limit of 16 MiB, more than half of it", a.blocks)
	}
}

// advisedIn counts the bytes of [start, end) in this process's mappings
// advised for huge pages (hg among their VmFlags in /proc/self/smaps).
func advisedIn(t *testing.T, start, end uintptr) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	total := 0
	var lo, hi uintptr // the mapping whose fields are read
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if from, to, ok := strings.Cut(fields[0], "-"); ok && len(fields) >= 5 {
			a, err1 := strconv.ParseUint(from, 16, 64)
			b, err2 := strconv.ParseUint(to, 16, 64)
			if err1 == nil && err2 == nil {
				lo, hi = uintptr(a), uintptr(b)
				continue
			}
		}
		if fields[0] == "VmFlags:" {
			for _, fl := range fields[1:] {
				if fl == "hg" && max(lo, start) < min(hi, end) {
					total += int(min(hi, end) - max(lo, start))
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

// TestDisabledTHP reads GODEBUG for the runtime's switch.
func TestDisabledTHP(t *testing.T) {
	for i, c := range []struct {
		godebug string
		want    bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"gctrace=1,disablethp=1", true},
		{"gctrace=1, disablethp=1", true},
		{"disablethp=0", false},
		{"xdisablethp=1", false},
	} {
		if got := disabledTHP(c.godebug); got != c.want {
			t.Errorf("%d. disabledTHP(%q) = %v, want %v", i+1, c.godebug, got, c.want)
		}
	}
}
