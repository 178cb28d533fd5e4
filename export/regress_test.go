package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/internal/validate"
)

// Regressions found by the fuzz targets and the corpus run: each source
// once failed to render; now each builds to both formats with the
// warnings named.
func TestRegressions(t *testing.T) {
	t.Parallel()
	b := newBuilder(t)
	for _, tc := range []struct {
		name, src, warning string
	}{
		// CommonMark example 607 (FuzzRenderPDF seed): a link to a
		// fragment no heading has made the PDF drawer fail.
		{"broken internal link", "[link](#fragment)\n", `broken internal link "#fragment"`},
		// CommonMark example 96 (corpus run): a thematic break and a
		// setext heading at the top of the file were refused as front
		// matter that is not a mapping.
		// CommonMark example 20 (corpus run, EPUBCheck RSC-020): a
		// backslash in an autolink's query went into the href as is.
		{"backslash in a URL", "<https://example.com?find=\\*>\n", ""},
		// CommonMark example 600 (corpus run, EPUBCheck RSC-023): a web
		// link whose host is "..".
		{"link without a host name", "<https://../>\n", `link "https://../" is not a valid URL: it has no valid host name; the link is left out of both outputs, its text kept`},
		// The Book of Statistical Proofs run: a displayed formula with
		// nothing to show made the PDF's layout index an empty formula.
		{"a displayed formula of nothing", "$$\\vspace{1cm}$$\n\n$$\\label{x} \\nonumber$$\n", ""},
		{"prose between --- lines", "---\nFoo\n---\nBar\n---\nBaz\n", `in.md:1:1: warning: the text between the first two "---" lines is not front matter`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeFile(t, dir, "in.md", tc.src)
			res, err := b.Build(in, testOptions(dir))
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			if len(res.Artifacts) != 2 {
				t.Errorf("artifacts %+v, want a PDF and an EPUB", res.Artifacts)
			}
			if tc.warning != "" && !hasDiagnostic(res.Diagnostics, diag.Warning, tc.warning) {
				t.Errorf("no warning %q in %v", tc.warning, res.Diagnostics)
			}
			for name, data := range readZip(t, filepath.Join(dir, "in.epub")) {
				if strings.HasSuffix(name, ".xhtml") && (bytes.Contains(data, []byte(`\*"`)) || bytes.Contains(data, []byte(`href="https://../"`))) {
					t.Errorf("%s holds an invalid href:\n%s", name, data)
				}
			}
		})
	}
}

func hasDiagnostic(ds []diag.Diagnostic, sev diag.Severity, text string) bool {
	for _, d := range ds {
		if d.Severity == sev && strings.Contains(d.String(), text) {
			return true
		}
	}
	return false
}

// buildCleanly builds src as dir/name.md into dir, failing the test on
// any diagnostic, and returns the e-book's chapters' XHTML.
func buildCleanly(t *testing.T, dir, name, src string) string {
	t.Helper()
	res, err := newBuilder(t).Build(writeFile(t, dir, name+".md", src), testOptions(dir))
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	var chapter string
	for file, data := range readZip(t, filepath.Join(dir, name+".epub")) {
		if strings.HasPrefix(file, "EPUB/chapter-") {
			chapter += string(data)
		}
	}
	return chapter
}

// TestGitHubHeadingIDs: headings written as READMEs write them, with an
// emoji shortcode and a no-break space (trimstray's book of secret
// knowledge: "## :anger: &nbsp;Table of Contents"), get the ids GitHub
// gives them, so the README's own links to them work in both outputs.
func TestGitHubHeadingIDs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "## :anger: &nbsp;Table of Contents\n\n- [CLI Tools](#cli-tools-toc)\n- [Thanks](#tada-thanks)\n\n" +
		"### CLI Tools &nbsp;[<sup>[TOC]</sup>](#anger-table-of-contents)\n\nText.\n\n## :tada: Thanks\n\nMore.\n"
	chapter := buildCleanly(t, dir, "in", src)
	for _, want := range []string{`id="anger-table-of-contents"`, `id="cli-tools-toc"`, `id="tada-thanks"`,
		`href="#cli-tools-toc"`, `href="#tada-thanks"`, `href="#anger-table-of-contents"`, `<span class="emoji">💢</span>`} {
		if !strings.Contains(chapter, want) {
			t.Errorf("the e-book lacks %s", want)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "in.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := string(validate.Objects(t, raw))
	for _, dest := range []string{"(anger-table-of-contents)", "(cli-tools-toc)", "(tada-thanks)"} {
		if !strings.Contains(pdf, "/Dest "+dest) && !strings.Contains(pdf, "/Dest"+dest) {
			t.Errorf("the PDF has no link to %s", dest)
		}
	}
}

// TestLessonBoxes builds a lesson written as the Carpentries' Workbench
// and Quarto write them, with fenced divs: each box is a callout titled
// by its kind and first heading in both outputs, the solution a details
// division (its title in bold, its content shown), and no fence is
// printed; its glossary's bracketed spans are link targets and
// languages.
func TestLessonBoxes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "---\ntitle: Lesson\nteaching: 5\n---\n\n" +
		"::::::::::::::::::::::::::::::::::::::: objectives\n\n- Explain the tilde.\n\n::::::::::::::::::::::::::::::::::::::::::::::::::\n\n" +
		"## Paths\n\nText.\n\n" +
		":::::::::::::::::::::::::::::::::::::::  challenge\n\n## Tilde\n\nWhat does `~` mean?\n\n" +
		":::::::::::::::  solution\n\n## Solution\n\nThe home directory.\n\n:::::::::::::::::::::::::\n\n" +
		"::::::::::::::::::::::::::::::::::::::::::::::::::\n\n" +
		"::: {.callout-warning title=\"Mind the *gap*\"}\nQuarto's box.\n:::\n\n" +
		"[shell]{#shell}\n:   A program. See the [glossary](#shell) and [bonjour]{lang=fr}.\n"
	chapter := buildCleanly(t, dir, "lesson", src)
	for _, want := range []string{">Objectives<", ">Challenge: Tilde<", `<div class="details">`, `<p class="summary"><strong>Solution</strong>`, "The home directory.",
		"Mind the <em>gap</em>", `<span id="shell">shell</span>`, `href="#shell"`, `<span lang="fr" xml:lang="fr">bonjour</span>`} {
		if !strings.Contains(chapter, want) {
			t.Errorf("the e-book lacks %s:\n%s", want, chapter)
		}
	}
	validate.EPUBCheck(t, filepath.Join(dir, "lesson.epub"))
	text := normalizeSpace(validate.PDF(t, filepath.Join(dir, "lesson.pdf")).Text)
	for _, want := range []string{"Objectives • Explain the tilde.", "Challenge: Tilde What does ~ mean?", "Solution The home directory.", "Mind the gap Quarto’s box."} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(chapter+text, ":::") {
		t.Errorf("a fence was printed")
	}
}

// TestPandocInlines: pandoc's superscript and inline note, as pandoc
// users write them, reach both outputs: the superscript raised, the note
// numbered with the labelled ones and set at the foot of the page.
func TestPandocInlines(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "# Powers\n\n2^10^ is 1024.^[An *inline* note.] A labelled one.[^b]\n\n[^b]: The labelled note.\n"
	chapter := buildCleanly(t, dir, "in", src)
	for _, want := range []string{"2<sup>10</sup> is 1024.", "An <em>inline</em> note.", "The labelled note."} {
		if !strings.Contains(chapter, want) {
			t.Errorf("the e-book lacks %s:\n%s", want, chapter)
		}
	}
	validate.EPUBCheck(t, filepath.Join(dir, "in.epub"))
	text := normalizeSpace(validate.PDF(t, filepath.Join(dir, "in.pdf")).Text)
	for _, want := range []string{"1. An inline note.", "2. The labelled note."} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(chapter+text, "^") {
		t.Errorf("a caret was printed")
	}
}

// TestLineBlock: pandoc's line block (verse, an address) keeps its lines
// in both outputs, its indent and its empty line; it was one run-on
// paragraph with its bars printed.
func TestLineBlock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "# Verse\n\n| The limerick packs laughs anatomical\n|    Into space that is quite economical.\n|\n| But the good ones I have seen\n  so seldom are clean\n"
	chapter := buildCleanly(t, dir, "in", src)
	want := "<div class=\"line-block\">\n<p>The limerick packs laughs anatomical<br/>\n\u00a0\u00a0\u00a0Into space that is quite economical.<br/>\n<br/>\nBut the good ones I have seen so seldom are clean</p>\n</div>"
	if !strings.Contains(chapter, want) {
		t.Errorf("the e-book lacks the line block %q:\n%s", want, chapter)
	}
	validate.EPUBCheck(t, filepath.Join(dir, "in.epub"))
	text := validate.PDF(t, filepath.Join(dir, "in.pdf")).Text
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, strings.Trim(l, " \u00a0\f"))
	}
	got := strings.Join(lines, "\n")
	if want := "The limerick packs laughs anatomical\nInto space that is quite economical.\n"; !strings.Contains(got, want) || strings.Contains(got, "|") {
		t.Errorf("the PDF does not set the lines as lines (want %q, no bar):\n%s", want, got)
	}
	if !strings.Contains(got, "\nBut the good ones I have seen so seldom are clean\n") {
		t.Errorf("the continued line is not one line:\n%s", got)
	}
}

// TestLetteredLists: a question's lettered choices, a roman list and a
// numbered list written 1) reach both outputs as lists numbered as
// written: the PDF prints their markers, the e-book's lists have HTML's
// type; they were one run-on paragraph ("a) Paris b) London").
func TestLetteredLists(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "# Quiz\n\nWhat is the capital of France?\n   a) Paris\n   b) London\n\n" +
		"iii. three\niv. four\n\n1) first\n2) second\n"
	chapter := buildCleanly(t, dir, "in", src)
	for _, want := range []string{"<ol type=\"a\">\n<li>Paris</li>\n<li>London</li>\n</ol>", "<ol start=\"3\" type=\"i\">", "<ol>\n<li>first</li>"} {
		if !strings.Contains(chapter, want) {
			t.Errorf("the e-book lacks %q:\n%s", want, chapter)
		}
	}
	validate.EPUBCheck(t, filepath.Join(dir, "in.epub"))
	text := validate.PDF(t, filepath.Join(dir, "in.pdf")).Text
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	got := strings.Join(lines, "\n")
	if want := "What is the capital of France?\na) Paris\nb) London\niii. three\niv. four\n1) first\n2) second"; !strings.Contains(got, want) {
		t.Errorf("the PDF's lists (want %q):\n%s", want, got)
	}
}

// TestMermaidDiagram: a diagram as Mermaid's CLI writes it (its labels
// HTML in foreignObjects, its sheet's rules under the diagram's id, its
// paints rgba(), its arrowheads markers, a sizeless <rect/>, a role list)
// reaches both outputs with its labels: set as text in the PDF, where
// they were left out (the boxes empty) or the whole image was a
// placeholder ("param mismatch"), and as SVG text in the e-book, which
// EPUBCheck passes (it refused the rect and the role).
func TestMermaidDiagram(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	label := func(x, y float64, text string) string {
		return fmt.Sprintf(`<g class="node" transform="translate(%g, %g)"><rect class="basic label-container" x="-50" y="-20" width="100" height="40"/>`+
			`<g class="label" transform="translate(-40, -12)"><rect/><foreignObject width="80" height="24"><div xmlns="http://www.w3.org/1999/xhtml" `+
			`style="display: table-cell; white-space: nowrap; line-height: 1.5; text-align: center;"><span class="nodeLabel"><p>%s</p></span></div></foreignObject></g></g>`, x, y, text)
	}
	svg := `<svg id="d" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 60" role="graphics-document document">` +
		`<style>#d{font-family:"trebuchet ms",verdana,arial,sans-serif;font-size:16px;fill:#333;}#d .node rect{fill:rgba(236,236,255,0.9);stroke:#9370DB;}` +
		`#d .marker{fill:#333333;stroke:#333333;}#d .flowchart-link{stroke:#333333;fill:none;}</style>` +
		`<marker id="d_arrow" class="marker flowchart-v2" viewBox="0 0 10 10" refX="5" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto">` +
		`<path d="M 0 0 L 10 5 L 0 10 z" class="arrowMarkerPath"/></marker>` +
		label(60, 30, "Draft") + label(240, 30, "Handout") +
		`<path d="M110 30 L190 30" class="flowchart-link" marker-end="url(#d_arrow)"/></svg>`
	writeFile(t, dir, "flow.svg", svg)
	chapter := buildCleanly(t, dir, "in", "# Flow\n\n![How a handout is made](flow.svg)\n")
	validate.EPUBCheck(t, filepath.Join(dir, "in.epub"))
	text := normalizeSpace(validate.PDF(t, filepath.Join(dir, "in.pdf")).Text)
	for _, want := range []string{"Draft", "Handout"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks the label %q:\n%s", want, text)
		}
	}
	var image string
	for file, data := range readZip(t, filepath.Join(dir, "in.epub")) {
		if strings.HasSuffix(file, ".svg") && strings.Contains(file, "/img-") { // not the generated cover's
			image = string(data)
		}
	}
	for _, want := range []string{`<tspan x="40" dy="0.350em">Draft</tspan>`, `<tspan x="40" dy="0.350em">Handout</tspan>`, `role="document"`} {
		if !strings.Contains(image, want) {
			t.Errorf("the e-book's image lacks %s:\n%s", want, image)
		}
	}
	if strings.Contains(image, "foreignObject") {
		t.Errorf("the e-book's image keeps its foreignObjects:\n%s", image)
	}
	if !strings.Contains(chapter, `alt="How a handout is made"`) {
		t.Errorf("the e-book's chapter does not show the image:\n%s", chapter)
	}
}

// TestGridTable: a pandoc grid table reaches both outputs as a table, its
// header, alignment and multi-line cells kept; it was one run-on
// paragraph of bars and dashes.
func TestGridTable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "# Fruit\n\n+---------+----------+\n| Fruit   | Price    |\n+:========+=========:+\n| Bananas | $1.34    |\n|         |          |\n| ripe    | a *hand* |\n+---------+----------+\n| Oranges | 2 and    |\n| Seville | `more`   |\n+---------+----------+\n"
	chapter := buildCleanly(t, dir, "in", src)
	for _, want := range []string{
		"<th scope=\"col\" class=\"align-left\">Fruit</th><th scope=\"col\" class=\"align-right\">Price</th>",
		"<td class=\"align-left\">Bananas<br/>\nripe</td>",
		"<td class=\"align-right\">2 and <code>more</code></td>",
	} {
		if !strings.Contains(chapter, want) {
			t.Errorf("the e-book lacks %q:\n%s", want, chapter)
		}
	}
	validate.EPUBCheck(t, filepath.Join(dir, "in.epub"))
	text := validate.PDF(t, filepath.Join(dir, "in.pdf")).Text
	if strings.Contains(text, "|") || strings.Contains(text, "+") || !strings.Contains(text, "Oranges Seville") {
		t.Errorf("the PDF does not set the grid table as a table:\n%s", text)
	}
}
