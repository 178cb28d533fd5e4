package markdown

import (
	"bytes"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/passes"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Obsidian's Markdown, which notes kept in it (a teacher's lessons) are
// written in, read in a vault's notes (Syntax.Obsidian, ObsidianVault):
//
//	[[Note]], [[Note|shown]], [[Note#Heading]], [[#Heading]]   links to a note (Note.md) or a heading
//	![[picture.png]], ![[picture.png|300]]                      an image, 300 pixels wide
//	==marked==                                                  marked text, as HTML's <mark>
//	%%not shown%%                                               a comment, left out
//
// A link to a note goes where a link to its file would (a book's chapter,
// or a file that is not part of the document, reported as such); one to a
// heading of this note goes to that heading, found by its text as a
// heading reference is (headingrefs.go). A note embedded whole (![[Note]])
// is not drawn in: it is a link to the note, with a warning.

// obsidianSyntax adds Obsidian's links, embeds, marks and comments to
// goldmark. The wiki links are tried before Markdown's links.
type obsidianSyntax struct{}

// Extend implements goldmark.Extender.
func (obsidianSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(wikiLinkParser{}, 199),
		util.Prioritized(markParser{}, 500),
		util.Prioritized(commentParser{}, 500),
	))
}

// kindMark and kindComment are the goldmark node kinds of marked text
// and of a comment.
var (
	kindMark    = ast.NewNodeKind("Mark")
	kindComment = ast.NewNodeKind("Comment")
)

// markNode is ==marked== text.
type markNode struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *markNode) Kind() ast.NodeKind { return kindMark }

// Dump implements ast.Node.
func (n *markNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// commentNode is a %%comment%%: nothing of it is shown.
type commentNode struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *commentNode) Kind() ast.NodeKind { return kindComment }

// Dump implements ast.Node.
func (n *commentNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// markDelimiters pair == runs of two.
type markDelimiters struct{}

func (markDelimiters) IsDelimiter(b byte) bool { return b == '=' }

func (markDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (markDelimiters) OnMatch(int) ast.Node { return &markNode{} }

// markParser reads == as a delimiter when it is a run of exactly two
// that may open or close (its flanking, as emphasis's): "a == b" is text.
type markParser struct{}

// Trigger implements parser.InlineParser.
func (markParser) Trigger() []byte { return []byte{'='} }

// Parse implements parser.InlineParser.
func (markParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 2, markDelimiters{})
	if d == nil || d.OriginalLength != 2 || before == '=' {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// commentParser reads %%…%%, on one line or over the paragraph's lines.
type commentParser struct{}

// Trigger implements parser.InlineParser.
func (commentParser) Trigger() []byte { return []byte{'%'} }

// Parse implements parser.InlineParser: the comment's text is skipped;
// %% with no closing %% after it is text.
func (commentParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("%%")) {
		return nil
	}
	spaceBefore := unicode.IsSpace(block.PrecendingCharacter())
	if i := bytes.Index(line[2:], []byte("%%")); i >= 0 {
		block.Advance(i + 4)
		return skipSpaceAfter(block, spaceBefore)
	}
	l, seg := block.Position()
	block.AdvanceLine()
	for {
		next, _ := block.PeekLine()
		if next == nil {
			block.SetPosition(l, seg)
			return nil
		}
		if i := bytes.Index(next, []byte("%%")); i >= 0 {
			block.Advance(i + 2)
			return skipSpaceAfter(block, spaceBefore)
		}
		block.AdvanceLine()
	}
}

// skipSpaceAfter returns a comment's node, having skipped the space after
// it when one comes before it too: "a %%note%% b" reads "a b".
func skipSpaceAfter(block text.Reader, spaceBefore bool) ast.Node {
	if spaceBefore && block.Peek() == ' ' {
		block.Advance(1)
	}
	return &commentNode{}
}

// wikiLinkParser reads [[…]] and ![[…]], their target on one line.
type wikiLinkParser struct{}

// Trigger implements parser.InlineParser.
func (wikiLinkParser) Trigger() []byte { return []byte{'[', '!'} }

// Parse implements parser.InlineParser.
func (wikiLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	embed := bytes.HasPrefix(line, []byte("![["))
	open := 2
	if embed {
		open = 3
	} else if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	end := bytes.Index(line[open:], []byte("]]"))
	if end <= 0 || bytes.ContainsAny(line[open:open+end], "[]") {
		return nil
	}
	inner := text.NewSegment(segment.Start+open, segment.Start+open+end)
	block.Advance(open + end + 2)
	target, shown := string(inner.Value(block.Source())), inner
	if bar := strings.IndexByte(target, '|'); bar >= 0 {
		shown = inner.WithStart(inner.Start + bar + 1)
		target = target[:bar]
	}
	target = strings.TrimSpace(target)
	if embed && isImageFile(target) {
		img := ast.NewImage(ast.NewLink())
		img.Destination = []byte(escapePath(target))
		if w := strings.TrimSpace(string(shown.Value(block.Source()))); shown != inner {
			if n, err := strconv.Atoi(w); err == nil && n > 0 {
				img.SetAttributeString("width", []byte(w+"px"))
			} else if w != "" {
				img.AppendChild(img, ast.NewTextSegment(shown)) // an alt text
			}
		}
		return img
	}
	link := ast.NewLink()
	link.Destination = []byte(wikiDestination(target, pc))
	if hash := bytes.IndexByte(shown.Value(block.Source()), '#'); shown == inner && hash >= 0 {
		// Shown as Obsidian shows it: "Note > Heading", or "Heading".
		note := text.NewSegment(shown.Start, shown.Start+hash)
		if note = note.TrimRightSpace(block.Source()); note.Len() > 0 {
			link.AppendChild(link, ast.NewTextSegment(note))
			link.AppendChild(link, ast.NewString([]byte(" > ")))
		}
		shown = text.NewSegment(shown.Start+hash+1, shown.Stop)
		shown = shown.TrimLeftSpace(block.Source())
	}
	link.AppendChild(link, ast.NewTextSegment(shown))
	if embed {
		link.SetAttributeString(embeddedNote, []byte("true"))
	}
	return link
}

// embeddedNote marks the link ![[Note]] makes, which the converter warns
// of.
const embeddedNote = "galley-embedded-note"

// wikiDestination is where [[target]] goes: "Note#Heading" to Note.md's
// heading (its fragment the id the passes make of the heading's text,
// passes.Slug), "#Heading" to this note's heading of that text.
func wikiDestination(target string, pc parser.Context) string {
	note, heading, _ := strings.Cut(target, "#")
	heading, _, _ = strings.Cut(heading, "^") // a block's reference: the heading it is under, if any
	if note == "" {
		if refs, ok := pc.(*parseContext); ok {
			if dest, found := refs.heading(util.ToLinkReference([]byte(heading))); found {
				return dest
			}
		}
		return "#" + url.PathEscape(strings.TrimSpace(heading))
	}
	dest := escapePath(note)
	if path.Ext(note) == "" {
		dest += ".md"
	}
	if heading = strings.TrimSpace(heading); heading != "" {
		dest += "#" + url.PathEscape(passes.Slug(heading))
	}
	return dest
}

// escapePath is a file's path as a link's URL writes it: "notes/Other
// note.md" is "notes/Other%20note.md".
func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// isImageFile reports a file name that Obsidian embeds as an image.
func isImageFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".avif":
		return true
	}
	return false
}

// mark converts ==marked== text at pos.
func (c *converter) mark(n *markNode, pos doc.Pos) doc.Inline {
	return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{"mark"}}, Content: c.inlines(n, pos)}
}

// ObsidianVault reports whether dir is in an Obsidian vault: it, or a
// directory above it, holds Obsidian's settings (.obsidian), as a note
// kept in a vault's folder does.
func ObsidianVault(dir string) bool {
	return markedAbove(dir, true, ".obsidian")
}
