package layout

import "sync"

// busyCount counts the layout's goroutines at work (Options.Busy): its
// own, each part's while the part is set, and the back matter's. A nil
// count counts nothing.
type busyCount struct {
	mu   sync.Mutex
	n    int
	tell func(goroutines int)
}

// newBusyCount returns a count that tells tell of each change, or nil
// when tell is nil.
func newBusyCount(tell func(goroutines int)) *busyCount {
	if tell == nil {
		return nil
	}
	return &busyCount{tell: tell}
}

// add adds d goroutines at work and tells the new count, changes told in
// the order made.
func (b *busyCount) add(d int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n += d
	b.tell(b.n)
}
