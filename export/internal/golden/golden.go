// Package golden compares test output with golden files, as go/printer's
// tests do: testdata/x.golden next to the input, rewritten when the test
// binary runs with -update, and a missing golden file fails the test. It
// is imported by tests only; it registers the -update flag for them.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Update reports whether the tests run with -update.
func Update() bool { return *update }

// Check compares got with the golden file at path, or writes it (and its
// directory) with -update. The failure shows the first line that differs.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("golden file missing (run go test -update to create it): %v", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run go test -update and review the diff.\n%s", path, FirstDiff(string(want), string(got)))
	}
}

// FirstDiff shows the first line in which two texts differ.
func FirstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines, different bytes)"
}
