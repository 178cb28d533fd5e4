package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, stdio{strings.NewReader(""), &o, &e})
	return code, o.String(), e.String()
}

func TestUsageErrors(t *testing.T) {
	for i, tc := range []struct {
		args []string
		code int
		want string // in stderr
	}{
		{nil, exitUsage, "galley: no command\nRun 'galley help' for usage.\n"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"build"}, exitUsage, "no input files"},
		{[]string{"build", "--paper", "b5", "x.md"}, exitUsage, `galley build: invalid value "b5" for flag -paper: "b5": want a4, letter, a5` + "\nRun 'galley build --help' for usage.\n"},
		{[]string{"build", "--format", "docx", "x.md"}, exitUsage, `unknown format "docx"`},
		{[]string{"build", "--toc-depth", "9", "x.md"}, exitUsage, "for flag -toc-depth"},
		{[]string{"build", "--n-up", "3", "x.md"}, exitUsage, `"3" is not a whole number from 1 to 2`},
		{[]string{"build", "--booklet", "--n-up", "2", "x.md"}, exitUsage, "exclude each other"},
		{[]string{"build", "--footnotes", "page", "x.md"}, exitUsage, `"page": want chapter, book`},
		{[]string{"build", "--name", "a", "x.md", "y.md"}, exitUsage, "--name names the artifacts of one input; 2 were given"},
		{[]string{"check", "-o", "out", "x.md"}, exitUsage, "flag provided but not defined: -o"},
		{[]string{"build", "--no-such-flag", "x.md"}, exitUsage, "flag provided but not defined"},
		{[]string{"tree"}, exitUsage, "galley tree: want one INPUT, not 0\nRun 'galley tree --help' for usage.\n"},
		{[]string{"tree", "--to", "yaml", "x.md"}, exitUsage, `--to "yaml": want text or json`},
	} {
		code, _, stderr := runCLI(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%d: galley %q: exit %d, stderr %q; want exit %d with %q", i+1, tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := runCLI("--version"); code != exitOK || out != "galley "+version+"\n" {
		t.Errorf("--version: %d %q", code, out)
	}
	if code, out, _ := runCLI("help"); code != exitOK || !strings.Contains(out, "galley build") {
		t.Errorf("help: %d %q", code, out)
	}
	for _, cmd := range []string{"build", "check", "watch"} {
		for _, h := range []string{"--help", "-h"} {
			if code, out, errOut := runCLI(cmd, h); code != exitOK || !strings.Contains(out, "--toc-depth level") || errOut != "" {
				t.Errorf("%s %s: exit %d, stdout %.80q, stderr %q", cmd, h, code, out, errOut)
			}
		}
	}
}

func TestBuildWritesBothArtifacts(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764331200")
	out := t.TempDir()
	// Flags after the input, as users type them.
	code, stdout, stderr := runCLI("build", "../../../../content/hanoi-summit.md", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("unexpected diagnostics:\n%s", stderr)
	}
	for _, name := range []string{"hanoi-summit.pdf", "hanoi-summit.epub"} {
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
		if !strings.Contains(stdout, name) {
			t.Errorf("stdout does not mention %s: %q", name, stdout)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(out, ".*.tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestBuildReportsPositionedErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "bad.md")
	src := "---\ntitle: Broken\nkeywords: [a, b\n---\n\n# Heading\n"
	if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("build", in, "-o", dir)
	if code != exitError {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitError, stderr)
	}
	if !regexp.MustCompile(regexp.QuoteMeta(in) + `:\d+:\d+: error: `).MatchString(stderr) {
		t.Errorf("stderr lacks a file:line:col error:\n%s", stderr)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "bad.*")); len(m) != 1 {
		t.Errorf("a failed build wrote artifacts: %v", m)
	}
}

func TestBuildMissingInput(t *testing.T) {
	code, _, stderr := runCLI("build", filepath.Join(t.TempDir(), "nope.md"))
	if code != exitError || !strings.Contains(stderr, "nope.md") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestBuildDirectoryNotABook: a directory with no book's configuration
// is an error that says what would make it a book.
func TestBuildDirectoryNotABook(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ch1.md"), []byte("# One\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("build", "-o", t.TempDir(), dir)
	if code != exitError || !strings.Contains(stderr, dir+": is a directory, and not a book") || !strings.Contains(stderr, "SUMMARY.md (mdBook)") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestTreeJSON(t *testing.T) {
	code, out, stderr := runCLI("tree", "--to", "json", "../../../../content/hanoi-summit.md")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var v struct {
		Type string `json:"type"`
		Meta struct {
			Title string `json:"title"`
		} `json:"meta"`
		Outline []struct {
			ID string `json:"id"`
		} `json:"outline"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Type != "Document" || v.Meta.Title != "The 2019 Hanoi Summit" || len(v.Outline) != 9 {
		t.Errorf("tree json: %+v", v)
	}
}

// TestLaysOut checks which commands have the heap advised for huge pages:
// those that build documents, and none of the others.
func TestLaysOut(t *testing.T) {
	want := map[string]bool{"build": true, "check": true, "watch": true, "tree": true}
	for i, name := range append(slices.Clone(commandNames), "version", "help", "--version", "") {
		if got := laysOut(name); got != want[name] {
			t.Errorf("%d. laysOut(%q) = %v, want %v", i+1, name, got, want[name])
		}
	}
}
