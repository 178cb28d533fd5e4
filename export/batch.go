package export

import (
	"runtime"
	"sync"
)

// BuildAll builds several inputs, up to workers at a time (GOMAXPROCS when
// workers < 1), so that a batch keeps every core busy: one build alone has
// only its PDF and EPUB renderers to run in parallel, and the PDF's layout
// is sequential. optionsFor gives each input's options. Results and errors
// come back in the order of inputs; one failed input does not stop the
// others.
func (b *Builder) BuildAll(inputs []string, optionsFor func(input string) Options, workers int) ([]*Result, []error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]*Result, len(inputs))
	errs := make([]error, len(inputs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = b.Build(inputs[i], optionsFor(inputs[i]))
			}
		}()
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, errs
}
