// Package corpus gives tests the examples of the CommonMark specification
// (version 0.31.2, from the npm package commonmark-spec; CC-BY-SA 4.0, see
// testdata/commonmark-spec.LICENSE), to run every renderer over inputs that
// exercise all of CommonMark.
package corpus

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed testdata/commonmark-spec-0.31.2.txt
var specText string

// Example is one numbered example of the specification.
type Example struct {
	Number   int    // 1-based, as in the specification
	Section  string // the heading the example is under
	Line     int    // line of the example's opening fence in the spec text
	Markdown string // input, with the spec's → turned back into tabs
	HTML     string // the reference HTML output
}

// CommonMark returns the specification's examples in order.
func CommonMark() ([]Example, error) {
	return parse(specText)
}

const fence = "````````````````````````````````"

// parse reads the examples out of the spec text: each sits between a line
// "```…``` example" and a line "```…```", Markdown and HTML separated by a
// line holding a single ".".
func parse(text string) ([]Example, error) {
	var (
		out     []Example
		section string
		cur     *Example
		inHTML  bool
		md, htm strings.Builder
	)
	for i, line := range strings.Split(text, "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, fence+" example"):
			cur = &Example{Number: len(out) + 1, Section: section, Line: i + 1}
			inHTML = false
			md.Reset()
			htm.Reset()
		case cur == nil && strings.HasPrefix(line, "#"):
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
		case cur == nil:
		case line == fence:
			if !inHTML {
				return nil, fmt.Errorf("spec line %d: example %d has no \".\" separator", cur.Line, cur.Number)
			}
			cur.Markdown = strings.ReplaceAll(md.String(), "→", "\t")
			cur.HTML = strings.ReplaceAll(htm.String(), "→", "\t")
			out = append(out, *cur)
			cur = nil
		case line == "." && !inHTML:
			inHTML = true
		case inHTML:
			htm.WriteString(line + "\n")
		default:
			md.WriteString(line + "\n")
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("spec line %d: example %d is not closed", cur.Line, cur.Number)
	}
	return out, nil
}
