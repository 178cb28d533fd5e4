package markdown

import (
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// docsifyCallouts are docsify's callouts' marks and kinds.
var docsifyCallouts = [...]struct{ mark, kind string }{{"!> ", "important"}, {"?> ", "tip"}}

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
	for _, c := range docsifyCallouts {
		if rest, found := strings.CutPrefix(first.Value, c.mark); found {
			first.Value = rest
			first.Pos.Col += len(c.mark)
			if rest == "" {
				p.Content = p.Content[1:]
			}
			return &doc.Callout{Pos: p.Pos, Kind: c.kind, Blocks: []doc.Block{p}}
		}
	}
	return nil
}
