package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/corpus"
)

func TestLineTablePositions(t *testing.T) {
	src := []byte(byteOrderMark + "ab\nçé\r\nx")
	lt := newLineTable("f.md", src)
	for _, tc := range []struct {
		off  int
		want string
	}{
		{3, "f.md:1:1"},  // after the byte-order mark
		{4, "f.md:1:2"},  // 'b'
		{6, "f.md:2:1"},  // 'ç'
		{8, "f.md:2:2"},  // 'é' after a two-byte rune
		{12, "f.md:3:1"}, // 'x' after CRLF
		{99, "f.md:3:2"}, // clamped to the end
		{-5, "f.md:1:1"}, // clamped to the start
	} {
		if got := lt.pos(tc.off).String(); got != tc.want {
			t.Errorf("pos(%d) = %s, want %s", tc.off, got, tc.want)
		}
	}
}

func TestByteOrderMark(t *testing.T) {
	var dl diag.List
	d := Parse("bom.md", []byte(byteOrderMark+"---\ntitle: T\n---\n# Hi\n"), &dl)
	if dl.Len() != 0 || d.Meta.Title != "T" {
		t.Fatalf("meta %+v, diagnostics %v", d.Meta, dl.Items())
	}
	if h, ok := d.Blocks[0].(*doc.Heading); !ok || h.Pos.String() != "bom.md:4:1" {
		t.Errorf("first block = %s", doc.DumpString(d))
	}
}

func TestCharacterReference(t *testing.T) {
	for in, want := range map[string]string{
		"&amp;":       "&",
		"&#65;":       "A",
		"&#x41;":      "A",
		"&#X41;":      "A",
		"&#99999999;": "&#99999999;", // too many digits: literal
		"&#xD800;":    "\uFFFD",      // surrogate
		"&nosuch;":    "&nosuch;",
		"& amp;":      "& amp;",
		"&amp":        "&amp",
		"\\&amp;":     "&amp;", // escaped ampersand
	} {
		if got := unescape([]byte(in)); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHostileInputs checks that odd inputs give a document without a
// panic and with valid UTF-8 text.
func TestHostileInputs(t *testing.T) {
	inputs := map[string]string{
		"deep quotes":      strings.Repeat(">", 5000) + " x\n",
		"deep lists":       strings.Repeat("- ", 2000) + "x\n",
		"deep emphasis":    strings.Repeat("*", 10000) + "x" + strings.Repeat("*", 10000),
		"deep brackets":    strings.Repeat("[", 10000) + "x" + strings.Repeat("](u)", 3000),
		"binary":           "\x00\xff\xfe---\n\x00: \xff\n---\n",
		"front matter nul": "---\ntitle: \"a\x00b\"\n---\n",
		"yaml bomb":        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nkeywords: *c\n---\n",
		"lone cr":          "a\rb\r\r# c\r",
		"only delimiter":   "---",
		"callout marker":   "> [!NOTE]",
		"footnote in list": "- a[^x]\n\n  [^x]: note\n",
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			var dl diag.List
			d := Parse("h.md", []byte(in), &dl)
			if d == nil {
				t.Fatal("nil document")
			}
			doc.Inspect(d, func(n doc.Node) bool {
				if tx, ok := n.(*doc.Text); ok && !utf8.ValidString(tx.Value) {
					t.Errorf("invalid UTF-8 in %q", tx.Value)
				}
				return true
			})
		})
	}
}

func FuzzParse(f *testing.F) {
	names := []string{"testdata/article.md", "testdata/bad-frontmatter.md"}
	for _, pattern := range []string{"../../content/*.md", "../testdata/robust/*.md"} {
		more, _ := filepath.Glob(pattern)
		names = append(names, more...)
	}
	var seeds [][]byte
	for _, name := range names {
		if src, err := os.ReadFile(name); err == nil {
			seeds = append(seeds, src)
		}
	}
	for _, examples := range []func() ([]corpus.Example, error){corpus.CommonMark, corpus.GFM} {
		exs, err := examples()
		if err != nil {
			f.Fatal(err)
		}
		for _, ex := range exs {
			seeds = append(seeds, []byte(ex.Markdown))
		}
	}
	if data, err := os.ReadFile(caseFile); err == nil {
		if _, cases, err := readCases(data); err == nil {
			for _, c := range cases {
				seeds = append(seeds, caseSource(c.input))
			}
		}
	}
	for _, s := range corpus.FuzzSeeds(seeds) {
		f.Add(s)
	}
	// Each input is read as plain Markdown and as a page of every kind of
	// site (an Obsidian vault, Jekyll's, Hugo's, MkDocs' and Docusaurus'
	// sites).
	sites := Syntax{Obsidian: true, Liquid: true, Hugo: true, MkDocs: true, MDX: true}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, syntax := range []Syntax{{}, sites} {
			checkParse(t, src, syntax)
		}
	})
}

// checkParse parses src as syntax reads it and checks the tree: every
// node placed, no character the reader must replace, the typographer's
// placeholders gone, and the same tree when the file is cut into parts.
func checkParse(t *testing.T, src []byte, syntax Syntax) {
	var dl diag.List
	d := ParseLines("fuzz.md", src, nil, syntax, &dl)
	doc.Inspect(d, func(n doc.Node) bool {
		if n == nil {
			return false
		}
		p := n.Position()
		if !p.IsValid() && n != doc.Node(d) {
			// Meta references and nodes without a source place are
			// allowed none; everything else must be placed.
			t.Errorf("%T has no position", n)
		}
		switch n := n.(type) {
		case *doc.Text:
			if clean(n.Value) != n.Value {
				t.Errorf("text %q holds a character the reader must replace", n.Value)
			}
			for _, q := range []string{quoteOpenDouble, quoteCloseDouble, quoteOpenSingle, quoteCloseSingle} {
				if strings.Contains(n.Value, q) && !bytes.Contains(src, []byte(q)) {
					t.Errorf("text %q holds the typographer's placeholder %U", n.Value, []rune(q)[0])
				}
			}
		case *doc.Code:
			if clean(n.Value) != n.Value {
				t.Errorf("code %q holds a character the reader must replace", n.Value)
			}
		case *doc.CodeBlock:
			if clean(n.Text) != n.Text {
				t.Errorf("code block %q holds a character the reader must replace", n.Text)
			}
		}
		return true
	})
	_ = doc.DumpString(d)
	// Cut into parts wherever it may be, it parses as it does whole.
	if cuts := everyCut(src); len(cuts) > 0 {
		if whole, parts := parseDump(src, noCuts, syntax), parseDump(src, everyCut, syntax); whole != parts {
			t.Errorf("cut at %v, the tree differs:\nwhole:\n%s\nparts:\n%s", cuts, whole, parts)
		}
	}
}
