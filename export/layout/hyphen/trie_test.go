package hyphen

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/splitmix"
)

// patternsOf reads h's patterns back from their trie: letters → values.
// It checks, as it goes, that each node's children are in increasing
// order of their bytes (child stops at the first one past the byte it
// looks for), and panics if not.
func patternsOf(h *Hyphenator) map[string][]uint8 {
	t := &h.patterns
	out := map[string][]uint8{}
	var walk func(n int32, key []byte)
	walk = func(n int32, key []byte) {
		if v := t.value[n]; v != 0 {
			out[string(key)] = t.values[v-1]
		}
		last := -1
		for c := t.kid[n]; c != 0; c = t.next[c] {
			if int(t.label[c]) <= last {
				panic("patternsOf: children out of order under " + string(key))
			}
			last = int(t.label[c])
			walk(c, append(key, t.label[c]))
		}
	}
	for b, c := range t.root {
		if c != 0 {
			walk(c, []byte{byte(b)})
		}
	}
	return out
}

// TestPatternTrie: a trie given keys in any order, some of them again
// with other values, holds the last values of each key, no other key,
// and child finds each key's nodes and no others.
func TestPatternTrie(t *testing.T) {
	rng := &splitmix.Source{State: 11}
	letters := []string{"a", "b", "c", ".", "é", "ß", "\u0301"}
	for round := range 50 {
		var h Hyphenator
		want := map[string][]uint8{}
		for range 1 + round*4 {
			var key strings.Builder
			for range 1 + rng.Next()%5 {
				key.WriteString(letters[rng.Next()%uint64(len(letters))])
			}
			values := []uint8{uint8(rng.Next() % 10)}
			want[key.String()] = values
			h.patterns.add(key.String(), values)
		}
		if got := patternsOf(&h); !maps.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("round %d: the trie holds %v, want %v", round, got, want)
		}
		for key := range want {
			n := int32(0)
			for i := range len(key) {
				if n = h.patterns.child(n, key[i]); n == 0 {
					t.Fatalf("round %d: no node for %q of %q", round, key[:i+1], key)
				}
			}
			if h.patterns.value[n] == 0 {
				t.Fatalf("round %d: %q's node has no pattern", round, key)
			}
		}
		if h.patterns.child(0, 'z') != 0 || h.patterns.child(h.patterns.root['a'], 'z') != 0 {
			t.Fatalf("round %d: a path no key takes has a node", round)
		}
	}
}
