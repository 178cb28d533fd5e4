package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/corpus"
	"github.com/galley-pub/galley/export/l10n"
)

// everyCut cuts wherever partCuts may: before every heading it finds safe.
func everyCut(body []byte) []int { return partCuts(body, 1<<20, 1) }

func noCuts([]byte) []int { return nil }

// parseDump parses src with cuts and returns the tree and diagnostics.
func parseDump(src []byte, cuts func([]byte) []int, syntax Syntax) string {
	var dl diag.List
	d := parseWith("big.md", src, nil, syntax, &dl, cuts, markdowns{})
	var b strings.Builder
	b.WriteString(doc.DumpString(d))
	for _, x := range dl.Items() {
		b.WriteString(x.String() + "\n")
	}
	return b.String()
}

// partsCorpus is one long file of every case of the case file, every
// CommonMark and GFM spec example and the package's test documents (those
// that stand alone), each after a level-1 heading, with the
// constructs that must not be cut through.
func partsCorpus(t *testing.T) []byte {
	t.Helper()
	_, cases := loadCases(t)
	var b bytes.Buffer
	b.WriteString("---\ntitle: Parts\n---\n\nBefore the first heading.[^early]\n\n[^early]: A note of the preface.\n")
	for _, c := range cases {
		src := caseSource(c.input)
		if bytes.HasPrefix(src, []byte("---")) || !standsAlone(src) {
			continue
		}
		fmt.Fprintf(&b, "\n\n# Case %d\n\n", c.number)
		b.Write(ownLabels(src, "c"+strconv.Itoa(c.number)))
	}
	for _, examples := range []func() ([]corpus.Example, error){corpus.CommonMark, corpus.GFM} {
		exs, err := examples()
		if err != nil {
			t.Fatal(err)
		}
		for i, ex := range exs {
			if src := []byte(ex.Markdown); standsAlone(src) {
				fmt.Fprintf(&b, "\n\n# Example %d\n\n", i+1)
				b.Write(ownLabels(src, "e"+strconv.Itoa(i+1)))
			}
		}
	}
	files, _ := filepath.Glob("testdata/*.md")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, found, _ := findFrontMatter(src); found || !standsAlone(src) {
			continue
		}
		fmt.Fprintf(&b, "\n\n# File %s\n\n", filepath.Base(f))
		b.Write(src)
	}
	b.WriteString(mustNotCut)
	return b.Bytes()
}

// standsAlone reports whether src can be a chapter of the corpus: it
// defines no link reference (which would leave nothing to cut), and it
// leaves no fenced code, HTML block or div start tag open (which would
// run over every chapter after it), as goldmark and blockScanner read it.
func standsAlone(src []byte) bool {
	var sc blockScanner
	for _, l := range bytes.SplitAfter(src, []byte("\n")) {
		sc.line(l)
		if definesLinkReference(l) {
			return false
		}
	}
	root, _, err := parseMarkdown(src, Syntax{}, markdowns{})
	if err != nil || sc.open() || endsOpen(root, src) {
		return false
	}
	c := &converter{src: src, lines: newLineTable("f.md", src), labels: footnoteLabels(root), quotes: l10n.Quotes("en")}
	return !leavesTagOpen(c.blocks(root, doc.Pos{}))
}

// ownLabels gives the footnote labels of src a prefix of their own, so
// that the cases' notes, most of them labelled 1, do not leave the file
// with nowhere to cut.
func ownLabels(src []byte, prefix string) []byte {
	return bytes.ReplaceAll(src, []byte("[^"), []byte("[^"+prefix+"-"))
}

// mustNotCut holds "# inside" lines that open no heading: in fenced code,
// in HTML blocks that run over blank lines, or between a footnote's
// reference and its definition.
const mustNotCut = `

# Fences

` + "````md" + `

# inside
` + "```" + `

# inside
` + "````" + `

~~~

# inside
~~~

# Comments

<!-- a comment

# inside

-->

<pre>
text

# inside
</pre>

<script>

# inside
</script>

# Notes

A reference to a note defined later.[^later] And a tab:

#	Tab heading

# Between

# inside

[^later]: The note, two headings on.

#

A heading with no text above.
`

func anyLine(src []byte, f func([]byte) bool) bool {
	for _, l := range bytes.SplitAfter(src, []byte("\n")) {
		if f(l) {
			return true
		}
	}
	return false
}

// TestPartsParseAsWhole: a file parsed in parts, cut before every heading
// partCuts allows, gives the tree, positions and diagnostics of the file
// parsed whole.
func TestPartsParseAsWhole(t *testing.T) {
	src := partsCorpus(t)
	body := bytes.Clone(src)
	fm, _, _ := findFrontMatter(src)
	blank(body[:fm.end])
	cuts := everyCut(body)
	if len(cuts) < 50 {
		t.Fatalf("%d cuts in a file of %d headings: the test cuts too little to test", len(cuts), bytes.Count(src, []byte("\n# ")))
	}
	for _, c := range cuts {
		if line := body[c:min(len(body), c+12)]; bytes.HasPrefix(line, []byte("# inside")) || bytes.HasPrefix(line, []byte("# Between")) {
			t.Errorf("cut at offset %d, before %q", c, line)
		}
	}
	// The cases' and examples' texts link to no heading by its text, as
	// CommonMark reads them: a "[foo]" of one would to another's "# Foo".
	cm := Syntax{NoHeadingRefs: true}
	if _, _, _, ok := parseParts(body, newLineTable("big.md", src), cuts, cm, &diag.List{}); !ok {
		t.Fatalf("cut in %d parts, the file was parsed whole", len(cuts)+1)
	}
	whole, parts := parseDump(src, noCuts, cm), parseDump(src, everyCut, cm)
	if whole != parts {
		wl, pl := strings.Split(whole, "\n"), strings.Split(parts, "\n")
		for i := range min(len(wl), len(pl)) {
			if wl[i] != pl[i] {
				t.Fatalf("parsed in %d parts, the tree differs at line %d of its dump:\nwhole: %s\nparts: %s", len(cuts)+1, i+1, wl[i], pl[i])
			}
		}
		t.Fatalf("parsed in parts, the dump has %d lines, whole %d", len(pl), len(wl))
	}
	if !strings.Contains(whole, "FootnoteRef") || !strings.Contains(whole, "Case 1") {
		t.Fatalf("the corpus lost its notes or cases:\n%.2000s", whole)
	}
}

// TestPartCuts: where a file may be cut, in numbered cases.
func TestPartCuts(t *testing.T) {
	chapter := func(title, body string) string { return "# " + title + "\n\n" + body + "\n\n" }
	for i, tc := range []struct {
		src  string
		want []string // the lines cut before
	}{
		{chapter("A", "a") + chapter("B", "b") + chapter("C", "c"), []string{"# B", "# C"}},
		{chapter("A", "a") + "## Sub\n\nx\n\n" + chapter("B", "b"), []string{"# B"}},
		{chapter("A", "a\n# not after a blank line") + chapter("B", "b"), []string{"# B"}},
		{chapter("A", "```\n\n# code\n```") + chapter("B", "b"), []string{"# B"}},
		{chapter("A", "  ~~~~\n\n# code\n~~~\n\n# code\n~~~~") + chapter("B", "b"), []string{"# B"}},
		{chapter("A", "<!--\n\n# comment\n\n-->") + chapter("B", "b"), []string{"# B"}},
		{chapter("A", "<!-- one line -->") + chapter("B", "b"), []string{"# B"}},
		{chapter("A", "<PRE>\n\n# pre\n</PRE>") + chapter("B", "b"), []string{"# B"}},
		{chapter("A", "a[^n]") + chapter("B", "[^n]: note") + chapter("C", "c"), []string{"# C"}},
		{chapter("A", "a[^n]\n\n[^n]: note") + chapter("B", "b[^n]"), nil},
		{chapter("A", "[link][x]") + chapter("B", "[x]: /url"), nil},
		{chapter("A", "> [x]: /url") + chapter("B", "b"), nil},
		{chapter("A", "```\n[x]: in code\n```") + chapter("B", "b"), nil}, // looked for in code too
		{chapter("A", "a") + "#\n\nempty heading\n\n" + "#not a heading\n\n" + "#\tB\n", []string{"#\n", "#\tB"}},
		{chapter("A", "{% hint style=\"info\" %}\n\n# in a hint\n\n{% endhint %}") + chapter("B", "b"), []string{"# B"}}, // GitBook's
		{chapter("A", "{% embed url=\"https://a.example\" %}") + chapter("B", "b"), []string{"# B"}},
		{chapter("A", "{{< highlight sh >}}\n\n# a comment\n\n{{< /highlight >}}") + chapter("B", "b"), []string{"# B"}}, // Hugo's
		{chapter("A", "{{< button href=\"/\" >}}Home{{< /button >}}") + chapter("B", "b"), []string{"# B"}},
	} {
		body := []byte(tc.src)
		var got []string
		for _, c := range partCuts(body, 100, 1) {
			l := body[c:]
			if j := bytes.IndexByte(l, '\n'); j >= 0 {
				l = l[:j+1]
			}
			got = append(got, string(l))
		}
		var want []string
		for _, w := range tc.want {
			for _, l := range strings.SplitAfter(tc.src, "\n") {
				if strings.HasPrefix(l, w) {
					want = append(want, l)
					break
				}
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%d: cuts before %q, want %q\n%s", i+1, got, want, tc.src)
		}
	}
}

// TestPartSizes: no part is shorter than the least asked, and there are
// no more parts than asked.
func TestPartSizes(t *testing.T) {
	var b strings.Builder
	for i := range 100 {
		fmt.Fprintf(&b, "# Chapter %d\n\n%s\n\n", i, strings.Repeat("word ", 200))
	}
	src := []byte(b.String())
	for _, n := range []int{1, 2, 4, 8} {
		cuts := partCuts(src, n, 10_000)
		if len(cuts) > n-1 {
			t.Errorf("%d parts asked: %d cuts", n, len(cuts))
		}
		last := 0
		for _, c := range append(cuts, len(src)) {
			if c-last < 10_000 {
				t.Errorf("%d parts: a part of %d bytes", n, c-last)
			}
			last = c
		}
		if n > 1 && len(cuts) == 0 {
			t.Errorf("%d parts asked: none cut", n)
		}
	}
}

// TestPartPositions: every offset of a part, its end included, has the
// position the whole file's table gives it.
func TestPartPositions(t *testing.T) {
	src := []byte("\xEF\xBB\xBFfirst line\n\n# A\n\nçà\r\nb\n\n# B\n\nlast")
	whole := newLineTable("f.md", src)
	cuts := partCuts(src, 8, 1)
	if len(cuts) != 2 {
		t.Fatalf("cuts %v, want two", cuts)
	}
	bounds := append(append([]int{0}, cuts...), len(src))
	for i := range len(bounds) - 1 {
		p := sourcePart{bounds[i], bounds[i+1]}
		pt := whole.part(p)
		for off := p.start; off <= p.end; off++ {
			if got, want := pt.pos(off-p.start), newLineTable("f.md", src).pos(off); got != want {
				t.Errorf("part %d, offset %d: %v, want %v", i, off, got, want)
			}
		}
	}
}

// TestPartsCatchAMistakenCut: blockScanner, which knows nothing of lists,
// takes a list's closing fence for an opening one and cuts inside the
// next fence; the part before the cut then ends in open code, and the
// file is parsed whole, as it must be.
func TestPartsCatchAMistakenCut(t *testing.T) {
	src := []byte("# A\n\n1. ```\n   foo\n   ```\n\n# B\n\n```\n\n# inside\n```\n\n# C\n\nc\n")
	cuts := everyCut(src)
	inside := bytes.Index(src, []byte("# inside"))
	if !slices.Contains(cuts, inside) {
		t.Fatalf("cuts %v: not the mistaken one at %d; the test tests nothing", cuts, inside)
	}
	if _, _, _, ok := parseParts(src, newLineTable("f.md", src), cuts, Syntax{}, &diag.List{}); ok {
		t.Errorf("cut inside fenced code, the parts were taken")
	}
	if whole, parts := parseDump(src, noCuts, Syntax{}), parseDump(src, everyCut, Syntax{}); whole != parts {
		t.Errorf("the tree differs:\nwhole:\n%s\nparts:\n%s", whole, parts)
	}
	// A <Listing> whose end tag is in the next part likewise.
	src = []byte("# A\n\n<Listing number=\"1\">\n\n# B\n\n</Listing>\n\n# C\n\nc\n")
	if cuts := everyCut(src); len(cuts) != 2 {
		t.Errorf("cuts %v, want two", cuts)
	} else if _, _, _, ok := parseParts(src, newLineTable("f.md", src), cuts, Syntax{}, &diag.List{}); ok {
		t.Errorf("cut between a listing's start and end tags, the parts were taken")
	}
	if whole, parts := parseDump(src, noCuts, Syntax{}), parseDump(src, everyCut, Syntax{}); whole != parts {
		t.Errorf("the tree differs:\nwhole:\n%s\nparts:\n%s", whole, parts)
	}
	// An open HTML comment likewise.
	src = []byte("# A\n\n- <!--\n  -->\n\n<!--\n\n# inside\n-->\n\n# C\n\nc\n")
	if cuts := everyCut(src); len(cuts) > 0 {
		if _, _, _, ok := parseParts(src, newLineTable("f.md", src), cuts, Syntax{}, &diag.List{}); ok && slices.Contains(cuts, bytes.Index(src, []byte("# inside"))) {
			t.Errorf("cut inside an HTML comment, the parts were taken")
		}
	}
	if whole, parts := parseDump(src, noCuts, Syntax{}), parseDump(src, everyCut, Syntax{}); whole != parts {
		t.Errorf("the tree differs:\nwhole:\n%s\nparts:\n%s", whole, parts)
	}
}

// TestPartsHeadingRefs: a link to a heading by its text (headingrefs.go)
// reads the same when the file is cut into parts: one to a heading in
// another part, or to a heading an earlier part has too (the first is
// meant), has the file parsed whole; links within their part keep the
// parts.
func TestPartsHeadingRefs(t *testing.T) {
	for i, c := range []struct {
		src   string
		parts bool
	}{
		{"# One\n\nSee [One].\n\n# Two\n\nSee [Two].\n", true},
		{"# One\n\nSee [Two].\n\n# Two\n\nText.\n", false},
		{"# One\n\nText.\n\n# Two\n\nSee [One].\n", false},
		{"# Same\n\nText.\n\n# Same\n\nSee [Same].\n", false},
		{"# One\n\nSee [Nothing].\n\n# Two\n\nText.\n", true},
	} {
		body := []byte(c.src)
		_, _, _, ok := parseParts(body, newLineTable("big.md", body), everyCut(body), Syntax{}, &diag.List{})
		if ok != c.parts {
			t.Errorf("%d: parsed in parts: %v, want %v", i+1, ok, c.parts)
		}
		if whole, parts := parseDump(body, noCuts, Syntax{}), parseDump(body, everyCut, Syntax{}); whole != parts {
			t.Errorf("%d: parsed whole:\n%s\nin parts:\n%s", i+1, whole, parts)
		}
	}
}

// TestPartsForLongFile: a long file is cut into parts of about a
// megabyte, not only as many as there are cores, so that a few of
// goldmark's trees are held at a time; a short one into none.
func TestPartsForLongFile(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 5<<20; i++ {
		fmt.Fprintf(&b, "# Chapter %d\n\n", i)
		for range 40 {
			b.WriteString(strings.Repeat("A sentence of the chapter, long enough. ", 8) + "\n\n")
		}
	}
	body := []byte(b.String())
	cuts := partsFor(body)
	if len(cuts) < 4 {
		t.Fatalf("%d cuts in %d bytes; want parts of about %d", len(cuts), len(body), partBytes)
	}
	prev := 0
	for _, c := range append(cuts, len(body)) {
		if size := c - prev; size > 2*partBytes {
			t.Errorf("a part of %d bytes, more than twice %d", size, partBytes)
		}
		prev = c
	}
	if cuts := partsFor(body[:100<<10]); len(cuts) != 0 {
		t.Errorf("a file of 100 KB cut at %v", cuts)
	}
}
