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
	j := newJobs(n, min(runtime.GOMAXPROCS(0), n), newState, do, release)
	for w := range j.fails {
		j.wg.Go(func() { j.work(w) })
	}
	return j.wait()
}

// Start calls do(i) for every i in [0, n) as Each does, in the
// background: on one goroutine fewer than there are CPUs (at least one),
// a core left to its caller, which goes on with work of its own
// meanwhile (the passes, while the code is highlighted). The returned
// finish takes the jobs no goroutine has taken yet on its caller's
// goroutine, so that no core waits while jobs remain, then waits for the
// goroutines and returns as Each does.
func Start(n int, do func(i int) error) (finish func() error) {
	background := min(max(runtime.GOMAXPROCS(0)-1, 1), n)
	j := newJobs(n, background+1, func() (struct{}, error) { return struct{}{}, nil },
		func(_ struct{}, i int) error { return do(i) }, nil)
	for w := range background {
		j.wg.Go(func() { j.work(w) })
	}
	return func() error {
		j.work(background) // the caller's share
		return j.wait()
	}
}

// jobs are n jobs taken, next first, by workers, each its own state.
type jobs[S any] struct {
	n        int
	newState func() (S, error)
	do       func(s S, i int) error
	release  func(S)
	fails    []failure // each worker's first
	next     atomic.Int64
	failed   atomic.Bool
	wg       sync.WaitGroup
}

func newJobs[S any](n, workers int, newState func() (S, error), do func(s S, i int) error, release func(S)) *jobs[S] {
	return &jobs[S]{n: n, newState: newState, do: do, release: release, fails: make([]failure, max(workers, 0))}
}

// work is worker w's loop: it takes the next job no worker has taken
// until none is left or one has failed, making its state before its
// first job.
func (j *jobs[S]) work(w int) {
	f := &j.fails[w]
	var s S
	made := false
	for !j.failed.Load() {
		i := int(j.next.Add(1) - 1)
		if i >= j.n {
			break
		}
		if !made {
			var err error
			if s, err = j.newState(); err != nil {
				*f = failure{job: -1, err: err}
				j.failed.Store(true)
				return
			}
			made = true
			if j.release != nil {
				defer j.release(s)
			}
		}
		if f.job, f.err, f.panic = i, nil, nil; !run(j.do, s, i, f) {
			j.failed.Store(true)
			return
		}
	}
	*f = failure{}
}

// wait waits for the workers and returns the failure of the first job
// by index that failed, raising it again when it is a panic.
func (j *jobs[S]) wait() error {
	j.wg.Wait()
	first := failure{job: j.n}
	for _, f := range j.fails {
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
