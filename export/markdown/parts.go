package markdown

import (
	"bytes"
	"errors"
	"runtime"
	"slices"
	"sort"

	"github.com/yuin/goldmark/ast"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/parallel"
	"github.com/galley-pub/galley/export/l10n"
)

// minPartBytes is the least source, in bytes, worth a part of its own: a
// shorter file is parsed whole, as a goldmark parser of its own would
// cost more than it saves.
const minPartBytes = 256 << 10

// sourcePart is a byte range of the source that goldmark can parse on its
// own and give the blocks the whole would have there.
type sourcePart struct{ start, end int }

// partCuts returns where to cut src (the text goldmark parses) into at
// most n parts of about equal size, none shorter than least bytes, that
// parse apart into the same tree as the whole: the starts of level-1 ATX
// headings at the first column after a blank line, outside fenced code
// and the HTML blocks that run over blank lines (comments, <pre>,
// <script>…), each of which ends every open block before it.
//
// A reference is the one thing one part of a file can take from another.
// So there is no cut where a footnote's label (reference or definition)
// appears on both sides, and none at all in a file that may define a link
// reference (any "]:" outside code that does not define a footnote).
func partCuts(src []byte, n, least int) []int {
	if n < 2 || len(src) < 2*least {
		return nil
	}
	type candidate struct{ off, line int }
	var (
		cands      []candidate
		sc         blockScanner
		labelFirst = map[string]int{} // a footnote label's first and last line
		labelLast  = map[string]int{}
	)
	line := 0
	for off := 0; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off + 1
		}
		l := src[off:end]
		if sc.line(l) && line > 0 {
			cands = append(cands, candidate{off, line})
		}
		off = end
		// References are looked for in code too: the fences followed
		// here know nothing of lists and block quotes, and a reference
		// missed would be a cut made wrong.
		if definesLinkReference(l) {
			return nil
		}
		for _, label := range footnoteLabelsIn(l) {
			if _, ok := labelFirst[label]; !ok {
				labelFirst[label] = line
			}
			labelLast[label] = line
		}
	}
	// A cut before line L is crossed by a label first seen before L and
	// seen again at L or later.
	type span struct{ first, last int }
	spans := make([]span, 0, len(labelFirst))
	for label, first := range labelFirst {
		spans = append(spans, span{first, labelLast[label]})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].first < spans[j].first })
	n = min(n, len(src)/least)
	var cuts []int
	reach, s, last := -1, 0, 0
	for _, c := range cands {
		for ; s < len(spans) && spans[s].first < c.line; s++ {
			reach = max(reach, spans[s].last)
		}
		if reach >= c.line || c.off-last < least || len(src)-c.off < least || c.off < len(src)*(len(cuts)+1)/n {
			continue
		}
		cuts = append(cuts, c.off)
		last = c.off
		if len(cuts) == n-1 {
			break
		}
	}
	return cuts
}

// blockScanner follows, line by line, the blocks that a level-1 heading
// does not end: fenced code and the HTML blocks that run over blank
// lines, at the top level.
type blockScanner struct {
	fence     []byte   // the open fence's marker (``` or ~~~, as long as it is); nil outside code
	htmlEnd   [][]byte // what ends the open HTML block; nil outside one
	prevBlank bool     // the line before was blank, outside such blocks
	started   bool
	divs      int // the fenced divs open (a cut inside one would end it)
}

// line reads the next line, and reports whether it opens a level-1
// heading at the first column after a blank line, outside such blocks.
func (sc *blockScanner) line(l []byte) (heading bool) {
	if !sc.started {
		sc.started, sc.prevBlank = true, true
	}
	switch {
	case sc.fence != nil:
		if ClosesFence(l, sc.fence) {
			sc.fence = nil
		}
	case sc.htmlEnd != nil:
		if containsAny(l, sc.htmlEnd) {
			sc.htmlEnd = nil
		}
	default:
		if f := OpensFence(l); f != nil {
			sc.fence = f
		} else if ends := htmlBlockEnds(l); ends != nil && !containsAny(l[1:], ends) {
			sc.htmlEnd = ends
		} else if opensDiv(l) || opensGitBookContainer(l) || opensHugoContainer(l) {
			sc.divs++
		} else if sc.divs > 0 && (closesDiv(l) || closesGitBookContainer(l) || closesHugoContainer(l)) {
			sc.divs--
		} else {
			heading = sc.prevBlank && sc.divs == 0 && isLevel1Heading(l)
		}
	}
	sc.prevBlank = len(bytes.TrimSpace(l)) == 0 && !sc.open()
	return heading
}

// open reports whether the scanner is inside fenced code or such an HTML
// block.
func (sc *blockScanner) open() bool { return sc.fence != nil || sc.htmlEnd != nil }

// indentOf returns the columns of l's leading spaces and tabs (a tab to
// the next multiple of 4) and where its text starts.
func indentOf(l []byte) (cols, at int) {
	for at < len(l) && (l[at] == ' ' || l[at] == '\t') {
		if l[at] == '\t' {
			cols += 4 - cols%4
		} else {
			cols++
		}
		at++
	}
	return cols, at
}

// OpensFence returns the marker of the code fence line l opens (its run of
// backticks or tildes), or nil.
func OpensFence(l []byte) []byte {
	cols, at := indentOf(l)
	if cols > 3 || at >= len(l) || l[at] != '`' && l[at] != '~' {
		return nil
	}
	c, k := l[at], at
	for k < len(l) && l[k] == c {
		k++
	}
	if k-at < 3 || c == '`' && bytes.IndexByte(l[k:], '`') >= 0 {
		return nil
	}
	return l[at:k]
}

// ClosesFence reports whether line l closes the fence opened by marker: the
// same character, at least as many, nothing after but spaces.
func ClosesFence(l, marker []byte) bool {
	cols, at := indentOf(l)
	if cols > 3 {
		return false
	}
	k := at
	for k < len(l) && l[k] == marker[0] {
		k++
	}
	return k-at >= len(marker) && len(bytes.TrimSpace(l[k:])) == 0
}

// htmlBlockEnds returns what ends the HTML block l starts when that block
// can run over blank lines (CommonMark's kinds 1 to 5), or nil.
func htmlBlockEnds(l []byte) [][]byte {
	cols, at := indentOf(l)
	if cols > 3 || at >= len(l) || l[at] != '<' {
		return nil
	}
	rest := bytes.ToLower(l[at:min(len(l), at+12)])
	for _, tag := range []string{"script", "pre", "style", "textarea"} {
		if bytes.HasPrefix(rest[1:], []byte(tag)) {
			if k := 1 + len(tag); k == len(rest) || bytes.IndexByte([]byte(" \t\r\n>"), rest[k]) >= 0 {
				return [][]byte{[]byte("</script>"), []byte("</pre>"), []byte("</style>"), []byte("</textarea>"), []byte("</SCRIPT>"), []byte("</PRE>"), []byte("</STYLE>"), []byte("</TEXTAREA>")}
			}
		}
	}
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return [][]byte{[]byte("-->")}
	case bytes.HasPrefix(rest, []byte("<?")):
		return [][]byte{[]byte("?>")}
	case bytes.HasPrefix(rest, []byte("<![cdata[")):
		return [][]byte{[]byte("]]>")}
	case len(rest) > 2 && rest[1] == '!' && rest[2] >= 'a' && rest[2] <= 'z':
		return [][]byte{[]byte(">")}
	}
	return nil
}

// containsAny reports whether l contains one of subs.
func containsAny(l []byte, subs [][]byte) bool {
	for _, s := range subs {
		if bytes.Contains(l, s) {
			return true
		}
	}
	return false
}

// definesLinkReference reports whether l may be (part of) a link
// reference definition: it has "]:" that is not a footnote definition's.
func definesLinkReference(l []byte) bool {
	for i := bytes.Index(l, []byte("]:")); i >= 0; {
		open := bytes.LastIndexByte(l[:i], '[')
		if open < 0 || open+1 >= len(l) || l[open+1] != '^' {
			return true
		}
		j := bytes.Index(l[i+2:], []byte("]:"))
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}

// footnoteLabelsIn returns the labels of the footnote references and
// definitions on l ("[^label]").
func footnoteLabelsIn(l []byte) []string {
	var out []string
	for i := bytes.Index(l, []byte("[^")); i >= 0; {
		rest := l[i+2:]
		end := bytes.IndexByte(rest, ']')
		if end < 0 {
			break
		}
		out = append(out, string(rest[:end]))
		j := bytes.Index(rest[end:], []byte("[^"))
		if j < 0 {
			break
		}
		i += 2 + end + j
	}
	return out
}

// isLevel1Heading reports whether l, at the first column, opens a
// level-1 ATX heading ("# Title" or a lone "#").
func isLevel1Heading(l []byte) bool {
	return len(l) >= 1 && l[0] == '#' && (len(l) == 1 || l[1] == ' ' || l[1] == '\t' || l[1] == '\n' || l[1] == '\r')
}

// parseParts parses body (src with its front matter blanked) part by
// part on every core and joins the parts' trees: the blocks and the
// footnote definitions in source order, as parsing it whole gives them.
// ok is false when body has no cuts to make (partCuts) or a part cannot
// be parsed; the caller then parses it whole.
func parseParts(body []byte, lines *lineTable, cuts []int, syntax Syntax, diags *diag.List) (blocks []doc.Block, notes []*doc.FootnoteDef, chunks chunkStats, ok bool) {
	if len(cuts) == 0 {
		return nil, nil, chunks, false
	}
	bounds := append(append([]int{0}, cuts...), len(body))
	type parsed struct {
		blocks []doc.Block
		notes  []*doc.FootnoteDef
		diags  diag.List
		chunks chunkStats
		parsed *parseContext
	}
	parts := make([]parsed, len(bounds)-1)
	// Each worker configures its own goldmark parsers, for its parts and
	// their inline Markdown.
	err := parallel.Each(len(parts), func() (markdowns, error) { return markdowns{}, nil }, func(mds markdowns, i int) error {
		part := sourcePart{bounds[i], bounds[i+1]}
		root, context, err := parseMarkdown(body[part.start:part.end], syntax, mds)
		if err != nil {
			return err
		}
		if part.end < len(body) && endsOpen(root, body[part.start:part.end]) {
			return errOpenAtCut
		}
		pd := &doc.Document{}
		c := &converter{src: body[part.start:part.end], lines: lines.part(part), labels: footnoteLabels(root), syntax: syntax, quotes: l10n.Quotes(syntax.Lang), parsed: context, markdowns: mds}
		pd.Blocks = c.blocks(root, lines.lineCol(1, 1))
		if part.end < len(body) && leavesTagOpen(pd.Blocks) {
			return errOpenAtCut
		}
		pd.Footnotes = c.sortedFootnotes()
		sanitizeTree(pd)
		parts[i] = parsed{pd.Blocks, pd.Footnotes, c.diags, c.chunks, context}
		return nil
	})
	if err != nil {
		return nil, nil, chunks, false
	}
	// A link to a heading (headingrefs.go) that another part defines, or
	// an earlier part defines too (the first is meant), is read as the
	// whole is read.
	for i, p := range parts {
		for j, q := range parts {
			for label := range q.parsed.labels {
				if j != i && p.parsed.missed[label] || j < i && p.parsed.used[label] {
					return nil, nil, chunks, false
				}
			}
		}
	}
	for _, p := range parts {
		blocks = append(blocks, p.blocks...)
		notes = append(notes, p.notes...)
		diags.Merge(&p.diags)
		chunks.merge(p.chunks)
	}
	return blocks, notes, chunks, true
}

// errOpenAtCut stops parseParts: a part ends in a block or a tag still
// open, which would have run on into the next part.
var errOpenAtCut = errors.New("a block runs over the cut")

// endsOpen reports whether the last block of a part's tree is one that
// runs over blank lines and a heading, and was still open at the part's
// end: a fenced code block with no closing fence, or an HTML block of
// CommonMark's kinds 1 to 5 with no closing line. partCuts follows the
// fences and such blocks at the top level, but not inside lists and
// block quotes, where the closing line of one can look like an opening
// at the top; this catches the cut it then makes wrong.
func endsOpen(root ast.Node, src []byte) bool {
	switch n := root.LastChild().(type) {
	case *ast.FencedCodeBlock:
		// Closed, the fence's closing line follows its last line of
		// code; open, its lines run to the part's end.
		after := 0
		if lines := n.Lines(); lines.Len() > 0 {
			after = lines.At(lines.Len() - 1).Stop
		} else if n.Info != nil {
			after = n.Info.Segment.Stop
		} else {
			return true
		}
		for _, l := range bytes.SplitAfter(src[min(after, len(src)):], []byte("\n")) {
			if len(bytes.TrimSpace(l)) == 0 {
				continue
			}
			cols, at := indentOf(l)
			fence := bytes.TrimRight(l[at:], " \t\r\n")
			return !(cols <= 3 && len(fence) >= 3 && (bytes.Count(fence, []byte("`")) == len(fence) || bytes.Count(fence, []byte("~")) == len(fence)))
		}
		return true
	case *ast.HTMLBlock:
		return n.HTMLBlockType <= ast.HTMLBlockType5 && !n.HasClosure()
	case *gitbookBlock:
		return gitbookContainers[n.tag] && !n.closed
	case *hugoBlock:
		return n.container() && !n.closer && !n.closed
	case *liquidCode:
		return !n.closed
	}
	return false
}

// leavesTagOpen reports whether a part's blocks end with a div, details,
// figure or listing start tag that no end tag in the part closed
// (pairBlockHTML): in the whole file, one in the next part could.
func leavesTagOpen(blocks []doc.Block) bool {
	for _, b := range blocks {
		if raw, ok := b.(*doc.RawHTML); ok {
			tags, _, _ := parseBlockTags(raw.HTML, true)
			if slices.ContainsFunc(tags, func(t blockTag) bool { return !t.end }) {
				return true
			}
		}
	}
	return false
}

// partsFor returns where ParseLines cuts body: into as many parts as
// there are cores, or, for a longer file, into parts of about partBytes,
// parsed a core's worth at a time, so that no more than that of goldmark's
// trees, which are let go of once converted, is held at once (a 13 MB
// file's peak of memory: 633 → 608 MiB, 4 alternated builds).
func partsFor(body []byte) []int {
	return partCuts(body, max(runtime.GOMAXPROCS(0), len(body)/partBytes), minPartBytes)
}

// partBytes is the size of a part of a long file (partsFor).
const partBytes = 1 << 20

// part returns the table of the lines of p, a part of t's source that
// starts a line: its offsets are from p's start, its positions t's.
func (t *lineTable) part(p sourcePart) *lineTable {
	first := sort.SearchInts(t.starts, p.start)
	// The start of the line after the part too: an offset at its end is
	// at that line's first column, as in the whole.
	last := min(sort.SearchInts(t.starts, p.end)+1, len(t.starts))
	starts := slices.Clone(t.starts[first:last])
	for i := range starts {
		starts[i] -= p.start
	}
	pt := &lineTable{file: t.file, src: t.src[p.start:p.end], starts: starts, origins: t.origins, lineShift: first}
	if p.start == 0 {
		pt.bom = t.bom
	}
	return pt
}
