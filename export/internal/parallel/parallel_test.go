package parallel

import (
	"errors"
	"sync/atomic"
	"testing"
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
