package book

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/mdbook"
)

// otherDirective is a line that is only a directive in the {{%…}} form
// some preprocessors read (Comprehensive Rust's course preprocessor:
// {{%segment outline}}, 51 of them), not mdBook's {{#…}}.
var otherDirective = regexp.MustCompile(`^[ \t]*\{\{%[^{}\n]*\}\}[ \t]*\r?\n?$`)

// otherDirectives blanks the {{%…}} directive lines of a chapter's
// expanded text ex outside fenced code, in a book whose book.toml names
// preprocessors that galley does not run (unrun): what they stand for is
// not made, and printed as written they would be noise. Each is a
// warning at its line; the line stays, empty, so that the lines keep
// their positions.
func otherDirectives(ex mdbook.Expanded, unrun []string, diags *diag.List) {
	var fence []byte // the open fence's marker, when in fenced code
	start := 0
	for i, line := range bytes.SplitAfter(ex.Text, []byte("\n")) {
		from := start
		start += len(line)
		switch {
		case fence == nil:
			if fence = markdown.OpensFence(line); fence != nil {
				continue
			}
		case markdown.ClosesFence(line, fence):
			fence = nil
			continue
		}
		if fence != nil || !otherDirective.Match(line) {
			continue
		}
		var at doc.Pos
		if len(ex.Origins) > 0 {
			at = ex.Origins[min(i, len(ex.Origins)-1)]
			at.Col = 1
		}
		diags.Warnf(at, "%s is a directive of a preprocessor galley does not run (book.toml: %s); it is left out",
			strings.TrimSpace(string(line)), strings.Join(unrun, ", "))
		for j := from; j < start; j++ {
			if c := ex.Text[j]; c != '\r' && c != '\n' {
				ex.Text[j] = ' '
			}
		}
	}
}
