//go:build unix

package mdbook

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
)

// TestReadFileKinds: ReadFile reads a regular file whole, refuses one
// over the limit, and refuses a named pipe or a directory at once
// (opening a pipe to read would wait for a writer).
func TestReadFileKinds(t *testing.T) {
	root := book(t, map[string]string{"src/a.txt": "hello\n", "src/big.txt": strings.Repeat("x", 100)})
	if err := syscall.Mkfifo(filepath.Join(root.Name(), "src", "pipe.txt"), 0o644); err != nil {
		t.Skip(err)
	}
	if data, err := ReadFile(root, "src/a.txt", 6); err != nil || string(data) != "hello\n" {
		t.Errorf("a.txt: %q, %v", data, err)
	}
	if _, err := ReadFile(root, "src/big.txt", 99); err == nil || !strings.Contains(err.Error(), "more than the limit of 99") {
		t.Errorf("big.txt over the limit: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, name := range []string{"src/pipe.txt", "src"} {
			if _, err := ReadFile(root, name, 99); err == nil || err.Error() != "not a regular file" {
				t.Errorf("%s: %v", name, err)
			}
		}
		var diags diag.List
		got := Expand(root, nil, "src/ch.md", "ch.md", []byte("{{#include pipe.txt}}\n"), &diags)
		if len(got.Text) > 0 && strings.TrimSpace(string(got.Text)) != "" || diags.Len() != 1 || !strings.Contains(diags.Items()[0].Message, "not a regular file") {
			t.Errorf("include of a pipe: text %q, diagnostics %v", got.Text, diags.Items())
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		os.WriteFile(filepath.Join(root.Name(), "src", "pipe.txt"), nil, 0o644) // let the test end
		t.Fatal("reading a named pipe blocked")
	}
}
