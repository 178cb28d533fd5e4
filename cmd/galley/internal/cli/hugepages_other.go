//go:build !linux

package cli

// adviseHugePages does nothing where transparent huge pages are not
// Linux's (hugepages_linux.go): it advises nothing.
func adviseHugePages(getenv func(string) string, enabled, overcommit string, size int) hugeAdvice {
	return hugeAdvice{}
}

// hugeAdvice is what adviseHugePages advised: elsewhere than Linux,
// nothing.
type hugeAdvice struct{ blocks int }

// Linux's switches for transparent huge pages and for counting mapped
// memory; elsewhere there are none to read.
const (
	thpEnabledFile = ""
	overcommitFile = ""
)
