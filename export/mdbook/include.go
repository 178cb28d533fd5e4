// Package mdbook expands the directives mdBook's preprocessors read in a
// chapter's text before it is parsed (and, in a Quarto book, Quarto's
// shortcodes: quarto.go): {{#include}} and {{#rustdoc_include}}
// bring in the lines of another file of the book (all of it, a line range
// or an anchored part), {{#playground}} a whole Rust file in a fenced block
// of its own (rustdoc's hidden lines left out of both, as mdBook hides
// them); {{#title}} is dropped with a warning, as is any other directive,
// so that none is ever printed as literal text. A backslash before the braces (\{{#include x}}) keeps the
// directive as text, as in mdBook.
//
// Included files are read through the book's directory as an os.Root: a
// path out of the book, through a symbolic link too, is an error at the
// directive, unless it leads into one of the directories the user has
// allowed as well (--resource-path), which is read through its own root
// (mdBook's own guide includes ../../../examples/…). Each line of the result remembers the file and line it came
// from, so that diagnostics point into the included file.
package mdbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// MaxDepth is how deeply includes may nest (mdBook's limit too).
const MaxDepth = 10

// MaxIncludeSize is the largest file a directive may bring in.
const MaxIncludeSize = 16 << 20

// directive matches {{#name args}}, with an optional escaping backslash.
// As in mdBook, a directive has arguments: {{#include}} or {{#toc}} alone
// (in prose about mdBook, or a Handlebars helper) is text.
var directive = regexp.MustCompile(`(\\?)\{\{#([a-z_]+)\s+([^}]*?)\s*\}\}`)

// Expanded is a chapter's text with the directives expanded, and where
// each of its lines came from.
type Expanded struct {
	Text    []byte
	Origins []doc.Pos // one a line of Text: the file and line it came from
}

// Expand expands the directives of the chapter file rel (slash-separated,
// relative to root, the book's directory), whose text is src; file names
// the chapter in positions. An include that leads out of the book is read
// from the first of the directories more that holds it, if any does.
// Problems are warnings or errors in diags.
func Expand(root *os.Root, more []*os.Root, rel, file string, src []byte, diags *diag.List) Expanded {
	var e Expanded
	x := expander{roots: append([]*os.Root{root}, more...), diags: diags}
	defer x.dirs.close()
	x.expand(&e, root, rel, file, src, 0)
	return e
}

// ExpandQuarto is Expand for a chapter of a Quarto book: its shortcodes,
// and those of the files it includes, are read first (quarto.go); vars
// are _variables.yml's values by name.
func ExpandQuarto(root *os.Root, more []*os.Root, rel, file string, src []byte, vars map[string]string, diags *diag.List) Expanded {
	var e Expanded
	x := expander{roots: append([]*os.Root{root}, more...), diags: diags, quarto: true, vars: vars}
	defer x.dirs.close()
	x.expand(&e, root, rel, file, src, 0)
	return e
}

type expander struct {
	roots    []*os.Root // the book's directory, then the others allowed
	diags    *diag.List
	quarto   bool              // read Quarto's shortcodes
	vars     map[string]string // {{< var >}}'s values
	snippets *Snippets         // read a MkDocs site's snippets (snippets.go)
	dirs     dirHandles        // the roots' directories, opened to read includes through
}

// expand appends src's lines to e, expanding directives; src is the file
// rel of root, and depth counts the includes around it.
func (x *expander) expand(e *Expanded, root *os.Root, rel, file string, src []byte, depth int) {
	if x.quarto {
		src = quartoShortcodes(src, rel, file, x.vars, x.diags)
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	// Room for src's own lines at least (its includes may need more).
	e.Text = slices.Grow(e.Text, len(src))
	e.Origins = slices.Grow(e.Origins, len(lines))
	skip := 0 // lines of a snippet block already read
	for i, line := range lines {
		if skip > 0 {
			skip--
			continue
		}
		at := doc.Pos{File: file, Line: i + 1}
		if x.snippets != nil && bytes.Contains(line, []byte("8<")) {
			if n := x.snippetLines(e, root, file, lines, i, depth); n > 0 {
				skip = n - 1
				continue
			}
		}
		if !bytes.Contains(line, []byte("{{#")) {
			e.add(line, at)
			continue
		}
		var cur []byte // the output line being put together
		last := 0
		for _, m := range directive.FindAllSubmatchIndex(line, -1) {
			cur = append(cur, line[last:m[0]]...)
			last = m[1]
			if m[3] > m[2] { // escaped: the directive as text, without its backslash
				cur = append(cur, line[m[0]+1:m[1]]...)
				continue
			}
			pos := doc.Pos{File: file, Line: i + 1, Col: 1 + len([]rune(string(line[:m[0]])))}
			name, args := string(line[m[4]:m[5]]), string(line[m[6]:m[7]])
			switch name {
			case "include", "rustdoc_include", "playground":
				inc, ok := x.include(name, root, rel, args, pos, depth)
				if !ok || len(inc.Text) == 0 { // an error, or nothing to bring in
					continue
				}
				// A line that starts with included text is the included
				// file's line; one that starts before the directive is the
				// chapter's.
				for k, part := range bytes.SplitAfter(inc.Text, []byte("\n")) {
					if k > 0 || len(cur) == 0 {
						at = inc.Origins[k]
					}
					cur = append(cur, part...)
					if bytes.HasSuffix(cur, []byte("\n")) {
						e.add(cur, at)
						cur = nil
					}
				}
			case "title":
				x.diags.Warnf(pos, "{{#title}} names mdBook's web page; galley's chapters take their titles from their headings, so it is left out")
			default:
				x.diags.Warnf(pos, "mdBook's {{#%s}} is not supported; it is left out", name)
			}
		}
		e.add(append(cur, line[last:]...), at)
	}
}

// Files returns the files e's lines came from, sorted, each once: the
// chapter's and those its includes brought in.
func (e Expanded) Files() []string {
	var files []string
	for _, o := range e.Origins {
		if n := len(files); n == 0 || files[n-1] != o.File {
			files = append(files, o.File)
		}
	}
	slices.Sort(files)
	return slices.Compact(files)
}

// add appends one line of text (with its newline, if it has one).
func (e *Expanded) add(line []byte, from doc.Pos) {
	if len(line) == 0 {
		return
	}
	e.Text = append(e.Text, line...)
	e.Origins = append(e.Origins, doc.Pos{File: from.File, Line: from.Line})
}

// include reads the file an include-like directive names, picks its lines
// and expands it in turn. The result has no newline after its last line:
// the rest of the directive's line follows it.
func (x *expander) include(name string, root *os.Root, rel, args string, pos doc.Pos, depth int) (Expanded, bool) {
	if depth >= MaxDepth {
		x.diags.Errorf(pos, "{{#%s}} nests more than %d includes deep", name, MaxDepth)
		return Expanded{}, false
	}
	target, selector, _ := strings.Cut(args, ":")
	var attrs []string // {{#playground file editable}}
	if f := strings.Fields(target); len(f) > 0 {
		target, attrs = f[0], f[1:]
	} else {
		x.diags.Errorf(pos, "{{#%s}} names no file", name)
		return Expanded{}, false
	}
	if f := strings.Fields(selector); len(f) > 0 { // listing.rs:body editable
		selector = f[0]
	}
	incRoot, incRel := x.locate(root, path.Clean(path.Join(path.Dir(rel), filepath.ToSlash(target))))
	data, err := readRegular(&x.dirs, incRoot, incRel, MaxIncludeSize)
	if err != nil && !fs.ValidPath(incRel) {
		x.diags.Errorf(pos, "{{#%s %s}}: %v (a directory given with --resource-path may be read too)", name, target, err)
		return Expanded{}, false
	}
	if err != nil {
		x.diags.Errorf(pos, "{{#%s %s}}: %v", name, target, err)
		return Expanded{}, false
	}
	lines, err := pick(data, selector)
	var noAnchor noAnchorError
	if errors.As(err, &noAnchor) {
		// mdBook includes nothing, and says nothing: a book built
		// with it is not broken by this (Comprehensive Rust's
		// exercises name anchors their files have since lost).
		x.diags.Warnf(pos, "{{#%s %s}}: %v; nothing is included, as mdBook includes nothing", name, args, err)
		return Expanded{}, true
	}
	if err != nil {
		x.diags.Errorf(pos, "{{#%s %s}}: %v", name, args, err)
		return Expanded{}, false
	}
	if name == "rustdoc_include" || name == "playground" {
		lines = withoutHidden(lines)
	}
	if len(lines) == 0 {
		return Expanded{}, true
	}
	incFile := filepath.Join(incRoot.Name(), filepath.FromSlash(incRel))
	size := 0
	for _, l := range lines {
		size += len(l.text)
	}
	text := make([]byte, 0, size)
	for _, l := range lines {
		text = append(text, l.text...)
	}
	var inc Expanded
	x.expand(&inc, incRoot, incRel, incFile, text, depth+1)
	// expand numbered the picked lines from 1: give them their own numbers.
	for i := range inc.Origins {
		if o := &inc.Origins[i]; o.File == incFile && o.Line-1 < len(lines) {
			o.Line = lines[o.Line-1].number
		}
	}
	if name == "playground" { // a whole Rust file, in a fenced block of its own
		fence := "```rust"
		if len(attrs) > 0 {
			fence += "," + strings.Join(attrs, ",")
		}
		at := doc.Pos{File: pos.File, Line: pos.Line}
		inc.Text = append(append([]byte(fence+"\n"), inc.Text...), "```\n"...)
		inc.Origins = append(append([]doc.Pos{at}, inc.Origins...), at)
	}
	inc.Text = bytes.TrimSuffix(inc.Text, []byte("\n"))
	return inc, true
}

// locate finds the file rel names, relative to root (slash-separated and
// clean, perhaps leading out with "../"): in root itself when it stays
// inside, else in the first of the roots whose directory holds it. When
// none does, it returns root and rel, which ReadFile refuses.
func (x *expander) locate(root *os.Root, rel string) (*os.Root, string) {
	if fs.ValidPath(rel) || len(x.roots) < 2 {
		return root, rel
	}
	file, err := filepath.Abs(filepath.Join(root.Name(), filepath.FromSlash(rel)))
	if err != nil {
		return root, rel
	}
	for _, r := range x.roots {
		dir, err := filepath.Abs(r.Name())
		if err != nil {
			continue
		}
		if in, err := filepath.Rel(dir, file); err == nil && filepath.IsLocal(in) {
			return r, filepath.ToSlash(in)
		}
	}
	return root, rel
}

// ReadFile reads the file rel (slash-separated) of a book through root,
// its directory: a regular file (not a pipe or a device, which could
// block) of at most limit bytes, that no "../" or symbolic link leads out
// of the book to. A book's chapters and its includes are read with it.
func ReadFile(root *os.Root, rel string, limit int64) ([]byte, error) {
	return readRegular(nil, root, rel, limit)
}

// readRegular is ReadFile, opening the file through dirs (openRegular)
// when not nil.
func readRegular(dirs *dirHandles, root *os.Root, rel string, limit int64) ([]byte, error) {
	if !fs.ValidPath(rel) {
		return nil, errors.New("the path leads outside the book's directory")
	}
	f, size, err := openRegular(dirs, root, filepath.FromSlash(rel))
	if err != nil {
		if strings.Contains(err.Error(), "escapes") {
			return nil, errors.New("a symbolic link leads outside the book's directory")
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	defer f.Close()
	if size > limit {
		return nil, fmt.Errorf("the file is %d bytes, more than the limit of %d", size, limit)
	}
	// Read in one go into a buffer of the size the file has, and one
	// byte more to see that it did not grow past the limit since.
	data := make([]byte, 0, size+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, fmt.Errorf("the file is more than the limit of %d bytes", limit)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// noAnchorError is pick's error for an anchor the file does not have.
type noAnchorError struct{ anchor string }

func (e noAnchorError) Error() string { return fmt.Sprintf("no anchor %q in the file", e.anchor) }

// numbered is one line of an included file with its 1-based number.
type numbered struct {
	text   []byte
	number int
}

// pick returns the lines a selector names: all (""), an anchor's lines
// (ANCHOR: name … ANCHOR_END: name, the marker lines left out), or a range:
// N (line N), N:M, N: (from N) and :M (up to M). Lines holding other
// anchors' markers are left out, as mdBook does.
func pick(data []byte, selector string) ([]numbered, error) {
	var all []numbered
	for i, l := range bytes.SplitAfter(data, []byte("\n")) {
		if len(l) > 0 {
			all = append(all, numbered{l, i + 1})
		}
	}
	if n := len(all); n > 0 && !bytes.HasSuffix(all[n-1].text, []byte("\n")) {
		all[n-1].text = append(bytes.Clone(all[n-1].text), '\n')
	}
	selector = strings.TrimSpace(selector)
	var out []numbered
	switch {
	case selector == "":
		out = all
	case isRange(selector):
		lo, hi, err := lineRange(selector, len(all))
		if err != nil {
			return nil, err
		}
		out = all[lo:hi]
	default:
		in, found := false, false
		for _, l := range all {
			s := string(l.text)
			switch {
			case strings.Contains(s, "ANCHOR: "+selector) && anchorName(s, "ANCHOR:") == selector:
				in, found = true, true
				continue
			case strings.Contains(s, "ANCHOR_END: "+selector) && anchorName(s, "ANCHOR_END:") == selector:
				in = false
				continue
			}
			if in {
				out = append(out, l)
			}
		}
		if !found {
			return nil, noAnchorError{selector}
		}
	}
	var kept []numbered
	for _, l := range out {
		if s := string(l.text); strings.Contains(s, "ANCHOR:") || strings.Contains(s, "ANCHOR_END:") {
			continue
		}
		kept = append(kept, l)
	}
	return kept, nil
}

// anchorName is the name after a marker on a line ("// ANCHOR: name").
func anchorName(line, marker string) string {
	_, rest, _ := strings.Cut(line, marker)
	f := strings.Fields(rest)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

var rangeSelector = regexp.MustCompile(`^(\d*)(:(\d*))?$`)

func isRange(s string) bool { return rangeSelector.MatchString(s) && s != ":" }

// lineRange turns N, N:M, N: or :M (1-based, inclusive) into slice bounds.
func lineRange(s string, n int) (lo, hi int, err error) {
	m := rangeSelector.FindStringSubmatch(s)
	from, to := 1, n
	if m[1] != "" {
		from, _ = strconv.Atoi(m[1])
	}
	switch {
	case m[2] == "": // N alone: one line
		to = from
	case m[3] != "":
		to, _ = strconv.Atoi(m[3])
	}
	if from < 1 || from > n || to < from {
		return 0, 0, fmt.Errorf("lines %s are not in the file's %d lines", s, n)
	}
	return from - 1, min(to, n), nil
}

// withoutHidden leaves out rustdoc's hidden lines ("# " and a lone "#"),
// which mdBook shows only on demand: in print they would be noise.
func withoutHidden(lines []numbered) []numbered {
	var out []numbered
	for _, l := range lines {
		t := strings.TrimLeft(string(l.text), " \t")
		if strings.HasPrefix(t, "# ") || strings.TrimRight(t, "\r\n") == "#" {
			continue
		}
		out = append(out, l)
	}
	return out
}
