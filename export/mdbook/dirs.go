package mdbook

import (
	"errors"
	"os"
)

// errNotRegular refuses what is not a regular file (a pipe, a device, a
// directory): reading some blocks.
var errNotRegular = errors.New("not a regular file")

// dirHandles are the directories of the roots an expansion reads its
// includes from, each opened once, when first read through (openRegular
// opens a file beneath one in one system call where it can). A nil
// *dirHandles opens none.
type dirHandles struct {
	open map[*os.Root]*os.File // nil: the root's directory could not be opened
}

// of returns root's directory, opened the first time; nil when it cannot
// be opened (the file is then opened through root alone).
func (d *dirHandles) of(root *os.Root) *os.File {
	if d == nil {
		return nil
	}
	if f, ok := d.open[root]; ok {
		return f
	}
	if d.open == nil {
		d.open = map[*os.Root]*os.File{}
	}
	f, err := root.Open(".")
	if err != nil {
		f = nil
	}
	d.open[root] = f
	return f
}

// close closes the directories opened.
func (d *dirHandles) close() {
	for _, f := range d.open {
		if f != nil {
			f.Close()
		}
	}
	d.open = nil
}
