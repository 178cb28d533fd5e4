package doc

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
)

// hostName is a DNS name (IDN letters allowed) with an optional port, or
// an IPv6 literal: what EPUBCheck accepts as the host of a web link.
var hostName = regexp.MustCompile(`^(\[[0-9A-Fa-f:.]+\]|[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?(\.[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.?)(:[0-9]{1,5})?$`)

// FollowableURL reports whether a link leads out of the document in both
// outputs: its scheme is Followable and CheckFollowable finds nothing
// wrong with it.
func FollowableURL(raw string) bool {
	return Followable(LinkScheme(raw)) && CheckFollowable(raw) == nil
}

// CheckFollowable returns what keeps a link to the web or to a mail
// address from being followed: a URL that does not parse
// ("http://localhost:port"), or a web link without a proper host name
// ("https://../"). Both outputs leave such a link out, its text kept.
func CheckFollowable(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return ue.Err
		}
		return err
	}
	if s := strings.ToLower(u.Scheme); (s == "http" || s == "https") && !hostName.MatchString(u.Host) {
		return errors.New("it has no valid host name")
	}
	return nil
}
