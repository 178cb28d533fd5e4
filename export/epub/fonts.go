package epub

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/fonts/subset"
)

// Embedded fonts (Options.EmbedFonts): the Noto faces galley's PDF uses,
// for each family and style the book's text is actually set in, with
// @font-face rules appended to style.css that put them first in its font
// stacks. Each face is packed as a subset (fonts/subset): only the glyphs
// of the characters the book's files can show (shownRunes), the same set
// for every face, which is a few tens of kilobytes instead of half a
// megabyte. The subsets keep the faces' name tables, which carry their SIL
// Open Font License notice.

// face is one font face packed into the book.
type face struct {
	family fonts.Family
	style  fonts.Style
	href   string // "fonts/NotoSerif-Regular.ttf"
	id     string
	data   []byte
}

// usedFaces walks the body, notes and appendix as style.css sets them and
// returns the faces their text needs, in a fixed order.
func (b *book) usedFaces() map[[2]int]bool {
	used := map[[2]int]bool{}
	use := func(f fonts.Family, s fonts.Style) { used[[2]int{int(f), int(s)}] = true }
	role := func(r theme.Role) { use(r.Face()) }
	body, bodyStyle := theme.Body.Face()
	role(theme.Body)    // body text, navigation
	role(theme.Heading) // headings, the title
	if strings.TrimSpace(b.d.Meta.Subtitle) != "" {
		use(body, bodyStyle|fonts.Italic)
	}
	if b.appendix != nil {
		use(body, bodyStyle|fonts.Italic) // <cite>
	}
	var walk func(n doc.Node, f fonts.Family, s fonts.Style)
	walk = func(n doc.Node, f fonts.Family, s fonts.Style) {
		switch n := n.(type) {
		case *doc.Text:
			if strings.TrimSpace(n.Value) != "" {
				use(f, s)
			}
			return
		case *doc.Code:
			code, codeStyle := theme.Code.Face()
			use(code, codeStyle|s&fonts.Bold)
			return
		case *doc.CodeBlock:
			code, codeStyle := theme.Code.Face()
			use(code, codeStyle)
			for _, tok := range n.Tokens {
				if _, bold := theme.CodeInk(tok.Class); bold {
					use(code, codeStyle|fonts.Bold) // code .hl-kw
					break
				}
			}
			return
		case *doc.Image:
			if b.imageAt[n] == nil && strings.TrimSpace(n.Alt) != "" {
				use(f, s|fonts.Italic) // shown as its alt text
			}
			return
		case *doc.Heading:
			f, s = theme.Heading.Face()
		case *doc.Emphasis:
			s |= fonts.Italic
		case *doc.Strong:
			s |= fonts.Bold
		case *doc.BlockQuote:
			s |= fonts.Italic
		case *doc.Callout:
			tf, ts := theme.CalloutTitle.Face()
			for _, in := range n.Title {
				walk(in, tf, ts)
			}
			if len(n.Title) == 0 {
				use(tf, ts)
			}
			for _, bl := range n.Blocks {
				walk(bl, f, s)
			}
			return
		case *doc.Figure:
			if n.Image != nil {
				walk(n.Image, f, s)
			}
			for _, in := range n.Caption {
				walk(in, f, s|fonts.Italic)
			}
			return
		case *doc.Table:
			if n.Header != nil {
				hf, hs := theme.TableHead.Face()
				walk(n.Header, hf, hs)
			}
			for _, r := range n.Rows {
				walk(r, f, s)
			}
			return
		case *doc.Div:
			for _, in := range n.Title {
				walk(in, f, s|fonts.Bold)
			}
			for _, bl := range n.Blocks {
				walk(bl, f, s)
			}
			return
		case *doc.Span:
			if slices.Contains(n.Attr.Classes, "kbd") { // <kbd>, in the code face as <code>
				code, codeStyle := theme.Code.Face()
				f, s = code, codeStyle|s&fonts.Bold
			}
		case *doc.Definition:
			for _, in := range n.Term {
				walk(in, f, s|fonts.Bold)
			}
			for _, d := range n.Definitions {
				walk(d, f, s)
			}
			return
		}
		doc.Inspect(n, func(c doc.Node) bool {
			if c == n {
				return true
			}
			walk(c, f, s)
			return false
		})
	}
	for _, bl := range b.d.Blocks {
		walk(bl, body, bodyStyle)
	}
	for _, nt := range b.notes {
		if nt.file != "" {
			walk(nt.def, body, bodyStyle)
		}
	}
	return used
}

// loadFaces packs the used faces, whole, when Options.EmbedFonts is set;
// subsetFaces cuts them down once the content is written.
func (b *book) loadFaces() error {
	if !b.opts.Settings.EmbedFonts {
		return nil
	}
	used := b.usedFaces()
	for _, f := range fonts.Families() {
		for _, s := range fonts.Styles() {
			if !used[[2]int{int(f), int(s)}] {
				continue
			}
			data, err := fonts.Data(f, s)
			if err != nil {
				return fmt.Errorf("embedding fonts: %w", err)
			}
			name := fonts.FileName(f, s)
			b.faces = append(b.faces, &face{family: f, style: s, href: "fonts/" + name,
				id: "font-" + classToken(strings.TrimSuffix(name, ".ttf")), data: data})
		}
	}
	return nil
}

// subsetFaces replaces each packed face by its subset for runes, with its
// OpenType layout tables, so that reading systems kern the text and set
// its ligatures as the PDF does.
func (b *book) subsetFaces(runes []rune) error {
	for _, f := range b.faces {
		data, err := subset.WithLayout(f.data, runes)
		if err != nil {
			return fmt.Errorf("embedding %s: %w", f.href, err)
		}
		f.data = data
	}
	return nil
}

// extraRunes are characters a reading system may draw with the book's
// fonts though no file holds them: list bullets, the hyphens of automatic
// hyphenation, the ellipsis of truncated text, the no-break space and the
// replacement character.
const extraRunes = "\u00a0\u00ad\u2010\u2022\u2026\u25aa\u25e6\ufffd"

// shownRunes returns, in order, every character the files can show:
// printable ASCII, extraRunes, and each character of the files with their
// character references decoded, and its upper case (the authors' line is
// in small capitals, which a reading system may draw with the capitals:
// the subsets keep the faces' OpenType features, not every glyph of
// them). Markup and
// metadata count too, which costs a few glyphs but cannot miss text in an
// attribute (alt, title) or in the stylesheet's generated content.
func shownRunes(files []*zipFile) []rune {
	bmp := make([]bool, 0x10000)
	astral := map[rune]bool{}
	add := func(r rune) {
		for _, r := range [2]rune{r, unicode.ToUpper(r)} {
			if r < 0x10000 {
				bmp[r] = true
			} else {
				astral[r] = true
			}
		}
	}
	for r := rune(0x20); r < 0x7F; r++ {
		add(r)
	}
	for _, r := range extraRunes {
		add(r)
	}
	for _, f := range files {
		data := f.data
		for len(data) > 0 {
			r, n := utf8.DecodeRune(data)
			if r == '&' && len(data) > 2 && data[1] == '#' {
				if end := slices.Index(data[:min(len(data), 12)], ';'); end > 2 {
					ref, base := string(data[2:end]), 10
					if ref[0] == 'x' || ref[0] == 'X' {
						ref, base = ref[1:], 16
					}
					if v, err := strconv.ParseUint(ref, base, 32); err == nil && utf8.ValidRune(rune(v)) {
						add(rune(v))
					}
				}
			}
			if r != utf8.RuneError || n > 1 {
				add(r)
			}
			data = data[n:]
		}
	}
	var out []rune
	for r, ok := range bmp {
		if ok {
			out = append(out, rune(r))
		}
	}
	var wide []rune
	for r := range astral {
		wide = append(wide, r)
	}
	slices.Sort(wide)
	return append(out, wide...)
}

// fontsCSS is the stylesheet of the embedded faces, appended to style.css
// (@font-face rules may come anywhere; the later font stacks override).
func (b *book) fontsCSS() []byte {
	var sb strings.Builder
	sb.WriteString("/* Subsets of the Noto fonts, SIL Open Font License 1.1 (https://openfontlicense.org). */\n")
	for _, f := range b.faces {
		weight, style := "normal", "normal"
		if f.style&fonts.Bold != 0 {
			weight = "bold"
		}
		if f.style&fonts.Italic != 0 {
			style = "italic"
		}
		fmt.Fprintf(&sb, "@font-face {\n  font-family: \"%s\";\n  src: url(%s);\n  font-weight: %s;\n  font-style: %s;\n}\n", theme.FamilyName(f.family), f.href, weight, style)
	}
	return []byte(sb.String())
}
