package markdown

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// A fenced block whose info string starts with the word admonish is an
// mdbook-admonish admonition, a popular mdBook preprocessor's:
//
//	```admonish warning title="Data loss", id="loss"
//	The following steps can lead to *irrecoverable* data corruption.
//	```
//
// It becomes a callout of its Markdown content, its kind the directive's
// (mdbook-admonish's directives and their aliases, each to the nearest of
// the theme's five callout kinds), its title the title option's inline
// Markdown, else the directive's name; an id option is an anchor at its
// start. The options are a TOML inline table's pairs, as mdbook-admonish
// reads them, or its shorthand, a title alone as a JSON string
// (admonish warning "Data loss"); ones that are neither are a warning,
// and the block keeps its directive's title. collapsible and class, which are about a web page,
// are ignored.

// admonitionKind maps mdbook-admonish's directives to callout kinds.
func admonitionKind(directive string) string {
	switch directive {
	case "tip", "hint", "success", "check", "done":
		return "tip"
	case "important":
		return "important"
	case "warning", "attention":
		return "warning"
	case "caution", "failure", "fail", "missing", "danger", "error", "bug":
		return "caution"
	}
	return "note" // note, abstract, summary, tldr, info, todo, question, help, faq, example, quote, cite, a book's own
}

// isAdmonition reports whether a fenced block's info string makes it an
// mdbook-admonish block.
func isAdmonition(info string) bool {
	word, _, _ := strings.Cut(strings.TrimSpace(info), " ")
	return word == "admonish"
}

// admonition converts an mdbook-admonish block at pos with its info
// string.
func (c *converter) admonition(n *ast.FencedCodeBlock, pos doc.Pos, info string) doc.Block {
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(info), "admonish"))
	directive := ""
	if f, after, _ := strings.Cut(rest, " "); f != "" && !strings.ContainsAny(f, "=,") && f[0] != '"' {
		directive, rest = strings.ToLower(f), strings.TrimSpace(after)
	}
	var opts struct {
		O struct {
			Title *string `toml:"title"`
			ID    string  `toml:"id"`
		} `toml:"o"`
	}
	var title string
	if strings.HasPrefix(rest, `"`) && json.Unmarshal([]byte(rest), &title) == nil {
		opts.O.Title, rest = &title, "" // the shorthand: admonish warning "Data loss"
	}
	if rest != "" {
		if _, err := toml.Decode("o = {"+rest+"}", &opts); err != nil {
			c.diags.Warnf(pos, "admonish block: its options %q are not TOML key = value pairs (%v); the block is kept without them", rest, firstLine(err.Error()))
			opts.O.Title, opts.O.ID = nil, ""
		}
	}
	co := &doc.Callout{Pos: pos, Kind: admonitionKind(directive)}
	switch {
	case opts.O.Title != nil && strings.TrimSpace(*opts.O.Title) != "":
		co.Title = c.inlineMarkdown(validUTF8(*opts.O.Title), pos, c.syntax)
	case directive != "" && directive != co.Kind:
		r, size := utf8.DecodeRuneInString(directive)
		co.Title = []doc.Inline{&doc.Text{Pos: pos, Value: validUTF8(string(unicode.ToUpper(r)) + directive[size:])}}
	}
	lines := n.Lines()
	origins := c.lineOrigins(lines)
	// Problems in the content (its characters) are reported by the
	// reading of the whole file.
	body := ParseLines(pos.File, []byte(c.linesText(lines, nil)), origins, c.syntax, &diag.List{})
	co.Blocks = withBlockAnchor(doc.Attr{ID: validUTF8(strings.TrimSpace(opts.O.ID))}, pos, body.Blocks)
	return co
}

// lineOrigins is where each of a block's lines starts in the file: the
// origins of its text read apart (an admonition's or a directive's body).
func (c *converter) lineOrigins(lines *text.Segments) []doc.Pos {
	origins := make([]doc.Pos, lines.Len())
	for i := range origins {
		origins[i] = c.lines.pos(lines.At(i).Start)
	}
	return origins
}

// firstLine is the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
