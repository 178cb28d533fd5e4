package notimage

import "testing"

func TestDescribe(t *testing.T) {
	for i, tc := range []struct {
		data, want string
	}{
		{"", "an empty file"},
		{"\n\n<!DOCTYPE html>\n<html lang=en>", "an HTML page"},
		{"\xef\xbb\xbf<HTML><body>", "an HTML page"},
		{"version https://git-lfs.github.com/spec/v1\noid sha256:ab\n", "a Git LFS pointer (git lfs pull fetches the file)"},
		{"just some notes\n", "a text file"},
		{"héllo wörld", "a text file"},
		{"\x89PNG\r\n\x1a\n\x00\x00", ""},
		{"\xff\xd8\xff\xe0", ""},
	} {
		if got := Describe([]byte(tc.data)); got != tc.want {
			t.Errorf("%d: Describe(%q) = %q, want %q", i+1, tc.data, got, tc.want)
		}
	}
	// Text cut in the middle of a character at 512 bytes is still text.
	long := make([]byte, 0, 600)
	for len(long) < 600 {
		long = append(long, "é"...)
	}
	long = append([]byte("x"), long...)
	if got := Describe(long); got != "a text file" {
		t.Errorf("long text: %q", got)
	}
}
