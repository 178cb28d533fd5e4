package cli

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The Go runtime collects garbage when the heap has grown to twice what
// its last collection marked (GOGC=100). A long book's collections mark
// what its layout holds plus what the layout made while they ran, so the
// heap doubled that: the 13 MB bench book reached 502 MB of heap and
// 556 MiB resident, for about 185 MB that a forced collection finds.
//
// galley therefore gives the runtime a soft memory limit, memoryFloor,
// under which it collects sooner once the heap nears it. Under that limit
// it lets the heap grow to three times what a collection marked
// (GOGC=200, memoryGrowth), not two: a small build is collected half as
// often, and a long one is held by the limit all the same. A book whose
// collections mark more than memoryLiftAt would be collected almost
// without pause under it (at the limit the runtime spends up to half the
// CPU collecting), so the limit is lifted for good once a collection
// marks that much, and the growth given back to the default: such a book
// is collected at the default pace. A GOMEMLIMIT or GOGC of the user's
// own is left as it is.
const (
	// memoryFloor is the limit: the 13 MB bench book, whose collections
	// mark up to 260 MB, ran in 456–471 MiB resident (file pages included)
	// for 2 to 4% more CPU (18 collections, not 16); at 420 MiB, 8% more.
	memoryFloor = 440 << 20
	// memoryLiftAt is the marked heap at which the limit is lifted: the
	// 26 MB bench book's reached 305 MB while it was read, and under the
	// limit that book took 20% longer (its collections took 18% of the
	// CPU, not 9%).
	memoryLiftAt = 280 << 20
	// memoryGrowth is the GOGC under the limit: the Rust book (159 MB
	// resident at GOGC=100) took 6% less CPU and 4% less time at 200 and
	// peaked at 175 MB; the class set 5% less time, 63 → 75 MB; the 13 MB
	// book, held by the limit, the same time and memory.
	memoryGrowth = 200
)

// memoryBudget keeps the runtime's memory limit at its floor, and its
// GOGC at growth, until a collection marks more than liftAt, then gives
// the runtime back the limit and the GOGC it had.
type memoryBudget struct {
	floor, liftAt int64
	before        int64 // the limit the runtime had
	percentBefore int   // the GOGC the runtime had
	live          []metrics.Sample
	mu            sync.Mutex
	done          bool // lifted, or restored: no more updates
}

// limitMemory sets the soft memory limit floor and the GOGC growth, both
// to be lifted once a collection marks more than liftAt bytes of heap,
// unless getenv gives GOMEMLIMIT or GOGC (the user's tuning). It returns
// a function that gives the runtime back the limit and GOGC it had (at
// once, if not lifted yet), and whether it set them.
func limitMemory(getenv func(string) string, floor, liftAt int64, growth int) (restore func(), set bool) {
	if getenv("GOMEMLIMIT") != "" || getenv("GOGC") != "" {
		return func() {}, false
	}
	b := &memoryBudget{floor: floor, liftAt: liftAt, before: debug.SetMemoryLimit(floor),
		percentBefore: debug.SetGCPercent(growth), live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	b.watch()
	return b.lift, true
}

// lift gives the runtime back the limit and GOGC it had, once.
func (b *memoryBudget) lift() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.done {
		b.done = true
		debug.SetMemoryLimit(b.before)
		debug.SetGCPercent(b.percentBefore)
	}
}

// collected is called after a collection: it lifts the limit when the
// collection marked more than liftAt, and reports whether to watch the
// next one.
func (b *memoryBudget) collected() bool {
	b.mu.Lock()
	done := b.done
	b.mu.Unlock()
	if done {
		return false
	}
	metrics.Read(b.live)
	if v := b.live[0].Value; v.Kind() == metrics.KindUint64 && v.Uint64() > uint64(b.liftAt) {
		b.lift()
		return false
	}
	return true
}

// gcMark is an object made only to be collected: its cleanup tells the
// budget that a collection has run. It is larger than the runtime's tiny
// objects, whose cleanups may wait for their neighbours'.
type gcMark [64]byte

// watch has collected called after the next collection, and watches
// again while it asks to.
func (b *memoryBudget) watch() {
	runtime.AddCleanup(new(gcMark), func(b *memoryBudget) {
		if b.collected() {
			b.watch()
		}
	}, b)
}
