package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galley-pub/galley/export"
	"github.com/galley-pub/galley/export/options"
)

func TestInitThenCheckIsClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	code, stdout, stderr := runCLI("init", dir)
	if code != exitOK {
		t.Fatalf("init: exit %d %s", code, stderr)
	}
	for _, f := range []string{"handout.md", "book/book.yaml", "book/introduction.md", "book/next-steps.md"} {
		if !strings.Contains(stdout, "wrote "+filepath.Join(dir, filepath.FromSlash(f))+"\n") {
			t.Errorf("init did not report %s:\n%s", f, stdout)
		}
	}
	code, stdout, stderr = runCLI("check", filepath.Join(dir, "handout.md"), filepath.Join(dir, "book"))
	if code != exitOK || stderr != "" || !strings.Contains(stdout, "checked 2 documents: 0 warnings, 0 errors") {
		t.Errorf("check of the starter files: exit %d\n%s%s", code, stdout, stderr)
	}
	// The starter book's cross-file link resolves and its chapters are numbered.
	var d *strings.Builder = &strings.Builder{}
	if code := run([]string{"tree", filepath.Join(dir, "book")}, stdio{nil, d, os.Stderr}); code != exitOK {
		t.Fatalf("tree: exit %d", code)
	}
	for _, want := range []string{`url="#what-to-write-next"`, `value="1. "`, `value="2. "`, `url="#introduction"`} {
		if !strings.Contains(d.String(), want) {
			t.Errorf("tree of the starter book lacks %s", want)
		}
	}
	// A second init refuses to overwrite.
	if code, _, stderr := runCLI("init", dir); code != exitError || !strings.Contains(stderr, "exists") {
		t.Errorf("second init: exit %d %q", code, stderr)
	}
}

func TestStrictBookCrossFileLink(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: T\nlang: en\nchapters: [a.md, b.md]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nGo to [b](b.md#setup) or [c](b.md#nope).\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("# B\n\n## Setup\n"), 0o644)
	code, _, stderr := runCLI("build", "--strict", "-o", t.TempDir(), dir)
	want := filepath.Join(dir, "a.md") + `:3:26: warning: broken link "b.md#nope": b.md has no heading or id "nope"`
	if code != exitWarnings || strings.TrimSpace(stderr) != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

func TestProgressBar(t *testing.T) {
	t.Setenv("COLUMNS", "")
	var out, errb bytes.Buffer
	r := &reporter{stdout: &out, stderr: &errb, bar: true, verb: "building"}
	r.begin(4)
	res := &export.Result{Artifacts: []export.Artifact{{Format: export.PDF, Path: "out/a.pdf", Bytes: 10, Pages: 3}}}
	for _, in := range []string{"a.md", "b.md", "c.md", "d.md"} {
		r.finish(export.Outcome{Input: in, Result: res})
	}
	r.end(nil)
	e := errb.String()
	for _, want := range []string{
		"\r\x1b[Kbuilding [░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░] 0/4   0%",
		"\r\x1b[Kbuilding [███████░░░░░░░░░░░░░░░░░░░░░░░] 1/4  25%",
		"\r\x1b[Kbuilding [██████████████████████████████] 4/4 100%",
		"  d.md",
	} {
		if !strings.Contains(e, want) {
			t.Errorf("stderr lacks %q:\n%q", want, e)
		}
	}
	for _, line := range strings.Split(e, "\r\x1b[K") {
		if n := len([]rune(line)); n >= 80 {
			t.Errorf("a bar of %d characters wraps an 80-column terminal: %q", n, line)
		}
	}
	r.begin(1)
	r.finish(export.Outcome{Input: strings.Repeat("long-directory-name/", 5) + "z.md", Result: res})
	if !strings.HasSuffix(errb.String(), "  …directory-name/z.md") {
		t.Errorf("a long input name is not shortened from the left: %q", errb.String())
	}
	if !strings.HasSuffix(e, "\r\x1b[K") {
		t.Errorf("the bar is not cleared at the end: %q", e)
	}
	if !strings.Contains(out.String(), "[4/4] d.md: wrote out/a.pdf (10 bytes, 3 pages)") {
		t.Errorf("stdout: %q", out.String())
	}
	// Not a terminal, or CI=true: no bar.
	t.Setenv("CI", "true")
	if newReporter(&out, os.Stderr, options.Run{}, false).bar {
		t.Error("bar with CI=true")
	}
	t.Setenv("CI", "")
	if newReporter(&out, &errb, options.Run{}, false).bar {
		t.Error("bar on a buffer")
	}
}

func TestWatchRebuildsOnlyWhatChanged(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	inputs := writeClassSet(t, src, 2)
	// The first lesson shows a picture; the second does not.
	png, err := os.ReadFile("../../../../export/testdata/robust/pixel.png")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "pic.png"), png, 0o644)
	src1, _ := os.ReadFile(inputs[0])
	os.WriteFile(inputs[0], append(src1, []byte("\n![A leaf](pic.png)\n")...), 0o644)
	opts := options.Defaults()
	opts.Output.Dir, opts.Output.Formats, opts.Run.Jobs, opts.Run.Quiet = out, []options.Format{options.FormatEPUB}, 1, true
	opts.Run.Modified = time.Unix(1764331200, 0)
	ctx, cancel := context.WithCancel(context.Background())
	rounds := make(chan []export.Outcome)
	var stdout, stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- watch(ctx, inputs, opts, &stdout, &stderr, rounds)
	}()
	next := func() []export.Outcome {
		select {
		case r := <-rounds:
			return r
		case <-time.After(2 * time.Minute): // a safety net, not a timing assertion
			t.Fatal("no rebuild")
			return nil
		}
	}
	if first := next(); len(first) != 2 {
		t.Fatalf("first round built %d inputs", len(first))
	}
	// Break a link in the second lesson: only it is rebuilt, with the
	// warning.
	src2, _ := os.ReadFile(inputs[1])
	os.WriteFile(inputs[1], bytes.Replace(src2, []byte("(#aims-of-lesson-2)"), []byte("(#gone)"), 1), 0o644)
	second := next()
	if len(second) != 1 || second[0].Input != inputs[1] {
		t.Fatalf("second round: %+v", second)
	}
	if w, _ := second[0].Counts(); w == 0 {
		t.Errorf("the rebuild reports no warning")
	}
	// An artifact and a file no input reads trigger nothing; the picture
	// the first lesson shows rebuilds it alone.
	os.WriteFile(filepath.Join(src, "x.pdf"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(src, "other.png"), png, 0o644)
	os.WriteFile(filepath.Join(src, "pic.png"), png, 0o644)
	if third := next(); len(third) != 1 || third[0].Input != inputs[0] {
		t.Errorf("third round: %+v, want the first lesson alone", third)
	}
	cancel()
	if code := <-done; code != exitInterrupted {
		t.Errorf("watch exit %d, want %d", code, exitInterrupted)
	}
	// One line for each rebuild: the first round lists what it wrote.
	var rebuilt []string
	for _, line := range strings.Split(stdout.String(), "\n") {
		if strings.HasPrefix(line, "rebuilt ") {
			rebuilt = append(rebuilt, line)
		}
	}
	if len(rebuilt) != 2 || !strings.HasPrefix(rebuilt[0], "rebuilt "+inputs[1]+": 1 artifact, ") || !strings.Contains(rebuilt[0], ": 1 artifact, 1 warning, 0 errors in ") ||
		!strings.HasPrefix(rebuilt[1], "rebuilt "+inputs[0]+": 1 artifact, 0 warnings") || strings.Count(stdout.String(), "wrote ") != 2 {
		t.Errorf("stdout:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), inputs[1]+`:14:9: warning: broken internal link "#gone"`) {
		t.Errorf("stderr lacks the positioned warning:\n%s", stderr.String())
	}
}

func TestReadSetsAffected(t *testing.T) {
	dir := t.TempDir()
	a, b, book := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md"), filepath.Join(dir, "bk")
	r := newReadSets([]string{a, b, book})
	r.update(export.Outcome{Input: a, Result: &export.Result{Read: []string{a, filepath.Join(dir, "logo.png")}}})
	r.update(export.Outcome{Input: b, Result: &export.Result{Read: []string{b, filepath.Join(dir, "logo.png")}}})
	r.update(export.Outcome{Input: book, Result: &export.Result{Read: []string{filepath.Join(book, "book.yaml"), filepath.Join(book, "ch.md"), filepath.Join(book, "img", "p.png")}}})
	r.update(export.Outcome{Input: b}) // a failed build keeps what b read before
	for _, tc := range []struct {
		file string
		want string
	}{
		{a, a},
		{filepath.Join(book, "ch.md"), book},
		{filepath.Join(book, "img", "p.png"), book},
		{filepath.Join(book, "book.yaml"), book},
		{filepath.Join(dir, "logo.png"), a + " " + b},
		{filepath.Join(dir, "a.pdf"), ""},
		{filepath.Join(dir, "other.md"), ""},
	} {
		got := r.affected(tc.file)
		slices.Sort(got)
		if strings.Join(got, " ") != tc.want {
			t.Errorf("affected(%s) = %q, want %q", tc.file, got, tc.want)
		}
	}
	if d := r.dirs(); !slices.Contains(d, filepath.Join(book, "img")) || !slices.Contains(d, dir) {
		t.Errorf("dirs %v", d)
	}
}

func TestSampleBookManifest(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764331200")
	out := t.TempDir()
	mpath := filepath.Join(out, "m.json")
	code, stdout, stderr := runCLI("build", "--strict", "--format", "epub", "-o", out, "--manifest", mpath, "../../../../content/field-notebooks")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "field-notebooks.epub") {
		t.Errorf("stdout: %q", stdout)
	}
	m, _ := readManifest(t, mpath)
	if len(m.Documents) != 1 || len(m.Artifacts) != 1 {
		t.Fatalf("manifest %+v", m)
	}
	d, a := m.Documents[0], m.Artifacts[0]
	if d.Kind != "book" || d.Title != "Field Notebooks in the Classroom" || d.Status != "ok" {
		t.Errorf("document %+v", d)
	}
	// preface, three chapters, glossary
	if a.Format != "epub" || a.Chapters != 5 || a.Pages != 0 || a.Path != filepath.ToSlash(filepath.Join(out, "field-notebooks.epub")) {
		t.Errorf("artifact %+v", a)
	}
}
