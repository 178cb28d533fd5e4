package doc

import (
	"net/url"
	"regexp"
	"testing"
)

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
		if u, ok := ParseFollowable(" " + c.in + "\n"); ok != (c.problem == "") {
			t.Errorf("ParseFollowable(%q) = %v, %v", c.in, u, ok)
		} else if want, _ := url.Parse(c.in); ok && *u != *want {
			t.Errorf("ParseFollowable(%q) = %#v, url.Parse %#v", c.in, u, want)
		}
	}
	if _, ok := ParseFollowable("javascript:x()"); ok || FollowableURL("javascript:x()") || FollowableURL("other.md") || FollowableURL("#frag") {
		t.Error("a link of another scheme, a file or a fragment is followable")
	}
}

// hostNameExpr is the regular expression validHost matches by hand.
var hostNameExpr = regexp.MustCompile(`^(\[[0-9A-Fa-f:.]+\]|[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?(\.[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.?)(:[0-9]{1,5})?$`)

// hostCases are hosts at the edges of validHost's grammar, with what
// says of each.
var hostCases = []struct {
	host string
	ok   bool
}{
	{"example.com", true}, {"example.com.", true}, {"bücher.example", true}, {"例え.テスト", true},
	{"a", true}, {"a-b.c", true}, {"a--b", true}, {"1.2.3.4", true}, {"٣.example", true},
	{"example.com:8080", true}, {"a:1", true}, {"a:12345", true}, {"[::1]", true}, {"[::1]:80", true}, {"[a.b:C]", true},
	{"", false}, {".", false}, {"a..b", false}, {".a", false}, {"a..", false}, {"-a", false}, {"a-", false}, {"a.-b", false},
	{"a_b.example", false}, {"a b", false}, {"a:", false}, {"a:123456", false}, {"a:8x", false}, {":80", false},
	{"[]", false}, {"[::1", false}, {"[::1]]", false}, {"[::1]:", false}, {"[g::1]", false}, {"[::1]x", false},
	{"a\xffb", false}, {"a\u00adb", false}, {"a:1:2", false}, {"[::1]:1:2", false},
}

func TestHostName(t *testing.T) {
	for _, c := range hostCases {
		if got := validHost(c.host); got != c.ok {
			t.Errorf("validHost(%q) = %v, want %v", c.host, got, c.ok)
		}
		if want := hostNameExpr.MatchString(c.host); want != c.ok {
			t.Errorf("the expression says %v of %q, the case %v", want, c.host, c.ok)
		}
	}
}

// FuzzHostName: validHost says what its regular expression says.
func FuzzHostName(f *testing.F) {
	for _, c := range hostCases {
		f.Add(c.host)
	}
	f.Fuzz(func(t *testing.T, host string) {
		if got, want := validHost(host), hostNameExpr.MatchString(host); got != want {
			t.Errorf("validHost(%q) = %v, the expression %v", host, got, want)
		}
	})
}
