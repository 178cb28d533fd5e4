package pdf

import (
	"fmt"

	"github.com/galley-pub/galley/export/layout"
)

// drawnPage is a page drawn: its compressed content stream, the resources
// it uses and its marked-content sequences.
type drawnPage struct {
	stream []byte
	raw    []byte // the stream uncompressed, until it is compressed
	used   map[string]bool
	marks  []mark
	slots  []*layout.Slot // pending: their items are drawn at the end
}

// drawPage draws page i (0-based) with content c into buf, reused: a
// page, or a page placed on sheets as a form (untagged, placing nothing).
func drawPage(p *layout.Page, i int, c *content, forms map[*layout.Page]string, buf []byte) (drawnPage, error) {
	c.b = buf[:0]
	texts := 0 // the page's texts drawn, each word of a Words run one
	if err := c.items(p.Items, &texts); err != nil {
		return drawnPage{raw: c.b}, fmt.Errorf("pdf: page %d: %w", i+1, err)
	}
	c.closeTag()
	for _, pl := range p.Placed {
		c.place(pl, forms[pl.Page])
	}
	return drawnPage{raw: c.b, used: c.used, marks: c.marks, slots: c.slots}, nil
}

// items draws items, counting the texts drawn in texts: a slot's items
// where the slot is, or, while they are pending, nothing: the slot is
// kept, its items drawn at the end in a content stream of their own.
func (c *content) items(items []layout.Item, texts *int) error {
	var word layout.Text // one for every word: drawing keeps none
	for _, it := range items {
		switch t := it.(type) {
		case *layout.Words:
			for k := range t.Len() {
				word = t.Text(k)
				c.at, *texts = *texts, *texts+1
				if err := c.item(&word); err != nil {
					return err
				}
			}
			continue
		case *layout.Slot:
			if t.Pending {
				c.slots = append(c.slots, t)
				continue
			}
			if err := c.items(t.Items, texts); err != nil {
				return err
			}
			continue
		case *layout.Text:
			c.at, *texts = *texts, *texts+1
		}
		if err := c.item(it); err != nil {
			return err
		}
	}
	return nil
}
