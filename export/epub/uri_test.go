package epub

import "testing"

func TestURISafe(t *testing.T) {
	for in, want := range map[string]string{
		`https://example.com?find=\*`:    `https://example.com?find=%5C*`,
		"https://example.com/a b":        "https://example.com/a%20b",
		"https://example.com/ä?q={x}|`^": "https://example.com/%C3%A4?q=%7Bx%7D%7C%60%5E",
		"https://example.com/%20ok#frag": "https://example.com/%20ok#frag",
		`mailto:a@b.c?subject="hi"<>`:    "mailto:a@b.c?subject=%22hi%22%3C%3E",
	} {
		if got := uriSafe(in); got != want {
			t.Errorf("uriSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidHost(t *testing.T) {
	for host, want := range map[string]bool{
		"example.com": true, "example.com:8080": true, "[::1]:80": true, "localhost": true, "bücher.de": true, "a_b.example": true,
		"": false, "..": false, ".example.com": false, "example.com.": false, "a..b": false, "exa mple.com": false, "a\\b": false,
	} {
		if got := validHost(host); got != want {
			t.Errorf("validHost(%q) = %v, want %v", host, got, want)
		}
	}
}
