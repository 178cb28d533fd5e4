package doc

import "strings"

// MathClass is the class of a formula's span ($x^2$, $$ … $$), beside
// "inline" or "display"; the span's TeXKey pair is its TeX, and its
// content the formula set as text.
const (
	MathClass = "math"
	TeXKey    = "tex"
)

// Formula returns the TeX of a formula's span, and whether it is
// displayed; ok is false for any other span.
func (s *Span) Formula() (tex string, display, ok bool) {
	if !s.Attr.HasClass(MathClass) {
		return "", false, false
	}
	tex, ok = s.Attr.Get(TeXKey)
	return tex, s.Attr.HasClass("display"), ok && strings.TrimSpace(tex) != ""
}

// DisplayFormula returns the displayed formula that content is, alone
// but for spaces and line breaks (a paragraph that is $$ … $$), or nil.
func DisplayFormula(content []Inline) *Span {
	var formula *Span
	for _, in := range content {
		switch in := in.(type) {
		case *Span:
			if _, display, ok := in.Formula(); ok && display && formula == nil {
				formula = in
				continue
			}
		case *Text:
			if strings.TrimSpace(in.Value) == "" {
				continue
			}
		case *LineBreak:
			continue
		}
		return nil
	}
	return formula
}
