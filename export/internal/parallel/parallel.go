// Package parallel runs independent jobs on all CPUs.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/galley-pub/galley/export/internal/guard"
)

// Each calls do(state, i) for every i in [0, n), on as many goroutines as
// there are CPUs (and no more than n). Each goroutine takes the next job
// no goroutine has taken, so that a long job does not leave a core idle
// while another goroutine works through the jobs striding would have
// given it (the Rust book's highlighting ended on one core for 30 ms); it
// makes its own state with newState before its first job (a compressor to
// reuse, say). The jobs' results, written by index, do not depend on the
// scheduling. Once a job fails (an error, or a panic), no goroutine takes
// another; Each returns, once all have stopped, the failure of the first
// job by index that failed, which is the same whatever the scheduling (a
// job before it was taken before it, and ran), and raises it again on its
// caller when it is a panic. A state newState failed to make is that
// goroutine's failure, before any job's.
func Each[S any](n int, newState func() (S, error), do func(s S, i int) error) error {
	return EachReleasing(n, newState, do, nil)
}

// EachReleasing is Each, giving each goroutine's state to release (when
// not nil) once the goroutine is done with it, whether its jobs ended
// well or not: a compressor lent for the jobs goes back.
func EachReleasing[S any](n int, newState func() (S, error), do func(s S, i int) error, release func(S)) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	fails := make([]failure, workers) // each goroutine's first
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			f := &fails[w]
			var s S
			made := false
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					break
				}
				if !made {
					var err error
					if s, err = newState(); err != nil {
						*f = failure{job: -1, err: err}
						failed.Store(true)
						return
					}
					made = true
					if release != nil {
						defer release(s)
					}
				}
				if f.job, f.err, f.panic = i, nil, nil; !run(do, s, i, f) {
					failed.Store(true)
					return
				}
			}
			*f = failure{}
		})
	}
	wg.Wait()
	first := failure{job: n}
	for _, f := range fails {
		if (f.err != nil || f.panic != nil) && f.job < first.job {
			first = f
		}
	}
	guard.Raise(first.panic)
	return first.err
}

// failure is a job's error or panic, and the job's index (-1: making
// a goroutine's state).
type failure struct {
	job   int
	err   error
	panic *guard.Panic
}

// run runs job i, its failure recorded in f; it reports whether it went
// well.
func run[S any](do func(s S, i int) error, s S, i int, f *failure) bool {
	defer guard.Catch(&f.panic)
	f.err = do(s, i)
	return f.err == nil
}
