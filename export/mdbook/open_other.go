//go:build !unix

package mdbook

import (
	"io"
	"os"
)

// openRegular opens the regular file name under root and returns it and
// its size. What is not a regular file is refused (errNotRegular) without
// being opened: opening some blocks. dirs is not used here.
func openRegular(_ *dirHandles, root *os.Root, name string) (io.ReadCloser, int64, error) {
	st, err := root.Stat(name)
	if err != nil {
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		return nil, 0, errNotRegular
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, 0, err
	}
	return f, st.Size(), nil
}
