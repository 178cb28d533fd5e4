package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// noTuning is an environment without GOMEMLIMIT or GOGC.
func noTuning(string) string { return "" }

// gcPercent reads the runtime's GOGC.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestLimitMemoryKeepsTheFloor: the limit is the floor, and GOGC the
// growth, while the collections mark less than the lift point, and both
// are given back as they were.
func TestLimitMemoryKeepsTheFloor(t *testing.T) {
	before, percentBefore := debug.SetMemoryLimit(-1), gcPercent()
	const floor = 8 << 30 // far above the test's heap: it never binds
	restore, set := limitMemory(noTuning, floor, 4<<30, 250)
	if !set {
		t.Fatal("limitMemory set no limit with neither GOMEMLIMIT nor GOGC")
	}
	for range 3 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond) // the cleanups run
		if got := debug.SetMemoryLimit(-1); got != floor {
			t.Fatalf("after a collection the limit is %d, want the floor %d", got, floor)
		}
		if got := gcPercent(); got != 250 {
			t.Fatalf("after a collection GOGC is %d, want the growth 250", got)
		}
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after restore the limit is %d, want %d as before", got, before)
	}
	if got := gcPercent(); got != percentBefore {
		t.Errorf("after restore GOGC is %d, want %d as before", got, percentBefore)
	}
}

// TestLimitMemoryLifts: once a collection marks more than the lift point
// the runtime has back the limit and GOGC it had, and keeps them.
func TestLimitMemoryLifts(t *testing.T) {
	before, percentBefore := debug.SetMemoryLimit(-1), gcPercent()
	held := make([]byte, 48<<20) // live through the collections below
	for i := range held {
		held[i] = byte(i)
	}
	restore, _ := limitMemory(noTuning, 8<<30, 32<<20, 250)
	defer restore()
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) != before {
		if time.Now().After(deadline) {
			t.Fatalf("the limit is still %d after collections that marked 48 MiB, over the lift point of 32 MiB", debug.SetMemoryLimit(-1))
		}
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	runtime.KeepAlive(held)
	runtime.GC()
	time.Sleep(5 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("a collection after the lift set the limit to %d", got)
	}
	if got := gcPercent(); got != percentBefore {
		t.Errorf("after the lift GOGC is %d, want %d as before", got, percentBefore)
	}
}

// TestLimitMemoryLeavesTheUsersTuning: GOMEMLIMIT or GOGC in the
// environment leaves the runtime's limit and GOGC alone.
func TestLimitMemoryLeavesTheUsersTuning(t *testing.T) {
	before, percentBefore := debug.SetMemoryLimit(-1), gcPercent()
	for _, name := range []string{"GOMEMLIMIT", "GOGC"} {
		_, set := limitMemory(func(k string) string {
			if k == name {
				return "300MiB"
			}
			return ""
		}, memoryFloor, memoryLiftAt, memoryGrowth)
		if set {
			t.Errorf("limitMemory set a limit with %s given", name)
		}
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("with %s given the limit went %d → %d", name, before, got)
		}
		if got := gcPercent(); got != percentBefore {
			t.Errorf("with %s given GOGC went %d → %d", name, percentBefore, got)
		}
	}
}
