// Package guard carries a panic from the goroutine it happened on to the
// goroutine that waits for that one, and turns it into an error where a
// build ends: a bug, or a font that a library reading it panics on, fails
// one build with a message instead of taking the program, and a batch's
// other builds, down with it. A panic on a goroutine no one recovers ends
// the process, however many recovers its caller has.
package guard

import (
	"fmt"
	"runtime/debug"
)

// Panic is a panic caught on a goroutine: its value, and the stack it was
// raised on.
type Panic struct {
	Value any
	Stack []byte
}

// Error is the panic's value, as an internal error.
func (p *Panic) Error() string { return fmt.Sprintf("internal error: %v", p.Value) }

// Catch, deferred on a goroutine, keeps the goroutine's panic in *into
// for the goroutine that waits for it to Raise.
func Catch(into **Panic) {
	if v := recover(); v != nil {
		*into = caught(v)
	}
}

// Raise panics again with p, when there is one: on the goroutine that
// waited for the one p was caught on.
func Raise(p *Panic) {
	if p != nil {
		panic(p)
	}
}

// Error, deferred in a function that returns an error, turns a panic
// into that error (a *Panic).
func Error(err *error) {
	if v := recover(); v != nil {
		*err = caught(v)
	}
}

// caught is v as a *Panic: as it is when it was raised again, else with
// the stack it was raised on.
func caught(v any) *Panic {
	if p, ok := v.(*Panic); ok {
		return p
	}
	return &Panic{Value: v, Stack: debug.Stack()}
}

// Go runs f on a goroutine of its own and returns the function that
// waits for it and gives its result; a panic in f is that function's
// error (a *Panic), not the end of the process.
func Go[T any](f func() (T, error)) (wait func() (T, error)) {
	var (
		v   T
		err error
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer Error(&err)
		v, err = f()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}
