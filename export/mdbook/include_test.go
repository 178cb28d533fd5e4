package mdbook

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
)

// book writes files into a new book directory and opens it as a root.
func book(t testing.TB, files map[string]string) *os.Root {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

const listing = `// ANCHOR: all
fn main() {
    // ANCHOR: body
    let x = 5;
    println!("{x}");
    // ANCHOR_END: body
}
// ANCHOR_END: all
`

const hidden = "# fn main() {\nlet x = 5;\n#\n# }\n"

// TestExpand, in numbered cases: each directive form, and what it gives.
func TestExpand(t *testing.T) {
	root := book(t, map[string]string{
		"src/listing.rs": listing,
		"src/hidden.rs":  hidden,
		"src/nest.md":    "before\n{{#include listing.rs:body}}\nafter\n",
		"src/deep/x.txt": "one\ntwo\nthree\n",
	})
	for i, tc := range []struct {
		src, want, diag string
	}{
		{"```rust\n{{#include listing.rs}}\n```\n", "```rust\nfn main() {\n    let x = 5;\n    println!(\"{x}\");\n}\n```\n", ""},
		{"{{#include listing.rs:body}}\n", "    let x = 5;\n    println!(\"{x}\");\n", ""},
		{"{{#include deep/x.txt:2}}\n", "two\n", ""},
		{"{{#include deep/x.txt:2:3}}\n", "two\nthree\n", ""},
		{"{{#include deep/x.txt:2:}}\n", "two\nthree\n", ""},
		{"{{#include deep/x.txt::2}}\n", "one\ntwo\n", ""},
		{"{{#include listing.rs:6}}\n", "\n", ""}, // an anchor line alone: nothing (the fuzzer's find)
		{"{{#rustdoc_include hidden.rs}}\n", "let x = 5;\n", ""},
		{"{{#playground hidden.rs editable}}\n", "```rust,editable\nlet x = 5;\n```\n", ""},
		{"say \\{{#include x}} literally\n", "say {{#include x}} literally\n", ""},
		{"the `{{#include}}` directive and {{#toc}}\n", "the `{{#include}}` directive and {{#toc}}\n", ""},
		{"{{#include nest.md}}\n", "before\n    let x = 5;\n    println!(\"{x}\");\nafter\n", ""},
		{"{{#title A Title}}\ntext\n", "\ntext\n", "ch.md:1:1: warning: {{#title}} names mdBook's web page"},
		{"x {{#frobnicate y}}\n", "x \n", `ch.md:1:3: warning: mdBook's {{#frobnicate}} is not supported`},
		{"{{#include ../../etc/passwd}}\n", "\n", "ch.md:1:1: error: {{#include ../../etc/passwd}}: the path leads outside the book's directory"},
		{"{{#include missing.rs}}\n", "\n", "ch.md:1:1: error: {{#include missing.rs}}: no such file or directory"},
		{"{{#include listing.rs:nope}}\n", "\n", `ch.md:1:1: warning: {{#include listing.rs:nope}}: no anchor "nope" in the file; nothing is included, as mdBook includes nothing`},
		{"{{#include deep/x.txt:7}}\n", "\n", "ch.md:1:1: error: {{#include deep/x.txt:7}}: lines 7 are not in the file's 3 lines"},
	} {
		var diags diag.List
		got := Expand(root, nil, "src/ch.md", "ch.md", []byte(tc.src), &diags)
		checkExpanded(t, i+1, tc.src, got, &diags, tc.want, tc.diag)
	}
}

// checkExpanded checks case n, src expanded as got with diags: its text
// is want, a line an origin, and its one diagnostic starts wantDiag (or
// it has none, for "").
func checkExpanded(t *testing.T, n int, src string, got Expanded, diags *diag.List, want, wantDiag string) {
	t.Helper()
	if string(got.Text) != want {
		t.Errorf("%d: %q gives %q, want %q", n, src, got.Text, want)
	}
	if lines := strings.Count(string(got.Text), "\n"); len(got.Origins) != lines {
		t.Errorf("%d: %d origins for %d lines", n, len(got.Origins), lines)
	}
	var ds []string
	for _, d := range diags.Items() {
		ds = append(ds, d.String())
	}
	if wantDiag == "" && len(ds) > 0 || wantDiag != "" && (len(ds) != 1 || !strings.HasPrefix(ds[0], wantDiag)) {
		t.Errorf("%d: diagnostics %q, want %q", n, ds, wantDiag)
	}
}

// TestOrigins: an included line remembers its file and its own line
// number; the chapter's lines after an include keep theirs.
func TestOrigins(t *testing.T) {
	root := book(t, map[string]string{"src/listing.rs": listing})
	got := Expand(root, nil, "src/ch.md", "ch.md", []byte("# Ch\n\n{{#include listing.rs:body}}\nend\n"), &diag.List{})
	want := []string{"ch.md:1", "ch.md:2", "listing.rs:4", "listing.rs:5", "ch.md:4"}
	if len(got.Origins) != len(want) {
		t.Fatalf("origins %v", got.Origins)
	}
	for i, o := range got.Origins {
		if g := filepath.Base(o.File) + ":" + strconv.Itoa(o.Line); g != want[i] {
			t.Errorf("line %d from %s, want %s", i+1, g, want[i])
		}
	}
}

// TestSymlinkOut: an include that is a symbolic link out of the book is
// refused.
func TestSymlinkOut(t *testing.T) {
	root := book(t, map[string]string{"src/ch.md": ""})
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("root:x:0:0\n"), 0o644)
	if err := os.Symlink(secret, filepath.Join(root.Name(), "src", "pw.txt")); err != nil {
		t.Skip(err)
	}
	var diags diag.List
	got := Expand(root, nil, "src/ch.md", "ch.md", []byte("{{#include pw.txt}}\n"), &diags)
	if strings.Contains(string(got.Text), "root:x") || diags.Len() != 1 || !strings.Contains(diags.Items()[0].Message, "a symbolic link leads outside the book's directory") {
		t.Errorf("text %q, diagnostics %v", got.Text, diags.Items())
	}
}

// TestIncludeFromAllowedDirectory: mdBook's guide includes
// ../../../examples/…, out of the book. That is refused with a hint at
// --resource-path; with the directory allowed, the file is read through
// its own root (and an include inside it resolves there too), while a
// symbolic link out of that directory is still refused.
func TestIncludeFromAllowedDirectory(t *testing.T) {
	top := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(top, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("guide/src/ch.md", "")
	write("examples/nop.rs", "{{#include part.rs}}\nfn main() {}\n")
	write("examples/part.rs", "use std::io;\n")
	write("secret.txt", "root:x:0:0\n")
	if err := os.Symlink(filepath.Join(top, "secret.txt"), filepath.Join(top, "examples", "pw.txt")); err != nil {
		t.Skip(err)
	}
	open := func(dir string) *os.Root {
		r, err := os.OpenRoot(filepath.Join(top, dir))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}
	guide, examples := open("guide"), open("examples")
	const src = "{{#include ../../examples/nop.rs}}\n"

	var refused diag.List
	got := Expand(guide, nil, "src/ch.md", "ch.md", []byte(src), &refused)
	if strings.TrimSpace(string(got.Text)) != "" || refused.Len() != 1 || !strings.Contains(refused.Items()[0].Message, "--resource-path") {
		t.Errorf("without the directory: text %q, diagnostics %v", got.Text, refused.Items())
	}

	var diags diag.List
	got = Expand(guide, []*os.Root{examples}, "src/ch.md", "ch.md", []byte(src), &diags)
	if string(got.Text) != "use std::io;\nfn main() {}\n" || diags.Len() != 0 {
		t.Errorf("with the directory: text %q, diagnostics %v", got.Text, diags.Items())
	}
	if len(got.Origins) != 2 || got.Origins[0].File != filepath.Join(examples.Name(), "part.rs") || got.Origins[1].File != filepath.Join(examples.Name(), "nop.rs") {
		t.Errorf("origins %v", got.Origins)
	}

	var link diag.List
	got = Expand(guide, []*os.Root{examples}, "src/ch.md", "ch.md", []byte("{{#include ../../examples/pw.txt}}\n{{#include ../../secret.txt}}\n"), &link)
	if strings.Contains(string(got.Text), "root:x") || link.Len() != 2 {
		t.Errorf("out of the allowed directory: text %q, diagnostics %v", got.Text, link.Items())
	}
}

// FuzzExpand: any chapter text expands without a panic, with one origin a
// line, and reads nothing outside the book, as mdBook's, as a Quarto
// book's (its shortcodes read) and as a MkDocs site's (its snippets read).
func FuzzExpand(f *testing.F) {
	for _, s := range []string{"{{#include listing.rs:body}}\n", "a {{#include deep/x.txt:2:}} b\nc", "\\{{#include x}}", "{{#playground hidden.rs a b}}",
		"{{#include ../x}}", "{{#include nest.md}}{{#include nest.md}}\n", "{{#title}}{{#include :}}", "{{#include deep/x.txt::}}",
		"{{< include /src/nest.md >}}\n", "{{< kbd mac=A >}}{{</* var x */>}}", "{{< include >}}{{< pagebreak >}}", "{{< var a.b >}} {{< video x >}}",
		"--8<-- \"nest.md\"\n", "--8<--\ndeep/x.txt:2:3\n;x\n--8<--\n", ";--8<-- 'x'", "--8<-- \"../../etc/passwd\"\n--8<--"} {
		f.Add(s)
	}
	root := book(f, map[string]string{
		"src/listing.rs": listing, "src/hidden.rs": hidden,
		"src/nest.md": "{{#include listing.rs:all}}\n", "src/deep/x.txt": "one\ntwo\nthree\n",
	})
	f.Fuzz(func(t *testing.T, src string) {
		for _, got := range []Expanded{
			Expand(root, nil, "src/ch.md", "ch.md", []byte(src), &diag.List{}),
			ExpandQuarto(root, nil, "src/ch.md", "ch.md", []byte(src), map[string]string{"a.b": "c"}, &diag.List{}),
			ExpandMkDocs(root, nil, "src/ch.md", "ch.md", []byte(src), &Snippets{Base: []string{"src", "."}, AutoAppend: []string{"deep/x.txt"}}, &diag.List{}),
		} {
			if n := strings.Count(string(got.Text), "\n"); len(got.Origins) != n && len(got.Origins) != n+1 {
				t.Fatalf("%d origins for %d newlines of %q", len(got.Origins), n, got.Text)
			}
		}
	})
}
