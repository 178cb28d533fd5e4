// Package validate runs the external checkers galley's quality bar names
// (EPUBCheck, qpdf, pdffonts, pdfinfo, pdftotext) from tests and reports
// what they found. A checker that is not installed skips the test, unless the
// environment variable CI is set, when it fails it.
package validate

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Report is what the checkers said about one PDF file.
type Report struct {
	Check string            // qpdf --check output
	Fonts []Font            // pdffonts rows, in its order
	Info  map[string]string // pdfinfo fields, e.g. Info["Title"]
	Pages int               // pdfinfo's page count
	Text  string            // pdftotext output (UTF-8), pages separated by \f
}

// Font is one row of pdffonts output.
type Font struct {
	Name     string
	Type     string
	Embedded bool
	Subset   bool
	Unicode  bool
}

// PageText returns the text of the 1-based page n, or "" when there is none.
func (r Report) PageText(n int) string {
	pages := strings.Split(r.Text, "\f")
	if n < 1 || n > len(pages) {
		return ""
	}
	return pages[n-1]
}

// SkipEnv, set to a true value, lets the tests that need a validator or a
// system font that is not installed skip instead of failing. go test prints
// nothing for a skipped test of a passing package, so a missing tool fails
// by default: nobody takes a green run for a validated one. CI (CI set)
// never skips.
const SkipEnv = "GALLEY_SKIP_VALIDATORS"

// Missing fails the test because what is not installed, saying how to
// install it (fix); with SkipEnv set, outside CI, it skips the test instead.
func Missing(t testing.TB, what, fix string) {
	t.Helper()
	if skip, _ := strconv.ParseBool(os.Getenv(SkipEnv)); skip && os.Getenv("CI") == "" {
		t.Skipf("%s is not installed (%s)", what, fix)
		return
	}
	t.Fatalf("%s is not installed: %s (the README's Set-up lists every tool), or set %s=1 to skip the checks that need it", what, fix, SkipEnv)
}

// RequireTool fails the test (see Missing) when the named program, or the
// file given as a path, is not installed.
func RequireTool(t testing.TB, name string) {
	t.Helper()
	if !installed(name) {
		Missing(t, name, "install the test tools")
	}
}

// installed reports whether the named program, or the file given as a
// path, is installed.
func installed(name string) bool {
	if _, err := exec.LookPath(name); err == nil {
		return true
	}
	_, err := os.Stat(name)
	return err == nil && strings.ContainsRune(name, '/')
}

// PDF runs every checker on the file at path and fails the test when qpdf
// reports an error or a warning, when any font is not embedded, or when a
// poppler tool fails or complains on standard error.
func PDF(t testing.TB, path string) Report {
	t.Helper()
	for _, tool := range []string{"qpdf", "pdffonts", "pdfinfo", "pdftotext"} {
		RequireTool(t, tool)
	}
	var r Report

	out, errOut, err := run("qpdf", "--check", path)
	r.Check = out + errOut
	if err != nil || strings.Contains(strings.ToLower(r.Check), "warning") {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, r.Check)
	}

	out = poppler(t, "pdffonts", path)
	r.Fonts = parseFonts(out)
	for _, f := range r.Fonts {
		if !f.Embedded {
			t.Errorf("pdffonts %s: font %s is not embedded", path, f.Name)
		}
	}

	out = poppler(t, "pdfinfo", "-isodates", path)
	r.Info = parseInfo(out)
	r.Pages, err = strconv.Atoi(r.Info["Pages"])
	if err != nil {
		t.Fatalf("pdfinfo %s: page count %q: %v", path, r.Info["Pages"], err)
	}

	r.Text = poppler(t, "pdftotext", "-enc", "UTF-8", path, "-")
	return r
}

// poppler runs a poppler tool, failing the test if it fails or writes
// anything to standard error (poppler reports syntax errors there).
func poppler(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, errOut, err := run(name, args...)
	if err != nil || errOut != "" {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errOut)
	}
	return out
}

func run(name string, args ...string) (stdout, stderr string, err error) {
	var o, e bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

// parseFonts reads pdffonts' table. Its columns are separated by spaces;
// the name is the first field and the three yes/no columns (emb, sub, uni)
// come just before the object number and generation.
func parseFonts(out string) []Font {
	var fonts []Font
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		if i < 2 || strings.TrimSpace(line) == "" {
			continue // header and rule
		}
		fields := strings.Fields(line)
		if len(fields) < 7 {
			continue
		}
		k := len(fields)
		fonts = append(fonts, Font{
			Name:     fields[0],
			Type:     strings.Join(fields[1:k-6], " "),
			Embedded: fields[k-5] == "yes",
			Subset:   fields[k-4] == "yes",
			Unicode:  fields[k-3] == "yes",
		})
	}
	return fonts
}

// parseInfo reads pdfinfo's "Key: value" lines.
func parseInfo(out string) map[string]string {
	info := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// objStm finds an object stream's dictionary end and its length.
var objStm = regexp.MustCompile(`/Type/ObjStm[^>]*/Length (\d+)>>\nstream\n`)

// Objects returns a PDF's bytes with the objects its object streams hold
// appended, decompressed, so that a test can look for an entry (a /Lang,
// an /Alt) wherever the writer put it. It fails the test on a stream that
// does not inflate.
func Objects(t testing.TB, pdf []byte) []byte {
	t.Helper()
	out := bytes.Clone(pdf)
	for _, m := range objStm.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		if m[1]+n > len(pdf) {
			t.Fatalf("object stream at %d: length %d runs past the file", m[0], n)
		}
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatalf("object stream at %d: %v", m[0], err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("object stream at %d: %v", m[0], err)
		}
		out = append(append(out, '\n'), data...)
	}
	return out
}
