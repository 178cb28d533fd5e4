package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/golden"
)

// The case file, in the manner of goldmark's spec tests: a header of
// comment lines, then numbered cases. Each case is a "N: title" line, the
// Markdown input, the expected tree dump and, when there are any, the
// expected diagnostics, separated by these lines.
const (
	caseFile      = "testdata/cases.txt"
	sectionSep    = "//- - - - - - - - -//"
	caseEnd       = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
	caseFileName  = "case.md" // the file name cases are parsed under
	crMarker      = "␍"       // stands for a carriage return in inputs
	nulMarker     = "␀"       // stands for a NUL byte in inputs
	invalidMarker = "␦"       // stands for the invalid UTF-8 byte 0xFF
)

var caseTitle = regexp.MustCompile(`^(\d+): (.*)$`)

// specCase is one numbered case of the case file.
type specCase struct {
	number int
	title  string
	input  string
	tree   string
	diags  string
}

// readCases parses the case file into its header and cases.
func readCases(data []byte) (header string, cases []*specCase, err error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	var hdr strings.Builder
	var cur *specCase
	var section *strings.Builder
	var input, tree, diags strings.Builder
	lineNo := 0
	for sc.Scan() {
		line := sc.Text()
		lineNo++
		switch {
		case cur == nil:
			m := caseTitle.FindStringSubmatch(line)
			if m == nil {
				if len(cases) == 0 {
					hdr.WriteString(line + "\n")
				} else if line != "" {
					return "", nil, fmt.Errorf("line %d: want a case title, got %q", lineNo, line)
				}
				continue
			}
			n, _ := strconv.Atoi(m[1])
			cur = &specCase{number: n, title: m[2]}
			section = nil
			input.Reset()
			tree.Reset()
			diags.Reset()
		case line == sectionSep:
			switch section {
			case nil:
				section = &input
			case &input:
				section = &tree
			case &tree:
				section = &diags
			default:
				return "", nil, fmt.Errorf("line %d: too many sections in case %d", lineNo, cur.number)
			}
		case line == caseEnd:
			cur.input, cur.tree, cur.diags = input.String(), tree.String(), diags.String()
			cases = append(cases, cur)
			cur = nil
		case section == nil:
			return "", nil, fmt.Errorf("line %d: want %q after the title of case %d", lineNo, sectionSep, cur.number)
		default:
			section.WriteString(line + "\n")
		}
	}
	if cur != nil {
		return "", nil, fmt.Errorf("case %d is not closed by %q", cur.number, caseEnd)
	}
	return hdr.String(), cases, sc.Err()
}

// writeCases formats the case file.
func writeCases(header string, cases []*specCase) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, c := range cases {
		fmt.Fprintf(&b, "%d: %s\n%s\n%s%s\n%s", c.number, c.title, sectionSep, c.input, sectionSep, c.tree)
		if c.diags != "" {
			fmt.Fprintf(&b, "%s\n%s", sectionSep, c.diags)
		}
		fmt.Fprintf(&b, "%s\n\n", caseEnd)
	}
	return b.Bytes()
}

// caseSource turns a case's input into source bytes.
func caseSource(input string) []byte {
	r := strings.NewReplacer(crMarker, "\r", nulMarker, "\x00", invalidMarker, "\xff")
	return []byte(r.Replace(input))
}

// vaultCase, jekyllCase, hugoCase, mkdocsCase and mdxCase start the
// titles of cases parsed as a note of an Obsidian vault is
// (Syntax.Obsidian), as a page of a Jekyll, Hugo or MkDocs site is
// (Syntax.Liquid, Syntax.Hugo, Syntax.MkDocs) and as MDX (Syntax.MDX).
const (
	vaultCase  = "in an Obsidian vault, "
	jekyllCase = "in a Jekyll site, "
	hugoCase   = "in a Hugo site, "
	mkdocsCase = "in a MkDocs site, "
	mdxCase    = "in an MDX page, "
)

// parseForTest parses src and returns the tree dump and diagnostics, one
// per line.
func parseForTest(name string, src []byte) (tree, diagnostics string) {
	return parseSyntaxForTest(name, src, Syntax{})
}

// parseSyntaxForTest is parseForTest reading syntax.
func parseSyntaxForTest(name string, src []byte, syntax Syntax) (tree, diagnostics string) {
	var dl diag.List
	d := ParseLines(name, src, nil, syntax, &dl)
	var b strings.Builder
	for _, x := range dl.Items() {
		b.WriteString(x.String() + "\n")
	}
	return doc.DumpString(d), b.String()
}

// loadCases reads the case file: its header and its cases.
func loadCases(t testing.TB) (header string, cases []*specCase) {
	t.Helper()
	data, err := os.ReadFile(caseFile)
	if err != nil {
		t.Fatal(err)
	}
	header, cases, err = readCases(data)
	if err != nil {
		t.Fatalf("%s: %v", caseFile, err)
	}
	return header, cases
}

func TestCases(t *testing.T) {
	header, cases := loadCases(t)
	if len(cases) < 40 {
		t.Errorf("%s has %d cases, want at least 40", caseFile, len(cases))
	}
	for i, c := range cases {
		if c.number != i+1 {
			t.Errorf("case %q is numbered %d, want %d", c.title, c.number, i+1)
		}
		tree, diagnostics := parseSyntaxForTest(caseFileName, caseSource(c.input), caseSyntax(c))
		if golden.Update() {
			c.tree, c.diags = tree, diagnostics
			continue
		}
		t.Run(strconv.Itoa(c.number), func(t *testing.T) {
			if tree != c.tree {
				t.Errorf("case %d (%s)\ninput:\n%s\ngot tree:\n%s\nwant tree:\n%s", c.number, c.title, c.input, tree, c.tree)
			}
			if diagnostics != c.diags {
				t.Errorf("case %d (%s)\ngot diagnostics:\n%s\nwant diagnostics:\n%s", c.number, c.title, diagnostics, c.diags)
			}
		})
	}
	if golden.Update() {
		if err := os.WriteFile(caseFile, writeCases(header, cases), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// caseSyntax is what a case is read as, by its title.
func caseSyntax(c *specCase) Syntax {
	return Syntax{Obsidian: strings.HasPrefix(c.title, vaultCase), Liquid: strings.HasPrefix(c.title, jekyllCase),
		Hugo: strings.HasPrefix(c.title, hugoCase), MkDocs: strings.HasPrefix(c.title, mkdocsCase),
		MDX: strings.HasPrefix(c.title, mdxCase)}
}

// TestParsersReused: goldmark parsers configured once and used for one
// parse after another (markdowns, as a chapter's are for its captions)
// read every case as parsers made for it alone do, whichever cases they
// read before: the cases in order, then backwards, through one set.
func TestParsersReused(t *testing.T) {
	_, cases := loadCases(t)
	mds := markdowns{}
	reuse := func(c *specCase) {
		t.Helper()
		src, syntax := caseSource(c.input), caseSyntax(c)
		want, wantDiags := parseSyntaxForTest(caseFileName, src, syntax)
		var dl diag.List
		got := doc.DumpString(parseWith(caseFileName, src, nil, syntax, &dl, partsFor, mds))
		var gotDiags strings.Builder
		for _, x := range dl.Items() {
			gotDiags.WriteString(x.String() + "\n")
		}
		if got != want || gotDiags.String() != wantDiags {
			t.Errorf("case %d (%s) read with reused parsers:\n%s%s\nwant:\n%s%s", c.number, c.title, got, gotDiags.String(), want, wantDiags)
		}
	}
	for _, c := range cases {
		reuse(c)
	}
	for i := len(cases) - 1; i >= 0; i-- {
		reuse(cases[i])
	}
	if len(mds) < 2 {
		t.Errorf("the cases configured %d parsers, want one for each syntax read", len(mds))
	}
}

func TestCaseFileRoundTrip(t *testing.T) {
	in := []*specCase{{number: 1, title: "x", input: "a\n", tree: "Document 1:1\n", diags: "d\n"}, {number: 2, title: "y", input: "b\n", tree: "T\n"}}
	hdr, out, err := readCases(writeCases("# header\n\n", in))
	if err != nil {
		t.Fatal(err)
	}
	if hdr != "# header\n\n" || len(out) != 2 || *out[0] != *in[0] || *out[1] != *in[1] {
		t.Errorf("round trip: got header %q, cases %+v %+v", hdr, out[0], out[1])
	}
}

// TestCodeLanguage: the language of a fenced block's info string, as
// mdBook and pandoc write it.
func TestCodeLanguage(t *testing.T) {
	for i, tc := range []struct{ info, want string }{
		{"rust", "rust"},
		{"rust,ignore", "rust"},
		{"rust,editable,no_run", "rust"},
		{"{.python}", "python"},
		{"{.python .numberLines}", "python"},
		{"python{1,3}", "python"},
		{"", ""},
	} {
		d := Parse("t.md", []byte("```"+tc.info+"\ncode\n```\n"), nil)
		if got := d.Blocks[0].(*doc.CodeBlock).Language; got != tc.want {
			t.Errorf("%d: info %q gives %q, want %q", i+1, tc.info, got, tc.want)
		}
	}
}
