package passes

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
)

// Quarto's cross-references to sections, figures and tables (@sec-intro,
// [@fig-map], -@tbl-data), whose targets are ids with those prefixes
// (## Intro {#sec-intro}, ![A map](map.png){#fig-map}, a table's
// caption ": Data {#tbl-data}"). As Quarto does, a figure or a table with
// such an id is numbered, in document order, its caption starting
// "Figure 1: " (in the document's language, l10n.Words), and a reference
// to it prints "Figure 1", a link to it. A reference to a section prints
// "Chapter 3" or "Section 3.1" when a book numbers it (as Quarto does),
// else its heading's text ("see Intro"). One to
// a listing, or to an id the document does not have, is a warning and
// stays as written. (Equations' are NumberEquations'.)

// bookdown's are \@ref(label) (its backslash gone, as Markdown reads
// "\@"): a section's label (its heading's id), fig:label (a chunk's
// figure's, or an image's whose caption starts (\#fig:label)),
// tab:label (a table's whose caption starts (\#tab:label)), or a
// statement's (thm:label, def:label…: markdown's statements.go). Each
// prints the number alone ("Figure \@ref(fig:map)" reads "Figure 1"):
// a section's its heading's number, when the book numbers it, else its
// text. Statements (a theorem, Quarto's ::: {#thm-pyth}) are numbered
// here too, each kind from 1.

// crossRef is a cross-reference in the text: Quarto's (group 1 the
// bracket, 2 the minus, 3 the id) or bookdown's (group 4 the label).
var crossRef = regexp.MustCompile(`(\[)?(-)?@((?:sec|fig|tbl|lst|thm|lem|cor|prp|cnj|def|exm|hyp)-[\pL\pN_:.-]*[\pL\pN_])(?:\])?|@ref\(([^()\s]+)\)`)

// CrossReferences numbers the figures and tables of d that have Quarto's
// ids, and sets Quarto's cross-references in its text, warning of those
// it cannot set.
func CrossReferences(d *doc.Document, diags *diag.List) {
	floats := numberFloats(d)
	var titles map[string][]doc.Inline // ids → their text (a heading's, a float's name), gathered at the first reference
	targets := func() map[string][]doc.Inline {
		if titles == nil {
			titles = headingTitles(d)
			for id, name := range floats {
				titles[id] = []doc.Inline{&doc.Text{Value: name}}
			}
		}
		return titles
	}
	words := l10n.For(d.Meta.Lang)
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Link:
			if template, ok := n.Attr.Get(doc.NumberRefKey); ok {
				numberRef(n, template, targets(), words)
			}
			return false
		case *doc.Code, *doc.CodeBlock:
			return false
		case *doc.Span:
			if _, _, formula := n.Formula(); formula {
				return false
			}
		}
		eachInlines(n, func(in []doc.Inline) []doc.Inline {
			for _, x := range in {
				if t, ok := x.(*doc.Text); ok && strings.Contains(t.Value, "@") && crossRef.MatchString(t.Value) {
					return sectionRefs(in, targets(), words, diags)
				}
			}
			return in
		})
		return true
	})
}

// numberRef sets the text of MyST's {numref} link n to the number of what
// it leads to (titles: a numbered figure's, table's or statement's name,
// or a heading's text with its number), put in template, the link's
// ("Fig. %s", "Fig. {number}"), else that thing's name ("Figure 1.2",
// "Section 3.1"). A link to nothing numbered keeps its text (CheckLinks
// reports one that leads nowhere), as does a template with no number.
func numberRef(n *doc.Link, template string, titles map[string][]doc.Inline, words l10n.Words) {
	title, ok := titles[strings.TrimPrefix(n.URL, "#")]
	if !ok {
		return
	}
	text := doc.PlainText(title)
	number, heading, numbered := titleNumber(text)
	switch {
	case !numbered:
		return // an unnumbered heading
	case heading:
		text = numberedSection(number, false, words)
	}
	switch {
	case template == "":
	case strings.Contains(template, "%s") || strings.Contains(template, "{number}"):
		text = strings.NewReplacer("%s", number, "{number}", number).Replace(template)
	default:
		return
	}
	n.Content = []doc.Inline{&doc.Text{Pos: n.Pos, Value: text}}
}

// headingTitles returns the text of every heading of d by its id.
func headingTitles(d *doc.Document) map[string][]doc.Inline {
	titles := map[string][]doc.Inline{}
	doc.Inspect(d, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok && h.Attr.ID != "" {
			titles[h.Attr.ID] = h.Content
		}
		return true
	})
	return titles
}

// sectionRefs returns in with each of its texts' references to a
// section, figure or table a link printing its title (titles).
func sectionRefs(in []doc.Inline, titles map[string][]doc.Inline, words l10n.Words, diags *diag.List) []doc.Inline {
	var out []doc.Inline
	for _, n := range in {
		t, ok := n.(*doc.Text)
		if !ok {
			out = append(out, n)
			continue
		}
		from := 0
		for _, m := range crossRef.FindAllStringSubmatchIndex(t.Value, -1) {
			start, end, ok := atReference(t.Value, m[0], m[1], m[2] >= 0)
			if m[8] >= 0 { // bookdown's
				start, end, ok = m[0], m[1], !strings.HasPrefix(t.Value[m[8]:m[9]], "eq:") // NumberEquations'
				if start > 0 && t.Value[start-1] == '\\' {
					start-- // a backslash Markdown left: \\@ref(…)
				}
			}
			if !ok {
				continue
			}
			id, whose := "", "Quarto's"
			if m[6] >= 0 {
				id = t.Value[m[6]:m[7]]
			} else {
				id, whose = t.Value[m[8]:m[9]], "bookdown's"
			}
			title, found := titles[id]
			if why := unsetReason(id, found); why != "" {
				diags.Warnf(t.Pos, "%s cross-reference %s is printed as written: %s", whose, t.Value[start:end], why)
				continue
			}
			if start > from {
				out = append(out, &doc.Text{Pos: t.Pos, Value: t.Value[from:start]})
			}
			text := doc.PlainText(title)
			number, heading, numbered := titleNumber(text)
			switch {
			case !numbered:
			case m[8] >= 0:
				text = number // \@ref(fig:map), \@ref(intro): the number alone, as bookdown prints it
			case !heading && m[4] >= 0 && !strings.HasPrefix(id, "sec-"):
				text = number // -@fig-map: the number alone, as Quarto prints it
			case heading && strings.HasPrefix(id, "sec-"):
				text = numberedSection(number, m[4] >= 0, words) // a numbered book's: "Chapter 3"
			}
			out = append(out, &doc.Link{Pos: t.Pos, URL: "#" + id, Content: []doc.Inline{&doc.Text{Pos: t.Pos, Value: text}}})
			from = end
		}
		if from == 0 {
			out = append(out, t)
		} else if from < len(t.Value) {
			out = append(out, &doc.Text{Pos: t.Pos, Value: t.Value[from:]})
		}
	}
	return out
}

// atReference returns the bounds of an @-reference (Quarto's, pandoc's
// citation syntax) matched in s from start to end, bracketed when the
// match starts with "[": a bracket is the reference's only when it has
// both, else the text's. ok is false when the @ follows a letter or a
// digit: an address (me@sec-ops.org), no reference.
func atReference(s string, start, end int, bracketed bool) (int, int, bool) {
	if r, _ := utf8.DecodeLastRuneInString(s[:start]); start > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return start, end, false
	}
	switch closed := s[end-1] == ']'; {
	case bracketed && !closed:
		start++
	case !bracketed && closed:
		end--
	}
	return start, end, true
}

// numberedSection is what a Quarto reference to a numbered heading
// prints, as Quarto prints it: "Chapter 3", "Section 3.1", "Appendix A"
// (in the document's language, words; its spaces no-break spaces, as a
// figure's name's are); the number alone for -@sec-….
func numberedSection(number string, bare bool, words l10n.Words) string {
	var name string
	switch {
	case bare:
		return number
	case strings.Contains(number, "."):
		name = words.Section(number)
	case number[0] >= 'A' && number[0] <= 'Z':
		name = words.Appendix(number)
	default:
		name = words.Chapter(number)
	}
	return strings.ReplaceAll(name, " ", "\u00a0")
}

// titleNumber returns the number in a target's text (a reference's
// title): a numbered heading's ("2.1 Growth": heading is true), or a
// numbered figure's, table's or statement's name ("Figure 2.1",
// "1. ábra": its number the part between no-break spaces with a digit;
// no name reads as a heading's number); numbered is false for neither.
func titleNumber(text string) (number string, heading, numbered bool) {
	if m := headingNumber.FindStringSubmatch(text); m != nil {
		return m[1], true, true
	}
	// A name: its number is the part with a digit, with no dot after it
	// ("Figure 2.1", "1. ábra", "1 pav.").
	if strings.Contains(text, "\u00a0") {
		for part := range strings.SplitSeq(text, "\u00a0") {
			if strings.ContainsFunc(part, unicode.IsDigit) {
				return strings.TrimSuffix(part, "."), false, true
			}
		}
	}
	return "", false, false
}

// headingNumber is the number a book puts before a numbered heading
// ("3. ", "3.1 ", an appendix's "A. ", "A.1 "): group 1 without its dot.
var headingNumber = regexp.MustCompile(`^((?:\d+|[A-Z])(?:\.\d+)*)\.? `)

// unsetReason is why a reference to id (found: a heading's, or a
// numbered figure's or table's) is not set, or "".
func unsetReason(id string, found bool) string {
	switch {
	case strings.HasPrefix(id, "lst-"):
		return "galley numbers no listings"
	case !found:
		return "nothing has the id " + id
	}
	return ""
}

// numberKey is the attribute a numbered figure or table keeps its name
// in ("Figure 1"), so that a second run numbers it as the first did.
const numberKey = "number"

// numberFloats numbers the figures whose id (or their image's) starts
// fig- (or bookdown's fig:), the tables whose id starts tbl- (tab:) and
// the statements, each kind from 1 in document order, starting their
// captions with their names, and returns the names by id. In a numbered
// book (doc.ChapterNumberKey) each numbered chapter numbers its own from
// 1 after its number, "Figure 2.1", as Quarto's and bookdown's books do;
// an unnumbered chapter's (a preface's) run on through the book.
func numberFloats(d *doc.Document) map[string]string {
	words := l10n.For(d.Meta.Lang)
	names := map[string]string{}
	c := newChapterCounter()
	name := func(a *doc.Attr, kind string, named func(string) string, caption []doc.Inline, pos doc.Pos) []doc.Inline {
		n := named(c.number(kind))
		if done, ok := a.Get(numberKey); ok {
			names[a.ID] = done
			return caption
		}
		a.Set(numberKey, n)
		names[a.ID] = n
		if len(caption) == 0 {
			return []doc.Inline{&doc.Text{Pos: pos, Value: n}}
		}
		return append([]doc.Inline{&doc.Text{Pos: pos, Value: n + ": "}}, caption...)
	}
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Heading:
			if n.Level == 1 {
				c.chapter(n)
			}
		case *doc.Figure:
			if n.Attr.ID == "" && n.Image != nil && strings.HasPrefix(n.Image.Attr.ID, "fig-") {
				n.Attr.ID, n.Image.Attr.ID = n.Image.Attr.ID, "" // the figure's, as Quarto reads it
			}
			if n.Attr.ID == "" {
				n.Attr.ID, n.Caption = captionLabel(n.Caption, "fig:")
			}
			if strings.HasPrefix(n.Attr.ID, "fig-") || strings.HasPrefix(n.Attr.ID, "fig:") || n.Attr.HasClass(doc.NumberedClass) {
				n.Caption = doc.MergeTexts(name(&n.Attr, "figure", words.Figure, n.Caption, n.Pos))
			}
		case *doc.Table:
			if n.Attr.ID == "" {
				n.Attr.ID, n.Caption = captionLabel(n.Caption, "tab:")
			}
			if strings.HasPrefix(n.Attr.ID, "tbl-") || strings.HasPrefix(n.Attr.ID, "tab:") {
				n.Caption = doc.MergeTexts(name(&n.Attr, "table", words.Table, n.Caption, n.Pos))
			}
		case *doc.Div:
			numberStatement(n, c, names)
		}
		return true
	})
	return names
}

// chapterCounter counts each kind of numbered thing (by its word,
// "Figure"; equations too) in the chapter being read: a numbered
// chapter's from 1, an unnumbered one's on from the last unnumbered
// one's (plain).
type chapterCounter struct {
	prefix string         // the chapter's number and a dot, "2."; "" out of numbered chapters
	count  map[string]int // the chapter's counts: plain, or a numbered chapter's own
	plain  map[string]int
}

// chapter starts the chapter that heading h (level 1) starts.
func (c *chapterCounter) chapter(h *doc.Heading) {
	if n, ok := h.Attr.Get(doc.ChapterNumberKey); ok {
		c.prefix, c.count = n+".", map[string]int{}
		return
	}
	c.prefix, c.count = "", c.plain
}

// next counts one more of word's kind and returns its name: "Figure 2.1".
func (c *chapterCounter) next(word string) string {
	return word + "\u00a0" + c.number(word)
}

// number counts one more of kind and returns its number: "2.1".
func (c *chapterCounter) number(kind string) string {
	c.count[kind]++
	return c.prefix + strconv.Itoa(c.count[kind])
}

// newChapterCounter starts counting at the start of a document.
func newChapterCounter() *chapterCounter {
	c := &chapterCounter{plain: map[string]int{}}
	c.count = c.plain
	return c
}

// captionLabel reads bookdown's label at the start of a caption,
// "(#fig:map) A map" (prefix fig:): it returns the label and the caption
// without it, or "" and the caption.
func captionLabel(caption []doc.Inline, prefix string) (string, []doc.Inline) {
	if len(caption) == 0 {
		return "", caption
	}
	t, ok := caption[0].(*doc.Text)
	if !ok || !strings.HasPrefix(t.Value, "(#"+prefix) {
		return "", caption
	}
	label, rest, found := strings.Cut(t.Value[2:], ")")
	if !found || label == prefix || strings.ContainsAny(label, " \t") {
		return "", caption
	}
	out := slices.Clone(caption)
	out[0] = &doc.Text{Pos: t.Pos, Value: strings.TrimLeft(rest, " ")}
	return label, out
}

// numberStatement numbers a statement (a Div of doc.StatementKey), each
// kind by its word (count), its callout's title "Theorem 2
// (Pythagoras)", and adds its name by its id to names.
func numberStatement(n *doc.Div, count *chapterCounter, names map[string]string) {
	word, ok := n.Attr.Get(doc.StatementKey)
	if !ok || len(n.Blocks) != 1 {
		return
	}
	box, ok := n.Blocks[0].(*doc.Callout)
	if !ok {
		return
	}
	name := count.next(word)
	if done, ok := n.Attr.Get(numberKey); ok {
		name = done
	} else if len(box.Title) > 0 {
		if t, ok := box.Title[0].(*doc.Text); ok && strings.HasPrefix(t.Value, word) {
			box.Title = slices.Clone(box.Title)
			box.Title[0] = &doc.Text{Pos: t.Pos, Value: name + t.Value[len(word):]}
			n.Attr.Set(numberKey, name)
		}
	}
	if n.Attr.ID != "" {
		names[n.Attr.ID] = name
	}
}
