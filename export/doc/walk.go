package doc

import "fmt"

// The registration block: every node kind of the tree, in one place. A type
// is a Block, an Inline or neither (a part of a block), and nothing else is
// a Node.
func (*Heading) node()        {}
func (*Paragraph) node()      {}
func (*List) node()           {}
func (*ListItem) node()       {}
func (*BlockQuote) node()     {}
func (*Callout) node()        {}
func (*CodeBlock) node()      {}
func (*ThematicBreak) node()  {}
func (*Table) node()          {}
func (*TableRow) node()       {}
func (*TableCell) node()      {}
func (*Figure) node()         {}
func (*FootnoteDef) node()    {}
func (*DefinitionList) node() {}
func (*Definition) node()     {}
func (*DefinitionBody) node() {}
func (*RawHTML) node()        {}
func (*Div) node()            {}
func (*Appendix) node()       {}
func (*ReferenceGroup) node() {}
func (*Reference) node()      {}
func (*Text) node()           {}
func (*Emphasis) node()       {}
func (*Strong) node()         {}
func (*Strikethrough) node()  {}
func (*Superscript) node()    {}
func (*Subscript) node()      {}
func (*Span) node()           {}
func (*Code) node()           {}
func (*Link) node()           {}
func (*Image) node()          {}
func (*FootnoteRef) node()    {}
func (*LineBreak) node()      {}
func (*RawInline) node()      {}
func (*Document) node()       {}
func (*OutlineEntry) node()   {}

func (*Heading) block()        {}
func (*Paragraph) block()      {}
func (*List) block()           {}
func (*BlockQuote) block()     {}
func (*Callout) block()        {}
func (*CodeBlock) block()      {}
func (*ThematicBreak) block()  {}
func (*Table) block()          {}
func (*Figure) block()         {}
func (*FootnoteDef) block()    {}
func (*DefinitionList) block() {}
func (*RawHTML) block()        {}
func (*Div) block()            {}

func (*Text) inline()          {}
func (*Emphasis) inline()      {}
func (*Strong) inline()        {}
func (*Strikethrough) inline() {}
func (*Superscript) inline()   {}
func (*Subscript) inline()     {}
func (*Span) inline()          {}
func (*Code) inline()          {}
func (*Link) inline()          {}
func (*Image) inline()         {}
func (*FootnoteRef) inline()   {}
func (*LineBreak) inline()     {}
func (*RawInline) inline()     {}

// Visitor is called by Walk for each node. If Visit returns a non-nil
// visitor w, Walk visits the node's children with w, then calls
// w.Visit(nil), as go/ast does.
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses the tree rooted at n in depth-first, source order. It
// visits the document's blocks, then its footnote definitions, then the
// appendix. The outline is derived data and is not walked.
func Walk(v Visitor, n Node) {
	if v = v.Visit(n); v == nil {
		return
	}
	switch n := n.(type) {
	case *Document:
		walkBlocks(v, n.Blocks)
		for _, f := range n.Footnotes {
			Walk(v, f)
		}
		if n.Appendix != nil {
			Walk(v, n.Appendix)
		}
	case *Heading:
		walkInlines(v, n.Content)
	case *Paragraph:
		walkInlines(v, n.Content)
	case *List:
		for _, it := range n.Items {
			Walk(v, it)
		}
	case *ListItem:
		walkBlocks(v, n.Blocks)
	case *BlockQuote:
		walkBlocks(v, n.Blocks)
	case *Callout:
		walkInlines(v, n.Title)
		walkBlocks(v, n.Blocks)
	case *Table:
		walkInlines(v, n.Caption)
		if n.Header != nil {
			Walk(v, n.Header)
		}
		for _, r := range n.Rows {
			Walk(v, r)
		}
	case *TableRow:
		for _, c := range n.Cells {
			Walk(v, c)
		}
	case *TableCell:
		walkInlines(v, n.Content)
		walkBlocks(v, n.Blocks)
	case *Figure:
		if n.Image != nil {
			Walk(v, n.Image)
		}
		walkInlines(v, n.Caption)
	case *FootnoteDef:
		walkBlocks(v, n.Blocks)
	case *DefinitionList:
		for _, d := range n.Items {
			Walk(v, d)
		}
	case *Definition:
		walkInlines(v, n.Term)
		for _, b := range n.Definitions {
			Walk(v, b)
		}
	case *DefinitionBody:
		walkBlocks(v, n.Blocks)
	case *Div:
		walkInlines(v, n.Title)
		walkBlocks(v, n.Blocks)
	case *Appendix:
		for _, g := range n.Groups {
			Walk(v, g)
		}
	case *ReferenceGroup:
		for _, r := range n.Entries {
			Walk(v, r)
		}
	case *Emphasis:
		walkInlines(v, n.Content)
	case *Strong:
		walkInlines(v, n.Content)
	case *Strikethrough:
		walkInlines(v, n.Content)
	case *Superscript:
		walkInlines(v, n.Content)
	case *Subscript:
		walkInlines(v, n.Content)
	case *Span:
		walkInlines(v, n.Content)
	case *Link:
		walkInlines(v, n.Content)
	case *OutlineEntry:
		walkInlines(v, n.Content)
	case *ThematicBreak, *CodeBlock, *RawHTML, *Reference, *Text, *Code,
		*Image, *FootnoteRef, *LineBreak, *RawInline:
		// leaves
	default:
		panic(fmt.Sprintf("doc.Walk: unexpected node type %T", n))
	}
	v.Visit(nil)
}

func walkBlocks(v Visitor, bs []Block) {
	for _, b := range bs {
		Walk(v, b)
	}
}

func walkInlines(v Visitor, is []Inline) {
	for _, i := range is {
		Walk(v, i)
	}
}

// Inspect traverses the tree like Walk, calling f for each node; if f
// returns false, the node's children are skipped. It is Walk with a
// visitor that calls f, without the Visitor's calls (two a node): a
// book's passes inspect its tree some twenty times.
func Inspect(n Node, f func(Node) bool) {
	inspect(f, n)
}

// inspect is Inspect's walk: Walk's, its switch the same (TestInspectIsWalk).
func inspect(f func(Node) bool, n Node) {
	if !f(n) {
		return
	}
	switch n := n.(type) {
	case *Document:
		inspectBlocks(f, n.Blocks)
		for _, def := range n.Footnotes {
			inspect(f, def)
		}
		if n.Appendix != nil {
			inspect(f, n.Appendix)
		}
	case *Heading:
		inspectInlines(f, n.Content)
	case *Paragraph:
		inspectInlines(f, n.Content)
	case *List:
		for _, it := range n.Items {
			inspect(f, it)
		}
	case *ListItem:
		inspectBlocks(f, n.Blocks)
	case *BlockQuote:
		inspectBlocks(f, n.Blocks)
	case *Callout:
		inspectInlines(f, n.Title)
		inspectBlocks(f, n.Blocks)
	case *Table:
		inspectInlines(f, n.Caption)
		if n.Header != nil {
			inspect(f, n.Header)
		}
		for _, r := range n.Rows {
			inspect(f, r)
		}
	case *TableRow:
		for _, c := range n.Cells {
			inspect(f, c)
		}
	case *TableCell:
		inspectInlines(f, n.Content)
		inspectBlocks(f, n.Blocks)
	case *Figure:
		if n.Image != nil {
			inspect(f, n.Image)
		}
		inspectInlines(f, n.Caption)
	case *FootnoteDef:
		inspectBlocks(f, n.Blocks)
	case *DefinitionList:
		for _, d := range n.Items {
			inspect(f, d)
		}
	case *Definition:
		inspectInlines(f, n.Term)
		for _, b := range n.Definitions {
			inspect(f, b)
		}
	case *DefinitionBody:
		inspectBlocks(f, n.Blocks)
	case *Div:
		inspectInlines(f, n.Title)
		inspectBlocks(f, n.Blocks)
	case *Appendix:
		for _, g := range n.Groups {
			inspect(f, g)
		}
	case *ReferenceGroup:
		for _, r := range n.Entries {
			inspect(f, r)
		}
	case *Emphasis:
		inspectInlines(f, n.Content)
	case *Strong:
		inspectInlines(f, n.Content)
	case *Strikethrough:
		inspectInlines(f, n.Content)
	case *Superscript:
		inspectInlines(f, n.Content)
	case *Subscript:
		inspectInlines(f, n.Content)
	case *Span:
		inspectInlines(f, n.Content)
	case *Link:
		inspectInlines(f, n.Content)
	case *OutlineEntry:
		inspectInlines(f, n.Content)
	case *ThematicBreak, *CodeBlock, *RawHTML, *Reference, *Text, *Code,
		*Image, *FootnoteRef, *LineBreak, *RawInline:
		// leaves
	default:
		panic(fmt.Sprintf("doc.Inspect: unexpected node type %T", n))
	}
}

func inspectBlocks(f func(Node) bool, bs []Block) {
	for _, b := range bs {
		inspect(f, b)
	}
}

func inspectInlines(f func(Node) bool, is []Inline) {
	for _, i := range is {
		inspect(f, i)
	}
}
