//go:build unix

package fonts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgramOfAFileCutShort: a fallback's font program is its file
// mapped into memory; a file cut short while the program is used (its
// mapping then faults) is an error of Use, not a crash, and the program
// is let go of after.
func TestProgramOfAFileCutShort(t *testing.T) {
	base := serifAsMono(t)
	mono, err := Data(Mono, Regular)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mono.ttf")
	if err := os.WriteFile(path, mono, 0o644); err != nil {
		t.Fatal(err)
	}
	set, _, err := base.WithFallbacks(FallbackOptions{Dirs: []string{filepath.Dir(path)}}, []rune("→"))
	if err != nil || len(set.Fallbacks()) != 1 {
		t.Fatalf("fallbacks %v, %v", set.Fallbacks(), err)
	}
	p, err := set.Program(set.Fallbacks()[0], Regular)
	if err != nil {
		t.Fatal(err)
	}
	if p.unmap == nil {
		t.Skip("this system read the file instead of mapping it")
	}
	sum := 0
	err = p.Use(func(data []byte) error {
		if err := os.Truncate(path, 0); err != nil {
			t.Fatal(err)
		}
		for _, b := range data[len(data)/2:] { // pages past the file's end now
			sum += int(b)
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "changed while it was read") {
		t.Errorf("Use of a file cut short: %v (sum %d); want it refused", err, sum)
	}
}
