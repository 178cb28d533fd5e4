package markdown

import (
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// docsifyCallout is docsify's callout that paragraph p is, "!> " (an
// important one) or "?> " (a tip) starting it; nil for any other.
func docsifyCallout(p *doc.Paragraph) *doc.Callout {
	if len(p.Content) == 0 {
		return nil
	}
	first, ok := p.Content[0].(*doc.Text)
	if !ok {
		return nil
	}
	for mark, kind := range map[string]string{"!> ": "important", "?> ": "tip"} {
		if rest, found := strings.CutPrefix(first.Value, mark); found {
			first.Value = rest
			first.Pos.Col += len(mark)
			if rest == "" {
				p.Content = p.Content[1:]
			}
			return &doc.Callout{Pos: p.Pos, Kind: kind, Blocks: []doc.Block{p}}
		}
	}
	return nil
}
