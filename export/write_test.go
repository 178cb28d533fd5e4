package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
)

// previous writes stand-ins for the artifacts of an earlier build.
func previous(t *testing.T, dir string) map[string]string {
	t.Helper()
	old := map[string]string{"doc.pdf": "previous PDF", "doc.epub": "previous EPUB"}
	for name, content := range old {
		writeFile(t, dir, name, content)
	}
	return old
}

// TestFailingRendererKeepsOldArtifacts: when one renderer fails, neither
// artifact is replaced (both are rendered before anything is written) and
// no temporary file is left.
func TestFailingRendererKeepsOldArtifacts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := writeFile(t, dir, "doc.md", "# Doc\n\nText.\n")
	old := previous(t, dir)
	// An unknown paper makes the PDF renderer fail after the EPUB
	// renderer has succeeded.
	_, err := newBuilder(t).Build(in, testOptions(dir, func(o *options.Options) { o.PDF.Paper = "b7" }))
	if err == nil || !strings.Contains(err.Error(), `PDF`) && !strings.Contains(err.Error(), `unknown paper "b7"`) {
		t.Fatalf("err = %v, want the PDF renderer's error", err)
	}
	requireOnly(t, dir, old)
}

// TestFailedWriteLeavesNoPartialFile: a write that fails half-way (here
// the EPUB's name is taken by a directory, so its rename fails) removes
// its temporary file and reports the artifact.
func TestFailedWriteLeavesNoPartialFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := writeFile(t, dir, "doc.md", "# Doc\n\nText.\n")
	if err := os.MkdirAll(filepath.Join(dir, "doc.epub", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := newBuilder(t).Build(in, testOptions(dir))
	if err == nil || !strings.Contains(err.Error(), "doc.epub") {
		t.Fatalf("err = %v, want a write error naming doc.epub", err)
	}
	requireNoTemp(t, dir)
}

// TestFullDisk builds onto a 16 KiB tmpfs: the PDF does not fit, the
// build fails, the previous artifacts are intact and no temporary file is
// left. It needs the right to mount (root, outside most containers'
// limits); it is skipped without it.
func TestFullDisk(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", out).Run(); err != nil {
		t.Skipf("cannot mount a small tmpfs: %v", err)
	}
	t.Cleanup(func() { exec.Command("umount", out).Run() })
	src := t.TempDir()
	in := writeFile(t, src, "doc.md", "# Doc\n\nText.\n")
	old := previous(t, out)
	_, err := newBuilder(t).Build(in, testOptions(out))
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("err = %v, want no space left on device", err)
	}
	// doc.md is not in out; requireOnly expects it.
	writeFile(t, out, "doc.md", "")
	requireOnly(t, out, map[string]string{"doc.pdf": old["doc.pdf"], "doc.epub": old["doc.epub"]})
}

// TestNeverOverwritesInput: an input whose name is the artifact's (a
// Markdown file called notes.pdf) is not replaced.
func TestNeverOverwritesInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := writeFile(t, dir, "notes.pdf", "# Notes\n\nText.\n")
	_, err := newBuilder(t).Build(in, testOptions(dir, func(o *options.Options) { o.Output.Formats = []Format{PDF} }))
	if err == nil || !strings.Contains(err.Error(), "refusing to overwrite the input file") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if got, _ := os.ReadFile(in); string(got) != "# Notes\n\nText.\n" {
		t.Errorf("the input was changed: %q", got)
	}
	requireNoTemp(t, dir)
}

func requireNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
