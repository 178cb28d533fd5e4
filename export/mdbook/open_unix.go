//go:build unix

package mdbook

import (
	"io"
	"os"
	"syscall"
)

// openInRoot opens the regular file name under root, walking the path
// once, and returns it and its size. It opens without blocking
// (O_NONBLOCK), so that a named pipe is seen for what it is instead of
// waiting for a writer; it refuses what is not a regular file (on which
// the flag has no effect) with errNotRegular.
func openInRoot(root *os.Root, name string) (io.ReadCloser, int64, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = errNotRegular
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}
