package markdown

import (
	"bytes"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// ParseMeta reads a whole YAML file (a book's book.yaml) as document
// metadata, with the keys and checks of a Markdown file's front matter.
// Keys for which extra returns true are left to the caller and not
// reported as unknown. Problems go to diags at their file:line:col.
func ParseMeta(file string, src []byte, extra func(key string) bool, diags *diag.List) doc.Meta {
	if diags == nil {
		diags = &diag.List{}
	}
	lines := newLineTable(file, src)
	meta := doc.Meta{Pos: lines.lineCol(1, 1)}
	off := lines.bom
	fm := frontMatter{yaml: bytes.Clone(src[off:]), firstLine: 1, end: len(src)}
	(&metaReader{lines: lines, diags: diags, extra: extra}).read(fm, &meta)
	return meta
}
