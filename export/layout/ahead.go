package layout

import (
	"sync"

	"github.com/galley-pub/galley/export/internal/guard"
)

// ahead sets jobs of a layout (the parts of a long document, chunks of
// its further reading) on goroutines of their own, in order, no more
// than window jobs beyond the one the flow has taken, while the flow
// takes their results one by one (take) and joins them to what it set.
// Each goroutine sets its jobs with an engine forked from the flow's
// (engine.fork): the same options, paper and fonts, its measuring caches
// its own and warm from the jobs it set before, each job's warnings and
// images apart (engine.forPart), to be merged by the flow as it takes
// them. A forked engine sets what the flow's would have, byte for byte.
type ahead[T any] struct {
	out     []T
	engines []*engine       // the engine that set each job
	panics  []*guard.Panic  // each job's
	done    []chan struct{} // closed once job i is set
	tickets chan struct{}   // one held by each job begun and not yet taken
	stop    chan struct{}   // closed when no more jobs are wanted
	stopped sync.Once
	wg      sync.WaitGroup
}

// startAhead starts n jobs, set by job on min(window, n) goroutines,
// window at most beyond the one taken (0: all at once).
func startAhead[T any](e *engine, n, window int, job func(pe *engine, i int) T) *ahead[T] {
	if window <= 0 {
		window = n
	}
	a := &ahead[T]{out: make([]T, n), engines: make([]*engine, n), panics: make([]*guard.Panic, n),
		done: make([]chan struct{}, n), tickets: make(chan struct{}, window), stop: make(chan struct{})}
	for i := range a.done {
		a.done[i] = make(chan struct{})
	}
	queue := make(chan int)
	a.wg.Go(func() {
		defer close(queue)
		for i := range n {
			select {
			case a.tickets <- struct{}{}:
			case <-a.stop:
				return
			}
			select {
			case queue <- i:
			case <-a.stop:
				return
			}
		}
	})
	for range min(window, n) {
		a.wg.Go(func() {
			var we *engine // this goroutine's, its caches warm from the jobs before
			for i := range queue {
				func() {
					e.busy.add(1)
					defer close(a.done[i])
					defer e.busy.add(-1)
					defer guard.Catch(&a.panics[i])
					if we == nil {
						we = e.fork()
					}
					pe := we.forPart()
					a.engines[i] = pe
					a.out[i] = job(pe, i)
				}()
			}
		})
	}
	return a
}

// take waits for job i to be set and returns what it made and the engine
// that set it (its warnings and images to merge), raising a panic of the
// job's here; the job's place in the window goes to the next. Jobs are
// taken in order, each once.
func (a *ahead[T]) take(i int) (T, *engine) {
	<-a.done[i]
	guard.Raise(a.panics[i])
	out, pe := a.out[i], a.engines[i]
	var none T
	a.out[i], a.engines[i] = none, nil // the flow's now
	<-a.tickets
	return out, pe
}

// close stops the jobs not yet begun and waits for those running: once
// all are taken, or when the layout ends early (a panic, a cancellation).
func (a *ahead[T]) close() {
	a.stopped.Do(func() { close(a.stop) })
	a.wg.Wait()
}

// closeRaising is close, raising then the panic of the first job by
// index that panicked, of those that ran: the results are not wanted.
func (a *ahead[T]) closeRaising() {
	a.close()
	for _, p := range a.panics {
		guard.Raise(p)
	}
}
