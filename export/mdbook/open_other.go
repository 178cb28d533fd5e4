//go:build !unix

package mdbook

import (
	"errors"
	"io/fs"
	"os"
)

// openRegular opens name under root and returns what it is. What is not
// a regular file is refused without being opened: opening some blocks.
func openRegular(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
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
