//go:build !unix

package fonts

import "os"

// mapFile reads the size bytes of f: where files cannot be mapped into
// memory, the font program is read into the heap.
func mapFile(f *os.File, size int64) (data []byte, unmap func() error, err error) {
	return readMapped(f, size)
}
