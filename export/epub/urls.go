package epub

import (
	"net/url"
	"strings"
)

// externalURL returns the href of a link to the web or a mail address
// (doc.FollowableURL), with every character a URI cannot hold
// percent-encoded (a Markdown destination may hold "\" or spaces).
func externalURL(u *url.URL) string {
	return uriEscape(u.String())
}

// uriEscape percent-encodes the bytes of s that may not appear in a URI
// (RFC 3986): everything but the unreserved and reserved characters and
// '%' starting a valid escape.
func uriEscape(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0:
			sb.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			sb.WriteByte(c)
		default:
			sb.WriteByte('%')
			sb.WriteByte(hexDigits[c>>4])
			sb.WriteByte(hexDigits[c&15])
		}
	}
	return sb.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
