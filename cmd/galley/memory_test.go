package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// noTuning is an environment without GOMEMLIMIT or GOGC.
func noTuning(string) string { return "" }

// TestLimitMemoryKeepsTheFloor: the limit is the floor while the
// collections mark less than the lift point, and is given back as it was.
func TestLimitMemoryKeepsTheFloor(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	const floor = 8 << 30 // far above the test's heap: it never binds
	restore, set := limitMemory(noTuning, floor, 4<<30)
	if !set {
		t.Fatal("limitMemory set no limit with neither GOMEMLIMIT nor GOGC")
	}
	for range 3 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond) // the cleanups run
		if got := debug.SetMemoryLimit(-1); got != floor {
			t.Fatalf("after a collection the limit is %d, want the floor %d", got, floor)
		}
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after restore the limit is %d, want %d as before", got, before)
	}
}

// TestLimitMemoryLifts: once a collection marks more than the lift point
// the runtime has back the limit it had, and keeps it.
func TestLimitMemoryLifts(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	held := make([]byte, 48<<20) // live through the collections below
	for i := range held {
		held[i] = byte(i)
	}
	restore, _ := limitMemory(noTuning, 8<<30, 32<<20)
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
}

// TestLimitMemoryLeavesTheUsersTuning: GOMEMLIMIT or GOGC in the
// environment leaves the runtime's limit alone.
func TestLimitMemoryLeavesTheUsersTuning(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	for _, name := range []string{"GOMEMLIMIT", "GOGC"} {
		_, set := limitMemory(func(k string) string {
			if k == name {
				return "300MiB"
			}
			return ""
		}, memoryFloor, memoryLiftAt)
		if set {
			t.Errorf("limitMemory set a limit with %s given", name)
		}
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("with %s given the limit went %d → %d", name, before, got)
		}
	}
}
