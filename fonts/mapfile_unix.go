//go:build unix

package fonts

import (
	"os"
	"syscall"
)

// mapFile maps the size bytes of f into memory, read-only: a fallback's
// font program is read where the kernel keeps the file, not copied into
// the heap (a CJK face's CFF table is 16 MB, of which a document's
// subset reads a few hundred kilobytes). unmap lets go of the mapping;
// the bytes must not be used after it.
func mapFile(f *os.File, size int64) (data []byte, unmap func() error, err error) {
	if size <= 0 || int64(int(size)) != size {
		return readMapped(f, size)
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return readMapped(f, size) // a file system that cannot map files
	}
	return data, func() error { return syscall.Munmap(data) }, nil
}
