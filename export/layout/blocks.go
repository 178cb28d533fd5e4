package layout

import (
	"html"
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

// bullets are the list markers by nesting depth.
const bullets = "•–‣"

// list lays out a bullet, ordered or task list with hanging indents.
func (f *flow) list(l *doc.List, depth int) {
	labels := make([]string, len(l.Items))
	indent := f.body.size * 1.6
	for i := range l.Items {
		switch l.Kind {
		case doc.OrderedList:
			labels[i] = l.Label(i)
			indent = max(indent, f.e.m.shapedWidth(labels[i], f.body.font, f.body.size)+f.body.size*0.7)
		case doc.BulletList:
			r := []rune(bullets)
			labels[i] = string(r[depth%len(r)])
		}
	}
	list := f.within(l) // its markers and indents are on the side its text starts
	if list.rtl && l.Kind == doc.OrderedList {
		for i := range labels {
			labels[i] = rightToLeftLabel(labels[i])
		}
	}
	for i, it := range l.Items {
		if i > 0 {
			if l.Tight {
				f.space(f.body.size * 0.25)
			} else {
				f.space(f.skip)
			}
		}
		first := len(f.rows)
		in := list.sub(indent, 0)
		in.fixedDir = l.Tight || in.dirSet
		in.node = it
		for bi, b := range it.Blocks {
			if bi > 0 {
				in.space(in.skip)
			}
			if nested, ok := b.(*doc.List); ok {
				in.list(nested, depth+1)
				continue
			}
			in.block(b)
		}
		row := firstContent(f.rows[first:])
		if row == nil {
			row = &vrow{h: f.leading}
			f.add(row)
		}
		base := row.baseline
		if base == 0 {
			base = lineMetrics(f.e.m.face(f.body.font), f.body.size, f.leading)
		}
		// mirror places something of width w that starts at x from the
		// line's start: from the right edge in a right-to-left list.
		mirror := func(x, w float64) float64 {
			if list.rtl {
				return f.x + f.w - (x - f.x) - w
			}
			return x
		}
		if l.Kind == doc.TaskList || it.Task != doc.NoTask {
			s := f.body.size * 0.7
			row.items = append(row.items, f.taskBox(mirror(f.x+indent-f.body.size*1.3, s), base, it)...)
			continue
		}
		for _, p := range f.e.m.shape(labels[i], f.body.font, f.body.size) {
			x := f.x + indent - f.body.size*0.5 - p.width
			if l.Kind == doc.BulletList {
				x = f.x + f.body.size*0.35
			}
			row.items = append(row.items, &Text{X: mirror(x, p.width), Y: base, Font: p.font, Size: f.body.size, Color: f.body.color, Text: p.text, Width: p.width, Src: it})
		}
	}
}

// firstContent returns the first row that is not space.
func firstContent(rows []*vrow) *vrow {
	for _, r := range rows {
		if !r.glue && len(r.items) > 0 {
			return r
		}
	}
	return nil
}

// taskBox draws the check box of a list item, whose bottom sits on the
// baseline, ticked when done. It is the item's label.
func (f *flow) taskBox(x, base float64, it *doc.ListItem) []Item {
	s := f.body.size * 0.7
	ink := black.rgb()
	items := []Item{&Rect{X: x, Y: base - s, W: s, H: s, Stroke: &ink, LineWidth: 0.6, Src: it}}
	if it.Task == doc.TaskDone {
		items = append(items,
			&Line{X1: x + s*0.2, Y1: base - s*0.5, X2: x + s*0.42, Y2: base - s*0.22, Width: 0.9, Color: ink, Src: it},
			&Line{X1: x + s*0.42, Y1: base - s*0.22, X2: x + s*0.85, Y2: base - s*0.85, Width: 0.9, Color: ink, Src: it})
	}
	return items
}

// quote lays out a block quote: indented, with a grey rule on the left
// (on the right in a right-to-left quote).
func (f *flow) quote(q *doc.BlockQuote) {
	quote := f.within(q)
	in := quote.sub(f.body.size*1.4, 0)
	rule := quoteRule.rgb()
	bar := f.x + 2
	if quote.rtl { // the rule on the right, where the lines start
		bar = f.x + f.w - 4
	}
	in.frames = append(append([]*frame(nil), f.frames...), &frame{x: bar, barW: 2, bar: &rule})
	in.body.color = hexColor(0x3c3c3c).rgb()
	in.blocks(q.Blocks)
}

// callout lays out a boxed aside: tinted background, coloured bar, a title
// line in sans bold, then its blocks.
func (f *flow) callout(c *doc.Callout) {
	kind := theme.CalloutFor(c.Kind)
	accent, tint := themeColor(kind.Accent), themeColor(kind.Tint)
	box := f.within(c)
	in := box.sub(14, 10)
	in.frames = append(append([]*frame(nil), f.frames...), &frame{x: f.x, w: f.w, fill: &tint, bar: &accent, barW: 3, barRight: box.rtl})
	f.space(f.skip)
	in.pad(7, true)
	sty := runStyle{font: roleFont(theme.CalloutTitle), size: 9.5, color: accent}
	// A given title replaces the kind's name, as in the EPUB's aside.
	toks := f.e.m.tokenize(c.Title, sty)
	if len(toks) == 0 {
		toks = f.e.m.plainTokens(f.e.words.Callout(c.Kind), sty)
	}
	for _, r := range in.e.setParagraph(toks, paraSpec{x: in.x, widths: []float64{in.w}, leading: 13, base: sty, colDir: in.dir()}) {
		r.kwn = true
		in.add(r)
	}
	in.space(4)
	in.atStart = true
	in.blocks(c.Blocks)
	if n := len(in.rows); n > 0 {
		in.rows[n-1].kwn = true
	}
	in.pad(7, false)
	f.space(f.skip)
}

// definitions lays out a definition list: the term in bold, each definition
// indented below it.
func (f *flow) definitions(l *doc.DefinitionList) {
	for i, d := range l.Items {
		if i > 0 {
			f.space(f.skip)
		}
		term := f.body.with(fonts.Bold)
		rows := f.e.setParagraph(f.e.m.tokenize(d.Term, term), paraSpec{x: f.x, widths: []float64{f.w}, leading: f.leading, base: term, colDir: f.dir()})
		for _, r := range rows {
			r.kwn = true
			f.add(r)
		}
		for j, body := range d.Definitions {
			if j > 0 {
				f.space(f.skip / 2)
			}
			in := f.sub(f.body.size*1.8, 0)
			in.blocks(body.Blocks)
		}
	}
}

// Patterns for reducing raw HTML to its text.
var (
	htmlDropped = regexp.MustCompile(`(?is)<!--.*?-->|<(script|style)\b.*?</(script|style)\s*>`)
	htmlTag     = regexp.MustCompile(`(?s)<[^>]*>`)
)

// htmlText returns the text content of raw HTML, whitespace collapsed.
func htmlText(s string) string {
	s = htmlDropped.ReplaceAllString(s, " ")
	s = htmlTag.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}
