package doc

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// at returns a position on line n of "t.md".
func at(n int) Pos { return Pos{File: "t.md", Line: n, Col: 1} }

// everyKind builds a document holding every node kind of the registration
// block, each on its own line so the walk order can be read off the lines.
func everyKind() *Document {
	h := &Heading{Pos: at(2), Level: 1, Attr: Attr{ID: "intro"}, Content: []Inline{&Text{Pos: at(3), Value: "Intro"}}}
	return &Document{
		Pos: at(1),
		Blocks: []Block{
			h,
			&Paragraph{Pos: at(4), Content: []Inline{
				&Emphasis{Pos: at(5), Content: []Inline{&Text{Pos: at(6), Value: "a"}}},
				&Strong{Pos: at(7), Content: []Inline{&Text{Pos: at(8), Value: "b"}}},
				&Strikethrough{Pos: at(9), Content: []Inline{&Text{Pos: at(10), Value: "c"}}},
				&Code{Pos: at(11), Value: "d"},
				&Link{Pos: at(12), URL: "https://example.org/", Content: []Inline{&Text{Pos: at(13), Value: "e"}}},
				&Image{Pos: at(14), Alt: "f"},
				&FootnoteRef{Pos: at(15), Label: "n"},
				&LineBreak{Pos: at(16)},
				&RawInline{Pos: at(17), HTML: "<br>"},
			}},
			&List{Pos: at(18), Items: []*ListItem{{Pos: at(19), Blocks: []Block{&Paragraph{Pos: at(20)}}}}},
			&BlockQuote{Pos: at(21), Blocks: []Block{&ThematicBreak{Pos: at(22)}}},
			&Callout{Pos: at(23), Kind: "note", Title: []Inline{&Text{Pos: at(24), Value: "T"}}, Blocks: []Block{&CodeBlock{Pos: at(25), Text: "x"}}},
			&Table{Pos: at(26), Header: &TableRow{Pos: at(27), Cells: []*TableCell{{Pos: at(28)}}}, Rows: []*TableRow{{Pos: at(29), Cells: []*TableCell{{Pos: at(30)}}}}},
			&Figure{Pos: at(31), Image: &Image{Pos: at(32)}, Caption: []Inline{&Text{Pos: at(33), Value: "cap"}}},
			&DefinitionList{Pos: at(34), Items: []*Definition{{Pos: at(35), Term: []Inline{&Text{Pos: at(36)}}, Definitions: []*DefinitionBody{{Pos: at(37), Blocks: []Block{&RawHTML{Pos: at(38), HTML: "<div></div>"}}}}}}},
		},
		Footnotes: []*FootnoteDef{{Pos: at(39), Label: "n", Blocks: []Block{&Paragraph{Pos: at(40)}}}},
		Outline:   []*OutlineEntry{{Pos: at(2), Level: 1, ID: "intro", Title: "Intro", Heading: h}},
		Appendix:  &Appendix{Pos: at(41), Groups: []*ReferenceGroup{{Pos: at(42), Entries: []*Reference{{Pos: at(43), Title: "Book"}}}}},
	}
}

func TestWalkVisitsEveryKindInSourceOrder(t *testing.T) {
	var lines []int
	kinds := map[string]bool{}
	Inspect(everyKind(), func(n Node) bool {
		if n != nil {
			lines = append(lines, n.Position().Line)
			kinds[fmt.Sprintf("%T", n)] = true
		}
		return true
	})
	// Every line 1..43 once, in order: the outline (derived data) is not walked.
	if len(lines) != 43 {
		t.Fatalf("visited %d nodes, want 43: %v", len(lines), lines)
	}
	for i, l := range lines {
		if l != i+1 {
			t.Fatalf("visit %d is line %d, want %d (order %v)", i, l, i+1, lines)
		}
	}
	// 32 registered kinds; the walk reaches all but OutlineEntry.
	if len(kinds) != 31 || kinds["*doc.OutlineEntry"] {
		t.Errorf("kinds visited: %d %v", len(kinds), kinds)
	}
}

func TestInspectPrunes(t *testing.T) {
	n := 0
	Inspect(everyKind(), func(x Node) bool {
		if x != nil {
			n++
		}
		_, isPara := x.(*Paragraph)
		return !isPara
	})
	// Pruning at paragraphs skips the 13 inline nodes of line 5–17.
	if n != 43-13 {
		t.Errorf("visited %d nodes, want %d", n, 43-13)
	}
}

// inspector is Inspect's f as a Visitor, for Walk.
type inspector func(Node) bool

func (f inspector) Visit(n Node) Visitor {
	if n != nil && f(n) {
		return f
	}
	return nil
}

// TestInspectIsWalk: Inspect, which has a switch of its own, visits what
// Walk does, in the same order, pruned or not.
func TestInspectIsWalk(t *testing.T) {
	for _, prune := range []bool{false, true} {
		var walked, inspected []string
		record := func(seen *[]string) func(Node) bool {
			return func(n Node) bool {
				*seen = append(*seen, fmt.Sprintf("%T@%d", n, n.Position().Line))
				_, para := n.(*Paragraph)
				return !prune || !para
			}
		}
		Walk(inspector(record(&walked)), everyKind())
		Inspect(everyKind(), record(&inspected))
		if strings.Join(walked, " ") != strings.Join(inspected, " ") || len(walked) < 30 {
			t.Errorf("prune %v: Walk visited\n%v\nInspect\n%v", prune, walked, inspected)
		}
	}
}

func TestPosString(t *testing.T) {
	for _, c := range []struct {
		p    Pos
		want string
	}{
		{Pos{File: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
		{Pos{File: "a.md", Line: 3}, "a.md:3"},
		{Pos{Line: 3, Col: 7}, "3:7"},
		{Pos{File: "a.md"}, "a.md"},
		{Pos{}, "-"},
	} {
		if got := c.p.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestAttr(t *testing.T) {
	a := Attr{ID: "x", Classes: []string{"wide", "note"}, KV: []KV{{"width", "50%"}, {"width", "1"}}}
	if !a.HasClass("note") || a.HasClass("no") {
		t.Error("HasClass")
	}
	if v, ok := a.Get("width"); !ok || v != "50%" {
		t.Errorf("Get = %q %v, want the first pair", v, ok)
	}
	if _, ok := a.Get("height"); ok {
		t.Error("Get of a missing key")
	}
	if a.IsZero() || !(Attr{}).IsZero() {
		t.Error("IsZero")
	}
}

func TestPlainText(t *testing.T) {
	p := everyKind().Blocks[1].(*Paragraph)
	if got := PlainText(p.Content); got != "abcdef " {
		t.Errorf("PlainText = %q", got)
	}
}

// TestLastRune: LastRune is the last rune of the trimmed PlainText.
func TestLastRune(t *testing.T) {
	text := func(s string) *Text { return &Text{Value: s} }
	for i, c := range []struct {
		content []Inline
		want    rune
	}{
		{nil, 0},
		{[]Inline{text("  \n")}, 0},
		{[]Inline{text("Run this:")}, ':'},
		{[]Inline{text("Run "), &Code{Value: "make"}, text(":  ")}, ':'},
		{[]Inline{text("Run:"), &Strong{Content: []Inline{text(" ")}}, &LineBreak{}}, ':'},
		{[]Inline{text("a:"), &Emphasis{Content: []Inline{text("b")}}}, 'b'},
		{[]Inline{text("see"), &FootnoteRef{Number: 1}}, 'e'},
		{[]Inline{text("x"), &Image{Alt: "a plot "}}, 't'},
		{[]Inline{text("é\u00a0")}, 'é'},
		{[]Inline{text("bad \xff")}, utf8.RuneError},
	} {
		if got := LastRune(c.content); got != c.want {
			t.Errorf("%d: LastRune = %q, want %q", i+1, got, c.want)
		}
		trimmed := strings.TrimSpace(PlainText(c.content))
		if r, _ := utf8.DecodeLastRuneInString(trimmed); trimmed != "" && r != c.want {
			t.Errorf("%d: the trimmed PlainText %q ends with %q, the case %q", i+1, trimmed, r, c.want)
		}
	}
	if got := LastRune(everyKind().Blocks[1].(*Paragraph).Content); got != 'f' {
		t.Errorf("LastRune of every kind's paragraph = %q", got)
	}
}

func TestDumps(t *testing.T) {
	d := everyKind()
	text := DumpString(d)
	for _, want := range []string{"Document 1:1\n", "  Heading 2:1 attr={#intro} level=1\n", `Text 3:1 value="Intro"`, `RawHTML 38:1 html="<div></div>"`, `Reference 43:1 title="Book"`} {
		if !strings.Contains(text, want) {
			t.Errorf("text dump lacks %q:\n%s", want, text)
		}
	}
	js, err := JSON(d)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatalf("JSON dump is not JSON: %v\n%s", err, js)
	}
	if !strings.Contains(string(js), `"intro"`) {
		t.Errorf("JSON dump lacks the heading id: %s", js)
	}
}

func TestLinkScheme(t *testing.T) {
	for i, tc := range []struct {
		url, scheme string
		followable  bool
	}{
		{"https://example.org", "https", true},
		{"HTTP://x", "http", true},
		{"mailto:a@b", "mailto", true},
		{" javascript:alert(1)", "javascript", false},
		{"data:text/html,x", "data", false},
		{"tel:+1", "tel", false},
		{"#frag", "", false},
		{"other.md#x", "", false},
		{"dir/a:b.md", "", false},
		{"c++:x", "c++", false},
	} {
		if s := LinkScheme(tc.url); s != tc.scheme || Followable(s) != tc.followable {
			t.Errorf("%d: %q: scheme %q, followable %v", i+1, tc.url, s, Followable(s))
		}
	}
}

// TestInlinesLang: InlinesLang answers as BlockLang does on the block's
// plain text, for blocks starting in each script, in documents of each.
func TestInlinesLang(t *testing.T) {
	blocks := [][]Inline{
		{&Text{Value: "Plain English."}},
		{&Emphasis{Content: []Inline{&Text{Value: "  "}}}, &Code{Value: "x := 1"}},
		{&Image{Alt: "Ελληνικά"}, &Text{Value: " text"}},
		{&Text{Value: "123 "}, &Link{Content: []Inline{&Text{Value: "مرحبا"}}}},
		{&Text{Value: "漢字とかな"}},
		{&Text{Value: "ünïcode first"}},
		{&Text{Value: "1, 2, 3."}},
		nil,
	}
	for _, docLang := range []string{"", "en", "fr", "el", "ar", "he", "ja", "zh", "ko"} {
		for i, b := range blocks {
			if got, want := InlinesLang(b, docLang), BlockLang(PlainText(b), docLang); got != want {
				t.Errorf("lang %q, block %d: InlinesLang %q, BlockLang %q", docLang, i, got, want)
			}
		}
	}
}

// TestTextSize counts the bytes of words, inline and block code and raw
// HTML, however deep, and nothing else.
func TestTextSize(t *testing.T) {
	n := &BlockQuote{Blocks: []Block{
		&Paragraph{Content: []Inline{&Text{Value: "abc"}, &Emphasis{Content: []Inline{&Text{Value: "de"}}}, &Code{Value: "f()"}, &Image{Alt: "not counted"}}},
		&CodeBlock{Language: "go", Text: "x := 1"},
		&RawHTML{HTML: "<hr/>"},
	}}
	if got, want := TextSize(n), 3+2+3+6+5; got != want {
		t.Errorf("TextSize = %d, want %d", got, want)
	}
}

// TestLength: lengths as TeX and CSS write them, in points.
func TestLength(t *testing.T) {
	for _, c := range []struct {
		s    string
		want float64
		ok   bool
	}{
		{"72pt", 72, true}, {"1in", 72, true}, {"2.54cm", 72, true}, {"25.4mm", 72, true}, {" 3em ", 36, true},
		{"16px", 12, true}, {"1pc", 12, true}, {"2ex", 12, true}, {".5in", 36, true},
		{"3", 0, false}, {"cm", 0, false}, {"-1cm", 0, false}, {"3 furlongs", 0, false}, {"", 0, false}, {"1..2cm", 0, false},
	} {
		got, ok := Length(c.s)
		if ok != c.ok || math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Length(%q) = %v, %v; want %v, %v", c.s, got, ok, c.want, c.ok)
		}
	}
}
