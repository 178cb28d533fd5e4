//go:build !unix

package mdbook

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// openRegular opens name under root and returns what it is. What is not
// a regular file is refused without being opened: opening some blocks.
// dirs is not used here.
func openRegular(_ *dirHandles, root *os.Root, name string) (io.ReadCloser, fs.FileInfo, error) {
	st, err := root.Stat(name)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, errors.New("not a regular file")
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, st, nil
}
