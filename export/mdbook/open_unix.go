//go:build unix

package mdbook

import (
	"io/fs"
	"os"
	"syscall"
)

// openRegular opens name under root and returns what it is, walking the
// path once. It opens without blocking (O_NONBLOCK), so that a named pipe
// is seen for what it is instead of waiting for a writer; the caller
// refuses what is not a regular file, on which the flag has no effect.
func openRegular(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}
