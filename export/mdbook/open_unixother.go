//go:build unix && !linux

package mdbook

import (
	"io"
	"io/fs"
	"os"
)

// openRegular opens name under root (openInRoot); dirs is not used here.
func openRegular(_ *dirHandles, root *os.Root, name string) (io.ReadCloser, fs.FileInfo, error) {
	return openInRoot(root, name)
}
