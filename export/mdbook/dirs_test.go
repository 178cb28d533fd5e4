//go:build unix

package mdbook

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadThroughDirAsRoot: a file read through its root's opened
// directory (the includes' way) reads as one read through the root
// alone, bytes and errors: a file, one in a subdirectory, symbolic links
// that stay in the book (relative and absolute) and ones that lead out,
// a named pipe, a directory, a missing file, one over the limit.
func TestReadThroughDirAsRoot(t *testing.T) {
	root := linkedBook(t)
	top := root.Name()
	if err := syscall.Mkfifo(filepath.Join(top, "src", "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	var dirs dirHandles
	defer dirs.close()
	for _, name := range []string{"src/a.txt", "listings/ch02/listing-01/src/main.rs", "src/in.txt", "src/abs-in.txt",
		"src/out.txt", "src/abs-out.txt", "src/pipe.txt", "src", "src/none.txt", "src/big.txt"} {
		want, wantErr := readRegular(nil, root, name, 99)
		got, err := readRegular(&dirs, root, name, 99)
		if string(got) != string(want) || errString(err) != errString(wantErr) {
			t.Errorf("%s: %q, %v through the directory; %q, %v through the root", name, got, err, want, wantErr)
		}
	}
}

// linkedBook is a book of three files with symbolic links that stay in
// it (src/in.txt, relative; src/abs-in.txt, absolute) and that lead out
// of it to a file beside it (src/out.txt, relative; src/abs-out.txt).
func linkedBook(t *testing.T) *os.Root {
	t.Helper()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := book(t, map[string]string{"src/a.txt": "hello\n", "listings/ch02/listing-01/src/main.rs": "fn main() {}\n", "src/big.txt": strings.Repeat("x", 100)})
	top := root.Name()
	links := map[string]string{
		"src/in.txt":      "../listings/ch02/listing-01/src/main.rs",
		"src/abs-in.txt":  filepath.Join(top, "src", "a.txt"),
		"src/out.txt":     "../../" + filepath.Base(filepath.Dir(outside)) + "/secret.txt",
		"src/abs-out.txt": outside,
	}
	for name, to := range links {
		if err := os.Symlink(to, filepath.Join(top, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
