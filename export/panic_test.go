package export

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/internal/guard"
)

// TestPanicIsABuildError: a panic on one of a build's goroutines (here the
// cover's, its designer taken away) ends that build with an error naming
// the input once and asking for a report, writes nothing, and leaves the
// process, and the builder, able to build again.
func TestPanicIsABuildError(t *testing.T) {
	t.Parallel()
	b := newBuilder(t)
	designer := b.covers
	b.covers = nil
	dir := t.TempDir()
	_, err := b.Build(seed, testOptions(dir))
	var p *guard.Panic
	if !errors.As(err, &p) {
		t.Fatalf("error %v, want the cover's panic", err)
	}
	msg := err.Error()
	if strings.Count(msg, seed) != 1 || !strings.Contains(msg, "internal error") || !strings.HasSuffix(msg, "please report it)") {
		t.Errorf("error %q", msg)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed build wrote %d files", len(entries))
	}
	b.covers = designer
	if _, err := b.Build(seed, testOptions(dir)); err != nil {
		t.Errorf("the next build: %v", err)
	}
}
