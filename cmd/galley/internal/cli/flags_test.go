package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResourcePathFlag: an image outside the document's directory is
// refused until its directory is given with --resource-path.
func TestResourcePathFlag(t *testing.T) {
	base := t.TempDir()
	png, err := os.ReadFile("../../../../export/testdata/robust/pixel.png")
	if err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(base, "shared")
	if err := os.MkdirAll(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shared, "pixel.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	docDir := filepath.Join(base, "doc")
	if err := os.MkdirAll(docDir, 0o755); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(docDir, "a.md")
	out := filepath.Join(base, "out")

	os.WriteFile(in, []byte("# A\n\n![pixel](../shared/pixel.png)\n"), 0o644)
	code, _, stderr := runCLI("build", in, "-o", out)
	if code != exitError || !strings.Contains(stderr, "a.md:3:1: error: image \"../shared/pixel.png\": the path leads outside the project root") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}

	os.WriteFile(in, []byte("# A\n\n![pixel](pixel.png)\n"), 0o644)
	code, stdout, stderr := runCLI("build", "--resource-path", shared, "--format", "epub", in, "-o", out)
	if code != exitOK || strings.Contains(stderr, "pixel") || !strings.Contains(stdout, "a.epub") {
		t.Errorf("with --resource-path: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
}
