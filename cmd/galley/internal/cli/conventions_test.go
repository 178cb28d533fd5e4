package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// runCLIWithStdin is runCLI with standard input, returning stdout's bytes.
func runCLIWithStdin(stdin string, args ...string) (code int, stdout []byte, stderr string) {
	var o, e bytes.Buffer
	code = run(args, stdio{strings.NewReader(stdin), &o, &e})
	return code, o.Bytes(), e.String()
}

const filterSource = "---\ntitle: Piped Handout\nlang: en\n---\n\n# Piped\n\nRead from standard input.\n"

// TestFilter: `galley build - --format pdf -o -` is a Unix filter: the PDF
// on stdout and nothing else; the reports go to stderr.
func TestFilter(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764331200")
	code, pdf, stderr := runCLIWithStdin(filterSource, "build", "-", "--format", "pdf", "-o", "-")
	if code != exitOK || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("exit %d, stdout %.20q, stderr %s", code, pdf, stderr)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	os.WriteFile(path, pdf, 0o644)
	r := validate.PDF(t, path)
	if r.Info["Title"] != "Piped Handout" || !strings.Contains(r.Text, "Read from standard input.") {
		t.Errorf("pdfinfo title %q, text %q", r.Info["Title"], r.Text)
	}
	if !strings.Contains(stderr, "wrote -") {
		t.Errorf("stderr %q", stderr)
	}
	// The EPUB the same way.
	code, epub, _ := runCLIWithStdin(filterSource, "build", "-", "--format", "epub", "-o", "-")
	if _, err := zip.NewReader(bytes.NewReader(epub), int64(len(epub))); code != exitOK || err != nil {
		t.Errorf("EPUB on stdout: exit %d, %v", code, err)
	}
	// Into a directory, the artifacts are named after the title.
	out := t.TempDir()
	if code, _, stderr := runCLIWithStdin(filterSource, "build", "-", "-o", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"piped-handout.pdf", "piped-handout.epub"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	// Usage errors: two formats to stdout, two inputs to stdout, stdin twice.
	for _, args := range [][]string{
		{"build", "-", "-o", "-"},
		{"build", "a.md", "b.md", "--format", "pdf", "-o", "-"},
		{"build", "-", "-", "-o", out},
		{"watch", "-", "-o", out},
	} {
		if code, stdout, stderr := runCLIWithStdin(filterSource, args...); code != exitUsage || len(stdout) > 0 || strings.Count(stderr, "\n") != 2 {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q", args, code, len(stdout), stderr)
		}
	}
}

// TestMetadataFlag: -M sets a key over the front matter in both outputs;
// lists take YAML flow syntax; a bad value is a usage error naming it.
func TestMetadataFlag(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCLIWithStdin(filterSource, "build", "-", "-o", out, "-M", "title=Given on the Command Line",
		"--metadata", "keywords=[rivers, maps]", "-M", "author=A. Teacher")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := validate.PDF(t, filepath.Join(out, "given-on-the-command-line.pdf"))
	if r.Info["Title"] != "Given on the Command Line" || r.Info["Keywords"] != "rivers, maps" || r.Info["Author"] != "A. Teacher" {
		t.Errorf("pdfinfo %v", r.Info)
	}
	zr, err := zip.OpenReader(filepath.Join(out, "given-on-the-command-line.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("EPUB/package.opf")
	if err != nil {
		t.Fatal(err)
	}
	opf, _ := io.ReadAll(f)
	for _, want := range []string{">Given on the Command Line</dc:title>", "<dc:subject>rivers</dc:subject>", ">A. Teacher</dc:creator>"} {
		if !bytes.Contains(opf, []byte(want)) {
			t.Errorf("package.opf lacks %q", want)
		}
	}
	for _, tc := range []struct{ arg, want string }{
		{"keywords=[a,", "metadata keywords"},
		{"further_reading=3", `front-matter key "further_reading" must be a list`},
		{"novalue", `"novalue": want key=value`},
	} {
		code, _, stderr := runCLIWithStdin(filterSource, "build", "-", "-o", out, "-M", tc.arg)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("-M %s: exit %d, stderr %q", tc.arg, code, stderr)
		}
	}
}

// TestHelpStreams: help is on stdout with exit 0; a usage error is one
// line and a pointer to help on stderr, exit 2.
func TestHelpStreams(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {"help", "build"}, {"build", "-h"}, {"check", "--help"},
		{"watch", "--help"}, {"tree", "--help"}, {"init", "--help"}} {
		if code, out, errOut := runCLI(args...); code != exitOK || out == "" || errOut != "" {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q", args, code, len(out), errOut)
		}
	}
	for _, args := range [][]string{{}, {"frob"}, {"help", "frob"}, {"build", "--frob", "x.md"}, {"tree"}, {"init"}, {"completion", "tcsh"}, {"man", "x"}} {
		code, out, errOut := runCLI(args...)
		if code != exitUsage || out != "" || strings.Count(errOut, "\n") != 2 || !strings.Contains(errOut, "for usage.") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

// TestCompletionAndMan: the completion scripts parse in their shells and
// name every flag; the manual page renders without a groff warning.
func TestCompletionAndMan(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, script, _ := runCLI("completion", shell)
		if code != exitOK || !strings.Contains(script, "paper") || !strings.Contains(script, "toc-depth") || !strings.Contains(script, "metadata") {
			t.Errorf("%s: exit %d\n%s", shell, code, script)
			continue
		}
		bin, err := exec.LookPath(shell)
		if err != nil {
			if shell == "bash" {
				t.Errorf("bash is not installed")
			}
			continue // zsh and fish are checked where installed
		}
		cmd := exec.Command(bin, "-n")
		cmd.Stdin = strings.NewReader(script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s -n: %v\n%s", shell, err, out)
		}
	}
	code, page, _ := runCLI("man")
	if code != exitOK || !strings.Contains(page, ".TH GALLEY 1") || !strings.Contains(page, `\-\-toc\-depth`) {
		t.Fatalf("man: exit %d\n%.300s", code, page)
	}
	if _, err := exec.LookPath("groff"); err == nil {
		cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
		cmd.Stdin = strings.NewReader(page)
		if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
			t.Errorf("groff: %v\n%s", err, out)
		}
	}
}
