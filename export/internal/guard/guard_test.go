package guard

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// TestPanicCarriedToTheWaiter: a panic on a goroutine is caught there,
// raised again on the goroutine that waited for it and becomes the error
// of the function that recovers it, with the stack of where it happened.
func TestPanicCarriedToTheWaiter(t *testing.T) {
	work := func() (err error) {
		defer Error(&err)
		var p *Panic
		var wg sync.WaitGroup
		wg.Go(func() {
			defer Catch(&p)
			var m map[string]int
			m["x"] = 1 // a nil map: a runtime panic
		})
		wg.Wait()
		Raise(p)
		return nil
	}
	err := work()
	var p *Panic
	if !errors.As(err, &p) {
		t.Fatalf("error %v (%T), want a *Panic", err, err)
	}
	if !strings.Contains(err.Error(), "internal error: assignment to entry in nil map") {
		t.Errorf("error %q", err)
	}
	if !strings.Contains(string(p.Stack), "guard.TestPanicCarriedToTheWaiter") {
		t.Errorf("the stack is not the goroutine's that panicked:\n%s", p.Stack)
	}
}

// TestNoPanic: nothing caught, nothing raised, the error left alone.
func TestNoPanic(t *testing.T) {
	var p *Panic
	func() { defer Catch(&p) }()
	Raise(p)
	err := errors.New("kept")
	func() { defer Error(&err) }()
	if p != nil || err.Error() != "kept" {
		t.Errorf("caught %v, error %v", p, err)
	}
}

// TestGo: the waiter gives f's result and error, and a panic in f as its
// error, with the stack of where it happened.
func TestGo(t *testing.T) {
	if v, err := Go(func() (int, error) { return 7, nil })(); v != 7 || err != nil {
		t.Errorf("got %d, %v; want 7, nil", v, err)
	}
	want := errors.New("failed")
	if _, err := Go(func() (int, error) { return 0, want })(); err != want {
		t.Errorf("error %v, want %v", err, want)
	}
	_, err := Go(func() (int, error) {
		var m map[string]int
		m["x"] = 1 // a nil map: a runtime panic
		return 1, nil
	})()
	var p *Panic
	if !errors.As(err, &p) || !strings.Contains(string(p.Stack), "guard.TestGo") {
		t.Errorf("error %v (%T), want a *Panic with TestGo's stack", err, err)
	}
}
