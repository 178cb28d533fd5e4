package passes

import (
	"maps"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// CheckLinks reports links with an empty URL, links with a scheme neither
// output follows (javascript:, data:, file:…; see doc.Followable), web
// links that are not valid URLs (doc.CheckFollowable), relative
// links to files (`notes.md`, `../examples/`: neither output holds them) and
// internal links (`#fragment`) that point at no id of the document: not a
// heading, not an explicit id on another node, not a footnote or footnote
// reference that exists, not the appendix or one of its groups. Fragments
// are compared after percent-decoding. A fragment GitHub would take to
// an id spelled otherwise (FragmentIDs: "#Set-Up" to "set-up", "#1-intro"
// to "s-1-intro") is made that id's; a broken one that SuggestID takes
// for an id ("#zaklady" for "základy") is reported and goes there too.
// A link to self, the document's own file, that SelfLinks left (it has
// nowhere to go) is reported as such.
// Run it after the ids, the footnote numbers and the appendix are in
// place.
func CheckLinks(d *doc.Document, self string, diags *diag.List) {
	ids := targetIDs(d)
	var suggester *idSuggester // made at the first broken fragment
	urls := urlChecks{}
	doc.Inspect(d, func(n doc.Node) bool {
		l, ok := n.(*doc.Link)
		if !ok {
			return true
		}
		scheme := doc.LinkScheme(l.URL)
		var urlErr error // parsed only where the scheme is one followed
		if scheme != "" && doc.Followable(scheme) {
			urlErr = urls.check(l.URL)
		}
		switch {
		case strings.TrimSpace(l.URL) == "":
			diags.Warnf(l.Pos, "link has an empty URL")
		case scheme != "" && !doc.Followable(scheme):
			diags.Warnf(l.Pos, "link %q uses the unsupported scheme %q; the link is left out of both outputs, its text kept", l.URL, scheme)
		case urlErr != nil:
			diags.Warnf(l.Pos, "link %q is not a valid URL: %v; the link is left out of both outputs, its text kept", l.URL, urlErr)
		case self != "" && isSelfLink(l.URL, self):
			diags.Warnf(l.Pos, "link %q is to this document itself, which starts with no heading to go to; the link is left out of both outputs, its text kept", l.URL)
		case scheme == "" && !strings.HasPrefix(l.URL, "#"):
			// A relative link that no pass made internal (a book's
			// chapter) or absolute (--link-base): neither output holds
			// the file it names.
			diags.Warnf(l.Pos, "link %q points to a file that is not part of the document; the link is left out of both outputs, its text kept (--link-base URL resolves such links against where the document is published)", l.URL)
		case strings.HasPrefix(l.URL, "#"):
			frag := l.URL[1:]
			if u, err := url.PathUnescape(frag); err == nil {
				frag = u
			}
			if ids[frag] {
				return true
			}
			// The id GitHub would find for it: a link written for GitHub
			// goes to that id in both outputs.
			for _, id := range FragmentIDs(frag)[1:] {
				if ids[id] {
					l.URL = "#" + id
					return true
				}
			}
			if suggester == nil {
				suggester = newIDSuggester(maps.Keys(ids))
			}
			if guess := suggester.suggest(frag); guess != "" {
				diags.Warnf(l.Pos, "broken internal link %q; did you mean \"#%s\"? (the link goes there)", l.URL, guess)
				l.URL = "#" + guess
			} else {
				diags.Warnf(l.Pos, "broken internal link %q", l.URL)
			}
		}
		return true
	})
}

// SelfLinks makes the links to the document's own file, self
// ("notes.md", "./notes.md#setup": a README linking to its own sections,
// a lesson to itself), links inside it: to the fragment, which CheckLinks
// then checks as any other, or, with none, to the heading the document
// starts with. One with no fragment in a document that starts with no
// heading is left for CheckLinks to report. Run it after the headings
// have their ids.
func SelfLinks(d *doc.Document, self string) {
	if self == "" {
		return
	}
	start := ""
	if len(d.Blocks) > 0 {
		if h, ok := d.Blocks[0].(*doc.Heading); ok {
			start = h.Attr.ID
		}
	}
	doc.Inspect(d, func(n doc.Node) bool {
		l, ok := n.(*doc.Link)
		if !ok || !isSelfLink(l.URL, self) {
			return true
		}
		u, _ := url.Parse(strings.TrimSpace(l.URL)) // isSelfLink parsed it
		switch {
		case u.Fragment != "":
			l.URL = "#" + u.EscapedFragment()
		case start != "":
			l.URL = "#" + start
		}
		return true
	})
}

// isSelfLink reports a relative link whose path is self, the document's
// file name, from the document's directory.
func isSelfLink(raw, self string) bool {
	if doc.LinkScheme(raw) != "" {
		return false // the most links, told without parsing: url.Parse finds the same scheme
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return false
	}
	return path.Clean(u.Path) == self
}

// targetIDs collects every id a link inside the document can point at.
func targetIDs(d *doc.Document) map[string]bool {
	ids := map[string]bool{}
	refs := map[int]int{} // note number → references seen so far
	doc.Inspect(d, func(n doc.Node) bool {
		if a := doc.AttrOf(n); a != nil && a.ID != "" {
			ids[a.ID] = true
		}
		switch n := n.(type) {
		case *doc.FootnoteDef:
			if n.Number > 0 {
				ids["fn-"+strconv.Itoa(n.Number)] = true
			}
		case *doc.FootnoteRef:
			if n.Number > 0 {
				refs[n.Number]++
				id := "fnref-" + strconv.Itoa(n.Number)
				if k := refs[n.Number]; k > 1 {
					id += "-" + strconv.Itoa(k)
				}
				ids[id] = true
			}
		case *doc.Appendix:
			ids[n.Attr.ID] = true
		case *doc.ReferenceGroup:
			ids[n.Attr.ID] = true
		case *doc.Reference:
			if a := n.Anchor(); a != "" {
				ids[a] = true
			}
		}
		return true
	})
	return ids
}

// ResolveLinks makes each relative link of d (a path, not a fragment:
// "../std/index.html", a page the document's site has and the document
// does not) absolute against base, the URL the document is published at,
// so that it still works in print and in the e-book. Links of other
// schemes and fragments are left as they are; a link that cannot be
// parsed is left for CheckLinks to report.
func ResolveLinks(d *doc.Document, base string) {
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return
	}
	doc.Inspect(d, func(n doc.Node) bool {
		l, ok := n.(*doc.Link)
		if !ok {
			return true
		}
		raw := strings.TrimSpace(l.URL)
		if raw == "" || strings.HasPrefix(raw, "#") || doc.LinkScheme(raw) != "" {
			return true
		}
		if u, err := url.Parse(raw); err == nil {
			l.URL = b.ResolveReference(u).String()
		}
		return true
	})
}

// urlChecks remembers doc.CheckFollowable's verdict on each URL a pass
// meets: a URL is parsed once, however often it is linked.
type urlChecks map[string]error

// check is doc.CheckFollowable(raw), remembered.
func (c urlChecks) check(raw string) error {
	err, seen := c[raw]
	if !seen {
		err = doc.CheckFollowable(raw)
		c[raw] = err
	}
	return err
}

// followable is doc.FollowableURL(raw), its URL check remembered.
func (c urlChecks) followable(raw string) bool {
	return doc.Followable(doc.LinkScheme(raw)) && c.check(raw) == nil
}
