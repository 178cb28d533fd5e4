// Package bookgen writes long, deterministic Markdown books for layout and
// pagination tests: chapters, sections and sub-sections of prose in varied
// paragraph lengths, with lists, quotes, code blocks, tables, footnotes and
// links, so that page breaks fall in every kind of place.
package bookgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// vocabulary is the filler text's words: short and long ones, so that line
// breaking and hyphenation both have work to do.
var vocabulary = strings.Fields(`the a of and to in that is was for on with as by at from
it its this which were be are not but or an their had have has been they one all would there
summit leaders framework negotiation analysts debated sanctions relief verification regimes
peninsula months careful diplomacy progress remained elusive because mistrust endured both sides
table historians interpretation archival correspondence international relations administration
subsequently nevertheless considerable uncertainty representatives delegation communiqué
extraordinary circumstances denuclearization implementation infrastructure characteristically
responsibility accountability reconciliation understanding disagreement commitments economic
political military humanitarian cooperation institutional memorandum proposals counterproposals
observers journalists photographers hotel conference motorcade statement briefing schedule
unexpectedly abruptly cautiously optimistic disappointing significant widely reported compromise
incremental comprehensive multilateral bilateral arrangements guarantees assurances concessions`)

// gen writes one book; its source has a fixed seed, so every run writes the
// same book.
type gen struct {
	r       *rand.Rand
	b       strings.Builder
	notes   []string
	linkSeq int
}

// Book returns a Markdown book of the given number of chapters; about ten
// chapters fill a hundred A4 pages.
func Book(chapters int) []byte {
	g := &gen{r: rand.New(rand.NewPCG(1, 2))}
	g.b.WriteString("---\ntitle: A Generated Book for Pagination Tests\nsubtitle: Chapters of filler prose with every kind of block\nauthor: galley test generator\ndate: 2026-11-29\nlang: en\n---\n\n")
	for c := 1; c <= chapters; c++ {
		g.chapter(c)
	}
	if len(g.notes) > 0 {
		g.b.WriteString("\n")
		for i, n := range g.notes {
			fmt.Fprintf(&g.b, "[^n%d]: %s\n\n", i+1, n)
		}
	}
	return []byte(g.b.String())
}

func (g *gen) chapter(c int) {
	fmt.Fprintf(&g.b, "# Chapter %d: %s\n\n", c, g.title())
	g.paragraphs(1 + g.r.IntN(3))
	for s := 1; s <= 4; s++ {
		fmt.Fprintf(&g.b, "## %d.%d %s\n\n", c, s, g.title())
		g.paragraphs(1 + g.r.IntN(4))
		g.block()
		for u := 1; u <= 1+g.r.IntN(3); u++ {
			fmt.Fprintf(&g.b, "### %d.%d.%d %s\n\n", c, s, u, g.title())
			g.paragraphs(1 + g.r.IntN(5))
			if g.r.IntN(3) == 0 {
				g.block()
				g.paragraphs(1)
			}
		}
	}
}

// title is a short heading text.
func (g *gen) title() string {
	return capitalize(g.words(2 + g.r.IntN(4)))
}

// capitalize upper-cases the first letter of an ASCII-initial text.
func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// words returns n words of the vocabulary.
func (g *gen) words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocabulary[g.r.IntN(len(vocabulary))]
	}
	return strings.Join(w, " ")
}

// sentenceText is one sentence, sometimes with inline markup, a link or a
// footnote reference.
func (g *gen) sentenceText() string {
	s := capitalize(g.words(6 + g.r.IntN(18)))
	switch g.r.IntN(14) {
	case 0:
		s += " *" + g.words(2) + "*"
	case 1:
		s += " **" + g.words(2) + "**"
	case 2:
		s += " `" + strings.ReplaceAll(g.words(2), " ", "_") + "()`"
	case 3:
		g.linkSeq++
		s += fmt.Sprintf(" [%s](https://example.org/archive/%d/%s)", g.words(3), g.linkSeq, strings.ReplaceAll(g.words(2), " ", "-"))
	case 4:
		g.notes = append(g.notes, capitalize(g.words(8+g.r.IntN(30)))+".")
		s += fmt.Sprintf("[^n%d]", len(g.notes))
	case 5:
		s += fmt.Sprintf(" in %d", 1950+g.r.IntN(70))
	}
	return s + "."
}

// paragraphs writes n paragraphs of one to twelve sentences: some a single
// line, some long enough to cross a page break.
func (g *gen) paragraphs(n int) {
	for range n {
		k := 1 + g.r.IntN(7)
		if g.r.IntN(5) == 0 {
			k += 6
		}
		for i := range k {
			if i > 0 {
				g.b.WriteByte(' ')
			}
			g.b.WriteString(g.sentenceText())
		}
		g.b.WriteString("\n\n")
	}
}

// block writes one block other than a paragraph.
func (g *gen) block() {
	switch g.r.IntN(6) {
	case 0:
		for i := range 2 + g.r.IntN(5) {
			fmt.Fprintf(&g.b, "%d. %s\n", i+1, g.sentenceText())
		}
	case 1:
		for range 2 + g.r.IntN(5) {
			fmt.Fprintf(&g.b, "- %s %s\n", g.sentenceText(), g.sentenceText())
		}
	case 2:
		fmt.Fprintf(&g.b, "> %s %s %s\n", g.sentenceText(), g.sentenceText(), g.sentenceText())
	case 3:
		g.b.WriteString("```go\n")
		for i := range 4 + g.r.IntN(30) {
			indent := strings.Repeat("\t", 1+i%3)
			fmt.Fprintf(&g.b, "%sresult%d := negotiate(%q, %d) // %s\n", indent, i, g.words(1), i, g.words(3+g.r.IntN(14)))
		}
		g.b.WriteString("```\n")
	case 4:
		g.b.WriteString("| Year | Delegation | Outcome |\n|---:|---|---|\n")
		for range 3 + g.r.IntN(40) {
			fmt.Fprintf(&g.b, "| %d | %s | %s |\n", 1950+g.r.IntN(70), g.words(1+g.r.IntN(3)), g.words(2+g.r.IntN(12)))
		}
	case 5:
		fmt.Fprintf(&g.b, "> [!NOTE]\n> %s %s\n", g.sentenceText(), g.sentenceText())
	}
	g.b.WriteString("\n")
}
