// Package doc defines galley's document tree: a closed set of plain structs,
// each carrying the source position it was read from, in the manner of go/ast.
//
// The Markdown reader (package markdown) builds a Document; the shared passes
// (package passes) fill in the derived parts (heading ids, outline, footnote
// numbers, the further-reading appendix); the renderers (packages pdf and
// epub) turn it into bytes. Nothing here knows about Markdown, goldmark, PDF
// or EPUB.
package doc

import "strings"

import "strconv"

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// Unicode characters (runes), not bytes. The zero Pos means "unknown".
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether the position carries a line number.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as file:line:col, the prefix of every
// user-facing diagnostic. Unknown parts are left out.
func (p Pos) String() string {
	s := p.File
	if !p.IsValid() {
		if s == "" {
			return "-"
		}
		return s
	}
	if s != "" {
		s += ":"
	}
	s += strconv.Itoa(p.Line)
	if p.Col > 0 {
		s += ":" + strconv.Itoa(p.Col)
	}
	return s
}

// Attr is the general attribute set of a node, as in pandoc: an identifier,
// classes, and ordered key/value pairs. It comes from `{#id .class key=val}`
// in the source or is set by a pass (heading ids).
type Attr struct {
	ID      string   `json:"id,omitempty"`
	Classes []string `json:"classes,omitempty"`
	KV      []KV     `json:"kv,omitempty"`
}

// KV is one key/value attribute pair.
type KV struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// HasClass reports whether c is among the classes.
func (a Attr) HasClass(c string) bool {
	for _, x := range a.Classes {
		if x == c {
			return true
		}
	}
	return false
}

// Align is the alignment an align pair gives a block's lines (HTML's
// align="center" on a div, as GitHub shows a README's header):
// AlignDefault when it has none or another value.
func (a Attr) Align() Alignment {
	v, _ := a.Get("align")
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "left":
		return AlignLeft
	case "center":
		return AlignCenter
	case "right":
		return AlignRight
	}
	return AlignDefault
}

// Direction is the direction the dir attribute sets: right to left for
// "rtl", left to right for "ltr"; found is false for none, "auto" or
// anything else (the text's own direction decides).
func (a Attr) Direction() (rtl, found bool) {
	v, _ := a.Get("dir")
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "rtl":
		return true, true
	case "ltr":
		return false, true
	}
	return false, false
}

// Get returns the value of the first pair with the given key.
func (a Attr) Get(key string) (string, bool) {
	for _, kv := range a.KV {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return "", false
}

// Set sets the value of the first pair with the given key, or adds the
// pair when there is none.
func (a *Attr) Set(key, value string) {
	for i := range a.KV {
		if a.KV[i].Key == key {
			a.KV[i].Value = value
			return
		}
	}
	a.KV = append(a.KV, KV{Key: key, Value: value})
}

// IsZero reports whether the attribute set is empty.
func (a Attr) IsZero() bool { return a.ID == "" && len(a.Classes) == 0 && len(a.KV) == 0 }

// AttrOf returns the attribute set of the node kinds that carry one (and so
// an id that reaches the output): headings, lists, code blocks, tables,
// figures, links and images. It is nil for every other node.
func AttrOf(n Node) *Attr {
	switch n := n.(type) {
	case *Heading:
		return &n.Attr
	case *List:
		return &n.Attr
	case *CodeBlock:
		return &n.Attr
	case *Table:
		return &n.Attr
	case *Figure:
		return &n.Attr
	case *Link:
		return &n.Attr
	case *Image:
		return &n.Attr
	case *Span:
		return &n.Attr
	case *Div:
		return &n.Attr
	}
	return nil
}
