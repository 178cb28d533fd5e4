package export

import (
	"slices"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/l10n"
	"github.com/galley-pub/galley/export/layout/thai"
	"github.com/galley-pub/galley/export/passes"
)

// fontNeed is what the fonts of a document must draw that the embedded
// faces do not: the characters, those of them in code, and the
// document's language; and whether it has Thai, whose lines break at
// the words of a list read from the system.
type fontNeed struct {
	text, code []rune
	lang       string
	thai       bool // the printed text has Thai, whatever draws it
}

// fontNeeds finds what the embedded faces cannot draw in d: its printed
// text (passes.CheckGlyphs's), galley's own words in its language (the
// footer, the contents' title…), and, among them, the characters of code,
// which get a monospaced face of their own when the system has one
// (FallbackOptions.Code).
//
// The tree is walked in two halves at once (halves), each character
// listed where the walk of the whole would first have met it: nothing
// else runs while it is walked (the Rust book's, 12 to 15 ms on one
// core, the other idle).
func (b *Builder) fontNeeds(d *doc.Document) fontNeed {
	need := fontNeed{lang: d.Meta.Lang}
	parts := halves(d)
	texts := inHalves(parts, b.printedNeeds)
	for _, t := range texts {
		need.thai = need.thai || t.thai
	}
	need.text = firstSeen(texts[0].text, texts[1].text)
	for _, r := range l10n.For(d.Meta.Lang).Text() {
		if !b.fonts.Covers(r) {
			need.text = append(need.text, r)
		}
	}
	if len(need.text) == 0 {
		return need
	}
	codes := inHalves(parts, b.codeNeeds)
	need.code = firstSeen(codes[0], codes[1])
	return need
}

// printedNeed is what the printed text of part of a tree needs: the
// characters the embedded faces lack, each once, and whether it has Thai.
type printedNeed struct {
	text []rune
	thai bool
}

// printedNeeds walks part's printed text (passes.CheckGlyphs's).
func (b *Builder) printedNeeds(part *doc.Document) printedNeed {
	var need printedNeed
	passes.CheckGlyphs(part, func(r rune) bool {
		need.thai = need.thai || thai.IsThai(r)
		if !b.fonts.Covers(r) {
			need.text = append(need.text, r)
		}
		return true
	}, &diag.List{})
	return need
}

// codeNeeds returns the characters of part's code the embedded faces
// lack, each once, in the order met.
func (b *Builder) codeNeeds(part *doc.Document) []rune {
	var code []rune
	seen := map[rune]bool{}
	doc.Inspect(part, func(n doc.Node) bool {
		var text string
		switch n := n.(type) {
		case *doc.Code:
			text = n.Value
		case *doc.CodeBlock:
			text = n.Text
		}
		for _, r := range text {
			if r >= utf8.RuneSelf && !seen[r] {
				seen[r] = true
				if !b.fonts.Covers(r) {
					code = append(code, r)
				}
			}
		}
		return true
	})
	return code
}

// minHalfBlocks is the fewest top-level blocks a tree is walked in
// halves for: a handout's is walked whole.
const minHalfBlocks = 64

// halves cuts d into two documents that a walk (doc.Inspect) and
// passes.CheckGlyphs see as d, one after the other: the metadata and
// the first half of the blocks, then the rest with the notes and the
// further reading. A short tree's second half is empty.
func halves(d *doc.Document) [2]*doc.Document {
	k := len(d.Blocks)
	if k >= minHalfBlocks {
		k /= 2
	}
	return [2]*doc.Document{
		{Pos: d.Pos, Meta: d.Meta, Blocks: d.Blocks[:k]},
		{Pos: d.Pos, Blocks: d.Blocks[k:], Footnotes: d.Footnotes, Appendix: d.Appendix},
	}
}

// inHalves runs walk over both halves, the second on a goroutine of its
// own (a panic there is raised here), and returns what each gave.
func inHalves[T any](parts [2]*doc.Document, walk func(*doc.Document) T) [2]T {
	second := guard.Go(func() (T, error) { return walk(parts[1]), nil })
	first := walk(parts[0])
	out, err := second()
	if p, ok := err.(*guard.Panic); ok {
		guard.Raise(p)
	}
	return [2]T{first, out}
}

// firstSeen is a's characters then b's that a has not: each once, where
// one walk over both would first have met it (a and b each list theirs
// once).
func firstSeen(a, b []rune) []rune {
	inA := make(map[rune]bool, len(a))
	for _, r := range a {
		inA[r] = true
	}
	out := slices.Clip(a)
	for _, r := range b {
		if !inA[r] {
			out = append(out, r)
		}
	}
	return out
}
