package doc

import "strings"

// MergeTexts joins adjacent text nodes; the result keeps the position of
// the first. Empty text nodes are dropped. Each run is joined once, so a
// long paragraph costs linear time.
func MergeTexts(in []Inline) []Inline {
	out := in[:0] // in place: in is the caller's own
	for i := 0; i < len(in); {
		first, ok := in[i].(*Text)
		if !ok {
			out = append(out, in[i])
			i++
			continue
		}
		j, size := i+1, len(first.Value)
		for j < len(in) {
			t, ok := in[j].(*Text)
			if !ok {
				break
			}
			size += len(t.Value)
			j++
		}
		if j > i+1 {
			var b strings.Builder
			b.Grow(size)
			for _, n := range in[i:j] {
				b.WriteString(n.(*Text).Value)
			}
			first = &Text{Pos: first.Pos, Value: b.String()}
		}
		if first.Value != "" {
			out = append(out, first)
		}
		i = j
	}
	clear(in[len(out):]) // no pointers kept past the end
	return out
}
