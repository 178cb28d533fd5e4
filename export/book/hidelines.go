package book

import (
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// mdBook hides some lines of a book's code from its readers, on its web
// pages and in its print page: in Rust, the lines rustdoc hides (a "#"
// alone, or "# " and more, after any indentation: the set-up a listing
// needs to compile), "##" standing for a "#" shown; in another language,
// the lines that start with the prefix book.toml's
// [output.html.code.hidelines] gives it (python = "~"). hideLines leaves
// them out of both outputs, as mdBook's readers see the code. (The
// Nomicon printed 72 such lines, Comprehensive Rust its copyright lines.)
func hideLines(d *doc.Document, prefixes map[string]string) {
	doc.Inspect(d, func(n doc.Node) bool {
		cb, ok := n.(*doc.CodeBlock)
		if !ok {
			return true
		}
		lang := strings.ToLower(cb.Language)
		switch prefix, ok := prefixes[lang]; {
		case lang == "rust":
			cb.Text = keepLines(cb.Text, shownRustLine)
		case ok && prefix != "":
			cb.Text = keepLines(cb.Text, func(line string) (string, bool) {
				return line, !strings.HasPrefix(strings.TrimLeft(line, " \t"), prefix)
			})
		}
		return true
	})
}

// shownRustLine is a Rust line as mdBook shows it, or false for one it
// hides.
func shownRustLine(line string) (string, bool) {
	body := strings.TrimLeft(line, " \t")
	indent := line[:len(line)-len(body)]
	switch {
	case body == "#", strings.HasPrefix(body, "# "):
		return "", false
	case strings.HasPrefix(body, "##"):
		return indent + body[1:], true
	}
	return line, true
}

// keepLines is text with each line as shown gives it, the hidden left out.
func keepLines(text string, shown func(string) (string, bool)) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if s, ok := shown(l); ok {
			out = append(out, s)
		}
	}
	return strings.Join(out, "\n")
}
