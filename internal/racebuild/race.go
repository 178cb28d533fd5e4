//go:build race

package racebuild

// Enabled says the program was built with the race detector (go test
// -race), under which a sync.Pool drops a share of what it is given on
// purpose and everything runs several times slower (regexp match
// timeouts fire).
const Enabled = true
