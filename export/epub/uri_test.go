package epub

import "testing"

func TestURIEscapeAutolinks(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`https://example.com?find=\*`:    `https://example.com?find=%5C*`,
		"https://example.com/a b":        "https://example.com/a%20b",
		"https://example.com/ä?q={x}|`^": "https://example.com/%C3%A4?q=%7Bx%7D%7C%60%5E",
		"https://example.com/%20ok#frag": "https://example.com/%20ok#frag",
		`mailto:a@b.c?subject="hi"<>`:    "mailto:a@b.c?subject=%22hi%22%3C%3E",
	} {
		if got := uriEscape(in); got != want {
			t.Errorf("uriEscape(%q) = %q, want %q", in, got, want)
		}
	}
}
