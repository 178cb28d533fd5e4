package book

import (
	"html"
	"path"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/mdbook"
)

// ruleLine is a line that is only a rule's name, r[lex.token.intro], as
// the Rust Reference marks each of its rules for its mdbook-spec
// preprocessor (1,472 of them, which printed as written).
var ruleLine = regexp.MustCompile(`(?m)^r\[([^\]\n]+)\](\r?)$`)

// ruleAnchors makes each rule line of a chapter's text an anchor of id
// "r-" and the rule's name, as mdbook-spec does, so that links to
// #r-lex.token.intro reach it; the anchor takes no room of its own. Each
// line stays one line, so that positions keep their lines.
func ruleAnchors(text []byte) []byte {
	return ruleLine.ReplaceAllFunc(text, func(m []byte) []byte {
		sub := ruleLine.FindSubmatch(m)
		return []byte(`<a id="r-` + html.EscapeString(string(sub[1])) + `"></a>` + string(sub[2]))
	})
}

// ruleDefinition is a link reference definition on a line of its own,
// [label]: destination, as mdbook-spec reads them.
var ruleDefinition = regexp.MustCompile(`(?m)^\[([^\]\n]+)\]: +(\S+)[ \t]*(\r?)$`)

// ruleReference is a shortcut reference that may name a rule: [expr.cmp].
var ruleReference = regexp.MustCompile(`\[([A-Za-z0-9_.-]+)\]`)

// ruleFiles maps the name of each rule of the chapters' texts (r[name]
// lines) to the chapter that has it (slash-separated, relative to the
// chapters' directory), the first where two have it.
func ruleFiles(rels []string, texts [][]byte) map[string]string {
	files := map[string]string{}
	for i, text := range texts {
		for _, m := range ruleLine.FindAllSubmatch(text, -1) {
			if _, dup := files[string(m[1])]; !dup {
				files[string(m[1])] = rels[i]
			}
		}
	}
	return files
}

// ruleLinks links the chapter rel (its expanded text ex) to the rules as
// mdbook-spec does: a link reference definition whose destination is a
// rule's name leads to the rule's anchor, and so does [rule.name] written
// alone, for which a definition is added at the end of the chapter (after
// the chapter's own, which win). The Rust Reference has 555 of the one and
// 200 of the other, which were broken links and bracketed text.
func ruleLinks(ex mdbook.Expanded, rel string, rules map[string]string) mdbook.Expanded {
	href := func(name string) string {
		target := "#r-" + name
		if file := rules[name]; file != rel {
			up, err := filepath.Rel(filepath.FromSlash(path.Dir(rel)), filepath.FromSlash(file))
			if err != nil {
				return ""
			}
			target = filepath.ToSlash(up) + target
		}
		return target
	}
	ex.Text = ruleDefinition.ReplaceAllFunc(ex.Text, func(m []byte) []byte {
		sub := ruleDefinition.FindSubmatch(m)
		if _, ok := rules[string(sub[2])]; !ok {
			return m
		}
		to := href(string(sub[2]))
		if to == "" {
			return m
		}
		return []byte("[" + string(sub[1]) + "]: " + to + string(sub[3]))
	})
	var named []string
	seen := map[string]bool{}
	for _, m := range ruleReference.FindAllSubmatch(ex.Text, -1) {
		name := string(m[1])
		if _, ok := rules[name]; ok && !seen[name] {
			seen[name] = true
			named = append(named, name)
		}
	}
	if len(named) == 0 {
		return ex
	}
	last := doc.Pos{}
	if n := len(ex.Origins); n > 0 {
		last = ex.Origins[n-1]
	}
	text := append([]byte(nil), ex.Text...)
	if len(text) > 0 && text[len(text)-1] != '\n' {
		text = append(text, '\n')
	}
	text = append(text, '\n')
	origins := append(append([]doc.Pos(nil), ex.Origins...), last)
	slices.Sort(named)
	for _, name := range named {
		if to := href(name); to != "" {
			text = append(text, "["+name+"]: "+to+"\n"...)
			origins = append(origins, last)
		}
	}
	return mdbook.Expanded{Text: text, Origins: origins}
}
