package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFirstDiff(t *testing.T) {
	for _, c := range []struct{ want, got, diff string }{
		{"a\nb\n", "a\nc\n", "line 2:\n  want: b\n  got:  c"},
		{"a\n", "a\nb\n", "line 2:\n  want: \n  got:  b"},
		{"a", "a", "(same lines, different bytes)"},
	} {
		if d := FirstDiff(c.want, c.got); d != c.diff {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", c.want, c.got, d, c.diff)
		}
	}
}

// recorder is a testing.TB that keeps the failures instead of reporting them.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errors = append(r.errors, f) }

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.golden")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path, got string
		fails     string // "" when Check must pass
	}{
		{path, "one\ntwo\n", ""},
		{path, "one\nthree\n", "differs"},
		{filepath.Join(dir, "missing.golden"), "x", "missing"},
	} {
		r := &recorder{TB: t}
		Check(r, c.path, []byte(c.got))
		switch {
		case c.fails == "" && len(r.errors) > 0:
			t.Errorf("%s with %q: %v", c.path, c.got, r.errors)
		case c.fails != "" && (len(r.errors) == 0 || !strings.Contains(r.errors[0], c.fails)):
			t.Errorf("%s with %q: errors %v, want one saying %q", c.path, c.got, r.errors, c.fails)
		}
	}
}
