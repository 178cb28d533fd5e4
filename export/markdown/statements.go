package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// Statements are the numbered boxes of mathematics and teaching: a
// theorem, a lemma, a definition, an example… (the kinds of
// fencedDivKinds that have a label). They are written as
//
//   - bookdown's theorem environments: a chunk of the kind's engine,
//     ```{theorem, pyth, name="Pythagorean theorem"}, its text Markdown;
//   - fenced divs of the kind's class: ::: {.theorem #pyth name="…"};
//   - Quarto's: a fenced div whose id has the kind's prefix,
//     ::: {#thm-pyth}, its name the heading it starts with.
//
// Each is a Div (its id the kind's label and the statement's,
// "thm:pyth" for bookdown's "pyth", as \@ref(thm:pyth) names it) holding
// a callout titled with the kind's word and the name, "Theorem
// (Pythagorean theorem)": the passes put the statement's number after
// the word (doc.StatementKey) and set the references to it. A remark or
// a proof is a callout with its word, not numbered.

// isStatement reports whether a fenced div named name, of kind, is a
// statement: numbered (its kind has a label), or a remark or a proof.
func isStatement(name string, kind divKind) bool {
	return kind.label != "" || name == "remark" || name == "proof"
}

// statementKind returns the kind of statement a fenced div is by its id
// alone (Quarto's thm-…), or false.
func statementKind(id string) (name string, kind divKind, ok bool) {
	prefix, _, found := strings.Cut(id, "-")
	if !found {
		return "", divKind{}, false
	}
	for name, kind := range fencedDivKinds {
		if kind.label == prefix {
			return name, kind, true
		}
	}
	return "", divKind{}, false
}

// statement makes the box of a statement of kind (named name): its id
// (bookdown's, Quarto's or none), its name (nil: none) and its blocks.
func statement(name string, kind divKind, id string, title []doc.Inline, blocks []doc.Block, pos doc.Pos) doc.Block {
	word := []doc.Inline{&doc.Text{Pos: pos, Value: kind.title}}
	if len(title) > 0 {
		word = append(append(append(word, &doc.Text{Pos: pos, Value: " ("}), title...), &doc.Text{Pos: pos, Value: ")"})
	}
	box := &doc.Callout{Pos: pos, Kind: kind.callout, Title: doc.MergeTexts(word), Blocks: blocks}
	if kind.label == "" {
		return &doc.Div{Pos: pos, Attr: doc.Attr{ID: id, Classes: []string{name}}, Blocks: []doc.Block{box}}
	}
	if id != "" && !strings.HasPrefix(id, kind.label+"-") && !strings.HasPrefix(id, kind.label+":") {
		id = kind.label + ":" + id // bookdown's: \@ref(thm:pyth) names ::: {.theorem #pyth}
	}
	attr := doc.Attr{ID: id, Classes: []string{name}, KV: []doc.KV{{Key: doc.StatementKey, Value: kind.title}}}
	return &doc.Div{Pos: pos, Attr: attr, Blocks: []doc.Block{box}}
}

// bookdownStatement reads a chunk of a theorem environment's engine
// (```{theorem, pyth, name="…"}) as its statement; ok is false for any
// other fence.
func (c *converter) bookdownStatement(n *ast.FencedCodeBlock, info string, pos doc.Pos) (doc.Block, bool) {
	engine, opts, ok := chunkHeader(info)
	if !ok {
		return nil, false
	}
	// An exercise is one too, not numbered: as MyST's (sphinx-exercise's)
	// are, which galley shows unnumbered.
	if kind := fencedDivKinds[engine]; !isStatement(engine, kind) && engine != "exercise" {
		return nil, false
	}
	lines := n.Lines()
	// Problems in the text (its characters) are reported by the reading
	// of the whole file.
	body := ParseLines(pos.File, []byte(c.linesText(lines, nil)), c.lineOrigins(lines), c.syntax, &diag.List{})
	var title []doc.Inline
	if name := strings.TrimSpace(opts["name"]); name != "" {
		title = c.inlineMarkdown(name, pos, c.syntax)
	}
	return statement(engine, fencedDivKinds[engine], opts["label"], title, body.Blocks, pos), true
}
