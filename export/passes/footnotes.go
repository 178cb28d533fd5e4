package passes

import (
	"sort"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// NumberFootnotes numbers the footnotes of d in the order of their first
// reference (1, 2, …), sets the number on every reference (repeated
// references share it) and definition, and sorts d.Footnotes by number.
//
// References are read in reading order: the text first, then each note in
// the order of its number, so a reference inside note 1 is numbered after
// every reference of the text, when note 1 is reached. Labels match
// exactly or, failing that, ignoring case. A definition never referenced
// keeps number 0, goes last and is reported; so is a second definition of
// a label, and a reference to a label with no definition.
func NumberFootnotes(d *doc.Document, diags *diag.List) {
	defs := map[string]*doc.FootnoteDef{}
	for _, f := range d.Footnotes {
		f.Number = 0
		if _, dup := defs[f.Label]; dup {
			diags.Warnf(f.Pos, "footnote [^%s] is defined more than once; the first definition is used", f.Label)
			continue
		}
		defs[f.Label] = f
	}
	lookup := func(label string) *doc.FootnoteDef {
		if f := defs[label]; f != nil {
			return f
		}
		for _, f := range d.Footnotes {
			if strings.EqualFold(f.Label, label) && defs[f.Label] == f {
				return f
			}
		}
		return nil
	}

	// Start from zero so that a second run, and references in notes that
	// are never reached, come out the same.
	doc.Inspect(d, func(n doc.Node) bool {
		if r, ok := n.(*doc.FootnoteRef); ok {
			r.Number = 0
		}
		return true
	})

	var order []*doc.FootnoteDef
	visit := func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.FootnoteRef:
			f := lookup(n.Label)
			if f == nil {
				diags.Warnf(n.Pos, "footnote [^%s] is not defined", n.Label)
				return false
			}
			if f.Number == 0 {
				order = append(order, f)
				f.Number = len(order)
			}
			n.Number = f.Number
		case *doc.FootnoteDef, *doc.Appendix:
			return false // notes are read when first referenced
		}
		return true
	}
	doc.Inspect(d, visit)
	for i := 0; i < len(order); i++ { // order grows as notes cite notes
		for _, b := range order[i].Blocks {
			doc.Inspect(b, visit)
		}
	}

	sort.SliceStable(d.Footnotes, func(i, j int) bool {
		a, b := d.Footnotes[i].Number, d.Footnotes[j].Number
		if a == 0 || b == 0 {
			return a != 0 && b == 0
		}
		return a < b
	})
	for _, f := range d.Footnotes {
		if f.Number == 0 && defs[f.Label] == f {
			diags.Warnf(f.Pos, "footnote [^%s] is never referenced", f.Label)
		}
	}
}
