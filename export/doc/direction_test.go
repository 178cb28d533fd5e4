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

// TestExplicitDirection: a dir attribute of rtl or ltr, in any case, sets
// a direction, auto and anything else none; a div with one has that
// direction whatever its text's, and gives it to a list that holds it.
func TestExplicitDirection(t *testing.T) {
	for _, c := range []struct {
		value      string
		rtl, found bool
	}{{"rtl", true, true}, {" RTL ", true, true}, {"ltr", false, true}, {"auto", false, false}, {"", false, false}, {"up", false, false}} {
		a := Attr{KV: []KV{{Key: "dir", Value: c.value}}}
		if rtl, found := a.Direction(); rtl != c.rtl || found != c.found {
			t.Errorf("dir=%q: %v %v, want %v %v", c.value, rtl, found, c.rtl, c.found)
		}
	}
	div := &Div{Attr: Attr{KV: []KV{{Key: "dir", Value: "rtl"}}}, Blocks: []Block{&Paragraph{Content: []Inline{&Text{Value: "English"}}}}}
	if rtl, found := Direction(div); !rtl || !found {
		t.Errorf("a div with dir=rtl of English text: %v %v, want right to left", rtl, found)
	}
	item := &ListItem{Blocks: []Block{div}}
	if rtl, found := Direction(item); !rtl || !found {
		t.Errorf("an item holding the div: %v %v, want right to left", rtl, found)
	}
	if _, found := (Attr{}).Direction(); found {
		t.Error("no dir attribute sets a direction")
	}
}
