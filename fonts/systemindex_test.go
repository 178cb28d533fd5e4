package fonts

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestIndexDir checks where go-text's index of the system's fonts is
// kept: the user's cache directory when it can be written, made if
// missing; else a private temporary directory, removed when done.
func TestIndexDir(t *testing.T) {
	home := t.TempDir()
	file := filepath.Join(home, "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		cache     string
		cacheErr  error
		temporary bool // a directory of its own, removed by done
	}{
		{"the user's cache directory", filepath.Join(home, ".cache"), nil, false},
		{"made when missing", filepath.Join(home, "new", "cache"), nil, false},
		{"no home at all", "", errors.New("neither $XDG_CACHE_HOME nor $HOME are defined"), true},
		{"a home that is not a directory", filepath.Join(file, ".cache"), nil, true},
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("%d %s", i+1, c.name), func(t *testing.T) {
			dir, done, err := indexDir(func() (string, error) { return c.cache, c.cacheErr })
			if err != nil {
				t.Fatal(err)
			}
			if got := dir != c.cache; got != c.temporary {
				t.Fatalf("indexDir = %q for a cache directory %q (error %v); want a temporary one: %v", dir, c.cache, c.cacheErr, c.temporary)
			}
			if !writableDir(dir) {
				t.Fatalf("%s cannot be written", dir)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("%s holds %d files after the probe", dir, len(entries))
			}
			done()
			_, err = os.Stat(dir)
			if removed := errors.Is(err, os.ErrNotExist); removed != c.temporary {
				t.Errorf("after done, %s removed: %v; want %v", dir, removed, c.temporary)
			}
		})
	}
}

// listSystemFontsEnv makes TestSystemFontsWithoutHome's child process
// print what systemCandidates lists, and exit.
const listSystemFontsEnv = "FONTS_TEST_LIST_SYSTEM_FONTS"

// TestSystemFontsWithoutHome lists the system's fonts in a process whose
// home and cache directory cannot be written (a sandboxed build): it
// finds the faces a process with a cache finds. go-text's index is made
// once a process, so the listing is a child process's.
func TestSystemFontsWithoutHome(t *testing.T) {
	if os.Getenv(listSystemFontsEnv) == "1" {
		cands, err := systemCandidates()
		fmt.Printf("listed %d faces, error %v\n", len(cands), err)
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("the user's cache directory is not $HOME's there")
	}
	want, err := systemCandidates()
	if err != nil || len(want) == 0 {
		t.Skipf("no system fonts to list here (%v)", err)
	}
	home := filepath.Join(t.TempDir(), "home")
	if err := os.WriteFile(home, nil, 0o600); err != nil { // a file: nothing can be made under it
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSystemFontsWithoutHome$")
	cmd.Env = append(os.Environ(), listSystemFontsEnv+"=1", "HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if line := fmt.Sprintf("listed %d faces, error <nil>", len(want)); !strings.Contains(string(out), line) {
		t.Errorf("without a home, the child process printed %q; want %q, as with one", out, line)
	}
}

// TestHoldsFontFile checks the look for installed fonts made when go-text
// cannot list any: a system with none (a minimal container) is not
// warned about, one whose fonts go-text failed on is.
func TestHoldsFontFile(t *testing.T) {
	root := t.TempDir()
	write := func(name string) string {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		return filepath.Dir(p)
	}
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	others := write("others/fonts.conf")
	write("others/README.txt")
	nested := write("nested/truetype/noto/NotoSansCJK-Regular.TTC")
	cases := []struct {
		dirs []string
		want bool
	}{
		{nil, false},
		{[]string{filepath.Join(root, "missing")}, false},
		{[]string{empty, others}, false},
		{[]string{empty, filepath.Join(root, "nested")}, true}, // found under a directory, its extension in capitals
		{[]string{nested}, true},
	}
	for i, c := range cases {
		if got := holdsFontFile(c.dirs); got != c.want {
			t.Errorf("%d. holdsFontFile(%q) = %v, want %v", i+1, c.dirs, got, c.want)
		}
	}
}
