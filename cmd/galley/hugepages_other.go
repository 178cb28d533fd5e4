//go:build !linux

package main

// adviseHugePages does nothing where transparent huge pages are not
// Linux's (hugepages_linux.go): it reports that it advised none.
func adviseHugePages(getenv func(string) string, enabled, overcommit string, size int) bool {
	return false
}

// Linux's switches for transparent huge pages and for counting mapped
// memory; elsewhere there are none to read.
const (
	thpEnabledFile = ""
	overcommitFile = ""
)
