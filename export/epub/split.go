package epub

import (
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// maxChapterText is the most text a chapter file holds when its headings
// allow cutting it: e-readers lay out a file whole before they show its
// first page, and slow down on large ones (Calibre cuts files over
// 260 KB; Kindle's guidance was 300 KB). A file of this much text is
// about 200 KB of XHTML.
const maxChapterText = 150 << 10

// split cuts the top-level blocks at headings of level <= SplitLevel, and
// a part with more than maxChapterText of text again at its headings of
// the next levels, as deep as it needs (unless SplitLevel asks for one
// file). What comes before the first
// heading is in the first file; there is always at least one file.
func (b *book) split() {
	level := b.opts.Settings.SplitLevel
	var parts []sizedPart
	for _, part := range cutAt(b.d.Blocks, level, true) {
		if level < 1 { // one file, as asked
			parts = append(parts, sizedPart{part, textSize(part)})
			continue
		}
		parts = append(parts, cutLarge(part, level+1)...)
	}
	for _, part := range parts {
		n := len(b.chapters) + 1
		c := &chapter{
			name:   "chapter-" + strconv.Itoa(n) + ".xhtml",
			id:     "chapter-" + strconv.Itoa(n),
			ids:    newIDSet(),
			blocks: part.blocks,
			text:   part.text,
		}
		for _, bl := range part.blocks {
			if h, ok := bl.(*doc.Heading); ok {
				c.title = strings.TrimSpace(doc.PlainText(h.Content))
				break
			}
		}
		b.chapters = append(b.chapters, c)
	}
	if len(b.chapters) == 0 {
		b.chapters = []*chapter{{name: "chapter-1.xhtml", id: "chapter-1", ids: newIDSet()}}
	}
	for _, c := range b.chapters {
		if c.title == "" {
			c.title = b.title
		}
	}
}

// cutAt cuts blocks before each top-level heading of level <= level (==
// level unless orHigher), never leaving a part empty.
func cutAt(blocks []doc.Block, level int, orHigher bool) [][]doc.Block {
	var parts [][]doc.Block
	for _, bl := range blocks {
		h, ok := bl.(*doc.Heading)
		starts := ok && (h.Level == level || orHigher && h.Level < level)
		if len(parts) == 0 || starts && len(parts[len(parts)-1]) > 0 {
			parts = append(parts, nil)
		}
		parts[len(parts)-1] = append(parts[len(parts)-1], bl)
	}
	return parts
}

// sizedPart is a part of the blocks and the bytes of text it holds.
type sizedPart struct {
	blocks []doc.Block
	text   int // textSize(blocks)
}

// cutLarge cuts a part with more than maxChapterText of text at its
// headings of level, then of the levels below, until each part is small
// enough or has no heading left to cut at.
func cutLarge(part []doc.Block, level int) []sizedPart {
	size := textSize(part)
	if level > 6 || size <= maxChapterText {
		return []sizedPart{{part, size}}
	}
	var out []sizedPart
	for _, p := range cutAt(part, level, false) {
		out = append(out, cutLarge(p, level+1)...)
	}
	return out
}

// textSize is the bytes of text in blocks (doc.TextSize).
func textSize(blocks []doc.Block) int {
	n := 0
	for _, bl := range blocks {
		n += doc.TextSize(bl)
	}
	return n
}
