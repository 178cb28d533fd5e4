package mdbook

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// Snippets is the configuration of pymdownx.snippets, which a MkDocs
// site's pages include files with:
//
//	--8<-- "includes/abbreviations.md"    the file, whole
//	--8<-- "src/main.py:3:10"             its lines 3 to 10
//	;--8<-- "file.md"                     the line as text, without its ";"
//	--8<--                                each file the lines name, up to
//	includes/a.md                         the closing --8<--
//	--8<--
//
// A path is looked for under each base path in turn; AutoAppend's files
// are added at the end of every page (a site's shared link references).
type Snippets struct {
	Base       []string // the base paths, slash-separated, relative to the site's directory
	AutoAppend []string // files added to the end of every page, found as a snippet's path is
}

// snippetLine is a line that includes one file; snippetBlock opens and
// closes a list of them.
var (
	snippetLine  = regexp.MustCompile(`^[ \t]*(;?)-{1,}8<-{1,}[ \t]+(?:"([^"]*)"|'([^']*)')[ \t]*\r?\n?$`)
	snippetBlock = regexp.MustCompile(`^[ \t]*-{1,}8<-{1,}[ \t]*\r?\n?$`)
)

// ExpandMkDocs is Expand for a page of a MkDocs site whose snippets s
// reads: each snippet line is replaced by the file it names (its own
// snippets expanded in turn), and s.AutoAppend's files are added at the
// end.
func ExpandMkDocs(root *os.Root, more []*os.Root, rel, file string, src []byte, s *Snippets, diags *diag.List) Expanded {
	var e Expanded
	x := expander{roots: append([]*os.Root{root}, more...), diags: diags, snippets: s}
	defer x.dirs.close()
	x.expand(&e, root, rel, file, src, 0)
	for _, name := range s.AutoAppend {
		at := doc.Pos{File: file, Line: bytes.Count(src, []byte("\n")) + 1}
		e.endLine()
		e.add([]byte("\n"), at) // a blank line before the file
		x.snippet(&e, root, name, at, 0)
	}
	return e
}

// snippetLines expands the snippet lines among lines (from index i, the
// file's line i+1 at), and reports how many lines it took: 0 when line i
// is no snippet's.
func (x *expander) snippetLines(e *Expanded, root *os.Root, file string, lines [][]byte, i, depth int) int {
	line := lines[i]
	at := doc.Pos{File: file, Line: i + 1, Col: 1}
	if m := snippetLine.FindSubmatch(line); m != nil {
		if len(m[1]) > 0 { // escaped: the line, without its ";"
			k := bytes.IndexByte(line, ';')
			e.add(append(append([]byte(nil), line[:k]...), line[k+1:]...), at)
			return 1
		}
		x.snippet(e, root, string(m[2])+string(m[3]), at, depth)
		return 1
	}
	if !snippetBlock.Match(line) {
		return 0
	}
	for k := i + 1; k < len(lines); k++ {
		if snippetBlock.Match(lines[k]) {
			for j := i + 1; j < k; j++ {
				if name := strings.TrimSpace(string(lines[j])); name != "" && !strings.HasPrefix(name, ";") {
					x.snippet(e, root, name, doc.Pos{File: file, Line: j + 1, Col: 1}, depth)
				}
			}
			return k - i + 1
		}
	}
	return 0 // not closed: text
}

// snippet appends the file (or its lines: "file.py:3:10") a snippet
// names, found under the first base path that holds it.
func (x *expander) snippet(e *Expanded, root *os.Root, name string, at doc.Pos, depth int) {
	target, selector, _ := strings.Cut(name, ":")
	target = strings.TrimSpace(target)
	if target == "" || strings.Contains(target, "://") {
		x.diags.Warnf(at, "the snippet %q is not a file of the site; it is left out", name)
		return
	}
	for _, base := range x.snippets.Base {
		rel := path.Clean(path.Join(base, target))
		if !fs.ValidPath(rel) {
			continue
		}
		if st, err := root.Stat(filepath.FromSlash(rel)); err != nil || st.IsDir() {
			continue
		}
		args := rel
		if selector != "" {
			args += ":" + selector
		}
		inc, ok := x.include("include", root, "", args, at, depth)
		if ok && len(inc.Text) > 0 {
			for k, part := range bytes.SplitAfter(inc.Text, []byte("\n")) {
				e.add(part, inc.Origins[k])
			}
			e.endLine()
		}
		return
	}
	x.diags.Warnf(at, "the snippet %q is not found under the site's snippet base paths (%s); it is left out", target, strings.Join(x.snippets.Base, ", "))
}

// endLine ends e's last line with a newline when it has none: the line
// keeps its origin.
func (e *Expanded) endLine() {
	if len(e.Text) > 0 && !bytes.HasSuffix(e.Text, []byte("\n")) {
		e.Text = append(e.Text, '\n')
	}
}
