// Package parallel runs independent jobs on all CPUs.
package parallel

import (
	"errors"
	"runtime"
	"sync"

	"github.com/galley-pub/galley/export/internal/guard"
)

// Each calls do(state, i) for every i in [0, n), on as many goroutines as
// there are CPUs (and no more than n). Each goroutine makes its own state
// with newState first (a compressor to reuse, say) and takes every
// workers-th job, so the jobs' results, written by index, do not depend on
// the scheduling. A goroutine stops at its first error; Each returns the
// errors joined once all have stopped. A job's panic stops its goroutine
// and is raised again on Each's caller, once all have stopped.
func Each[S any](n int, newState func() (S, error), do func(s S, i int) error) error {
	return EachReleasing(n, newState, do, nil)
}

// EachReleasing is Each, giving each goroutine's state to release (when
// not nil) once the goroutine is done with it, whether its jobs ended
// well or not: a compressor lent for the jobs goes back.
func EachReleasing[S any](n int, newState func() (S, error), do func(s S, i int) error, release func(S)) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	errs := make([]error, workers)
	panics := make([]*guard.Panic, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			defer guard.Catch(&panics[w])
			s, err := newState()
			if err != nil {
				errs[w] = err
				return
			}
			if release != nil {
				defer release(s)
			}
			for i := w; i < n; i += workers {
				if err := do(s, i); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, p := range panics {
		guard.Raise(p)
	}
	return errors.Join(errs...)
}
