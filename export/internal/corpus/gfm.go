package corpus

import _ "embed"

//go:embed testdata/gfm-extensions.txt
var gfmText string

// GFM returns galley's own examples of the GitHub Flavored Markdown
// extensions (tables, strikethrough, extended autolinks, task lists,
// disallowed raw HTML) and of galley's own syntax (footnotes, alerts,
// definition lists, heading attributes), in the specification's format.
// npm has no GFM specification package, so these are written for galley;
// their HTML field is empty.
func GFM() ([]Example, error) {
	return parse(gfmText)
}
