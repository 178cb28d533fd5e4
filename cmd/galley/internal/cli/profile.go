package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the whole command to the file named
// by GALLEY_CPUPROFILE, when set, for `go tool pprof`: the way to see where
// a real build (a fresh process, its heap growing from nothing) spends its
// time, which the Go benchmarks, warm and repeated, hide. The returned stop
// function ends the profile.
func startProfile(stderr io.Writer) (stop func()) {
	name := os.Getenv("GALLEY_CPUPROFILE")
	if name == "" {
		return func() {}
	}
	f, err := os.Create(name)
	if err != nil {
		fmt.Fprintf(stderr, "galley: GALLEY_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(stderr, "galley: GALLEY_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "galley: GALLEY_CPUPROFILE: %v\n", err)
		}
	}
}
