package options

import (
	"os"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/internal/golden"
)

// TestREADMETable keeps the README's table of settings in step with the
// table: -update rewrites it between its markers.
func TestREADMETable(t *testing.T) {
	const path = "../../README.md"
	const begin, end = "<!-- settings:begin -->\n", "<!-- settings:end -->"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q and %q markers", begin, end)
	}
	want := Markdown()
	if got := s[i+len(begin) : j]; got != want {
		if !golden.Update() {
			t.Fatalf("README.md's settings table is not the table's; run go test ./export/options -update.\n%s", golden.FirstDiff(got, want))
		}
		if err := os.WriteFile(path, []byte(s[:i+len(begin)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
