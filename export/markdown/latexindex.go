package markdown

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// LaTeX's index entries, \index{term} (bookdown's books write them on a
// line of their own under a heading, or at a paragraph's end), mark a
// term for a printed book's index and print nothing where they stand.
// galley makes no index: the entries are taken out of the text, a
// paragraph of nothing else with them, and each file says once how many
// it had (chunkStats.index).

// indexEntry is one \index{…}, its term holding braces two deep
// (\index{dates|see {\texttt{POSIXct}}}).
var indexEntry = regexp.MustCompile(`\\index\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}`)

// tally counts things of one kind in a document, where the first is and
// what it is, when that is told: the index entries left out, the
// paragraphs a warning is about, the content for other formats (each
// its condition).
type tally struct {
	n     int
	first doc.Pos
	what  string // the first's
}

// add counts n things at pos, the first of them what.
func (c *tally) add(pos doc.Pos, n int, what string) {
	if c.n == 0 || posBefore(pos, c.first) {
		c.first, c.what = pos, what
	}
	c.n += n
}

// merge adds o's count to c.
func (c *tally) merge(o tally) {
	if o.n > 0 {
		c.add(o.first, o.n, o.what)
	}
}

// indexMessage is the warning for c, a count of index entries left out
// ("" for none).
func (c tally) indexMessage() string {
	switch c.n {
	case 0:
		return ""
	case 1:
		return `1 LaTeX index entry (\index{…}) is left out: galley makes no index`
	}
	return strconv.Itoa(c.n) + ` LaTeX index entries (\index{…}) are left out: galley makes no index`
}

// withoutIndexEntries returns in with the index entries taken out of its
// texts (with the space before one, or after one that starts a text),
// counting them in count.
func withoutIndexEntries(in []doc.Inline, count *tally) []doc.Inline {
	for i, x := range in {
		t, ok := x.(*doc.Text)
		if !ok || !strings.Contains(t.Value, `\index{`) {
			continue
		}
		var b strings.Builder
		rest, n := t.Value, 0
		for {
			loc := indexEntry.FindStringIndex(rest)
			if loc == nil {
				break
			}
			before := rest[:loc[0]]
			after := rest[loc[1]:]
			if b.Len() == 0 && strings.TrimSpace(before) == "" {
				before, after = "", strings.TrimLeft(after, " \t")
			} else {
				before = strings.TrimSuffix(before, " ")
			}
			b.WriteString(before)
			rest, n = after, n+1
		}
		if n == 0 {
			continue
		}
		b.WriteString(rest)
		count.add(t.Pos, n, "")
		c := *t
		c.Value = b.String()
		in[i] = &c
	}
	return in
}

// blankParagraph reports whether a paragraph shows nothing: its inlines
// only spaces and hard line breaks (all it had were index entries).
func blankParagraph(p *doc.Paragraph) bool {
	for _, x := range p.Content {
		switch x := x.(type) {
		case *doc.Text:
			if strings.TrimSpace(x.Value) != "" {
				return false
			}
		case *doc.LineBreak:
		default:
			return false
		}
	}
	return true
}
