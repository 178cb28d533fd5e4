package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// Hugo's ref and relref shortcodes give the URL of another page of the
// site (or of a heading), and a Hugo site's pages write them where a
// link's destination goes:
//
//	[the guide]({{< ref "guide.md" >}})
//	[setup]({{< relref "guide.md#setup" >}} "Setting up")
//	[home]({{% ref path="/docs/_index.md" %}})
//	[guide]: {{< relref "guide" >}}
//
// CommonMark reads none of these as a link (a destination has no
// spaces), so each shortcode is replaced, before goldmark reads the
// page, by the path it names: the link then goes where a link to that
// file goes (a chapter of the book, a heading of this page, or a file
// that is not part of the document, reported as such). The path is
// padded with spaces to the shortcode's length, so that every byte after
// it keeps its offset, and its position in the file.
//
// A shortcode anywhere else in a line of text ({{< param "x" >}}, a ref
// outside a link) is printed as written, with a warning: galley does not
// run Hugo's templates. Code (fenced, or a code span) is left alone.

// hugoRefLink is a link's destination (after "](", or a reference
// definition's after "]:") that is a ref or relref shortcode, and what
// follows it up to the destination's end ("#setup").
var hugoRefLink = regexp.MustCompile(`(?:\]\(\s*|^ {0,3}\[[^\]]+\]:[ \t]*)(\{\{[<%]\s*(?:rel)?ref\s((?:[^}]|\}[^}])*?)\s*[>%]\}\}([^\s)]*))`)

// hugoInline is a shortcode's opening in text.
var hugoInline = regexp.MustCompile(`\{\{[<%]\s*/?[\w-]+`)

// hugoRefs rewrites, in body (a Hugo site's page, front matter blanked),
// the ref and relref shortcodes that are links' destinations into the
// paths they name, and warns once of the shortcodes left in its lines of
// text.
func hugoRefs(body []byte, lines *lineTable, diags *diag.List) {
	var leftAt, left int
	textLines(body, func(start int, l []byte) {
		if !bytes.Contains(l, []byte("{{")) {
			return
		}
		rewriteRefs(l)
		if at, ok := inlineShortcode(l); ok {
			if left == 0 {
				leftAt = start + at
			}
			left++
		}
	})
	warnLines(diags, lines.pos(leftAt), left, "this Hugo shortcode is printed as written: galley reads a shortcode within a line only as a link's destination (ref, relref)")
}

// textLines calls f with each line of body outside fenced code (its
// start offset, and the line without its line feed, which f may
// overwrite).
func textLines(body []byte, f func(start int, l []byte)) {
	var fence []byte
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		l := body[start:end]
		switch {
		case fence != nil:
			if ClosesFence(l, fence) {
				fence = nil
			}
		case OpensFence(l) != nil:
			fence = OpensFence(l)
		default:
			f(start, l)
		}
		start = end + 1
	}
}

// warnLines warns at pos, with msg, of n lines of a file (none: no
// warning), the first at pos.
func warnLines(diags *diag.List, pos doc.Pos, n int, msg string) {
	switch {
	case n == 1:
		diags.Warnf(pos, "%s", msg)
	case n == 2:
		diags.Warnf(pos, "%s (and 1 more line of this file)", msg)
	case n > 2:
		diags.Warnf(pos, "%s (and %d more lines of this file)", msg, n-1)
	}
}

// rewriteRefs replaces each ref or relref shortcode of line l that is a
// link's destination, outside code spans, with the path it names,
// padded with spaces to its length. One whose path does not fit is left
// as it is (and printed as written).
func rewriteRefs(l []byte) {
	for _, m := range hugoRefLink.FindAllSubmatchIndex(l, -1) {
		if inCodeSpan(l, m[2]) {
			continue
		}
		named, positional := hugoArgs(l[m[4]:m[5]])
		path := named["path"]
		if path == "" && len(positional) > 0 {
			path = positional[0]
		}
		dest := path + string(l[m[6]:m[7]])
		if strings.ContainsAny(dest, " \t()<>\\") {
			dest = "<" + dest + ">"
		}
		if path == "" || strings.ContainsAny(path, "<>\n") || len(dest) > m[3]-m[2] {
			continue
		}
		n := copy(l[m[2]:m[3]], dest)
		for i := m[2] + n; i < m[3]; i++ {
			l[i] = ' '
		}
	}
}

// inlineShortcode returns where line l holds a shortcode in its text,
// outside code spans: not one alone on its line, which the block parser
// reads.
func inlineShortcode(l []byte) (int, bool) {
	if _, at := indentOf(l); at < len(l) {
		if _, ok := readShortcode(l[at:]); ok {
			return 0, false
		}
	}
	for _, m := range hugoInline.FindAllIndex(l, -1) {
		if !inCodeSpan(l, m[0]) {
			return m[0], true
		}
	}
	return 0, false
}

// inCodeSpan reports whether offset at of line l is inside a code span:
// after an odd number of the line's backticks.
func inCodeSpan(l []byte, at int) bool {
	return bytes.Count(l[:at], []byte("`"))%2 == 1
}
