package mdbook

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// Quarto's shortcodes, {{< name args >}}, are read in a Quarto book's
// chapters, and in the files they include (ExpandQuarto), before their
// directives are, each rewritten as what galley reads:
//
//   - {{< include file >}} is mdBook's {{#include file}}: the file's text,
//     its own shortcodes read too; a path starting / is the book's
//     directory's;
//   - {{< pagebreak >}} is \newpage, a page break;
//   - {{< kbd Ctrl-C >}} is <kbd>Ctrl-C</kbd> (of a key per system,
//     mac=… win=… linux=…, the first);
//   - {{< var name >}} is the value _variables.yml gives name (a.b for a
//     nested one);
//   - {{</* name */>}}, Quarto's escape, is the shortcode as text.
//
// Any other (meta, video, an extension's) is left out, with a warning.

// shortcode is a Quarto shortcode: group 1 the opening /* of an escaped
// one, 2 its name, 3 its arguments.
var shortcode = regexp.MustCompile(`\{\{<\s*(/\*)?\s*([A-Za-z][\w-]*)\s*(.*?)\s*(?:\*/)?\s*>\}\}`)

// quartoShortcodes returns src, the text of the file rel
// (slash-separated, relative to the book's directory; file in
// positions), with its shortcodes rewritten; vars are _variables.yml's
// values by name. The text keeps its lines, one for one.
func quartoShortcodes(src []byte, rel, file string, vars map[string]string, diags *diag.List) []byte {
	if !bytes.Contains(src, []byte("{{<")) {
		return src
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	var out []byte
	for i, line := range lines {
		if !bytes.Contains(line, []byte("{{<")) {
			out = append(out, line...)
			continue
		}
		last := 0
		for _, m := range shortcode.FindAllSubmatchIndex(line, -1) {
			out = append(out, line[last:m[0]]...)
			last = m[1]
			name, args := string(line[m[4]:m[5]]), string(line[m[6]:m[7]])
			if m[2] >= 0 { // {{</* include x */>}}: as text
				out = append(out, "{{< "+strings.TrimSpace(name+" "+args)+" >}}"...)
				continue
			}
			pos := doc.Pos{File: file, Line: i + 1, Col: 1 + len([]rune(string(line[:m[0]])))}
			out = append(out, quartoShortcode(name, args, rel, vars, pos, diags)...)
		}
		out = append(out, line[last:]...)
	}
	return out
}

// quartoShortcode is the text a shortcode (name, args) at pos of the
// file rel becomes.
func quartoShortcode(name, args, rel string, vars map[string]string, pos doc.Pos, diags *diag.List) string {
	switch name {
	case "include":
		target := strings.Trim(strings.TrimSpace(args), `"'`)
		if target == "" {
			diags.Errorf(pos, "Quarto's {{< include >}} names no file")
			return ""
		}
		if rest, ok := strings.CutPrefix(target, "/"); ok { // the book's directory's
			target = toBook(rel) + rest
		}
		return "{{#include " + target + "}}"
	case "pagebreak":
		return `\newpage`
	case "kbd":
		keys := strings.Fields(args)
		if len(keys) == 0 {
			return ""
		}
		if _, k, ok := strings.Cut(keys[0], "="); ok { // mac=Command-C win=Ctrl-C
			keys[0] = k
		}
		return "<kbd>" + strings.Trim(keys[0], `"'`) + "</kbd>"
	case "var":
		key := strings.TrimSpace(args)
		if v, ok := vars[key]; ok {
			return v
		}
		diags.Warnf(pos, "Quarto's {{< var %s >}}: _variables.yml gives no %s; it is left out", key, key)
		return ""
	}
	diags.Warnf(pos, "Quarto's {{< %s >}} shortcode is not read by galley; it is left out", name)
	return ""
}

// toBook is the path from the directory of the file rel to the book's:
// "" or "../../".
func toBook(rel string) string {
	dir := path.Dir(rel)
	if dir == "." {
		return ""
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1)
}
