package passes

import (
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// NumberExamples numbers pandoc's example lists (doc.ExampleClass) on
// through the document, each list starting where the one before it
// stopped, and writes each "(@label)" in the text as its example's
// number, "(3)", as pandoc does. A label given to two examples is a
// warning (the first keeps it); "(@label)" of no example stays as
// written.
func NumberExamples(d *doc.Document, diags *diag.List) {
	numbers := map[string]int{}
	count := 0
	doc.Inspect(d, func(n doc.Node) bool {
		switch n.(type) {
		case *doc.Paragraph, *doc.Heading, *doc.Table, *doc.CodeBlock, *doc.Figure:
			return false // inlines hold no list: the walk skips the most of the tree
		}
		l, ok := n.(*doc.List)
		if !ok || !l.Attr.HasClass(doc.ExampleClass) {
			return true
		}
		l.Start = count + 1
		for _, it := range l.Items {
			count++
			label, at := exampleLabel(it)
			if label == "" {
				continue
			}
			if _, dup := numbers[label]; dup {
				diags.Warnf(at, "example label @%s is given to example %d already; this one is (%d)", label, numbers[label], count)
				p := it.Blocks[0].(*doc.Paragraph) // exampleLabel found its anchor there
				p.Content = p.Content[1:]          // the first example's anchor stays the only one
				continue
			}
			numbers[label] = count
		}
		return true
	})
	if len(numbers) == 0 {
		return
	}
	doc.Inspect(d, func(n doc.Node) bool {
		if t, ok := n.(*doc.Text); ok && strings.Contains(t.Value, "(@") {
			t.Value = exampleRefs(t.Value, numbers)
		}
		return true
	})
}

// exampleLabel is the label of an example list's item, from the anchor
// its first paragraph starts with, and the anchor's position.
func exampleLabel(it *doc.ListItem) (string, doc.Pos) {
	if len(it.Blocks) == 0 {
		return "", it.Pos
	}
	p, ok := it.Blocks[0].(*doc.Paragraph)
	if !ok || len(p.Content) == 0 {
		return "", it.Pos
	}
	s, ok := p.Content[0].(*doc.Span)
	if !ok || len(s.Content) > 0 {
		return "", it.Pos
	}
	label, ok := strings.CutPrefix(s.Attr.ID, doc.ExampleAnchor(""))
	if !ok {
		return "", it.Pos
	}
	return label, s.Pos
}

// exampleRefs writes each "(@label)" of s whose label numbers gives as
// "(n)".
func exampleRefs(s string, numbers map[string]int) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "(@")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], ')')
		n, ok := 0, false
		if j > 0 {
			n, ok = numbers[s[i+2:i+j]]
		}
		if !ok {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i] + "(" + strconv.Itoa(n) + ")")
		s = s[i+j+1:]
	}
}
