package parallel

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/internal/guard"
)

func TestEachRunsEveryJobOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100} {
		done := make([]int32, n)
		var states atomic.Int32
		err := Each(n, func() (*int, error) { states.Add(1); return new(int), nil }, func(s *int, i int) error {
			*s++
			atomic.AddInt32(&done[i], 1)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range done {
			if d != 1 {
				t.Errorf("n=%d: job %d ran %d times", n, i, d)
			}
		}
		if n > 0 && (states.Load() < 1 || int(states.Load()) > n) {
			t.Errorf("n=%d: %d states", n, states.Load())
		}
	}
}

func TestEachReturnsErrors(t *testing.T) {
	bad := errors.New("job 5")
	err := Each(20, func() (int, error) { return 0, nil }, func(_ int, i int) error {
		if i == 5 {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) {
		t.Errorf("err = %v, want job 5's", err)
	}
	noState := errors.New("no state")
	err = Each(3, func() (int, error) { return 0, noState }, func(int, int) error { return nil })
	if !errors.Is(err, noState) {
		t.Errorf("err = %v, want the state's", err)
	}
}

// TestEachRaisesAPanicOnItsCaller: a job's panic reaches Each's caller,
// where it can be recovered, once the other jobs have stopped; it does
// not end the program from a goroutine no one can recover.
func TestEachRaisesAPanicOnItsCaller(t *testing.T) {
	var done atomic.Int32
	err := func() (err error) {
		defer guard.Error(&err)
		return Each(20, func() (int, error) { return 0, nil }, func(_ int, i int) error {
			if i == 7 {
				panic("job 7")
			}
			done.Add(1)
			return nil
		})
	}()
	if err == nil || err.Error() != "internal error: job 7" {
		t.Errorf("err = %v, want job 7's panic", err)
	}
	if done.Load() == 0 {
		t.Error("no other job ran")
	}
}

// TestEachReleasingReleasesEveryState: every state made is given to
// release once, after its goroutine's last job, whether the jobs end
// well, with an error or with a panic.
func TestEachReleasingReleasesEveryState(t *testing.T) {
	for _, ending := range []string{"well", "error", "panic"} {
		var made, released, after atomic.Int32
		func() {
			defer func() { recover() }() // the panic is raised on the caller
			EachReleasing(20, func() (*int, error) { made.Add(1); return new(int), nil }, func(s *int, i int) error {
				*s++
				switch {
				case ending == "error" && i == 3:
					return errors.New("job 3")
				case ending == "panic" && i == 3:
					panic("job 3")
				}
				return nil
			}, func(s *int) {
				released.Add(1)
				if *s > 0 {
					after.Add(1)
				}
			})
		}()
		if made.Load() == 0 || released.Load() != made.Load() || after.Load() != made.Load() {
			t.Errorf("%s: %d states made, %d released, %d after their jobs", ending, made.Load(), released.Load(), after.Load())
		}
	}
}

// TestEachTakesTheNextJob: while one goroutine is held by a long job, the
// others take every job left (striding would have kept some for it).
func TestEachTakesTheNextJob(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one CPU: one goroutine")
	}
	const n = 20
	var rest atomic.Int32
	allDone := make(chan struct{})
	err := Each(n, func() (int, error) { return 0, nil }, func(_ int, i int) error {
		if i == 0 {
			select {
			case <-allDone:
				return nil
			case <-time.After(10 * time.Second):
				return errors.New("the other jobs were left for the goroutine held by job 0")
			}
		}
		if rest.Add(1) == n-1 {
			close(allDone)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEachReturnsTheFirstFailure: of several failing jobs, the first by
// index is reported, whichever fails first in time, an error before a
// panic after it.
func TestEachReturnsTheFirstFailure(t *testing.T) {
	for range 20 {
		err := Each(30, func() (int, error) { return 0, nil }, func(_ int, i int) error {
			switch i {
			case 4:
				time.Sleep(2 * time.Millisecond) // fails last in time
				return errors.New("job 4")
			case 9:
				panic("job 9")
			case 13:
				return errors.New("job 13")
			}
			return nil
		})
		if err == nil || err.Error() != "job 4" {
			t.Fatalf("err = %v, want job 4's", err)
		}
	}
}

// TestStartFinishTakesJobs: Start leaves a core to its caller, and finish
// takes the jobs left on its caller's goroutine. Here the one goroutine
// of two cores is held by the first job it takes until every other job
// is done: only finish can do them (waiting alone, it would wait
// forever).
func TestStartFinishTakesJobs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	const n = 20
	var started, done atomic.Int32
	release := make(chan struct{})
	ran := make([]int32, n)
	finish := Start(n, func(i int) error {
		atomic.AddInt32(&ran[i], 1)
		if started.Add(1) == 1 {
			<-release
			return nil
		}
		if done.Add(1) == n-1 {
			close(release)
		}
		return nil
	})
	for started.Load() == 0 {
		time.Sleep(time.Millisecond) // the goroutine holds its first job
	}
	finished := make(chan error, 1)
	go func() { finished <- finish() }()
	select {
	case err := <-finished:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("finish did not take the jobs left: it waited for the goroutine, which waits for them")
	}
	for i, r := range ran {
		if r != 1 {
			t.Errorf("job %d ran %d times", i, r)
		}
	}
}

// TestStartRaisesOnFinish: a job's error and panic are finish's, the
// first job's by index.
func TestStartRaisesOnFinish(t *testing.T) {
	bad := errors.New("job 3")
	if err := Start(10, func(i int) error {
		if i == 3 || i == 7 {
			return bad
		}
		return nil
	})(); !errors.Is(err, bad) {
		t.Errorf("err = %v, want job 3's", err)
	}
	err := func() (err error) {
		defer guard.Error(&err)
		return Start(5, func(i int) error {
			if i == 2 {
				panic("job 2")
			}
			return nil
		})()
	}()
	if err == nil || !strings.Contains(err.Error(), "job 2") {
		t.Errorf("err = %v, want job 2's panic", err)
	}
	if err := Start(0, func(int) error { return bad })(); err != nil {
		t.Errorf("no jobs: err = %v", err)
	}
}
