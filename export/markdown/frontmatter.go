package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// yamlLineError matches the line number in yaml.v3's error messages.
var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// frontMatter is the YAML block at the top of a source file.
type frontMatter struct {
	yaml      []byte // the text between the delimiter lines
	firstLine int    // file line of the first YAML line
	end       int    // byte offset just after the closing delimiter line
}

// findFrontMatter looks for a `---` line at the very start of src (after an
// optional byte-order mark) and the `---` or `...` line that closes it. It
// reports found=false when src does not start with front matter, and
// unterminated=true when the opening line has no closing partner.
func findFrontMatter(src []byte) (fm frontMatter, found, unterminated bool) {
	off := 0
	if bytes.HasPrefix(src, []byte(byteOrderMark)) {
		off = len(byteOrderMark)
	}
	line, next := nextLine(src, off)
	if string(trimLineEnd(line)) != "---" {
		return fm, false, false
	}
	start := next
	for off = next; off < len(src); {
		line, next = nextLine(src, off)
		if d := string(trimLineEnd(line)); d == "---" || d == "..." {
			return frontMatter{yaml: src[start:off], firstLine: 2, end: next}, true, false
		}
		off = next
	}
	return fm, true, true
}

// nextLine returns the line starting at off, without its '\n', and the
// offset of the following line.
func nextLine(src []byte, off int) (line []byte, next int) {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return src[off : off+i], off + i + 1
	}
	return src[off:], len(src)
}

func trimLineEnd(line []byte) []byte { return bytes.TrimRight(line, " \t\r") }

// metaReader decodes the front matter into doc.Meta, reporting problems at
// their place in the source file.
type metaReader struct {
	lines     *lineTable
	lineShift int // file line of YAML line 1, minus one
	diags     *diag.List
	// extra, when set, claims keys that belong to the caller (a book's
	// chapter list): they are skipped here instead of reported as unknown.
	extra func(key string) bool
	// what names the YAML in its syntax errors: "front matter" when "".
	what string
}

// read parses fm and fills meta. Errors are reported, never returned.
func (r *metaReader) read(fm frontMatter, meta *doc.Meta) {
	r.lineShift = fm.firstLine - 1
	root, err := decodeYAML(fm.yaml)
	if err != nil {
		r.yamlError(err)
		return
	}
	if root == nil || len(root.Content) == 0 {
		return // empty front matter
	}
	m := deref(root.Content[0])
	if m.Kind != yaml.MappingNode {
		if m.Tag != "!!null" {
			r.diags.Errorf(r.pos(m), "front matter must be a mapping of keys to values, not %s", kindName(m))
		}
		return
	}
	seen := make(map[string]bool)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := deref(m.Content[i]), deref(m.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			r.diags.Errorf(r.pos(k), "front-matter key must be a string, not %s", kindName(k))
			continue
		}
		if seen[k.Value] {
			r.diags.Errorf(r.pos(k), "duplicate front-matter key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		if r.extra != nil && r.extra(k.Value) {
			continue
		}
		r.field(meta, k, v)
	}
}

// field stores one key/value pair of the front matter.
func (r *metaReader) field(meta *doc.Meta, k, v *yaml.Node) {
	key := k.Value
	switch key {
	case "title":
		meta.Title = r.str(key, v)
	case "subtitle":
		meta.Subtitle = r.str(key, v)
	case "author", "authors":
		meta.Authors = append(meta.Authors, r.strList(key, v, false)...)
	case "publisher":
		meta.Publisher = r.str(key, v)
	case "date":
		meta.Date = r.str(key, v)
		if strings.HasPrefix(meta.Date, "`r ") && strings.HasSuffix(meta.Date, "`") {
			r.diags.Warnf(r.pos(v), "date %s is R code, which galley does not run: the document has no date", meta.Date)
			meta.Date = ""
		}
	case "lang":
		meta.Lang = r.str(key, v)
	case "description":
		meta.Description = r.str(key, v)
	case "keywords":
		meta.Keywords = r.strList(key, v, true)
	case "identifier":
		meta.Identifier = r.str(key, v)
	case "rights":
		meta.Rights = r.str(key, v)
	case "cover", "cover-image": // cover-image: bookdown's
		meta.Cover = r.str(key, v)
	case "further_reading":
		meta.FurtherReading = r.furtherReading(v)
	case "references":
		meta.References = r.cslReferences(v)
	case "bibliography":
		meta.Bibliography = r.bibliographyFiles(v)
	case "csl", "citation-style":
		r.diags.Warnf(r.pos(k), "%s: galley cites in the author-date style of the Chicago Manual, and does not read CSL styles", key)
	case "link-citations", "link-bibliography":
		// pandoc's: galley's citations always link to the references.
	case "layout", "permalink", "slug", "aliases", "redirect_from", "draft", "published", "weight", "menu",
		"nav_order", "parent", "grand_parent", "has_children", "sidebar_position", "sidebar_label", "tags", "categories", "rtl",
		"teaching", "exercises", "site", "mathjax", "katex", "math", "usemathjax",
		"freeze", "execute", "engine", "jupyter", "knitr", "editor", "format", "filters", "jupytext", "kernelspec",
		"output", "documentclass", "classoption", "biblio-style", "natbiboptions", "github-repo", "url", "geometry", "papersize",
		"fontsize", "mainfont", "sansfont", "monofont", "lof", "lot", "always_allow_html", "colorlinks", "linkcolor", "urlcolor",
		"header-includes", "suppress-bibliography", "favicon", "apple-touch-icon",
		"template", "icon", "status", "hide", "search", "social", "comments",
		"id", "hide_title", "hide_table_of_contents", "pagination_label", "custom_edit_url", "displayed_sidebar", "pagination_next", "pagination_prev",
		"sidebar_class_name", "sidebar_custom_props":
		// A static site generator's (Jekyll, Hugo, Eleventy, Docusaurus,
		// Material for MkDocs' template, icon, hide, search and social,
		// Docusaurus' id, hide_title and pagination_label,
		// the Carpentries' minutes of teaching and exercises and their
		// lesson's site: sandpaper::sandpaper_site; Quarto's and R
		// Markdown's engines and formats: knitr, freeze; Jupyter's
		// notebook kernel: jupytext, kernelspec; R Markdown's output
		// formats and their LaTeX settings, bookdown's site: output,
		// documentclass, github-repo): how the
		// page is published or taught (mathjax: true, a theme's switch
		// for the script that sets its TeX, which galley always sets),
		// which galley has no use for; not a typo to warn of. (A
		// right-to-left page's direction comes from its lang and its
		// text.)
	default:
		r.diags.Warnf(r.pos(k), "%s", UnknownKeyWarning(key))
	}
}

// UnknownKeyWarning is the warning about a front-matter key galley does
// not know. A book reports each key once, however many chapters have it
// (Comprehensive Rust gives 363 chapters "minutes:" for its own
// preprocessor).
func UnknownKeyWarning(key string) string {
	return unknownKeyPrefix + strconv.Quote(key)
}

// IsUnknownKeyWarning reports whether a message is an UnknownKeyWarning.
func IsUnknownKeyWarning(msg string) bool {
	return strings.HasPrefix(msg, unknownKeyPrefix)
}

const unknownKeyPrefix = "unknown front-matter key "

// furtherReading reads the list of recommended books and articles.
func (r *metaReader) furtherReading(v *yaml.Node) []*doc.Reference {
	return r.references(v, `front-matter key "further_reading" must be a list of entries`, r.reference)
}

// references reads a list of works, each with item, which returns nil
// (after reporting why) for one it cannot use; a value that is no list
// is an error, notList and what it is.
func (r *metaReader) references(v *yaml.Node, notList string, item func(*yaml.Node) *doc.Reference) []*doc.Reference {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		r.diags.Errorf(r.pos(v), "%s, not %s", notList, kindName(v))
		return nil
	}
	var refs []*doc.Reference
	for _, e := range v.Content {
		if ref := item(deref(e)); ref != nil {
			refs = append(refs, ref)
		}
	}
	return refs
}

// reference reads one further-reading entry; it returns nil (after
// reporting why) when the entry is unusable.
func (r *metaReader) reference(e *yaml.Node) *doc.Reference {
	if e.Kind != yaml.MappingNode {
		r.diags.Errorf(r.pos(e), "further-reading entry must be a mapping with a title, not %s", kindName(e))
		return nil
	}
	ref := &doc.Reference{Pos: r.pos(e)}
	for i := 0; i+1 < len(e.Content); i += 2 {
		k, v := deref(e.Content[i]), deref(e.Content[i+1])
		key := k.Value
		var dst *string
		switch key {
		case "title":
			dst = &ref.Title
		case "author":
			dst = &ref.Author
		case "year":
			dst = &ref.Year
		case "publisher":
			dst = &ref.Publisher
		case "isbn":
			dst = &ref.ISBN
		case "url":
			dst = &ref.URL
		case "note":
			dst = &ref.Note
		case "id":
			dst = &ref.ID
		default:
			r.diags.Warnf(r.pos(k), "unknown further-reading key %q", key)
			continue
		}
		*dst = r.str("further_reading: "+key, v)
	}
	if strings.TrimSpace(ref.Title) == "" {
		r.diags.Errorf(ref.Pos, "further-reading entry has no title")
		return nil
	}
	if ref.ID != "" {
		ref.Names = namesOf(ref.Author)
		if ref.Names == "" {
			ref.Names = ref.Title
		}
		if ref.Year == "" {
			ref.Year = "n.d."
		}
	}
	return ref
}

// namesOf is how a citation names the authors of a further-reading entry
// written as one string: by family name, read as BibTeX reads a name
// ("Victor Cha" and "Cha, Victor" are "Cha"), the authors parted by
// "and", "&" or ";".
func namesOf(author string) string {
	return citedNames(bibNames(strings.NewReplacer("&", " and ", ";", " and ").Replace(author)))
}

// str returns the text of a scalar value; any other kind is an error.
func (r *metaReader) str(key string, v *yaml.Node) string {
	if isNull(v) {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		r.diags.Errorf(r.pos(v), "front-matter key %q must be a string, not %s", key, kindName(v))
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// strList returns a list of strings given either as a YAML list or as one
// string; with commaSeparated, that string is split at commas.
func (r *metaReader) strList(key string, v *yaml.Node, commaSeparated bool) []string {
	if isNull(v) {
		return nil
	}
	var out []string
	switch v.Kind {
	case yaml.ScalarNode:
		parts := []string{v.Value}
		if commaSeparated {
			parts = strings.Split(v.Value, ",")
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	case yaml.SequenceNode:
		for _, e := range v.Content {
			if s := r.str(key, deref(e)); s != "" {
				out = append(out, s)
			}
		}
	default:
		r.diags.Errorf(r.pos(v), "front-matter key %q must be a string or a list of strings, not %s", key, kindName(v))
	}
	return out
}

// yamlError reports a YAML syntax error at its line in the source file.
func (r *metaReader) yamlError(err error) {
	msg := err.Error()
	line := 1
	if m := yamlLineError.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line, msg = n, m[2]
			if isYAMLParserError(msg) {
				line++ // yaml.v3 counts lines from 0 for parser errors
			}
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	// yaml.v3 gives no column; point at the start of the line.
	what := r.what
	if what == "" {
		what = "front matter"
	}
	r.diags.Errorf(r.lines.lineCol(line+r.lineShift, 1), "%s: %s", what, msg)
}

// isYAMLParserError reports whether msg comes from yaml.v3's parser rather
// than its scanner. yaml.v3 prints the 0-based line of a parser error's
// context but the 1-based line of a scanner error.
func isYAMLParserError(msg string) bool {
	switch msg {
	case "did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"did not find expected '-' indicator",
		"did not find expected <document start>",
		"did not find expected <stream-start>",
		"did not find expected key",
		"did not find expected node content",
		"found duplicate %TAG directive",
		"found duplicate %YAML directive",
		"found incompatible YAML document",
		"found undefined tag handle":
		return true
	}
	return false
}

// pos is the file position of a YAML node.
func (r *metaReader) pos(n *yaml.Node) doc.Pos {
	return r.lines.lineCol(n.Line+r.lineShift, n.Column)
}

// decodeYAML parses text into a document node. yaml.v3 has panicked on
// hostile input in the past; a panic becomes an error here.
func decodeYAML(text []byte) (root *yaml.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			root, err = nil, fmt.Errorf("yaml: %v", p)
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal(text, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// kindName describes a node's kind for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		return "a string"
	}
	return "an alias"
}
