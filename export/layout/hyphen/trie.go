package hyphen

// patternTrie is a language's patterns as a tree of their bytes, for
// Points to follow from each character of a word: a step a byte, ending
// where no pattern goes on. Looking each of a word's substrings up in a
// map of the patterns hashed every one of them, most of them no
// pattern's start (a third of hyphenating the Rust book's words).
//
// Node 0 is the root, whose children are found by their byte (root); any
// other node's children are a list in increasing order of their bytes,
// from kid through next. A node's number is never 0 but the root's, so 0
// ends a list.
type patternTrie struct {
	root   [256]int32
	label  []byte    // the byte that leads to each node
	kid    []int32   // each node's first child, or 0
	next   []int32   // the child after each node of its parent's, or 0
	value  []int32   // 1 + the index in values of the pattern that ends at each node, or 0
	values [][]uint8 // the gap values of each pattern
}

// node adds a node reached by b, with no children yet, and returns it.
func (t *patternTrie) node(b byte) int32 {
	if len(t.label) == 0 { // the root
		t.label, t.kid, t.next, t.value = append(t.label, 0), append(t.kid, 0), append(t.next, 0), append(t.value, 0)
	}
	t.label, t.kid, t.next, t.value = append(t.label, b), append(t.kid, 0), append(t.next, 0), append(t.value, 0)
	return int32(len(t.label) - 1)
}

// add records the pattern of key's letters with values, in place of any
// pattern of the same letters before it (a file's later pattern wins).
func (t *patternTrie) add(key string, values []uint8) {
	n := int32(0)
	for i := range len(key) {
		b := key[i]
		if n == 0 {
			if t.root[b] == 0 {
				t.root[b] = t.node(b)
			}
			n = t.root[b]
			continue
		}
		prev, c := int32(0), t.kid[n]
		for c != 0 && t.label[c] < b {
			prev, c = c, t.next[c]
		}
		if c == 0 || t.label[c] != b {
			nc := t.node(b)
			t.next[nc] = c
			if prev == 0 {
				t.kid[n] = nc
			} else {
				t.next[prev] = nc
			}
			c = nc
		}
		n = c
	}
	if t.value[n] == 0 {
		t.values = append(t.values, values)
		t.value[n] = int32(len(t.values))
		return
	}
	t.values[t.value[n]-1] = values
}

// child is the node byte b leads to from node n, or 0.
func (t *patternTrie) child(n int32, b byte) int32 {
	if n == 0 {
		return t.root[b]
	}
	for c := t.kid[n]; c != 0; c = t.next[c] {
		switch l := t.label[c]; {
		case l == b:
			return c
		case l > b:
			return 0
		}
	}
	return 0
}

// apply raises values[i+k] to the k-th gap value of each pattern that
// begins text (whose first character is the word's i-th), never below
// what it is.
func (t *patternTrie) apply(text string, values []uint8, i int) {
	n := int32(0)
	for p := range len(text) {
		if n = t.child(n, text[p]); n == 0 {
			return
		}
		// A pattern is whole characters, so the bytes it matches end
		// where one of text's characters does.
		if v := t.value[n]; v != 0 {
			for k, x := range t.values[v-1] {
				values[i+k] = max(values[i+k], x)
			}
		}
	}
}

// empty reports whether the trie holds no pattern.
func (t *patternTrie) empty() bool { return len(t.values) == 0 }
