package options

import (
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
)

// TestTableIsComplete: every setting has a flag, a GALLEY_* variable named
// after it, a usage and a group; every per-document setting has a
// book.yaml key; names and keys are unique; every default applies.
func TestTableIsComplete(t *testing.T) {
	names, envs, keys := map[string]bool{}, map[string]bool{}, map[string]bool{}
	batch := map[string]bool{"o": true, "jobs": true, "quiet": true, "strict": true, "diagnostics": true, "manifest": true}
	for _, s := range Settings {
		wantEnv := "GALLEY_" + strings.ToUpper(strings.ReplaceAll(s.Name, "-", "_"))
		if s.Name == "o" {
			wantEnv = "GALLEY_OUT"
		}
		if s.Env != wantEnv {
			t.Errorf("%s: variable %s, want %s", s.Name, s.Env, wantEnv)
		}
		if s.Usage == "" || s.Group == "" || s.apply == nil {
			t.Errorf("%s: no usage, group or apply", s.Name)
		}
		if (s.Key == "") != batch[s.Name] {
			t.Errorf("%s: book.yaml key %q; only the batch's own settings have none", s.Name, s.Key)
		}
		if names[s.Name] || envs[s.Env] || (s.Key != "" && keys[s.Key]) {
			t.Errorf("%s: a name, variable or key twice", s.Name)
		}
		names[s.Name], envs[s.Env], keys[s.Key] = true, true, true
	}
	if err := Defaults().Validate(); err != nil {
		t.Errorf("the defaults do not validate: %v", err)
	}
}

// TestDefaults are the values the table gives.
func TestDefaults(t *testing.T) {
	d := Defaults()
	if d.Output.Dir != "." || len(d.Output.Formats) != 2 || d.Output.TOCDepth != 3 || d.EPUB.SplitLevel != 1 ||
		d.PDF.ChapterStart != StartNone || d.PDF.NUp != 1 || d.EPUB.Footnotes != NotesPerChapter || d.PDF.Paper != PaperAuto ||
		d.Limits.MaxImageBytes != 32<<20 || d.Limits.RemoteTimeout != 30*time.Second || d.Run.Jobs < 1 || d.Run.Diagnostics != DiagnosticsText {
		t.Errorf("defaults %+v", d)
	}
}

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func commandLine(t *testing.T, writes bool, args ...string) *CommandLine {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cl := NewCommandLine(fs, writes)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return cl
}

func bookYAML(t *testing.T, dir, src string) ([]Assignment, *diag.List) {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	return FromYAML(filepath.Join(dir, "book.yaml"), n.Content[0], &diags), &diags
}

// TestPrecedence, in numbered cases: flag, then variable, then book.yaml,
// then the default; a book's own default (chapters on a new page) yields
// to all three.
func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range []struct {
		args  []string
		env   map[string]string
		book  string // book.yaml's output section; "" for a handout
		check func(Options) bool
	}{
		{nil, nil, "", func(o Options) bool { return o.PDF.Paper == PaperAuto && o.PDF.ChapterStart == StartNone }},
		{nil, nil, "paper: a5", func(o Options) bool { return o.PDF.Paper == PaperA5 && o.PDF.ChapterStart == StartPage }},
		{nil, map[string]string{"GALLEY_PAPER": "letter"}, "paper: a5", func(o Options) bool { return o.PDF.Paper == PaperLetter }},
		{[]string{"--paper", "A4"}, map[string]string{"GALLEY_PAPER": "letter"}, "paper: a5", func(o Options) bool { return o.PDF.Paper == PaperA4 }},
		{[]string{"--chapter-start", "none"}, nil, "toc_depth: 2", func(o Options) bool { return o.PDF.ChapterStart == StartNone && o.Output.TOCDepth == 2 }},
		{nil, map[string]string{"GALLEY_CHAPTER_START": "right"}, "chapter_start: none", func(o Options) bool { return o.PDF.ChapterStart == StartRight }},
		{nil, nil, "formats: [epub]\nembed_fonts: true\nfootnotes: book", func(o Options) bool {
			return len(o.Output.Formats) == 1 && o.Output.Formats[0] == FormatEPUB && o.EPUB.EmbedFonts && o.EPUB.Footnotes == NotesPerBook
		}},
		{[]string{"--font-dir", dir}, map[string]string{"GALLEY_FONT_DIR": "/nonexistent"}, "", func(o Options) bool {
			return len(o.PDF.FontDirs) == 1 && o.PDF.FontDirs[0] == dir // the flag wins; the variable is not read
		}},
		{nil, map[string]string{"GALLEY_RESOURCE_PATH": "a" + string(filepath.ListSeparator) + "b"}, "", func(o Options) bool {
			return strings.Join(o.Resources.Paths, " ") == "a b"
		}},
		{nil, nil, "resource_paths: [img, shared/pics]", func(o Options) bool {
			return strings.Join(o.Resources.Paths, " ") == filepath.Join(dir, "img")+" "+filepath.Join(dir, "shared", "pics")
		}},
		{[]string{"--cover", "c.png"}, nil, "", func(o Options) bool { return o.Resources.Cover == "c.png" && o.PDF.Cover }},
		{nil, map[string]string{"GALLEY_MAX_IMAGE_BYTES": "64KiB", "GALLEY_REMOTE_TIMEOUT": "2m"}, "max_depth: 10", func(o Options) bool {
			return o.Limits.MaxImageBytes == 64<<10 && o.Limits.RemoteTimeout == 2*time.Minute && o.Limits.MaxDepth == 10
		}},
	} {
		cl := commandLine(t, true, tc.args...)
		o, err := cl.Options(Defaults(), env(tc.env))
		if err != nil {
			t.Fatalf("case %d: %v", i+1, err)
		}
		if tc.book != "" {
			file, diags := bookYAML(t, dir, tc.book)
			if diags.Len() > 0 {
				t.Fatalf("case %d: %v", i+1, diags.Items())
			}
			if o, err = o.ForBook(file); err != nil {
				t.Fatalf("case %d: %v", i+1, err)
			}
		}
		if !tc.check(o) {
			t.Errorf("case %d: %v %v %q gave %+v", i+1, tc.args, tc.env, tc.book, o)
		}
	}
}

// TestBadValues are errors that name the setting and say what it wants.
func TestBadValues(t *testing.T) {
	for i, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{nil, map[string]string{"GALLEY_PAPER": "b7"}, `GALLEY_PAPER="b7": "b7": want a4, letter, a5`},
		{nil, map[string]string{"GALLEY_TOC_DEPTH": "9"}, `GALLEY_TOC_DEPTH="9": "9" is not a whole number from 1 to 6`},
		{nil, map[string]string{"GALLEY_QUIET": "maybe"}, `"maybe" is not true or false`},
		{[]string{"--booklet", "--n-up", "2"}, nil, "booklet and n-up 2 exclude each other"},
		{nil, map[string]string{"GALLEY_FORMAT": "pdf,mobi"}, `unknown format "mobi"`},
		{nil, map[string]string{"GALLEY_MAX_IMAGE_BYTES": "-1"}, "not a positive size"},
		{nil, map[string]string{"GALLEY_LINK_BASE": "doc.rust-lang.org/book"}, `link-base "doc.rust-lang.org/book" is not an http or https URL with a host`},
		{nil, map[string]string{"GALLEY_LINK_BASE": "ftp://example.org/"}, "not an http or https URL"},
	} {
		_, err := commandLine(t, true, tc.args...).Options(Defaults(), env(tc.env))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("case %d: error %v, want %q", i+1, err, tc.want)
		}
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	NewCommandLine(fs, true)
	if err := fs.Parse([]string{"--split-level", "0"}); err == nil || !strings.Contains(err.Error(), "from 1 to 6") {
		t.Errorf("a bad flag value: %v", err)
	}
}

// TestBookYAMLErrors are positioned: a bad value, an unknown key, a path
// out of the book.
func TestBookYAMLErrors(t *testing.T) {
	dir := t.TempDir()
	_, diags := bookYAML(t, dir, "paper: b7\nflavour: x\nfont_dirs: [../fonts]\nformats: {a: b}\nqr: yes please\n")
	var got []string
	for _, d := range diags.Items() {
		got = append(got, strings.TrimPrefix(d.String(), filepath.Join(dir, "book.yaml")))
	}
	want := []string{
		`:1:8: error: output key "paper": "b7": want a4, letter, a5`,
		`:2:1: warning: unknown output key "flavour"`,
		`:3:12: error: output key "font_dirs": "../fonts" leads outside the book's directory`,
		`:4:10: error: output key "formats": want a plain value`,
		`:5:5: error: output key "qr": "yes please" is not true or false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckHasNoOutputFlags: check writes nothing.
func TestCheckHasNoOutputFlags(t *testing.T) {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	NewCommandLine(fs, false)
	if fs.Lookup("o") != nil || fs.Lookup("manifest") != nil || fs.Lookup("paper") == nil {
		t.Error("check's flags")
	}
	var b strings.Builder
	PrintFlags(&b, fs)
	if !strings.Contains(b.String(), "--paper size\n        PDF paper size: a4, letter or a5 (default letter for en-US and similar, else a4; a5 with --booklet) [GALLEY_PAPER; book.yaml paper]") {
		t.Errorf("help:\n%s", b.String())
	}
}

// TestLinkBase: a link base names a directory (its path ends with "/"),
// without query or fragment.
func TestLinkBase(t *testing.T) {
	for in, want := range map[string]string{
		"https://doc.rust-lang.org/nomicon":     "https://doc.rust-lang.org/nomicon/",
		"https://doc.rust-lang.org/book/?x=1#y": "https://doc.rust-lang.org/book/",
		"http://example.org":                    "http://example.org/",
		"":                                      "",
	} {
		if got, err := ParseLinkBase(in); err != nil || got != want {
			t.Errorf("%q: %q (%v), want %q", in, got, err, want)
		}
	}
}
