package doc

import "testing"

// TestDisplayFormula: a paragraph that is a displayed formula alone (but
// for spaces and line breaks) is one; inline formulas, spans without
// their TeX, and formulas with text beside them are not.
func TestDisplayFormula(t *testing.T) {
	formula := func(kind, tex string) *Span {
		return &Span{Attr: Attr{Classes: []string{MathClass, kind}, KV: []KV{{Key: TeXKey, Value: tex}}}}
	}
	shown := formula("display", `\frac{a}{b}`)
	for i, c := range []struct {
		content []Inline
		want    *Span
	}{
		{[]Inline{shown}, shown},
		{[]Inline{&Text{Value: " "}, &LineBreak{}, shown, &Text{Value: "\n"}}, shown},
		{[]Inline{formula("inline", `x`)}, nil},
		{[]Inline{formula("display", "  ")}, nil},
		{[]Inline{&Span{Attr: Attr{Classes: []string{MathClass, "display"}}}}, nil},
		{[]Inline{&Text{Value: "Then"}, shown}, nil},
		{[]Inline{shown, formula("display", `y`)}, nil},
		{nil, nil},
	} {
		if got := DisplayFormula(c.content); got != c.want {
			t.Errorf("case %d: %v, want %v", i+1, got, c.want)
		}
	}
	if tex, display, ok := formula("inline", `x^2`).Formula(); tex != `x^2` || display || !ok {
		t.Errorf("an inline formula's Formula() = %q, %v, %v", tex, display, ok)
	}
}
