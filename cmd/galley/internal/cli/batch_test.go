package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export"
)

// writeClassSet writes n small handouts, each with its own title, and
// returns their paths.
func writeClassSet(t *testing.T, dir string, n int) []string {
	t.Helper()
	var paths []string
	for i := 1; i <= n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("lesson-%02d.md", i))
		src := fmt.Sprintf("---\ntitle: Lesson %d\nlang: en\n---\n\n# Aims of lesson %d\n\nPupils compare %d leaves and record what differs.[^1]\n\n"+
			"## Steps\n\n1. Collect.\n2. Sort.\n3. Draw [the aims](#aims-of-lesson-%d).\n\n| Leaf | Edge |\n| --- | --- |\n| oak | lobed |\n\n[^1]: Note %d.\n", i, i, i, i, i)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// readManifest decodes a manifest file.
func readManifest(t *testing.T, path string) (export.Manifest, []byte) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m export.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m, raw
}

func TestClassSetOf30WithManifest(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764331200")
	t.Setenv("CI", "true")
	src, out := t.TempDir(), t.TempDir()
	inputs := writeClassSet(t, src, 30)
	mpath := filepath.Join(out, "manifest.json")
	args := append([]string{"build", "--jobs", "2", "-o", out, "--manifest", mpath}, inputs...)
	code, stdout, stderr := runCLI(args...)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d\nstderr:\n%s", code, stderr)
	}
	if !regexp.MustCompile(`(?m)^built 30 documents: 60 artifacts, \d+ PDF pages, 0 warnings, 0 errors in \d+\.\ds$`).MatchString(stdout) {
		t.Errorf("no summary line:\n%s", stdout)
	}
	if n := strings.Count(stdout, ": wrote "); n != 60 {
		t.Errorf("%d 'wrote' lines, want 60", n)
	}
	if !strings.Contains(stdout, "[30/30] ") {
		t.Errorf("plain progress lines lack [30/30]:\n%s", stdout)
	}

	m, raw := readManifest(t, mpath)
	if m.Schema != export.ManifestSchema || m.Totals.Documents != 30 || m.Totals.Artifacts != 60 || m.Totals.Failed != 0 || len(m.Documents) != 30 || len(m.Artifacts) != 60 {
		t.Fatalf("manifest totals %+v, %d documents, %d artifacts", m.Totals, len(m.Documents), len(m.Artifacts))
	}
	pages := 0
	for i, a := range m.Artifacts {
		doc := i/2 + 1
		wantFormat := []string{"pdf", "epub"}[i%2]
		wantPath := filepath.ToSlash(filepath.Join(out, fmt.Sprintf("lesson-%02d.%s", doc, wantFormat)))
		if a.Path != wantPath || a.Format != wantFormat || a.Title != fmt.Sprintf("Lesson %d", doc) || a.Input != inputs[doc-1] {
			t.Errorf("artifact %d: %+v, want %s", i, a, wantPath)
		}
		data, err := os.ReadFile(filepath.FromSlash(a.Path))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if a.Bytes != len(data) || a.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: manifest says %d bytes %s; the file has %d bytes %x", a.Path, a.Bytes, a.SHA256, len(data), sum)
		}
		switch a.Format {
		case "pdf":
			if a.Pages < 1 || a.Chapters != 0 || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("%s: pages %d chapters %d", a.Path, a.Pages, a.Chapters)
			}
			pages += a.Pages
		case "epub":
			if a.Chapters < 1 || a.Pages != 0 || !bytes.HasPrefix(data[30:], []byte("mimetypeapplication/epub+zip")) {
				t.Errorf("%s: pages %d chapters %d", a.Path, a.Pages, a.Chapters)
			}
		}
	}
	if pages != m.Totals.Pages {
		t.Errorf("totals.pages %d, sum %d", m.Totals.Pages, pages)
	}
	// The documented field order.
	order := regexp.MustCompile(`(?s)^\{\s*"schema".*"generator".*"documents".*"artifacts".*"totals"`)
	art := regexp.MustCompile(`(?s)\{\s*"path": [^}]*"format": [^}]*"bytes": [^}]*"sha256": [^}]*"pages": [^}]*"input": [^}]*"title": [^}]*"warnings": \d+\s*\}`)
	if !order.Match(raw) || !art.Match(raw) {
		t.Errorf("manifest field order:\n%.600s", raw)
	}
	if left, _ := filepath.Glob(filepath.Join(out, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// writeBroken writes a handout whose line 7 has a broken internal link at
// column 11.
func writeBroken(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "broken.md")
	src := "---\ntitle: Broken link\nlang: en\n---\n\n# Start\n\nSee also [nothing](#nowhere) here.\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStrictFailsOnBrokenLink(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764331200")
	dir := t.TempDir()
	in := writeBroken(t, dir)
	want := in + `:8:10: warning: broken internal link "#nowhere"`

	code, _, stderr := runCLI("build", in, "-o", dir, "--format", "epub")
	if code != exitOK || !strings.Contains(stderr, want) {
		t.Errorf("without --strict: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCLI("build", "--strict", in, "-o", dir, "--format", "epub")
	if code != exitWarnings || !strings.Contains(stderr, want) {
		t.Errorf("--strict: exit %d, stderr %q; want %d and %s", code, stderr, exitWarnings, want)
	}
	t.Setenv("GALLEY_STRICT", "true")
	if code, _, _ = runCLI("build", in, "-o", dir, "--format", "epub"); code != exitWarnings {
		t.Errorf("GALLEY_STRICT=true: exit %d", code)
	}
	if code, _, _ = runCLI("build", "--strict=false", in, "-o", dir, "--format", "epub"); code != exitOK {
		t.Errorf("--strict=false overrides GALLEY_STRICT: exit %d", code)
	}
}

func TestDiagnosticsJSON(t *testing.T) {
	dir := t.TempDir()
	in := writeBroken(t, dir)
	code, _, stderr := runCLI("check", "--diagnostics", "json", in)
	if code != exitWarnings {
		t.Errorf("exit %d, want %d", code, exitWarnings)
	}
	type jsonDiagnostic struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Col      int    `json:"col"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	var ds []jsonDiagnostic
	if err := json.Unmarshal([]byte(stderr), &ds); err != nil {
		t.Fatalf("stderr is not a JSON array: %v\n%s", err, stderr)
	}
	want := jsonDiagnostic{File: in, Line: 8, Col: 10, Severity: "warning", Message: `broken internal link "#nowhere"`}
	if len(ds) == 0 || ds[0] != want {
		t.Errorf("diagnostics %+v, want first %+v", ds, want)
	}
}

func TestExitCodes(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764331200")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.md")
	os.WriteFile(good, []byte("---\ntitle: Good\nlang: en\n---\n\n# Fine\n\nAll [good](#fine).\n"), 0o644)
	bad := filepath.Join(dir, "bad.md")
	os.WriteFile(bad, []byte("---\ntitle: [unclosed\n---\n# X\n"), 0o644)
	warn := writeBroken(t, dir)
	out := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"build", "-o", out, good}, exitOK},
		{[]string{"build", "-o", out, good, bad}, exitError}, // one failure fails the batch
		{[]string{"build", "-o", out, "--strict", good, warn}, exitWarnings},
		{[]string{"build", "-o", out, "--strict", bad, warn}, exitError}, // errors win
		{[]string{"build", "-o", out, filepath.Join(dir, "missing.md")}, exitError},
		{[]string{"build", "--jobs", "0", good}, exitUsage},
		{[]string{"build", "--diagnostics", "xml", good}, exitUsage},
		{[]string{"build", "--chapter-start", "left", good}, exitUsage},
		{[]string{"check", good}, exitOK},
		{[]string{"check", warn}, exitWarnings}, // check is strict by default
		{[]string{"check", "--strict=false", warn}, exitOK},
		{[]string{"check", bad}, exitError},
		{[]string{"check"}, exitUsage},
		{[]string{"init"}, exitUsage},
	} {
		if code, _, stderr := runCLI(tc.args...); code != tc.code {
			t.Errorf("galley %q: exit %d, want %d\n%s", tc.args, code, tc.code, stderr)
		}
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := t.TempDir()
	in := writeBroken(t, dir)
	code, stdout, _ := runCLI("check", "--strict=false", in, "../../../../content/hanoi-summit.md")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	// The broken link is reported once, by the passes, for both outputs.
	if !strings.Contains(stdout, "checked 2 documents: 1 warning, 0 errors") {
		t.Errorf("summary: %q", stdout)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("check wrote files: %v", entries)
	}
	if m, _ := filepath.Glob("*.pdf"); len(m) > 0 {
		t.Errorf("check wrote %v", m)
	}
}

func TestEnvironmentAndBookPrecedence(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764331200")
	dir := t.TempDir()
	in := filepath.Join(dir, "a.md")
	os.WriteFile(in, []byte("---\ntitle: A\nlang: en\n---\n\n# A\n"), 0o644)
	book := filepath.Join(dir, "bk")
	os.MkdirAll(book, 0o755)
	os.WriteFile(filepath.Join(book, "book.yaml"), []byte("title: B\nlang: en\nchapters: [c.md]\noutput:\n  name: bee\n  formats: [epub]\n"), 0o644)
	os.WriteFile(filepath.Join(book, "c.md"), []byte("# C\n"), 0o644)

	written := func(out string) string {
		var names []string
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return strings.Join(names, " ")
	}
	for i, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{in, book}, "a.epub a.pdf bee.epub"},                                      // defaults; book.yaml
		{map[string]string{"GALLEY_FORMAT": "pdf"}, []string{in, book}, "a.pdf bee.pdf"},        // env over book.yaml
		{map[string]string{"GALLEY_FORMAT": "pdf"}, []string{"--format", "epub", in}, "a.epub"}, // flag over env
		{map[string]string{"GALLEY_OUT": "SUB"}, []string{in}, "SUB"},                           // GALLEY_OUT
	} {
		out := t.TempDir()
		for k, v := range tc.env {
			if v == "SUB" {
				v = filepath.Join(out, "SUB")
			}
			t.Setenv(k, v)
		}
		args := append([]string{"build", "-o", out}, tc.args...)
		if _, ok := tc.env["GALLEY_OUT"]; ok {
			args = append([]string{"build"}, tc.args...)
		}
		code, _, stderr := runCLI(args...)
		if code != exitOK {
			t.Fatalf("%d: exit %d\n%s", i, code, stderr)
		}
		if got := written(out); got != tc.want {
			t.Errorf("%d: wrote %q, want %q", i, got, tc.want)
		}
		for k := range tc.env {
			os.Unsetenv(k)
		}
	}
	t.Setenv("GALLEY_TOC_DEPTH", "deep")
	if code, _, stderr := runCLI("build", in); code != exitUsage || !strings.Contains(stderr, `GALLEY_TOC_DEPTH="deep"`) {
		t.Errorf("bad GALLEY_TOC_DEPTH: exit %d %q", code, stderr)
	}
}

func TestBuildHelpShowsDefaultsAndEnv(t *testing.T) {
	t.Setenv("GALLEY_PAPER", "a5")
	code, stdout, _ := runCLI("build", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--toc-depth level", "(default 3) [GALLEY_TOC_DEPTH; book.yaml toc_depth]", "--jobs n", "Exit status: 0 success",
		"-o directory", "(default .) [GALLEY_OUT]", `GALLEY_PAPER="a5"`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("build --help lacks %q", want)
		}
	}
}
