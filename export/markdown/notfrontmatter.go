package markdown

import "gopkg.in/yaml.v3"

// isProse reports whether the text between two `---` lines at the top of
// a file is a plain YAML scalar (a line of prose such as "Foo") rather
// than front matter. CommonMark reads such a file as a thematic break and
// a setext heading (specification example 96), and so does galley, with a
// warning, instead of refusing the file for a front matter that is not a
// mapping. Lists and mappings stay front matter, with their errors.
func isProse(text []byte) bool {
	root, err := decodeYAML(text)
	if err != nil || root == nil || len(root.Content) == 0 {
		return false
	}
	m := deref(root.Content[0])
	return m.Kind == yaml.ScalarNode && !isNull(m)
}
