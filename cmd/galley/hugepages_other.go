//go:build !linux

package main

// adviseHugePages does nothing where transparent huge pages are not
// Linux's (hugepages_linux.go): it reports that it advised none.
func adviseHugePages(getenv func(string) string, enabled string, size int) bool { return false }

// thpEnabledFile is Linux's switch for transparent huge pages; elsewhere
// there is none to read.
const thpEnabledFile = ""
