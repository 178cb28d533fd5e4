package markdown

import (
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/galley-pub/galley/export/doc"
)

// Inline HTML that authors really use becomes tree nodes, so that both
// renderers set it: goldmark gives each tag as a raw inline of its own
// ("<sup>", text, "</sup>"), and pairInlineHTML wraps what lies between an
// element's start and end tags, in the same run of inlines, in the node
// the element stands for. A tag with no partner, or of another element,
// stays raw: the EPUB sanitises it, the PDF sets only the text around it.

// rawTag is a start, end or empty-element tag read from a raw inline.
type rawTag struct {
	name  string
	end   bool
	void  bool // <br>, <br/>, <a id="x"/>
	attrs []html.Attribute
}

// parseRawTag reads a raw inline that is exactly one tag.
func parseRawTag(s string) (rawTag, bool) {
	z := html.NewTokenizer(strings.NewReader(s))
	tt := z.Next()
	tok := z.Token()
	if z.Next() != html.ErrorToken { // more than one token
		return rawTag{}, false
	}
	switch tt {
	case html.StartTagToken:
		return rawTag{name: tok.Data, attrs: tok.Attr, void: tok.Data == "br" || tok.Data == "wbr"}, true
	case html.SelfClosingTagToken:
		return rawTag{name: tok.Data, attrs: tok.Attr, void: true}, true
	case html.EndTagToken:
		return rawTag{name: tok.Data, end: true}, true
	}
	return rawTag{}, false
}

// pairable reports the elements whose start and end tags pairInlineHTML
// turns into a node.
func pairable(name string) bool {
	switch name {
	case "sup", "sub", "kbd", "span", "a", "em", "i", "strong", "b", "del", "s", "code", "mark", "small", "u", "ins", "abbr", "cite", "q", "samp", "var", "dfn",
		"ruby", "rt", "rp":
		return true
	}
	return false
}

// attr returns the value of an attribute, and whether it is there.
func attr(attrs []html.Attribute, key string) (string, bool) {
	for _, a := range attrs {
		if strings.EqualFold(a.Key, key) {
			return validUTF8(a.Val), true
		}
	}
	return "", false
}

// pairInlineHTML replaces the raw inline tags of in that pair up, and the
// line breaks and anchors written as tags, with nodes.
func pairInlineHTML(in []doc.Inline) []doc.Inline {
	if !slices.ContainsFunc(in, func(n doc.Inline) bool { _, raw := n.(*doc.RawInline); return raw }) {
		return in // nearly every run of inlines: nothing to pair, no copy
	}
	type open struct {
		at  int // index in out of the start tag
		tag rawTag
	}
	var out []doc.Inline
	var stack []open
	for _, n := range in {
		raw, ok := n.(*doc.RawInline)
		if !ok {
			out = append(out, n)
			continue
		}
		tag, ok := parseRawTag(raw.HTML)
		switch {
		case !ok:
			out = append(out, n)
		case tag.name == "br" && !tag.end:
			out = append(out, &doc.LineBreak{Pos: raw.Pos})
		case tag.name == "a" && tag.void:
			if a := anchorAttr(tag.attrs); a.ID != "" {
				out = append(out, &doc.Span{Pos: raw.Pos, Attr: a})
			} else {
				out = append(out, n)
			}
		case !tag.end && !tag.void && pairable(tag.name):
			stack = append(stack, open{at: len(out), tag: tag})
			out = append(out, n)
		case tag.end && len(stack) > 0 && stack[len(stack)-1].tag.name == tag.name:
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			start := out[o.at].(*doc.RawInline)
			content := doc.MergeTexts(append([]doc.Inline(nil), out[o.at+1:]...))
			node := elementNode(o.tag, start.Pos, content)
			if node == nil {
				out = append(out, n) // kept raw, as written
				continue
			}
			out = append(out[:o.at], node)
		default:
			out = append(out, n)
		}
	}
	return out
}

// anchorAttr is the id an <a> gives as a link target: its id, else its
// name.
func anchorAttr(attrs []html.Attribute) doc.Attr {
	if id, ok := attr(attrs, "id"); ok && id != "" {
		return doc.Attr{ID: id}
	}
	if name, ok := attr(attrs, "name"); ok && name != "" {
		return doc.Attr{ID: name}
	}
	return doc.Attr{}
}

// elementNode is the node of an element with its content, or nil for one
// that stays raw.
func elementNode(tag rawTag, pos doc.Pos, content []doc.Inline) doc.Inline {
	switch tag.name {
	case "sup":
		return &doc.Superscript{Pos: pos, Content: content}
	case "sub":
		return &doc.Subscript{Pos: pos, Content: content}
	case "em", "i", "cite", "dfn", "var":
		return &doc.Emphasis{Pos: pos, Content: content}
	case "strong", "b":
		return &doc.Strong{Pos: pos, Content: content}
	case "del", "s":
		return &doc.Strikethrough{Pos: pos, Content: content}
	case "code", "samp":
		if len(content) == 1 {
			if t, ok := content[0].(*doc.Text); ok {
				return &doc.Code{Pos: pos, Value: t.Value}
			}
		}
		return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{"kbd"}}, Content: content}
	case "kbd":
		return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{"kbd"}}, Content: content}
	case "rt":
		return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{doc.RubyTextClass}}, Content: content}
	case "rp":
		return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{"rp"}}, Content: content}
	case "ruby":
		// Ruby (furigana, pinyin): its bases and their annotations
		// (doc.RubyClass); the fallback parentheses of <rp> are the
		// renderers' to write.
		content = slices.DeleteFunc(content, func(n doc.Inline) bool {
			sp, ok := n.(*doc.Span)
			return ok && sp.Attr.HasClass("rp")
		})
		return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{doc.RubyClass}}, Content: content}
	case "a":
		if href, ok := attr(tag.attrs, "href"); ok {
			title, _ := attr(tag.attrs, "title")
			return &doc.Link{Pos: pos, Attr: anchorAttr(tag.attrs), URL: href, Title: title, Content: content}
		}
		a := anchorAttr(tag.attrs)
		if a.ID == "" {
			return nil
		}
		return &doc.Span{Pos: pos, Attr: a, Content: content}
	default: // span, mark, small, u, ins, abbr, q
		a := anchorAttr(tag.attrs)
		if class, ok := attr(tag.attrs, "class"); ok {
			a.Classes = strings.Fields(class)
		}
		if tag.name != "span" {
			a.Classes = append([]string{tag.name}, a.Classes...)
		}
		if lang, ok := attr(tag.attrs, "lang"); ok && lang != "" {
			a.KV = append(a.KV, doc.KV{Key: "lang", Value: lang})
		}
		return &doc.Span{Pos: pos, Attr: a, Content: content}
	}
}
