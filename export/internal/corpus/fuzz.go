package corpus

import "flag"

// fuzzStride is how many seeds FuzzSeeds keeps one of while fuzzing.
const fuzzStride = 8

// FuzzSeeds returns the seeds a fuzz target should add. In a plain test
// run it returns all of them: each seed is a test case. When the test
// binary is fuzzing (-test.fuzz is set) it keeps every fuzzStride-th seed,
// because the fuzzer runs every seed as its coverage baseline before it
// mutates anything, and a smoke run of a few seconds must get past that
// baseline (Go fails the target with "context deadline exceeded"
// otherwise).
func FuzzSeeds(seeds [][]byte) [][]byte {
	f := flag.Lookup("test.fuzz")
	if f == nil || f.Value.String() == "" {
		return seeds
	}
	var kept [][]byte
	for i := 0; i < len(seeds); i += fuzzStride {
		kept = append(kept, seeds[i])
	}
	return kept
}
