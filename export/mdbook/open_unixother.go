//go:build unix && !linux

package mdbook

import (
	"io"
	"os"
)

// openRegular opens the regular file name under root (openInRoot); dirs
// is not used here.
func openRegular(_ *dirHandles, root *os.Root, name string) (io.ReadCloser, int64, error) {
	return openInRoot(root, name)
}
