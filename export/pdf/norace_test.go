//go:build !race

package pdf

// raceEnabled says the tests run with the race detector, under which a
// sync.Pool drops a share of what it is given on purpose.
const raceEnabled = false
