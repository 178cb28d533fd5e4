//go:build unix

package mdbook

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// openInRoot opens name under root and returns what it is, walking the
// path once. It opens without blocking (O_NONBLOCK), so that a named pipe
// is seen for what it is instead of waiting for a writer; the caller
// refuses what is not a regular file, on which the flag has no effect.
func openInRoot(root *os.Root, name string) (io.ReadCloser, fs.FileInfo, error) {
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
