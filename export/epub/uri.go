package epub

import "strings"

// uriSafe percent-encodes the bytes of an external link that may not
// appear in a URI (RFC 3986): spaces, controls, non-ASCII bytes and
// `"<>\^`{|}`. url.URL.String leaves some of them in a query, as in the
// CommonMark autolink <https://example.com?find=\*>, which EPUBCheck
// rejects (RSC-020). Existing escapes are kept.
func uriSafe(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// validHost reports whether a web link's host can be parsed by a reading
// system: not empty, not starting or ending with a dot, no empty label
// (CommonMark's autolink <https://../> has the host ".."), letters,
// digits, '-', '.', and a port or an IPv6 literal.
func validHost(host string) bool {
	if strings.HasPrefix(host, "[") {
		return strings.HasSuffix(host, "]") || strings.Contains(host, "]:")
	}
	if h, _, found := strings.Cut(host, ":"); found {
		host = h
	}
	if host == "" || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") || strings.Contains(host, "..") {
		return false
	}
	for _, r := range host {
		if !(r == '-' || r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f) {
			return false
		}
	}
	return true
}
