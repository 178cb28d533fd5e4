package doc

// RubyPair is one base of a ruby span (RubyClass) and the annotation set
// over it, the content of the RubyTextClass span after it (nil for a base
// with none).
type RubyPair struct {
	Base, Annotation []Inline
}

// RubyPairs splits a ruby span's content into its bases, each with the
// annotation after it; nil when s is not ruby.
func (s *Span) RubyPairs() []RubyPair {
	if !s.Attr.HasClass(RubyClass) {
		return nil
	}
	var out []RubyPair
	var base []Inline
	for _, c := range s.Content {
		if sp, ok := c.(*Span); ok && sp.Attr.HasClass(RubyTextClass) {
			out = append(out, RubyPair{Base: base, Annotation: sp.Content})
			base = nil
			continue
		}
		base = append(base, c)
	}
	if len(base) > 0 {
		out = append(out, RubyPair{Base: base})
	}
	return out
}

// Texts returns the first texts of p's base and annotation, where what
// is set for each begins; ok is false unless both have text. The PDF tags
// such a pair as a Ruby element, its base RB and its annotation RT.
func (p RubyPair) Texts() (base, annotation Node, ok bool) {
	base, annotation = FirstText(p.Base), FirstText(p.Annotation)
	return base, annotation, base != nil && annotation != nil
}

// FirstText is the first Text node in inlines, depth first; nil for none.
// The layout gives it as the source of what it sets for inlines it sets
// as one (a formula, a ruby's base or annotation), and the PDF's tagger
// finds it there.
func FirstText(inlines []Inline) Node {
	for _, n := range inlines {
		var found Node
		Inspect(n, func(c Node) bool {
			if t, ok := c.(*Text); ok && found == nil {
				found = t
			}
			return found == nil
		})
		if found != nil {
			return found
		}
	}
	return nil
}
