package main

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
// them so marked in /proc/self/smaps, with the collector's percentage as
// it was; and advises none when GODEBUG or the kernel says not to, or
// when the kernel counts untouched memory against a strict limit, and
// no more than half a memory limit.
func TestAdviseHugePages(t *testing.T) {
	mode, err := os.ReadFile(thpEnabledFile)
	if err != nil || bytes.Contains(mode, []byte("[never]")) {
		t.Skipf("this kernel gives no transparent huge pages (%s: %q, %v)", thpEnabledFile, mode, err)
	}
	none := func(string) string { return "" }
	const size = 64 << 20
	before := advisedBytes(t)
	percent := debug.SetGCPercent(150)
	defer debug.SetGCPercent(percent)
	advised := adviseHugePages(none, thpEnabledFile, overcommitFile, size)
	if advised < size/2 || advised > size {
		t.Fatalf("1. advised %d bytes of %d", advised, size)
	}
	if got := advisedBytes(t) - before; got < advised {
		t.Errorf("1. %d bytes more advised for huge pages, want at least %d", got, advised)
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
	if adviseHugePages(godebug, thpEnabledFile, overcommitFile, size) != 0 {
		t.Error("2. advised with GODEBUG=disablethp=1")
	}
	never := filepath.Join(t.TempDir(), "enabled")
	if err := os.WriteFile(never, []byte("always madvise [never]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if adviseHugePages(none, never, overcommitFile, size) != 0 {
		t.Error("3. advised with huge pages off")
	}
	if adviseHugePages(none, filepath.Join(t.TempDir(), "missing"), overcommitFile, size) != 0 {
		t.Error("4. advised on a kernel without huge pages")
	}
	limit := debug.SetMemoryLimit(16 << 20)
	advised = adviseHugePages(none, thpEnabledFile, overcommitFile, size)
	debug.SetMemoryLimit(limit)
	if advised > 8<<20 {
		t.Errorf("6. advised %d bytes under a memory limit of 16 MiB, more than half of it", advised)
	}
	strict := filepath.Join(t.TempDir(), "overcommit_memory")
	if err := os.WriteFile(strict, []byte("2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if adviseHugePages(none, thpEnabledFile, strict, size) != 0 {
		t.Error("5. advised with every mapping counted against a strict limit")
	}
}

// advisedBytes sums the sizes of this process's mappings advised for
// huge pages (hg among their VmFlags in /proc/self/smaps).
func advisedBytes(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	total, size := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 3 && fields[0] == "Size:":
			kb, _ := strconv.Atoi(fields[1])
			size = kb << 10
		case len(fields) > 0 && fields[0] == "VmFlags:":
			for _, fl := range fields[1:] {
				if fl == "hg" {
					total += size
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
