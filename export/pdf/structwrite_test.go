package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// TestTreeStreamed: a long document's structure elements are written as
// the pages pass their blocks (most of them before the end), and the
// tree reads as the one written whole at the end (pdfinfo -struct, but
// for the object numbers of the link annotations): the same elements, in
// the same order, with the same content, none split because its block
// came back after it was written. The document has what stretches a
// block over pages: footnotes long enough to be carried to the next
// page, tables of many rows, long lists, and links in notes and cells.
func TestTreeStreamed(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdfinfo")
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	d := longTaggedDocument(8)
	streamed, st := drawTagged(t, d, set, false)
	whole, _ := drawTagged(t, d, set, true)
	t.Logf("early %d remade %d, %d bytes", st.early, st.remade, len(streamed))
	if st.remade != 0 {
		t.Errorf("%d elements made again after theirs was written", st.remade)
	}
	if st.early < 1000 {
		t.Errorf("%d elements written before the end, want most of the tree's", st.early)
	}
	a, b := structDump(t, streamed), structDump(t, whole)
	if a != b {
		t.Errorf("the streamed tree differs from the tree written whole:\n%s", firstDiff(a, b))
	}
	if !strings.Contains(a, "Note <fn-") || !strings.Contains(a, "THead") || !strings.Contains(a, "LBody") {
		t.Errorf("the tree lacks notes, table heads or list bodies:\n%.2000s", a)
	}
	validate.PDF(t, writeTemp(t, streamed))
}

// drawTagged lays d out and draws it tagged, its tree written whole at
// the end when keep says so, and returns the file and what the tree's
// streaming did.
func drawTagged(t *testing.T, d *doc.Document, set *fonts.Set, keep bool) ([]byte, treeStream) {
	t.Helper()
	dr, err := newDrawer(d, set, nil, drawing{tagged: true, release: true, keepTree: keep})
	if err != nil {
		t.Fatal(err)
	}
	ld, err := layOut(d, Options{Fonts: set, TOCDepth: 2}, nil, nil, laidPages{dr, nil})
	if err != nil {
		dr.stop()
		t.Fatal(err)
	}
	parts, err := dr.finish(ld.Bookmarks, ld.Images)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Join(parts, nil), dr.tags.stream
}

// structDump is pdfinfo's dump of a file's structure tree, the numbers
// of the objects it names (the link annotations) left out.
func structDump(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tree.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", "-struct-text", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	return regexp.MustCompile(`Object \d+ 0`).ReplaceAllString(string(out), "Object")
}

// firstDiff shows where two dumps first differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q, whole %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, whole %d", len(al), len(bl))
}

// longTaggedDocument is a document of n chapters, each a few pages: a
// heading, paragraphs with links and footnote references (every third
// note long enough to run over a page), a section with a table of many
// rows, a task list and a quotation.
func longTaggedDocument(n int) *doc.Document {
	text := func(s string) *doc.Text { return &doc.Text{Value: s} }
	words := strings.Repeat("The quick brown fox jumps over the lazy dog, and then it rests a while. ", 6)
	d := &doc.Document{Meta: doc.Meta{Title: "A long tagged document", Lang: "en"}}
	note := 0
	para := func(i int) *doc.Paragraph {
		note++
		d.Footnotes = append(d.Footnotes, &doc.FootnoteDef{Number: note, Label: fmt.Sprint(note),
			Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{text(strings.Repeat(words, 1+note%3*4)),
				&doc.Link{URL: fmt.Sprintf("https://example.org/note/%d", note), Content: []doc.Inline{text("a source")}}}}}})
		return &doc.Paragraph{Content: []doc.Inline{text(words), &doc.FootnoteRef{Number: note, Label: fmt.Sprint(note)},
			text(" See "), &doc.Link{URL: fmt.Sprintf("https://example.org/%d", i), Content: []doc.Inline{text("the example")}}, text(". " + words)}}
	}
	for c := range n {
		id := fmt.Sprintf("chapter-%d", c+1)
		h := &doc.Heading{Level: 1, Attr: doc.Attr{ID: id}, Content: []doc.Inline{text(fmt.Sprintf("Chapter %d", c+1))}}
		d.Blocks = append(d.Blocks, h, para(c), para(c))
		d.Outline = append(d.Outline, &doc.OutlineEntry{Level: 1, ID: id, Title: fmt.Sprintf("Chapter %d", c+1), Content: h.Content, Heading: h})
		table := &doc.Table{Header: &doc.TableRow{Cells: []*doc.TableCell{{Content: []doc.Inline{text("Name")}}, {Content: []doc.Inline{text("Value")}}}}}
		for r := range 40 {
			table.Rows = append(table.Rows, &doc.TableRow{Cells: []*doc.TableCell{
				{Content: []doc.Inline{text(fmt.Sprintf("row %d", r))}},
				{Content: []doc.Inline{&doc.Link{URL: fmt.Sprintf("https://example.org/row/%d", r), Content: []doc.Inline{text("value")}}}}}})
		}
		list := &doc.List{Kind: doc.TaskList}
		for i := range 12 {
			list.Items = append(list.Items, &doc.ListItem{Task: doc.TaskState(i % 3), Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{text(words[:60+i])}}}})
		}
		d.Blocks = append(d.Blocks,
			&doc.Heading{Level: 2, Content: []doc.Inline{text("A section")}},
			table, list, para(c),
			&doc.BlockQuote{Blocks: []doc.Block{para(c)}})
	}
	return d
}

// TestPinnedBlockWaits: a block whose content a page drew pending (drawn
// at the end) keeps its elements until then, while the blocks after it
// are written as the pages pass them.
func TestPinnedBlockWaits(t *testing.T) {
	var blocks []doc.Block
	for i := range 6 {
		blocks = append(blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: fmt.Sprint("paragraph ", i)}}})
	}
	tags := newTagger(&doc.Document{Blocks: blocks})
	w := newWriter(nil, nil)
	tags.attach(w)
	pending := &layout.Slot{Pending: true, Items: []layout.Item{&layout.Text{Src: blocks[0]}}}
	for i, b := range blocks {
		var slots []*layout.Slot
		if i == 0 {
			slots = []*layout.Slot{pending}
		}
		if _, err := tags.addPage(i, w.alloc(), &layout.Page{}, []mark{{src: source{node: b}, typ: "P"}}, nil, slots); err != nil {
			t.Fatal(err)
		}
	}
	if tags.stream.early == 0 {
		t.Fatal("no element was written as the pages passed")
	}
	if _, err := tags.markPage(0, 1, []mark{{src: source{node: blocks[0]}, typ: "P"}}); err != nil {
		t.Fatal(err)
	}
	if tags.stream.remade != 0 {
		t.Errorf("the pending slot's paragraph was made again (%d): its element was written before its last content", tags.stream.remade)
	}
}
