package passes

import (
	"iter"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FragmentIDs returns the ids a link's fragment (percent-decoded) may
// mean, in the order to try them: the fragment itself; with NamePrefix, as
// a link written for GitHub to "#1-intro" means the heading whose id is
// "s-1-intro"; and each of those lower-cased, as GitHub finds a heading
// from "#Set-Up" or "#Podstawy" when no id is spelled so (its ids are
// lower case: a translated README's contents often capitalise them). A
// fragment with GitHub's own prefix ("#user-content-intro", as its pages
// write their ids) means the same ids for what follows the prefix.
func FragmentIDs(frag string) []string {
	var out []string
	add := func(f string) {
		out = append(out, f, NamePrefix+f)
		if low := strings.ToLower(f); low != f {
			out = append(out, low, NamePrefix+low)
		}
	}
	add(frag)
	if rest, ok := strings.CutPrefix(frag, gitHubIDPrefix); ok && rest != "" {
		add(rest)
	}
	return out
}

// gitHubIDPrefix starts the ids of the headings of a README as GitHub
// shows it: "#user-content-intro" is "#intro" there.
const gitHubIDPrefix = "user-content-"

// SuggestID returns the id of ids a broken fragment was most likely meant
// for, or "" when none is near: the id Slug makes of the fragment ("#Set
// up" for "set-up"), else the one that reads the same with its accents
// and case set aside ("#zaklady" for the heading "Základy", whose id on
// GitHub keeps the accent). Of several, the first in sorted order.
func SuggestID(frag string, ids iter.Seq[string]) string {
	return newIDSuggester(ids).suggest(frag)
}

// idSuggester is SuggestID for many fragments of one document: its ids,
// and each folded (foldID) once.
type idSuggester struct {
	ids    map[string]bool
	folded map[string][]string // foldID → the ids that fold to it, sorted
}

func newIDSuggester(ids iter.Seq[string]) *idSuggester {
	s := &idSuggester{ids: map[string]bool{}, folded: map[string][]string{}}
	for id := range ids {
		s.ids[id] = true
		f := foldID(id)
		s.folded[f] = append(s.folded[f], id)
	}
	for _, same := range s.folded {
		slices.Sort(same)
	}
	return s
}

// suggest is SuggestID(frag) of the suggester's ids.
func (s *idSuggester) suggest(frag string) string {
	if frag == "" {
		return ""
	}
	if slug := Slug(frag); s.ids[slug] {
		return slug
	}
	if same := s.folded[foldID(frag)]; len(same) > 0 {
		return same[0]
	}
	return ""
}

// foldID is an id or fragment with its case, accents and runs of hyphens
// set aside: lower case, decomposed, its combining marks dropped, slugged
// as a heading is, a run of hyphens one ("Zpracovaní souboru" and
// "zpracovani-souboru" fold alike, and mdBook's "#cli-tools--toc", where
// a no-break space was a hyphen, GitHub's "cli-tools-toc").
func foldID(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	f := strings.TrimPrefix(Slug(b.String()), NamePrefix)
	for strings.Contains(f, "--") {
		f = strings.ReplaceAll(f, "--", "-")
	}
	return f
}
