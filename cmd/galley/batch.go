package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/galley-pub/galley/export"
	"github.com/galley-pub/galley/export/diag"
)

// outcome is the result of building one input.
type outcome struct {
	input    string
	res      *export.Result
	err      error // nil, a *diag.Errors (already in the diagnostics) or another failure
	duration time.Duration
}

// diagnostics returns the outcome's diagnostics without exact duplicates
// (the PDF and the EPUB can report the same problem).
func (o outcome) diagnostics() []diag.Diagnostic {
	if o.res == nil {
		return nil
	}
	seen := map[diag.Diagnostic]bool{}
	var out []diag.Diagnostic
	for _, d := range o.res.Diagnostics {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// counts returns the number of warnings and errors, a failure that is not
// a diagnostic counting as an error.
func (o outcome) counts() (warnings, errs int) {
	for _, d := range o.diagnostics() {
		if d.Severity == diag.Error {
			errs++
		} else {
			warnings++
		}
	}
	var de *diag.Errors
	if o.err != nil && !errors.As(o.err, &de) {
		errs++
	}
	return warnings, errs
}

// buildAll builds every input with at most jobs builds at once and calls
// done, from the calling goroutine, as each finishes. It returns the
// outcomes in the order of inputs. Once ctx is cancelled, the inputs not yet
// begun are not built: their outcome's error is the context's, and done is
// not called for them nor for a build the cancellation stopped.
func buildAll(ctx context.Context, b *export.Builder, inputs []string, optsFor func(input string) export.Options, jobs int, done func(outcome)) []outcome {
	out := make([]outcome, len(inputs))
	work := make(chan int)
	finished := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if err := ctx.Err(); err != nil {
					out[i] = outcome{input: inputs[i], err: err}
					finished <- i
					continue
				}
				start := time.Now()
				res, err := b.BuildContext(ctx, inputs[i], optsFor(inputs[i]))
				out[i] = outcome{input: inputs[i], res: res, err: err, duration: time.Since(start)}
				finished <- i
			}
		}()
	}
	go func() {
		for i := range inputs {
			work <- i
		}
		close(work)
		wg.Wait()
		close(finished)
	}()
	for i := range finished {
		if done != nil && !errors.Is(out[i].err, context.Canceled) {
			done(out[i])
		}
	}
	return out
}
