// Package notimage says what a file given as an image is when it is not
// one, for both renderers' warnings: a web page saved under an image's
// name (a GitHub "blob" page fetched instead of the raw file) is the
// common case, and "unknown format" does not tell its author why.
package notimage

import (
	"bytes"
	"unicode/utf8"
)

// Describe returns what data is, as a phrase for a warning ("an HTML
// page", "a Git LFS pointer (git lfs pull fetches the file)", "a text
// file", "an empty file"), or "" when it cannot tell.
func Describe(data []byte) string {
	head := data[:min(len(data), 512)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	lower := bytes.ToLower(head)
	switch {
	case len(data) == 0:
		return "an empty file"
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return "an HTML page"
	case bytes.HasPrefix(head, []byte("version https://git-lfs.github.com/spec/")):
		return "a Git LFS pointer (git lfs pull fetches the file)"
	case bytes.IndexByte(head, 0) < 0 && utf8.Valid(trimPartialRune(head)):
		return "a text file"
	}
	return ""
}

// trimPartialRune drops a UTF-8 sequence cut off at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax-1 && len(b) > 0; i++ {
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}
