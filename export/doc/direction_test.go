package doc

import "testing"

// TestDirection: a block's direction is that of the first strongly
// directional character of its words and inline code, in reading order,
// nested ones included; digits, punctuation and symbols have none.
func TestDirection(t *testing.T) {
	text := func(s string) *Text { return &Text{Value: s} }
	for i, c := range []struct {
		content    []Inline
		rtl, found bool
	}{
		{[]Inline{text("مرحبا بالعالم")}, true, true},
		{[]Inline{text("Hello, عالم")}, false, true},
		{[]Inline{text("٣ — ")}, false, false},
		{[]Inline{text("2024: "), text("שלום")}, true, true},
		{[]Inline{text("« "), &Emphasis{Content: []Inline{text("الـ")}}, text(" Even More")}, true, true},
		{[]Inline{&Code{Value: "x := 1"}, text(" هو")}, false, true},
		{[]Inline{&Image{Alt: "صورة"}, text("...")}, false, false},
		{nil, false, false},
	} {
		rtl, found := InlinesDirection(c.content)
		if rtl != c.rtl || found != c.found {
			t.Errorf("case %d: InlinesDirection %v %v, want %v %v", i+1, rtl, found, c.rtl, c.found)
		}
		item := &ListItem{Blocks: []Block{&Paragraph{Content: c.content}}}
		if rtl, found := Direction(item); rtl != c.rtl || found != c.found {
			t.Errorf("case %d: Direction of an item %v %v, want %v %v", i+1, rtl, found, c.rtl, c.found)
		}
	}
}
