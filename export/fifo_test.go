//go:build unix

package export

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestNamedPipeImage: opening a named pipe blocks until a writer comes,
// so an image that is one is refused without being opened.
func TestNamedPipeImage(t *testing.T) {
	t.Parallel()
	dir, _ := project(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "images/fifo.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := buildSource(t, dir, "# Doc\n\n![pipe](images/fifo.png)\n")
	requireRefused(t, dir, res, err, filepath.Join(dir, "doc.md")+":3:1", "not a regular file")
}
