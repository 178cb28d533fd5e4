package markdown

import (
	"bytes"
	"fmt"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"gopkg.in/yaml.v3"
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

// SetMeta sets one metadata key of meta to value, as `-M key=value` on the
// command line gives it: value is read as YAML (so `[a, b]` is a list),
// with the keys and checks of the front matter, and replaces what the
// front matter or book.yaml said. A bad key or value is an error naming
// the key.
func SetMeta(meta *doc.Meta, key, value string) error {
	root, err := decodeYAML([]byte(value))
	if err != nil {
		return fmt.Errorf("metadata %s: %q is not a YAML value: %v", key, value, err)
	}
	v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	if root != nil && len(root.Content) > 0 {
		v = deref(root.Content[0])
	}
	var diags diag.List
	r := &metaReader{lines: newLineTable("-M", nil), diags: &diags}
	if key == "author" || key == "authors" {
		meta.Authors = nil // replaced, not added to
	}
	r.field(meta, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
	if items := diags.Items(); len(items) > 0 {
		return fmt.Errorf("metadata %s: %s", key, items[0].Message)
	}
	return nil
}
