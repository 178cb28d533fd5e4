package doc

import (
	"errors"
	"net/url"
	"strings"
	"unicode"
)

// FollowableURL reports whether a link leads out of the document in both
// outputs: its scheme is Followable and CheckFollowable finds nothing
// wrong with it.
func FollowableURL(raw string) bool {
	_, ok := ParseFollowable(raw)
	return ok
}

// ParseFollowable is FollowableURL that gives the URL it parsed (raw
// trimmed of white space) when it is followable, for a renderer that
// writes it.
func ParseFollowable(raw string) (*url.URL, bool) {
	if !Followable(LinkScheme(raw)) {
		return nil, false
	}
	u, err := parseFollowable(raw)
	return u, err == nil
}

// CheckFollowable returns what keeps a link to the web or to a mail
// address from being followed: a URL that does not parse
// ("http://localhost:port"), or a web link without a proper host name
// ("https://../"). Both outputs leave such a link out, its text kept.
func CheckFollowable(raw string) error {
	_, err := parseFollowable(raw)
	return err
}

// parseFollowable is raw, trimmed, parsed, and CheckFollowable's error.
func parseFollowable(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, ue.Err
		}
		return nil, err
	}
	if s := strings.ToLower(u.Scheme); (s == "http" || s == "https") && !validHost(u.Host) {
		return nil, errors.New("it has no valid host name")
	}
	return u, nil
}

// validHost reports whether host is what EPUBCheck accepts as the host of a
// web link: a DNS name (labels of letters and digits, IDN letters
// allowed, with hyphens inside them, dot-separated, a final dot allowed)
// or an IPv6 literal in brackets, with an optional port of one to five
// digits. It is the regular expression
//
//	^(\[[0-9A-Fa-f:.]+\]|L([L-]*L)?(\.L([L-]*L)?)*\.?)(:[0-9]{1,5})?$
//
// (L: [\p{L}\p{N}]) matched by hand: every link of a book is checked
// (a 13 MB book's, three times), and the expression took two thirds of
// the check (FuzzHostName holds the two the same).
func validHost(host string) bool {
	name := host
	if rest, ok := strings.CutPrefix(host, "["); ok {
		end := strings.IndexByte(rest, ']')
		if end < 1 || strings.Trim(rest[:end], "0123456789ABCDEFabcdef:.") != "" {
			return false
		}
		return rest[end+1:] == "" || isPort(rest[end+1:])
	}
	if i := strings.IndexByte(host, ':'); i >= 0 {
		if !isPort(host[i:]) {
			return false
		}
		name = host[:i]
	}
	name = strings.TrimSuffix(name, ".")
	for label := range strings.SplitSeq(name, ".") {
		if !isLabel(label) {
			return false
		}
	}
	return true
}

// isLabel reports whether s is a label of a DNS name: letters and digits,
// hyphens between them.
func isLabel(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if r != '-' && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			return false // an invalid byte is utf8.RuneError, neither
		}
	}
	return true
}

// isPort reports whether s is a colon and one to five digits.
func isPort(s string) bool {
	digits, ok := strings.CutPrefix(s, ":")
	return ok && len(digits) >= 1 && len(digits) <= 5 && strings.Trim(digits, "0123456789") == ""
}
