package epub

import (
	"net/url"
	"testing"
)

func TestExternalURL(t *testing.T) {
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
		u, err := url.Parse(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		got, ok := externalURL(u)
		if got != c.want || ok != c.ok {
			t.Errorf("externalURL(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
