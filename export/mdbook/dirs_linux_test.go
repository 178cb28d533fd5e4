package mdbook

import (
	"testing"

	"golang.org/x/sys/unix"
)

// TestOpenBeneath: on Linux the files inside the book are opened beneath
// its directory in one call (openat2), symbolic links that stay inside
// followed; links that lead out are not opened there (ReadFile then
// opens them through the root, which refuses them).
func TestOpenBeneath(t *testing.T) {
	root := linkedBook(t)
	var dirs dirHandles
	defer dirs.close()
	dir := dirs.of(root)
	if fd, err := unix.Openat2(int(dir.Fd()), "src/a.txt", &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH}); err != nil {
		t.Skipf("openat2: %v (a kernel older than 5.6, or a sandbox that refuses it)", err)
	} else {
		unix.Close(fd)
	}
	for name, inside := range map[string]bool{"src/a.txt": true, "listings/ch02/listing-01/src/main.rs": true, "src/in.txt": true,
		"src/out.txt": false, "src/abs-out.txt": false, "src/none.txt": false} {
		fd, ok := openBeneath(dir, name)
		if ok {
			unix.Close(fd)
		}
		if ok != inside {
			t.Errorf("%s: opened beneath the directory %v, want %v", name, ok, inside)
		}
	}
	f, size, err := openRegular(&dirs, root, "src/in.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, raw := f.(rawFile); !raw || size != int64(len("fn main() {}\n")) {
		t.Errorf("src/in.txt: %T, %d bytes; want a descriptor read directly, a regular file of 13 bytes", f, size)
	}
	if _, _, err := openRegular(&dirs, root, "src"); err != errNotRegular {
		t.Errorf("src, a directory: %v, want %v", err, errNotRegular)
	}
}
