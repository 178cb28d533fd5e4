package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBatchNameClash: two inputs whose artifacts share a name in one
// output directory (a/notes.md and b/notes.md; a book whose book.yaml
// names it like a handout) do not overwrite each other: the later one
// fails with an error naming the earlier, and is not built.
func TestBatchNameClash(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	a := writeFile(t, filepath.Join(src, "a"), "notes.md", "# A\n\nText.\n")
	b := writeFile(t, filepath.Join(src, "b"), "notes.md", "# B\n\nText.\n")
	bk := filepath.Join(src, "bk")
	writeFile(t, bk, "book.yaml", "title: Bk\nchapters: [c.md]\noutput:\n  name: notes\n")
	writeFile(t, bk, "c.md", "# C\n\nText.\n")
	other := writeFile(t, filepath.Join(src, "c"), "other.md", "# O\n\nText.\n")
	outs := newBuilder(t).BuildAll(context.Background(), []string{a, b, bk, other}, testOptions(out), nil)
	if outs[0].Err != nil || outs[3].Err != nil {
		t.Fatalf("errors %v, %v", outs[0].Err, outs[3].Err)
	}
	for _, i := range []int{1, 2} {
		if err := outs[i].Err; err == nil || !strings.Contains(err.Error(), "would replace those of "+a) {
			t.Errorf("%s: %v", outs[i].Input, err)
		}
		if w, e := outs[i].Counts(); e != 1 || w != 0 {
			t.Errorf("%s: %d warnings, %d errors", outs[i].Input, w, e)
		}
	}
	if m := NewManifest(outs, "test"); m.Totals.Artifacts != 4 || m.Totals.Failed != 2 {
		t.Errorf("manifest totals %+v", m.Totals)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 4 {
		t.Errorf("%d files in the output directory, want notes and other, PDF and EPUB", len(entries))
	}
}

// TestModTimeOfABook: a book is dated by its newest file, in whatever
// folder, but not by a file in a hidden directory (a repository's .git).
func TestModTimeOfABook(t *testing.T) {
	dir := t.TempDir()
	at := func(name string, tm time.Time) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, tm, tm); err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	at("SUMMARY.md", day)
	at("src/intro.md", day.Add(time.Hour))
	at("listings/ch01/main.rs", day.Add(2*time.Hour)) // the newest source
	at(".git/objects/ab/cdef", day.Add(48*time.Hour))
	at(".github/workflows/ci.yml", day.Add(72*time.Hour))
	if err := os.Chtimes(dir, day, day); err != nil { // the folder's own date counts too
		t.Fatal(err)
	}
	if got, want := ModTime(dir), day.Add(2*time.Hour); !got.Equal(want) {
		t.Errorf("ModTime %v, want %v (the listing's)", got, want)
	}
}
