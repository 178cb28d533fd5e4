package markdown

import (
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// The works a document cites, as pandoc reads them: CSL items (the
// Citation Style Language's), in the front matter's references list or in
// bibliography files of CSL JSON or CSL YAML, and BibTeX entries
// (bibtex.go). Each becomes a Reference
// the text cites by its id ([@cha2012]), its fields those the appendix
// prints: "Cha, Victor. The Impossible State. New York: Ecco, 2012."

// cslReferences reads the front matter's references: a list of CSL items.
func (r *metaReader) cslReferences(v *yaml.Node) []*doc.Reference {
	return r.references(v, `front-matter key "references" must be a list of CSL items (id, author, title, issued…)`, r.cslItem)
}

// ReadBibliography reads a bibliography file: BibTeX (.bib), or CSL JSON
// or CSL YAML (a list of items, or pandoc's mapping whose references key
// holds it), reporting problems at their place in the file.
func ReadBibliography(file string, src []byte, diags *diag.List) []*doc.Reference {
	if strings.EqualFold(path.Ext(file), ".bib") {
		return readBibTeX(file, src, diags)
	}
	r := &metaReader{lines: newLineTable(file, src), diags: diags, what: "bibliography"}
	root, err := decodeYAML(src) // JSON is YAML
	if err != nil {
		r.yamlError(err)
		return nil
	}
	if root == nil || len(root.Content) == 0 {
		return nil
	}
	v := deref(root.Content[0])
	if v.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(v.Content); i += 2 {
			if deref(v.Content[i]).Value == "references" {
				return r.cslReferences(deref(v.Content[i+1]))
			}
		}
		r.diags.Errorf(r.pos(v), "bibliography: a mapping without a references list")
		return nil
	}
	return r.cslReferences(v)
}

// cslItem reads one CSL item; nil (after saying why) when it has no id.
func (r *metaReader) cslItem(e *yaml.Node) *doc.Reference {
	if e.Kind != yaml.MappingNode {
		r.diags.Errorf(r.pos(e), "reference must be a CSL item (a mapping with an id), not %s", kindName(e))
		return nil
	}
	var w cslWork
	for i := 0; i+1 < len(e.Content); i += 2 {
		k, v := deref(e.Content[i]), deref(e.Content[i+1])
		switch key := strings.ToLower(k.Value); key {
		case "author":
			w.authors = r.cslNames(key, v)
		case "editor":
			w.editors = r.cslNames(key, v)
		case "issued":
			w.year = r.cslYear(v)
		default:
			// Any other CSL variable (type, language, accessed,
			// abstract…) is the work's, and not printed.
			if f := w.field(key); f != nil {
				*f = r.cslText(key, v)
			}
		}
	}
	return w.reference(r.pos(e), r.diags)
}

// cslWork is what galley keeps of a work, by its CSL variables: read from
// a CSL item or a BibTeX entry.
type cslWork struct {
	id, title, container, volume, issue, page, publisher, place, year, url, doi, isbn, note string
	authors, editors                                                                        []cslName
}

// field is the text variable a CSL name gives, or nil.
func (w *cslWork) field(name string) *string {
	switch name {
	case "id":
		return &w.id
	case "title":
		return &w.title
	case "container-title":
		return &w.container
	case "volume":
		return &w.volume
	case "issue":
		return &w.issue
	case "page":
		return &w.page
	case "publisher":
		return &w.publisher
	case "publisher-place":
		return &w.place
	case "url":
		return &w.url
	case "doi":
		return &w.doi
	case "isbn":
		return &w.isbn
	case "note":
		return &w.note
	}
	return nil
}

// reference is the work as the appendix lists it and the text cites it;
// nil, with an error at pos, when it has no id.
func (w cslWork) reference(pos doc.Pos, diags *diag.List) *doc.Reference {
	if w.id == "" {
		diags.Errorf(pos, "reference has no id: the text cannot cite it")
		return nil
	}
	ref := &doc.Reference{Pos: pos, ID: w.id, Title: w.title, Publisher: w.publisher, Year: w.year, URL: w.url, ISBN: w.isbn, Note: w.note}
	if ref.URL == "" && w.doi != "" {
		ref.URL = "https://doi.org/" + strings.TrimPrefix(w.doi, "https://doi.org/")
	}
	// "Journal 12 (3): 45–67" or "New York: Ecco".
	switch {
	case w.container != "":
		where := w.container
		if w.volume != "" {
			where += " " + w.volume
		}
		if w.issue != "" {
			where += " (" + w.issue + ")"
		}
		if w.page != "" {
			where += ": " + strings.ReplaceAll(strings.ReplaceAll(w.page, "--", "-"), "-", "–")
		}
		ref.Publisher = strings.TrimSpace(strings.Join(nonEmpty(where, ref.Publisher), ". "))
	case w.place != "" && ref.Publisher != "":
		ref.Publisher = w.place + ": " + ref.Publisher
	}
	names, byEditors := w.authors, false
	if len(names) == 0 {
		names, byEditors = w.editors, true
	}
	ref.Author = bibliographyNames(names)
	switch {
	case byEditors && len(names) > 1:
		ref.Author += ", eds"
	case byEditors && len(names) == 1:
		ref.Author += ", ed"
	}
	ref.Names = citedNames(names)
	if ref.Names == "" {
		ref.Names = ref.Title
	}
	if ref.Year == "" {
		ref.Year = "n.d."
	}
	return ref
}

// nonEmpty returns the strings of ss that are not empty.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cslText is a variable's text: a string or a number.
func (r *metaReader) cslText(key string, v *yaml.Node) string {
	return r.str("references: "+key, v)
}

// cslName is a CSL name: a person's family and given names, or a
// literal one (an institution's).
type cslName struct {
	family, given, literal string
}

// cslNames reads a list of names, each a mapping (family, given,
// literal) or a string ("Victor Cha", taken whole as a literal).
func (r *metaReader) cslNames(key string, v *yaml.Node) []cslName {
	if isNull(v) {
		return nil
	}
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	}
	var out []cslName
	for _, e := range items {
		e = deref(e)
		var n cslName
		switch e.Kind {
		case yaml.ScalarNode:
			n.literal = strings.TrimSpace(e.Value)
		case yaml.MappingNode:
			for i := 0; i+1 < len(e.Content); i += 2 {
				k, val := deref(e.Content[i]), deref(e.Content[i+1])
				switch strings.ToLower(k.Value) {
				case "family":
					n.family = r.cslText(key, val)
				case "given":
					n.given = r.cslText(key, val)
				case "literal":
					n.literal = r.cslText(key, val)
				}
			}
		default:
			r.diags.Errorf(r.pos(e), "references: %s must be a list of names, not %s", key, kindName(e))
			continue
		}
		if n.family != "" || n.literal != "" {
			out = append(out, n)
		}
	}
	return out
}

// cslYear reads the year a work was issued: date-parts ([[2012, 3]]), a
// year (year: 2012), a literal, or a date written as text ("2012-03").
func (r *metaReader) cslYear(v *yaml.Node) string {
	switch v.Kind {
	case yaml.ScalarNode:
		y, _, _ := strings.Cut(strings.TrimSpace(v.Value), "-")
		return y
	case yaml.SequenceNode: // pandoc's YAML: issued: [{year: 2012}]
		if len(v.Content) > 0 {
			return r.cslYear(deref(v.Content[0]))
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, val := deref(v.Content[i]), deref(v.Content[i+1])
			switch k.Value {
			case "date-parts":
				for val.Kind == yaml.SequenceNode && len(val.Content) > 0 {
					val = deref(val.Content[0])
				}
				if val.Kind == yaml.ScalarNode {
					return strings.TrimSpace(val.Value)
				}
			case "year", "literal", "raw":
				return r.cslYear(val)
			}
		}
	}
	return ""
}

// bibliographyNames names the authors as a bibliography lists them: the
// first family name first ("Cha, Victor"), the others given name first,
// the last after "and".
func bibliographyNames(names []cslName) string {
	var parts []string
	for i, n := range names {
		switch {
		case n.literal != "":
			parts = append(parts, n.literal)
		case n.given == "":
			parts = append(parts, n.family)
		case i == 0:
			parts = append(parts, n.family+", "+n.given)
		default:
			parts = append(parts, n.given+" "+n.family)
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	case 2:
		return parts[0] + ", and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
}

// citedNames names the authors as a citation does, by family name: "Cha",
// "Smith and Jones", "Smith, Jones, and Lee", "Smith et al." for four or
// more (the Chicago Manual's author-date rule).
func citedNames(names []cslName) string {
	var fam []string
	for _, n := range names {
		if n.literal != "" {
			fam = append(fam, n.literal)
		} else {
			fam = append(fam, n.family)
		}
	}
	switch n := len(fam); {
	case n == 0:
		return ""
	case n == 1:
		return fam[0]
	case n == 2:
		return fam[0] + " and " + fam[1]
	case n == 3:
		return fam[0] + ", " + fam[1] + ", and " + fam[2]
	}
	return fam[0] + " et al."
}

// bibliographyFiles reads the front matter's bibliography: a file name or
// a list of them, each BibTeX (.bib), CSL JSON (.json) or CSL YAML
// (.yaml, .yml); any other is a warning and left out.
func (r *metaReader) bibliographyFiles(v *yaml.Node) []string {
	var files []string
	for _, f := range r.strList("bibliography", v, false) {
		switch strings.ToLower(path.Ext(f)) {
		case ".bib", ".json", ".yaml", ".yml":
			files = append(files, f)
		default:
			r.diags.Warnf(r.pos(v), "bibliography %s is left out: galley reads BibTeX (.bib), CSL JSON (.json) and CSL YAML (.yaml)", strconv.Quote(f))
		}
	}
	return files
}
