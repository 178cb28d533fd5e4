package layout

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout/thai"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

// tokKind tells words, spaces and hard line breaks apart.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokSpace
	tokBreak
	tokCJK // a line break opportunity between two characters, with no space (UAX #14)
	// tokCJKLatin is a line break opportunity between an ideograph or a
	// kana and a Latin, Greek or Cyrillic letter or a digit, with the
	// quarter em between them that Chinese and Japanese typography puts
	// there (cjkLatinGap).
	tokCJKLatin
	// tokCJKTight is a line break opportunity between a closing mark and
	// an opening one (、「, 。（): when the line does not break there, the
	// closing mark's blank half is taken away, as halfWidthPunctuation
	// takes it inside a word, by a glue of its width less.
	tokCJKTight
	// tokSyllable is a line break opportunity inside a word, between two
	// of its syllables, at a hyphen's cost and with no hyphen drawn:
	// Thai's (thai.Syllables), and Korean's, whose lines break between
	// words first and between two Hangul syllables when a line would
	// otherwise be loose, as ko.TeX and browsers break them.
	tokSyllable
	// tokThaiWord is a line break opportunity between two Thai words
	// (thai.Words), free and without stretch: Thai marks phrases with
	// spaces and justifies there alone, as Chromium does, so a gap
	// between its words would read as a pause.
	tokThaiWord
	tokImage   // an image set in the line (src: the *doc.Image)
	tokFormula // an inline formula set in two dimensions (src: its *doc.Span)
	tokRuby    // ruby: bases with their annotations set over them (src: its *doc.Span; rubyItems)
)

// cjkStretch is how far, in ems of its text, the gap between two
// ideographs may stretch when a line of Chinese or Japanese is justified.
const cjkStretch = 0.1

// token is a word fragment, a space or a hard break, with its style. Adjacent
// word tokens with no space between belong to one word.
type token struct {
	kind tokKind
	sty  styleID
	text string
	src  doc.Node // the text node whose value holds text, at byte off; nil: none
	off  int32
}

// isSpace reports the characters that separate words. The no-break space is
// not one of them.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// tokenize flattens inline content into tokens.
func (m measurer) tokenize(content []doc.Inline, sty runStyle) []token {
	out := tokenList{toks: m.freeTokens()}
	m.appendTokens(&out, content, sty)
	return out.toks
}

// tokenList is where tokens are gathered: all of a paragraph's, or, with
// a flush, a window at a time, so that a long paragraph's are never all
// held (a line of 5 MB had 80 MB of them).
type tokenList struct {
	toks []token
	// flush, when set, is handed the tokens gathered as soon as there
	// are window of them or more and the last is a space (the windows
	// setLongParagraph cuts); toks is emptied after it.
	flush  func([]token)
	window int
}

// add appends a token, handing the window on when it ends one.
func (l *tokenList) add(t token) {
	l.toks = append(l.toks, t)
	if l.flush != nil && t.kind == tokSpace && len(l.toks) >= l.window {
		l.flush(l.toks)
		l.toks = l.toks[:0]
	}
}

// streamTokens tokenizes content as tokenize does, handing flush the
// tokens a window at a time (tokenList); it returns those after the last
// window, which flush has not had.
func (m measurer) streamTokens(content []doc.Inline, sty runStyle, window int, flush func([]token)) []token {
	out := tokenList{toks: m.freeTokens(), flush: flush, window: max(window, 1)}
	m.appendTokens(&out, content, sty)
	return out.toks
}

// freeTokens takes the token buffer setParagraph last gave back (see
// memo.toks), empty; nil when it is in use.
func (m measurer) freeTokens() []token {
	out := m.memo.toks[:0]
	m.memo.toks = nil
	return out
}

func (m measurer) appendTokens(out *tokenList, content []doc.Inline, sty runStyle) {
	for _, n := range content {
		switch n := n.(type) {
		case *doc.Text:
			m.appendText(out, n.Value, n, sty)
		case *doc.Emphasis:
			m.appendTokens(out, n.Content, sty.with(sty.font.Style^fonts.Italic))
		case *doc.Strong:
			m.appendTokens(out, n.Content, sty.with(sty.font.Style|fonts.Bold))
		case *doc.Strikethrough:
			s := sty
			s.strike = true
			m.appendTokens(out, n.Content, s)
		case *doc.Superscript:
			s := sty
			s.rise, s.size = sty.rise+sty.size*0.33, sty.size*0.7
			m.appendTokens(out, n.Content, s)
		case *doc.Subscript:
			s := sty
			s.rise, s.size = sty.rise-sty.size*0.15, sty.size*0.7
			m.appendTokens(out, n.Content, s)
		case *doc.Span:
			if _, ok := m.inlineFormula(n, sty); ok {
				out.add(token{kind: tokFormula, sty: m.styleID(sty), src: n})
				continue
			}
			if n.Attr.HasClass(doc.RubyClass) {
				out.add(token{kind: tokRuby, sty: m.styleID(sty), src: n})
				continue
			}
			s := sty
			switch {
			case n.Attr.HasClass("kbd"): // a key: in the code face, as <kbd> in the e-book
				s = inCodeFace(sty)
			case n.Attr.HasClass("caption"): // mdBook's "Figure 4-1: …", "Listing 4-1: …"
				s = sty.with(sty.font.Style ^ fonts.Italic)
				s.size *= 0.9
			case n.Attr.HasClass("file-name"): // "Filename: src/main.rs" over a listing
				s.font = FontRef{Family: roleFont(theme.Heading).Family, Style: sty.font.Style}
				s.size *= 0.9
			case n.Attr.HasClass("underline") || n.Attr.HasClass("u") || n.Attr.HasClass("ins"): // pandoc's [text]{.underline}, <u>, <ins>
				s.underline = true
			case n.Attr.HasClass("small"): // <small>
				s.size *= 0.85
			case n.Attr.HasClass("smallcaps"): // pandoc's [Text]{.smallcaps}
				s.font.SmallCaps = true
			case n.Attr.HasClass("mark"): // <mark>
				s.highlight = true
			}
			m.appendTokens(out, n.Content, s)
		case *doc.Code:
			s := inCodeFace(sty)
			if s.url == "" && s.dest == "" {
				s.color, _ = classInk(doc.CodePlain)
			}
			m.appendText(out, n.Value, n, s)
		case *doc.Link:
			s := sty
			s.color = linkBlue.rgb()
			switch frag, internal := strings.CutPrefix(n.URL, "#"); {
			case internal:
				s.dest, s.url = frag, ""
			case doc.FollowableURL(n.URL):
				s.url, s.dest = n.URL, ""
			default: // javascript: and the like (CheckLinks warned): text only
				s.url, s.dest, s.color = "", "", sty.color
			}
			m.appendTokens(out, n.Content, s)
		case *doc.Image:
			if _, ok := m.inlineImage(n); ok {
				out.add(token{kind: tokImage, sty: m.styleID(sty), src: n})
				continue
			}
			// An image that cannot be read (reported with the document's
			// images) is its alt text.
			m.appendText(out, n.Alt, nil, sty.with(sty.font.Style|fonts.Italic))
		case *doc.FootnoteRef:
			if n.Number <= 0 {
				continue
			}
			s := sty
			s.font = FontRef{Family: sty.font.Family, Style: fonts.Regular}
			s.rise = sty.size * 0.36
			s.size = sty.size * 0.62
			s.dest, s.url = "fn-"+strconv.Itoa(n.Number), ""
			s.note = n.Number
			s.color = linkBlue.rgb()
			// Its origin is the reference: the number is in no text.
			out.add(token{kind: tokWord, text: strconv.Itoa(n.Number), sty: m.styleID(s), src: n})
		case *doc.LineBreak:
			out.add(token{kind: tokBreak, sty: m.styleID(sty)})
		case *doc.RawInline:
			// An inline tag (<kbd>, <sup>…): its text is in the Text nodes
			// beside it; the tag itself draws nothing in print.
		default:
			panic(fmt.Sprintf("layout: unexpected inline node %T", n))
		}
	}
}

// inCodeFace is sty in the code face, a little smaller, bold when sty is:
// inline code and keys.
func inCodeFace(sty runStyle) runStyle {
	sty.font = FontRef{Family: roleFont(theme.Code).Family, Style: sty.font.Style & fonts.Bold}
	sty.size *= 0.88
	return sty
}

// appendText splits text into word and space tokens. src is the node
// whose value text is, or nil.
func (m measurer) appendText(out *tokenList, text string, src doc.Node, style runStyle) {
	sty := m.styleID(style)
	if out.flush == nil {
		out.toks = slices.Grow(out.toks, 2*strings.Count(text, " ")+1) // a word and a space per space
	}
	whole := len(text)
	for text != "" {
		i := strings.IndexFunc(text, isSpace)
		if i < 0 {
			i = len(text)
		}
		if i > 0 {
			at := token{src: src}
			if src != nil {
				at.off = int32(whole - len(text))
			}
			m.appendWordToken(out, text[:i], sty, at)
			text = text[i:]
			continue
		}
		j := strings.IndexFunc(text, func(r rune) bool { return !isSpace(r) })
		if j < 0 {
			j = len(text)
		}
		out.add(token{kind: tokSpace, text: " ", sty: sty})
		text = text[j:]
	}
}

// appendWordToken adds a word: one token, or for Chinese, Japanese and
// Thai, which are written without spaces, one per stretch between the
// line break opportunities of UAX #14 (its rules keep 。，、」 off the
// start of a line and 「（ off its end) and, in Thai, between its words
// and syllables (thai.Words); a Korean word has a tokSyllable between
// each two of its Hangul syllables (not before a particle after Latin
// letters or digits, "UTF-8로", nor before punctuation). at holds the
// word's origin (src and off).
func (m measurer) appendWordToken(out *tokenList, word string, sty styleID, at token) {
	cjk := strings.ContainsFunc(word, WrittenWithoutSpaces)
	korean := !cjk && strings.ContainsFunc(word, isHangulSyllable)
	if !cjk && !korean || !utf8.ValidString(word) {
		out.add(token{kind: tokWord, text: word, sty: sty, src: at.src, off: at.off})
		return
	}
	seg := &m.memo.seg
	seg.InitWithString(word)
	it := seg.LineIterator()
	var last rune // the previous part's last character; 0 before the first
	for it.Next() {
		l := it.Line()
		part := word[l.OffsetInBytes : l.OffsetInBytes+l.LengthInBytes]
		if first, _ := utf8.DecodeRuneInString(part); korean && last != 0 {
			if isHangulSyllable(last) && isHangulSyllable(first) {
				out.add(token{kind: tokSyllable, sty: sty})
			}
		} else if last != 0 {
			kind := tokCJK // as UAX #14 has it, whatever the pair
			if k, ok := cjkGap(last, first); ok {
				kind = k
			} else if closingMark(last) && openingMark(first) {
				kind = tokCJKTight
			}
			out.add(token{kind: kind, sty: sty})
		}
		last, _ = utf8.DecodeLastRuneInString(part)
		start := 0
		if strings.ContainsFunc(part, thai.IsThai) {
			for _, b := range m.thaiWords().Breaks(part) {
				kind := tokThaiWord
				if b.Syllable {
					kind = tokSyllable
				}
				out.add(token{kind: tokWord, text: part[start:b.At], sty: sty, src: at.src, off: at.off + int32(l.OffsetInBytes+start)})
				out.add(token{kind: kind, sty: sty})
				start = b.At
			}
		}
		out.add(token{kind: tokWord, text: part[start:], sty: sty,
			src: at.src, off: at.off + int32(l.OffsetInBytes+start)})
	}
}

// appendPieceBoxes appends a box for each piece of a text set in style st
// (id): a piece in a fallback face in st with that face. src and off are
// the text's origin, each box's its piece's offset past it; nil for none.
func (m measurer) appendPieceBoxes(out []kpItem, pieces []piece, st runStyle, id styleID, src doc.Node, off int32) []kpItem {
	for _, p := range pieces {
		pid := id
		if p.font != st.font {
			fb := st
			fb.font = p.font
			pid = m.styleID(fb)
		}
		b := box(p.text, p.width, pid)
		if src != nil {
			b.src, b.off = src, off+int32(p.off)
		}
		out = append(out, b)
	}
	return out
}

// WrittenWithoutSpaces reports the characters of the scripts written
// without spaces between words, whose lines may break between any two
// characters: Han, Hiragana, Katakana and their punctuation and
// full-width forms.
func WrittenWithoutSpaces(r rune) bool {
	return thai.IsThai(r) || r >= 0x2E80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF)
}

// plainTokens returns the tokens of unstyled text.
func (m measurer) plainTokens(text string, sty runStyle) []token {
	out := tokenList{toks: m.freeTokens()}
	m.appendText(&out, text, nil, sty)
	return out.toks
}

// items turns tokens into boxes, glue and penalties for the line breaker.
// Words are hyphenated when hyphenate is set (justified text; never
// headings, captions or table cells); soft hyphens, code and URLs give breaks
// in any case. A word wider than the narrowest line is cut into characters
// with a break allowed between any two.
func (m measurer) items(toks []token, widths []float64, hyphenate bool) []kpItem {
	return m.appendItems(nil, toks, widths, hyphenate)
}

// appendItems is items, appending to out.
func (m measurer) appendItems(out []kpItem, toks []token, widths []float64, hyphenate bool) []kpItem {
	return m.appendItemsPart(out, toks, widths, hyphenate, false)
}

// appendItemsPart is appendItems of a paragraph's tokens up to a space,
// with more of them after when more is set: the items then end with that
// space's glue, not with the paragraph's end.
func (m measurer) appendItemsPart(out []kpItem, toks []token, widths []float64, hyphenate, more bool) []kpItem {
	narrowest := widths[0]
	for _, w := range widths {
		narrowest = min(narrowest, w)
	}
	out = slices.Grow(out, len(toks)+len(toks)/2+2) // a box per word, a glue per space, the end
	// The buffers are taken, not shared, while in use.
	word, pieces := m.memo.boxes[:0], m.memo.pieces[:0]
	m.memo.boxes, m.memo.pieces = nil, nil
	defer func() { m.memo.boxes, m.memo.pieces = word[:0], pieces[:0] }()
	flushWord := func() {
		total := 0.0
		for _, b := range word {
			total += b.w
		}
		if total <= narrowest {
			out = m.appendWord(out, word, hyphenate)
		} else {
			end := wordEnd(word)
			for bi, b := range word {
				for ci, r := range b.text {
					if bi > 0 || ci > 0 {
						out = append(out, penalty(0, 50, false))
					}
					s := string(r)
					st := m.style(b.sty)
					c := box(s, m.width(st.font, s, st.size), b.sty)
					if bi > 0 || ci > 0 {
						c.src, c.off = end.src, end.off
					} else {
						c.src, c.off = b.src, b.off
					}
					out = append(out, c)
				}
			}
		}
		word = word[:0]
	}
	var spaceSty styleID
	hasWord := false
	pendingSpace := false
	// space sets the space pending before a word or an image.
	space := func() {
		if pendingSpace && hasWord {
			flushWord()
			st := m.style(spaceSty)
			sp := m.face(st.font).Advance(' ') * st.size / 1000
			out = append(out, glue(sp, sp/2, sp/3))
		}
		pendingSpace = false
	}
	// cjkBreak ends the word before a break of kind tokCJK, tokCJKLatin or
	// tokCJKTight, with the break's glue, in ems of size.
	cjkBreak := func(kind tokKind, size float64) {
		var tight float64 // tokCJKTight: the blank half of the word's closing mark
		if kind == tokCJKTight && len(word) > 0 {
			last := word[len(word)-1]
			r, _ := utf8.DecodeLastRuneInString(last.text)
			tight = m.memo.shaper.haltSaving(m.style(last.sty).font, r) * m.style(last.sty).size / shapeUnits
		}
		flushWord()
		switch kind {
		case tokCJKLatin:
			out = append(out, glue(size*cjkLatinGap, size*cjkStretch, size*cjkLatinGap/3))
		case tokCJKTight:
			out = append(out, glue(-tight, size*cjkStretch, 0))
		default:
			out = append(out, glue(0, size*cjkStretch, 0))
		}
	}
	var lastChar rune // the last character of the word token before; 0 after anything else
	var lastSize, lastRise float64
	for _, t := range toks {
		prevEnd := lastChar
		lastChar = 0
		switch t.kind {
		case tokWord:
			space()
			// Two words typed against each other in different styles
			// (text and inline code, plain and bold) break between them
			// as a Chinese or Japanese word does inside (cjkGap), in ems
			// of the larger text (inline code's is smaller); a raised or
			// lowered one (a note's number, a superscript) stays against
			// its word.
			st := m.style(t.sty)
			if first, _ := utf8.DecodeRuneInString(t.text); hasWord && !pendingSpace && prevEnd != 0 && st.rise == lastRise {
				if kind, ok := cjkGap(prevEnd, first); ok {
					cjkBreak(kind, max(st.size, lastSize))
				}
			}
			lastChar, _ = utf8.DecodeLastRuneInString(t.text)
			lastSize, lastRise = st.size, st.rise
			pieces = m.appendShape(pieces[:0], t.text, st.font, st.size)
			word = m.appendPieceBoxes(word, pieces, st, t.sty, t.src, t.off)
			hasWord = true
		case tokSpace:
			if !pendingSpace {
				spaceSty = t.sty
			}
			pendingSpace = true
		case tokCJK, tokCJKLatin, tokCJKTight:
			if hasWord && !pendingSpace {
				cjkBreak(t.kind, m.style(t.sty).size)
			}
		case tokImage:
			space()
			flushWord()
			img, _ := m.inlineImage(t.src.(*doc.Image))
			w, h := inlineImageSize(img, t.src.(*doc.Image), m.style(t.sty).size)
			b := box("", w, t.sty)
			b.src, b.img, b.imgH = t.src, img, h
			out = append(out, b)
			hasWord = true
		case tokFormula:
			space()
			flushWord()
			fb, _ := m.inlineFormula(t.src.(*doc.Span), m.style(t.sty))
			b := box("", fb.w, t.sty)
			b.src, b.formula = t.src, fb
			out = append(out, b)
			hasWord = true
		case tokRuby:
			space()
			flushWord()
			out = m.rubyItems(out, t.src.(*doc.Span), t.sty)
			hasWord = true
		case tokSyllable:
			if hasWord && !pendingSpace {
				flushWord()
				// A hyphen's cost: the spaces between phrases first.
				out = append(out, penalty(0, hyphenPenalty, false))
			}
		case tokThaiWord:
			if hasWord && !pendingSpace {
				flushWord()
				out = append(out, penalty(0, 0, false))
			}
		case tokBreak:
			flushWord()
			out = append(out, glue(0, infStretch, 0), penalty(0, -infPenalty, false))
			pendingSpace, hasWord = false, false
		}
	}
	if more {
		hasWord = true // the paragraph's next word follows: the space is kept
		space()
		flushWord()
		return out
	}
	flushWord()
	out = append(out, glue(0, infStretch, 0), penalty(0, -infPenalty, false))
	return out
}
