package epub

import (
	"testing"

	"github.com/galley-pub/galley/export/doc"
)

// TestExternalURL: a followable link's href (resolveLink, through
// externalURL) is escaped for a URI; one that is not a valid URL
// (doc.FollowableURL) is left out.
func TestExternalURL(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{`https://example.com?find=\*`, `https://example.com?find=%5C*`, true},
		{"https://example.com/a%20b", "https://example.com/a%20b", true},
		{"https://xn--bcher-kva.example/ö", "https://xn--bcher-kva.example/%C3%B6", true},
		{"http://[::1]:8080/x", "http://[::1]:8080/x", true},
		{"mailto:a@b.example", "mailto:a@b.example", true},
		{"https://../", "", false},
		{"https:///path", "", false},
		{"http://a_b.example/", "", false},
	} {
		if ok := doc.FollowableURL(c.in); ok != c.ok {
			t.Errorf("doc.FollowableURL(%q) = %v, want %v", c.in, ok, c.ok)
		}
		if got, ok := new(book).resolveLink("chapter-1.xhtml", c.in); got != c.want || ok != c.ok {
			t.Errorf("resolveLink(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
