package doc

import "testing"

func TestCheckFollowable(t *testing.T) {
	for _, c := range []struct {
		in, problem string
	}{
		{"https://example.com/a", ""},
		{"mailto:a@b.example", ""},
		{"http://[::1]:8080/x", ""},
		{"https://bücher.example/", ""},
		{"http://localhost:port", `invalid port ":port" after host`},
		{"https://../", "it has no valid host name"},
		{"https:///path", "it has no valid host name"},
		{"http://a_b.example/", "it has no valid host name"},
	} {
		err := CheckFollowable(c.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.problem {
			t.Errorf("CheckFollowable(%q) = %q, want %q", c.in, got, c.problem)
		}
		if FollowableURL(c.in) != (c.problem == "") {
			t.Errorf("FollowableURL(%q) = %v", c.in, FollowableURL(c.in))
		}
	}
	if FollowableURL("javascript:x()") || FollowableURL("other.md") || FollowableURL("#frag") {
		t.Error("a link of another scheme, a file or a fragment is followable")
	}
}
