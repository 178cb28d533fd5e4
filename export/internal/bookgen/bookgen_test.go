package bookgen

import (
	"bytes"
	"strings"
	"testing"
)

func TestBookIsDeterministicAndVaried(t *testing.T) {
	a, b := Book(3), Book(3)
	if !bytes.Equal(a, b) {
		t.Fatal("two books of the same size differ")
	}
	s := string(a)
	for _, want := range []string{"---\ntitle: ", "\n# Chapter 3: ", "\n## 3.4 ", "\n### 1.1.1 ", "[^n1]", "\n[^n1]: ", "](https://example.org/archive/", "```go\n", "| Year | Delegation | Outcome |", "> [!NOTE]", "\n- ", "\n1. "} {
		if !strings.Contains(s, want) {
			t.Errorf("the book has no %q", want)
		}
	}
	if strings.Contains(s, "# Chapter 4:") {
		t.Error("a 3-chapter book has a fourth chapter")
	}
	if n := len(Book(30)); n < 8*len(a) {
		t.Errorf("30 chapters make %d bytes, 3 make %d", n, len(a))
	}
}
