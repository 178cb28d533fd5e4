package layout

import (
	"encoding/xml"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/fonts"
)

// The text of an SVG image. oksvg draws an SVG's shapes and no text, so
// the PDF sets the text elements itself, as text (it copies and
// searches): each run in our faces, at its place on the drawn image.

// svgChunk is a run of an SVG image's text set from one position: a
// <text>, or a <tspan> that gives its own x or y, and the runs that follow
// it up to the next such position. Positions and sizes are in the image's
// user units.
type svgChunk struct {
	x, y   float64 // in the image's user units
	lx, ly float64 // the same, in the units of the element that set them
	turn   Turn    // the transform's linear part, per unit of the text's scale
	anchor string  // "start", "middle" or "end"
	runs   []svgRun
	// onPath is set for a <textPath>: its text runs along a path.
	onPath *svgTextPath
}

// svgRun is text in one style within a chunk, set after the run before it.
type svgRun struct {
	dx, dy float64 // a shift before it (tspan dx, dy)
	size   float64
	font   FontRef
	named  string // the family the image names for it, unless generic
	color  RGB
	text   string
}

// svgTextStyle is what a text inherits from its ancestors.
type svgTextStyle struct {
	m      [6]float64 // the transform to user units: a b c d e f
	size   float64
	font   FontRef
	named  string // the family named first, unless generic ("Times" of "Times,serif"), for NamedWidth
	color  RGB
	anchor string
	hidden bool // display:none, or in <defs> and the like: for good
	// invisible (visibility:hidden) and unfilled (fill:none) are
	// inherited too, but a descendant's visibility:visible or fill
	// colour undoes them (Visio's root has fill:none, its texts a fill).
	invisible, unfilled bool
	flat                bool // under a transform it cannot read, or one that flattens text to a line: not set
}

// svgTextOf reads the text of an SVG image: its chunks, and how many text
// elements it leaves out (on a path it cannot read, or flattened), which only the EPUB
// shows.
// Whitespace collapses as in SVG's default xml:space.
func svgTextOf(data []byte) (chunks []svgChunk, skipped int) {
	dec := newSVGDecoder(data)
	stack := svgStyles{{m: [6]float64{1, 0, 0, 1, 0, 0}, size: 16, font: FontRef{Family: fonts.Serif}, anchor: "start"}}
	inText := 0 // depth inside a <text>
	var cur *svgChunk
	var pendingDX, pendingDY float64
	paths := map[string]svgPathDef{} // <path id=…>, which a textPath may name
	afterPath := false               // a textPath has ended in this <text>: text after it is not set
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			st, name := stack.open(tok)
			if id := attr(tok.Attr, "id"); name == "path" && id != "" {
				paths[id] = svgPathDef{d: attr(tok.Attr, "d"), transform: attr(tok.Attr, "transform")}
			}
			switch {
			case name == "textpath" && inText > 0 && !st.unseen():
				if st.flat {
					skipped++
					break
				}
				href := strings.TrimPrefix(attr(tok.Attr, "href"), "#")
				chunks = append(chunks, svgChunk{anchor: st.anchor, turn: Turn{A: 1, D: 1},
					onPath: &svgTextPath{id: href, offset: attr(tok.Attr, "startOffset"), m: st.m, scale: st.scale()}})
				cur = &chunks[len(chunks)-1]
			case name == "text":
				inText++
				if st.unseen() {
					break
				}
				if st.flat {
					skipped++
					break
				}
				x, y := firstLength(attr(tok.Attr, "x"), st.size), firstLength(attr(tok.Attr, "y"), st.size)
				x += firstLength(attr(tok.Attr, "dx"), st.size)
				y += firstLength(attr(tok.Attr, "dy"), st.size)
				chunks = append(chunks, st.chunk(x, y))
				cur = &chunks[len(chunks)-1]
			case name == "tspan" && inText > 0 && cur != nil && !st.unseen() && !st.flat:
				xs, ys := attr(tok.Attr, "x"), attr(tok.Attr, "y")
				dx, dy := firstLength(attr(tok.Attr, "dx"), st.size), firstLength(attr(tok.Attr, "dy"), st.size)
				if (xs != "" || ys != "") && cur.onPath == nil {
					// A new absolute position: a new chunk, where the
					// coordinate not given stays.
					x, y := cur.lx, cur.ly
					if xs != "" {
						x = firstLength(xs, st.size)
					}
					if ys != "" {
						y = firstLength(ys, st.size)
					}
					chunks = append(chunks, st.chunk(x+dx, y+dy))
					cur = &chunks[len(chunks)-1]
				} else {
					pendingDX, pendingDY = pendingDX+dx*st.scale(), pendingDY+dy*st.scale()
				}
			}
		case xml.EndElement:
			if strings.EqualFold(tok.Name.Local, "text") && inText > 0 {
				inText--
				if inText == 0 {
					cur, afterPath = nil, false
				}
			}
			if strings.EqualFold(tok.Name.Local, "textPath") && cur != nil && cur.onPath != nil {
				cur, afterPath = nil, true
			}
			stack.close()
		case xml.CharData:
			st := stack.top()
			if afterPath && cur == nil && !st.unseen() && strings.TrimSpace(string(tok)) != "" {
				skipped++ // text after a path's, whose end is not known here
				afterPath = false
			}
			if inText == 0 || cur == nil || st.unseen() || st.flat {
				continue
			}
			s := strings.Join(strings.Fields(string(tok)), " ")
			if len(tok) > 0 && isSpace(rune(tok[0])) {
				s = " " + s
			}
			if len(tok) > 0 && isSpace(rune(tok[len(tok)-1])) && s != " " {
				s += " "
			}
			if s == "" {
				continue
			}
			cur.runs = append(cur.runs, svgRun{dx: pendingDX, dy: pendingDY, size: st.size * st.scale(), font: st.font, named: st.named, color: st.color, text: s})
			pendingDX, pendingDY = 0, 0
		}
	}
	// Trim each chunk's spaces at its ends, and drop empty ones; a text
	// path whose path cannot be read is left out.
	out := chunks[:0]
	for _, c := range chunks {
		if c.onPath != nil && len(c.runs) > 0 {
			if c.onPath.points = paths[c.onPath.id].flatten(); len(c.onPath.points) < 2 {
				skipped++
				continue
			}
		}
		for len(c.runs) > 0 {
			c.runs[0].text = strings.TrimLeft(c.runs[0].text, " ")
			if c.runs[0].text != "" {
				break
			}
			c.runs = c.runs[1:]
		}
		for len(c.runs) > 0 {
			n := len(c.runs) - 1
			c.runs[n].text = strings.TrimRight(c.runs[n].text, " ")
			if c.runs[n].text != "" {
				break
			}
			c.runs = c.runs[:n]
		}
		if len(c.runs) > 0 {
			out = append(out, c)
		}
	}
	return out, skipped
}

// chunk starts a chunk at x, y under st's transform. A tspan that gives
// only one coordinate keeps the other of its chunk's start (the widths of
// the runs before it are not known here).
func (st svgTextStyle) chunk(x, y float64) svgChunk {
	m, k := st.m, st.scale()
	return svgChunk{x: m[0]*x + m[2]*y + m[4], y: m[1]*x + m[3]*y + m[5], lx: x, ly: y, anchor: st.anchor,
		turn: Turn{A: m[0] / k, B: m[1] / k, C: m[2] / k, D: m[3] / k}}
}

// scale is how much the transform enlarges text.
func (st svgTextStyle) scale() float64 {
	return math.Sqrt(math.Abs(st.m[0]*st.m[3] - st.m[1]*st.m[2]))
}

// apply takes an element's presentation attributes and style declarations.
func (st *svgTextStyle) apply(attrs []xml.Attr) {
	props := map[string]string{}
	for _, a := range attrs {
		props[strings.ToLower(a.Name.Local)] = strings.TrimSpace(a.Value)
	}
	if style := props["style"]; style != "" {
		for _, decl := range strings.Split(style, ";") {
			if k, v, ok := strings.Cut(decl, ":"); ok {
				props[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
			}
		}
	}
	if t := props["transform"]; t != "" {
		m, ok := parseTransform(t)
		if !ok {
			st.flat = true
		}
		st.m = multiply(st.m, m)
		// Text is set at the transform's scale (the square root of its
		// area's), turned, slanted or stretched by the rest; a transform
		// that flattens it to a line (or to nothing) sets none.
		if a, b, c, d := st.m[0], st.m[1], st.m[2], st.m[3]; !(math.Abs(a*d-b*c) > 1e-9*(a*a+b*b+c*c+d*d)) {
			st.flat = true
		}
	}
	expandFont(props)
	if v := props["font-size"]; v != "" {
		if n, ok := parseLength(v, st.size); ok && n > 0 {
			st.size = n
		}
	}
	if v := strings.ToLower(props["font-family"]); v != "" {
		st.font.Family, st.named = svgFamily(v), namedFamily(v)
	}
	switch w := strings.ToLower(props["font-weight"]); {
	case w == "bold" || w == "bolder":
		st.font.Style |= fonts.Bold
	case w == "normal" || w == "lighter":
		st.font.Style &^= fonts.Bold
	case w != "":
		if n, err := strconv.Atoi(w); err == nil {
			if n >= 600 {
				st.font.Style |= fonts.Bold
			} else {
				st.font.Style &^= fonts.Bold
			}
		}
	}
	switch s := strings.ToLower(props["font-style"]); s {
	case "italic", "oblique":
		st.font.Style |= fonts.Italic
	case "normal":
		st.font.Style &^= fonts.Italic
	}
	if v := strings.ToLower(props["fill"]); v != "" {
		st.unfilled = v == "none" || v == "transparent"
		if c, ok := parseSVGColor(v); ok && !st.unfilled {
			st.color = c
		}
	}
	if v := props["text-anchor"]; v == "start" || v == "middle" || v == "end" {
		st.anchor = v
	}
	if props["display"] == "none" {
		st.hidden = true
	}
	switch props["visibility"] {
	case "hidden", "collapse":
		st.invisible = true
	case "visible":
		st.invisible = false
	}
}

// expandFont sets the properties the CSS font shorthand gives
// (matplotlib's "font: 10px 'DejaVu Sans', sans-serif"; style, weight,
// size and family, the line height set aside) where props has none of
// its own.
func expandFont(props map[string]string) {
	font := props["font"]
	if font == "" {
		return
	}
	fields := strings.Fields(font)
	for i, f := range fields {
		size, _, _ := strings.Cut(f, "/")
		if _, ok := parseLength(size, 16); !ok || strings.TrimLeft(size, "0123456789.") == "" {
			continue // not the size (a length with its unit): the style, variant or weight before it
		}
		set := func(prop, value string) {
			if _, own := props[prop]; !own && value != "" {
				props[prop] = value
			}
		}
		set("font-size", size)
		set("font-family", strings.Join(fields[i+1:], " "))
		for _, k := range fields[:i] {
			switch k = strings.ToLower(k); {
			case k == "italic" || k == "oblique":
				set("font-style", k)
			case k == "bold" || k == "bolder" || k == "lighter" || len(k) == 3 && strings.Trim(k, "0123456789") == "":
				set("font-weight", k)
			}
		}
		return
	}
}

// unseen reports whether text in this style is not shown.
func (st *svgTextStyle) unseen() bool { return st.hidden || st.invisible || st.unfilled }

// svgFamily picks the face of ours for a CSS font-family list: the first
// generic or well-known family it names, serif when none (as browsers).
func svgFamily(list string) fonts.Family {
	for _, f := range strings.Split(list, ",") {
		f = strings.Trim(strings.TrimSpace(f), `"'`)
		switch {
		case strings.Contains(f, "mono") || strings.Contains(f, "courier") || strings.Contains(f, "consol") || strings.Contains(f, "menlo"):
			return fonts.Mono
		case strings.Contains(f, "sans") || f == "arial" || f == "helvetica" || f == "verdana" || f == "tahoma" || f == "segoe ui" || f == "system-ui":
			return fonts.Sans
		case strings.Contains(f, "serif") || strings.Contains(f, "times") || f == "georgia":
			return fonts.Serif
		}
	}
	return fonts.Serif
}

// namedFamily is the first family of a CSS font-family list when it
// names one (the face the image was drawn to fit), "" when it is generic.
func namedFamily(list string) string {
	first, _, _ := strings.Cut(list, ",")
	first = strings.Trim(strings.TrimSpace(first), `"'`)
	switch first {
	case "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif", "ui-sans-serif", "ui-monospace":
		return ""
	}
	return first
}

// attr returns the value of the attribute named local, or "".
func attr(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if strings.EqualFold(a.Name.Local, local) {
			return a.Value
		}
	}
	return ""
}

// firstLength reads the first length of a list (x="10 20 30" places the
// first character; the rest are not honoured), 0 when there is none.
func firstLength(s string, fontSize float64) float64 {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || isSpace(r) })
	if len(f) == 0 {
		return 0
	}
	v, _ := parseLength(f[0], fontSize)
	return v
}

// parseLength reads a CSS length in user units (px): em against the font
// size, pt, pc, in, cm and mm by their CSS ratios.
func parseLength(s string, fontSize float64) (float64, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	k := 1.0
	for _, u := range [...]struct {
		suffix string
		k      float64
	}{{"px", 1}, {"pt", 4.0 / 3}, {"pc", 16}, {"in", 96}, {"cm", 96 / 2.54}, {"mm", 96 / 25.4}, {"em", fontSize}, {"%", fontSize / 100}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, k = rest, u.k
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v * k, true
}

// parseTransform reads an SVG transform list into a matrix; it reports
// false for what it cannot read.
func parseTransform(s string) ([6]float64, bool) {
	m := [6]float64{1, 0, 0, 1, 0, 0}
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimLeft(s, " ,\t\n\r") {
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			return m, false
		}
		name := strings.ToLower(strings.TrimSpace(s[:open]))
		var args []float64
		for _, f := range strings.FieldsFunc(s[open+1:end], func(r rune) bool { return r == ',' || isSpace(r) }) {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return m, false
			}
			args = append(args, v)
		}
		s = s[end+1:]
		var t [6]float64
		switch {
		case name == "matrix" && len(args) == 6:
			copy(t[:], args)
		case name == "translate" && len(args) == 1:
			t = [6]float64{1, 0, 0, 1, args[0], 0}
		case name == "translate" && len(args) == 2:
			t = [6]float64{1, 0, 0, 1, args[0], args[1]}
		case name == "scale" && len(args) == 1:
			t = [6]float64{args[0], 0, 0, args[0], 0, 0}
		case name == "scale" && len(args) == 2:
			t = [6]float64{args[0], 0, 0, args[1], 0, 0}
		case name == "rotate" && (len(args) == 1 || len(args) == 3):
			sin, cos := math.Sincos(args[0] * math.Pi / 180)
			t = [6]float64{cos, sin, -sin, cos, 0, 0}
			if len(args) == 3 { // about cx, cy
				cx, cy := args[1], args[2]
				t = multiply(multiply([6]float64{1, 0, 0, 1, cx, cy}, t), [6]float64{1, 0, 0, 1, -cx, -cy})
			}
		case name == "skewx" && len(args) == 1:
			t = [6]float64{1, 0, math.Tan(args[0] * math.Pi / 180), 1, 0, 0}
		case name == "skewy" && len(args) == 1:
			t = [6]float64{1, math.Tan(args[0] * math.Pi / 180), 0, 1, 0, 0}
		default:
			return m, false
		}
		m = multiply(m, t)
	}
	return m, true
}

// transformAttr finds transform attributes, to compose them for oksvg.
var transformAttr = regexp.MustCompile(`(\btransform\s*=\s*)("[^"]*"|'[^']*')`)

// uniformScale finds scale() with one argument.
var uniformScale = regexp.MustCompile(`(?i)scale\s*\(\s*[^,\s)]+\s*\)`)

// composeTransforms writes each transform attribute that lists several
// transforms, or scales by one factor, as the one matrix they make: oksvg
// reads only the first of a list (a group under "translate(…) scale(…)"
// drew nothing), and scale(k) as scale(k, 0), which flattens all it
// holds to a line (matplotlib's glyphs, each under scale(0.015625), were
// drawn as dashes).
func composeTransforms(data []byte) []byte {
	return replaceNear(transformAttrAt, data, []string{"transform"}, transformFrom, func(m []byte) []byte {
		sub := transformAttr.FindSubmatch(m)
		val := string(sub[2][1 : len(sub[2])-1])
		if strings.Count(val, "(") < 2 && !uniformScale.MatchString(val) {
			return m
		}
		t, ok := parseTransform(val)
		if !ok {
			return m
		}
		nums := make([]string, 6)
		for i, v := range t {
			nums[i] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		return []byte(string(sub[1]) + `"matrix(` + strings.Join(nums, ",") + `)"`)
	})
}

// multiply returns the transform a then b (b applied first to a point).
func multiply(a, b [6]float64) [6]float64 {
	return [6]float64{
		a[0]*b[0] + a[2]*b[1], a[1]*b[0] + a[3]*b[1],
		a[0]*b[2] + a[2]*b[3], a[1]*b[2] + a[3]*b[3],
		a[0]*b[4] + a[2]*b[5] + a[4], a[1]*b[4] + a[3]*b[5] + a[5],
	}
}

// parseSVGColor reads a CSS colour (cssColor), its alpha set aside.
func parseSVGColor(s string) (RGB, bool) {
	c, _, ok := cssColor(s)
	return c, ok
}

// svgFit is how much to stretch a run of an SVG image's text along its
// baseline so that it is as wide as in the family the image names (a
// graphviz diagram's cells fit its labels in Times, which is narrower
// than our serif): that family's width over ours, from 0.7 to 1.3, or 1
// when the family is generic or not installed.
func (f *flow) svgFit(r *svgRun, shaped []piece, size float64) float64 {
	measure := f.e.opts.NamedWidth
	if r.named == "" || measure == nil {
		return 1
	}
	ours := 0.0
	for _, p := range shaped {
		ours += p.width
	}
	ems, ok := measure(r.named, r.font.Style&fonts.Bold != 0, r.text)
	if !ok || !(ours > 0) {
		return 1
	}
	return max(0.7, min(1.3, ems*size/ours))
}

// svgText sets the text of an SVG image drawn in the box of width w and
// height h whose top-left corner is at x, 0: each chunk's runs one after
// another from its position, moved by its anchor, in our faces (falling
// back as body text does), scaled as the drawing is. A run whose baseline
// is outside the box is left out, as the drawing clips it.
func (f *flow) svgText(img *svgImage, x, w, h float64) []Item {
	if img == nil || !(img.viewBox[2] > 0 && img.viewBox[3] > 0) {
		return nil
	}
	k := w / img.viewBox[2]
	var items []Item
	for i := range img.chunks {
		c := &img.chunks[i]
		if c.onPath != nil {
			items = append(items, f.svgPathText(c, x-img.viewBox[0]*k, -img.viewBox[1]*k, k)...)
			continue
		}
		type setPiece struct {
			x, y float64
			p    piece
			run  *svgRun
			fit  float64 // the run's width as the image's family sets it, over ours
		}
		var pieces []setPiece
		pen, y := 0.0, 0.0 // along the baseline, and across it
		for i := range c.runs {
			r := &c.runs[i]
			size := r.size * k
			if size < 0.5 || size > 4*h+100 {
				continue
			}
			pen += r.dx * k
			y += r.dy * k
			shaped := f.e.m.shape(r.text, r.font, size)
			fit := f.svgFit(r, shaped, size)
			for _, p := range shaped {
				p.width *= fit
				pieces = append(pieces, setPiece{x: pen, y: y, p: p, run: r, fit: fit})
				pen += p.width
			}
		}
		shift := 0.0
		switch c.anchor {
		case "middle":
			shift = -pen / 2
		case "end":
			shift = -pen
		}
		m := c.turn
		x0, y0 := x+(c.x-img.viewBox[0])*k, (c.y-img.viewBox[1])*k
		for _, p := range pieces {
			along, across := shift+p.x, p.y
			tx, ty := x0+m.A*along+m.C*across, y0+m.B*along+m.D*across
			if tx < x-1 || tx > x+w+1 || ty < 0 || ty > h+p.run.size*k {
				continue // outside the drawing, which clips it
			}
			// The text is stretched along its baseline by its fit.
			fm := Turn{A: m.A * p.fit, B: m.B * p.fit, C: m.C, D: m.D}
			var turn *Turn
			if math.Abs(fm.A-1)+math.Abs(fm.B)+math.Abs(fm.C)+math.Abs(fm.D-1) > 1e-9 {
				turn = &fm
			}
			items = append(items, &Text{X: tx, Y: ty, Turn: turn, Font: p.p.font, Size: p.run.size * k, Color: p.run.color, Text: p.p.text, Width: p.p.width})
		}
	}
	return items
}
