// Package splitmix is SplitMix64, a tiny deterministic generator: the same
// state gives the same numbers forever, on every platform. The generated
// covers and the benchmark books draw from it.
package splitmix

// Source is a SplitMix64 generator; its zero value is ready, seeded 0.
type Source struct {
	State uint64
}

// Next returns the next number of the sequence.
func (s *Source) Next() uint64 {
	s.State += 0x9e3779b97f4a7c15
	z := s.State
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
