package markdown

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// GitBook's blocks, which a book written in GitBook (a SUMMARY.md and
// .gitbook/assets) holds on lines of their own, as Liquid tags:
//
//	{% hint style="info" %} … {% endhint %}        a callout: info a note, success a tip, warning, danger a caution
//	{% tabs %} {% tab title="A" %} … {% endtab %} {% endtabs %}   each tab its content under its title
//	{% code title="app.js" %} ``` … ``` {% endcode %}   the code under its file's name
//	{% content-ref url="x.md" %} … {% endcontent-ref %}  its content (a link)
//	{% stepper %} {% step %} … {% endstep %} {% endstepper %}  the steps' content
//	{% embed url="https://…" %}                        a link to the page embedded
//	{% file src="…/assets/data.zip" %}                 the file's name (the file is in neither output)
//
// An embed's or a file's caption, which GitBook closes with {% endembed %}
// or {% endfile %}, is a paragraph after it; the closing tag is left out.
// A tag of another name stays text.

// kindGitBook is the goldmark node kind of a GitBook block.
var kindGitBook = ast.NewNodeKind("GitBook")

// gitbookBlock is a GitBook block as goldmark parses it: a container's
// children are its Markdown.
type gitbookBlock struct {
	ast.BaseBlock
	tag    string            // the tag's name: hint, tabs, embed…; "" for a closing tag of a leaf (endfile)
	attrs  map[string]string // its attributes (style="info": style → info)
	closed bool              // its closing tag ended it
}

// Kind implements ast.Node.
func (n *gitbookBlock) Kind() ast.NodeKind { return kindGitBook }

// Dump implements ast.Node.
func (n *gitbookBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"tag": n.tag}, nil)
}

// gitbookContainers are the tags that hold Markdown up to their closing
// tag; gitbookLeaves stand alone.
var (
	gitbookContainers = map[string]bool{"hint": true, "tabs": true, "tab": true, "code": true, "content-ref": true, "stepper": true, "step": true}
	gitbookLeaves     = map[string]bool{"embed": true, "file": true}
)

// gitbookTag is a tag alone on its line: its name and its attributes.
var (
	gitbookTag  = regexp.MustCompile(`^\{%-?\s*([a-z][a-z-]*)((?:\s+[A-Za-z][\w-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*-?%\}\s*$`)
	gitbookAttr = regexp.MustCompile(`([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

// readGitBookTag reads the GitBook tag that line (from its first
// non-space byte) is: a container's or a leaf's opening tag, or the
// closing tag of a leaf (tag ""); ok is false for anything else.
func readGitBookTag(line []byte) (n *gitbookBlock, ok bool) {
	m := gitbookTag.FindSubmatch(line)
	if m == nil {
		return nil, false
	}
	name := string(m[1])
	if leaf, isEnd := strings.CutPrefix(name, "end"); isEnd && gitbookLeaves[leaf] && len(m[2]) == 0 {
		return &gitbookBlock{}, true
	}
	if !gitbookContainers[name] && !gitbookLeaves[name] {
		return nil, false
	}
	n = &gitbookBlock{tag: name, attrs: map[string]string{}}
	for _, a := range gitbookAttr.FindAllSubmatch(m[2], -1) {
		n.attrs[strings.ToLower(string(a[1]))] = string(a[2]) + string(a[3])
	}
	return n, true
}

// closesGitBook reports whether line (from its first non-space byte)
// is the closing tag of a container named tag.
func closesGitBook(line []byte, tag string) bool {
	m := gitbookTag.FindSubmatch(line)
	return m != nil && string(m[1]) == "end"+tag && len(m[2]) == 0
}

// opensGitBookContainer and closesGitBookContainer report lines that
// open and close a container, for the scanner that cuts a file into
// parts (parts.go).
func opensGitBookContainer(l []byte) bool {
	cols, at := indentOf(l)
	n, ok := readGitBookTag(l[at:])
	return cols <= 3 && ok && gitbookContainers[n.tag]
}

func closesGitBookContainer(l []byte) bool {
	cols, at := indentOf(l)
	m := gitbookTag.FindSubmatch(l[at:])
	if cols > 3 || m == nil {
		return false
	}
	tag, isEnd := strings.CutPrefix(string(m[1]), "end")
	return isEnd && gitbookContainers[tag]
}

// gitbookSyntax adds GitBook's blocks to goldmark.
type gitbookSyntax struct{}

// Extend implements goldmark.Extender.
func (gitbookSyntax) Extend(m goldmark.Markdown) {
	read := func(line []byte, _ int) (tagBlock, bool) { return readGitBookTag(line) }
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(tagParser{read: read}, 100)))
}

// content implements tagBlock.
func (n *gitbookBlock) content() tagContent {
	if gitbookContainers[n.tag] {
		return tagMarkdown
	}
	return tagAlone
}

// closedBy implements tagBlock.
func (n *gitbookBlock) closedBy(line []byte) bool {
	n.closed = closesGitBook(line, n.tag)
	return n.closed
}

// gitbookHintKinds are the callout kinds of a hint's styles.
var gitbookHintKinds = map[string]string{"info": "note", "success": "tip", "warning": "warning", "danger": "caution"}

// gitbook converts a GitBook block at pos; nil for a leaf's closing tag.
func (c *converter) gitbook(n *gitbookBlock, pos doc.Pos) doc.Block {
	if gitbookContainers[n.tag] && !n.closed {
		c.diags.Warnf(pos, "this GitBook block ({%% %s %%}) is never closed: it runs to the end of what holds it; close it with {%% end%s %%}", n.tag, n.tag)
	}
	switch n.tag {
	case "":
		return nil
	case "hint":
		kind, ok := gitbookHintKinds[strings.ToLower(n.attrs["style"])]
		if !ok {
			kind = "note"
		}
		return &doc.Callout{Pos: pos, Kind: kind, Blocks: c.blocks(n, pos)}
	case "tab", "code":
		var title []doc.Inline
		if t := strings.TrimSpace(n.attrs["title"]); t != "" {
			title = c.inlineMarkdown(validUTF8(t), pos, c.syntax)
		}
		return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{n.tag}}, Title: title, Blocks: c.blocks(n, pos)}
	case "embed":
		url := strings.TrimSpace(n.attrs["url"])
		if url == "" {
			c.diags.Warnf(pos, "this GitBook embed has no url; it is left out")
			return nil
		}
		url = validUTF8(url)
		return &doc.Paragraph{Pos: pos, Content: []doc.Inline{&doc.Link{Pos: pos, URL: url, Content: []doc.Inline{&doc.Text{Pos: pos, Value: url}}}}}
	case "file":
		src := strings.TrimSpace(n.attrs["src"])
		if u, err := url.PathUnescape(src); err == nil {
			src = u // GitBook writes "start%20files.zip"
		}
		name := path.Base(src)
		if name == "." || name == "/" {
			c.diags.Warnf(pos, "this GitBook file has no src; it is left out")
			return nil
		}
		c.chunks.warnOnce(pos, "GitBook's attached files ({% file %}) are shown by their names: the files are in neither output")
		return &doc.Paragraph{Pos: pos, Content: []doc.Inline{&doc.Code{Pos: pos, Value: validUTF8(name)}}}
	}
	return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{n.tag}}, Blocks: c.blocks(n, pos)} // tabs, a content-ref, a stepper and its steps
}
