//go:build race

package passes

// raceEnabled says the tests run with the race detector, whose slowness
// lets regexp match timeouts fire.
const raceEnabled = true
