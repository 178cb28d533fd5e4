//go:build !race

// Package racebuild says whether the program was built with the race
// detector, for the tests whose expectations it changes.
package racebuild

// Enabled says the program was built with the race detector (go test
// -race), under which a sync.Pool drops a share of what it is given on
// purpose and everything runs several times slower (regexp match
// timeouts fire).
const Enabled = false
