package passes

import (
	"regexp"
	"slices"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// CitationClass marks the span a citation becomes (pandoc's, which its
// HTML writes as <span class="citation" data-cites="…">), its keys under
// CitesKey.
const (
	CitationClass = "citation"
	CitesKey      = "data-cites"
)

// citeKey is a citation key as pandoc reads one: letters, digits and
// underscores, with single punctuation marks inside (cha2012,
// doe:2020.intro).
const citeKey = `[\p{L}\p{N}_]+(?:[:.#$%&+?<>~/-][\p{L}\p{N}_]+)*`

var (
	// bracketCitation is a bracketed citation: "[@cha2012]", "[see
	// @cha2012, p. 33; @lee2015]", "[-@cha2012]".
	bracketCitation = regexp.MustCompile(`\[([^\[\]]*@` + citeKey + `[^\[\]]*)\]`)
	// citeItem is one of its items: a prefix, "-" to leave the names
	// out, the key, and the rest (a locator).
	citeItem = regexp.MustCompile(`^(.*?)(-?)@(` + citeKey + `)(.*)$`)
	// textCitation is a citation in the text, "@cha2012", with its
	// locator in brackets after it when it has one: "@cha2012 [p. 33]".
	textCitation = regexp.MustCompile(`(^|[^\p{L}\p{N}_@.])@(` + citeKey + `)(?: ?\[([^\[\]@]*)\])?`)
)

// Citations sets the text's citations of the document's references (its
// front matter's references and bibliography, and its further-reading
// entries that have an id) in the author-date style of the Chicago
// Manual, as pandoc's citeproc does by default: "[@cha2012]" reads
// "(Cha 2012)", "[see @cha2012, p. 33; @lee2015]" "(see Cha 2012, 33;
// Lee 2015)", "[-@cha2012]" "(2012)", and "@cha2012" in the text "Cha
// (2012)". Each is a span of CitationClass, each work's names and year a
// link to its entry in the appendix (doc.Reference.Anchor) when
// link is set. A bracketed citation of a key no reference has is a
// warning and stays as written; "@name" in the text that is no key
// (a handle, a decorator) stays without one, and a document without
// references is left alone. Each reference's Citations lists where it
// is cited (its spans, which running it again finds as they are).
func Citations(d *doc.Document, link bool, diags *diag.List) {
	c := &citer{byKey: map[string]*doc.Reference{}, link: link, diags: diags}
	for _, refs := range [][]*doc.Reference{d.Meta.References, d.Meta.FurtherReading} {
		for _, r := range refs {
			if r != nil && r.ID != "" {
				if _, dup := c.byKey[r.ID]; dup {
					diags.Warnf(r.Pos, "two references have the id %q: citations of it go to the first", r.ID)
					continue
				}
				c.byKey[r.ID] = r
				c.works = append(c.works, r)
				r.Citations = nil
			}
		}
	}
	if len(c.works) == 0 {
		return
	}
	byKey := c.byKey
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Span:
			if n.Attr.HasClass(CitationClass) { // made now, or by an earlier run
				cites, _ := n.Attr.Get(CitesKey)
				for _, k := range strings.Fields(cites) {
					if r := byKey[k]; r != nil {
						r.Citations = append(r.Citations, n.Pos)
					}
				}
				return false
			}
		case *doc.Link, *doc.Code, *doc.CodeBlock, *doc.Appendix:
			return false
		}
		eachInlines(n, c.inlines)
		return true
	})
	c.withSuffixes()
}

// withSuffixes tells apart the works cited that citations would name
// alike, by the same names in the same year: a letter after the year,
// "2012a", "2012b", in the order of their titles, in the citations and
// in the list of works (Reference.Suffix).
func (c *citer) withSuffixes() {
	alike := map[string][]*doc.Reference{}
	var keys []string
	for _, r := range c.works {
		r.Suffix = ""
		if len(r.Citations) == 0 {
			continue
		}
		k := r.Names + "\x00" + r.Year
		if alike[k] == nil {
			keys = append(keys, k)
		}
		alike[k] = append(alike[k], r)
	}
	for _, k := range keys {
		if works := alike[k]; len(works) > 1 {
			slices.SortStableFunc(works, func(a, b *doc.Reference) int { return strings.Compare(a.Title, b.Title) })
			for i, r := range works {
				r.Suffix = string(rune('a' + i%26))
			}
		}
	}
	for _, y := range c.years {
		if y.r.Suffix != "" {
			y.text.Value = y.text.Value[:y.end] + y.r.Suffix + y.text.Value[y.end:]
		}
	}
}

// citer sets citations.
type citer struct {
	byKey map[string]*doc.Reference
	works []*doc.Reference // byKey's, in the order the document lists them
	link  bool
	diags *diag.List
	years []yearAt // where the citations set now give a year
}

// yearAt is where a citation's text gives its work's year: the year
// ends at byte end of text, where its letter goes (withSuffixes).
type yearAt struct {
	r    *doc.Reference
	text *doc.Text
	end  int
}

// inlines returns in with the citations in its texts set.
func (c *citer) inlines(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	changed := false
	for i, n := range in {
		t, ok := n.(*doc.Text)
		if !ok || !strings.Contains(t.Value, "@") {
			if changed {
				out = append(out, n)
			}
			continue
		}
		set := c.text(t)
		if !changed && len(set) == 1 && set[0] == doc.Inline(t) {
			continue
		}
		if !changed {
			out, changed = append(out, in[:i]...), true
		}
		out = append(out, set...)
	}
	if !changed {
		return in
	}
	return out
}

// text returns t with its citations set: t itself when it has none.
func (c *citer) text(t *doc.Text) []doc.Inline {
	var out []doc.Inline
	s, from := t.Value, 0
	for _, m := range bracketCitation.FindAllStringSubmatchIndex(s, -1) {
		out = c.inText(out, t.Pos, s[from:m[0]])
		if span := c.bracketed(t, s[m[2]:m[3]]); span != nil {
			out = append(out, span)
		} else { // left as written, its keys too
			out = append(out, &doc.Text{Pos: t.Pos, Value: s[m[0]:m[1]]})
		}
		from = m[1]
	}
	if out == nil && !textCitation.MatchString(s) {
		return []doc.Inline{t}
	}
	return c.inText(out, t.Pos, s[from:])
}

// inText appends s to out with its citations in the text ("@cha2012")
// set.
func (c *citer) inText(out []doc.Inline, pos doc.Pos, s string) []doc.Inline {
	from := 0
	for _, m := range textCitation.FindAllStringSubmatchIndex(s, -1) {
		r := c.byKey[s[m[4]:m[5]]]
		if r == nil {
			continue
		}
		locator := ""
		if m[6] >= 0 {
			locator = s[m[6]:m[7]]
		}
		if m[3] > from { // the character before the @ stays
			out = append(out, &doc.Text{Pos: pos, Value: s[from:m[3]]})
		}
		text := r.Names + " (" + r.Year + withLocator(locator) + ")"
		out, from = append(out, c.span(pos, []*doc.Reference{r}, []doc.Inline{c.work(pos, r, text, len(r.Names)+2+len(r.Year))})), m[1]
	}
	if from < len(s) {
		out = append(out, &doc.Text{Pos: pos, Value: s[from:]})
	}
	return out
}

// bracketed sets the content of a bracketed citation, or returns nil (it
// is left as written) when an item has no key, or a key no reference
// has, which is a warning.
func (c *citer) bracketed(t *doc.Text, content string) *doc.Span {
	var refs []*doc.Reference
	parts := []doc.Inline{&doc.Text{Pos: t.Pos, Value: "("}}
	for i, item := range strings.Split(content, ";") {
		m := citeItem.FindStringSubmatch(item)
		if m == nil {
			return nil
		}
		r := c.byKey[m[3]]
		if r == nil {
			c.diags.Warnf(t.Pos, "citation [%s]: no reference has the id %q (the front matter's references and bibliography, or a further-reading entry's id)", strings.TrimSpace(content), m[3])
			return nil
		}
		refs = append(refs, r)
		lead := strings.TrimLeft(m[1], " ")
		if i > 0 {
			lead = "; " + lead
		}
		if lead != "" {
			parts = append(parts, &doc.Text{Pos: t.Pos, Value: lead})
		}
		cited := r.Names + " " + r.Year
		if m[2] == "-" {
			cited = r.Year
		}
		parts = append(parts, c.work(t.Pos, r, cited, len(cited)))
		if l := withLocator(m[4]); l != "" {
			parts = append(parts, &doc.Text{Pos: t.Pos, Value: l})
		}
	}
	return c.span(t.Pos, refs, append(parts, &doc.Text{Pos: t.Pos, Value: ")"}))
}

// withLocator is a citation's locator as it follows the year: ", 33" for
// "p. 33", ", ch. 2" (a comma put before it when it has none).
func withLocator(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), ","))
	if s == "" {
		return ""
	}
	// A page is cited by its number alone, as the Chicago Manual's
	// author-date style (and pandoc's citeproc) sets it: "p. 33" is 33.
	for _, label := range []string{"pp. ", "p. ", "pages ", "page "} {
		if rest, ok := strings.CutPrefix(s, label); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			s = rest
			break
		}
	}
	return ", " + s
}

// work is the text that names a work, a link to its entry when the
// appendix lists it; its year ends at byte yearEnd.
func (c *citer) work(pos doc.Pos, r *doc.Reference, text string, yearEnd int) doc.Inline {
	t := &doc.Text{Pos: pos, Value: text}
	c.years = append(c.years, yearAt{r: r, text: t, end: yearEnd})
	if !c.link {
		return t
	}
	return &doc.Link{Pos: pos, URL: "#" + r.Anchor(), Content: []doc.Inline{t}}
}

// span is a citation of refs.
func (c *citer) span(pos doc.Pos, refs []*doc.Reference, content []doc.Inline) *doc.Span {
	var keys []string
	for _, r := range refs {
		if !slices.Contains(keys, r.ID) {
			keys = append(keys, r.ID)
		}
	}
	return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{CitationClass}, KV: []doc.KV{{Key: CitesKey, Value: strings.Join(keys, " ")}}}, Content: content}
}

// eachInlines replaces each list of inlines n holds directly with what f
// returns for it.
func eachInlines(n doc.Node, f func([]doc.Inline) []doc.Inline) {
	switch n := n.(type) {
	case *doc.Paragraph:
		n.Content = f(n.Content)
	case *doc.Heading:
		n.Content = f(n.Content)
	case *doc.Emphasis:
		n.Content = f(n.Content)
	case *doc.Strong:
		n.Content = f(n.Content)
	case *doc.Strikethrough:
		n.Content = f(n.Content)
	case *doc.Superscript:
		n.Content = f(n.Content)
	case *doc.Subscript:
		n.Content = f(n.Content)
	case *doc.Span:
		n.Content = f(n.Content)
	case *doc.Figure:
		n.Caption = f(n.Caption)
	case *doc.Table:
		n.Caption = f(n.Caption)
	case *doc.TableCell:
		n.Content = f(n.Content)
	case *doc.DefinitionList:
		for _, it := range n.Items {
			it.Term = f(it.Term)
		}
	case *doc.Callout:
		n.Title = f(n.Title)
	case *doc.Div:
		n.Title = f(n.Title)
	}
}
