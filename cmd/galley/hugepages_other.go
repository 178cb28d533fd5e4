//go:build !linux

package main

// adviseHugePages does nothing where transparent huge pages are not
// Linux's (hugepages_linux.go): it advises no bytes.
func adviseHugePages(getenv func(string) string, enabled, overcommit string, size int) int {
	return 0
}

// Linux's switches for transparent huge pages and for counting mapped
// memory; elsewhere there are none to read.
const (
	thpEnabledFile = ""
	overcommitFile = ""
)
