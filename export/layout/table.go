package layout

import (
	"math"
	"slices"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

// Table geometry.
const (
	cellPadX = 5
	cellPadY = 3.2
)

// table lays out a table across the column: column widths in proportion to
// their content, cell text wrapped, a bold header row between rules that is
// repeated when the table continues on a new page. A table too wide for
// the text block spreads into the margins; still too wide, its type
// shrinks down to minTableSize; still too wide, it is set on landscape
// pages of its own (a table of the body, in one column), its type shrunk
// again if it needs; still too wide, its columns are split into parts set
// one after another, each after the first repeating the first column.
// Each of these steps but the first is a warning: no cell is ever lost.
func (f *flow) table(t *doc.Table) {
	all := t.Grid() // the header row first; a spanning cell at its first row and column
	ncol := len(t.Align)
	if len(all) > 0 {
		ncol = max(ncol, len(all[0]))
	}
	if ncol == 0 || len(all) == 0 {
		return
	}
	if t.Attr.ID != "" { // links to it go to its caption, or its first row
		defer f.anchorAt(len(f.rows), []string{t.Attr.ID})
	}
	f.tableCaption(t.Caption)
	size := tableSize
	body, head, natural, least := f.tableExtents(all, t.Header != nil, ncol, size)
	g := f.e.g
	body0 := f.x == g.left && f.w == g.width() && len(f.frames) == 0
	if sum(least) > f.w && body0 {
		// A table too wide for the text block of the body spreads into
		// the margins, to the wide block.
		defer func(x, w float64) { f.x, f.w = x, w }(f.x, f.w)
		f.x, f.w = g.wideL, g.wideR-g.wideL
	}
	// shrunk is the type size at which the table's widest words fit in
	// width w.
	shrunk := func(w float64) float64 {
		return size * (w - 2*cellPadX*float64(ncol)) / (sum(least) - 2*cellPadX*float64(ncol))
	}
	if land := f.e.land; sum(least) > f.w && body0 && g.columns <= 1 && land.wideR-land.wideL > f.w && !f.fitsAt(all, t.Header != nil, ncol, minTableSize) {
		// Too wide even in the smallest type: the paper is turned.
		defer func(landscape bool) { f.landscape = landscape }(f.landscape)
		f.turnHeadings(land.wideL - g.left)
		f.x, f.w, f.landscape = land.wideL, land.wideR-land.wideL, true
		f.e.diags.Warnf(t.Pos, "a table of %d columns is too wide for the page upright: it is set on landscape pages", ncol)
	}
	if sum(least) > f.w {
		// A wide table shrinks its type until its widest words fit, down to
		// a legible minimum.
		// The widths do not shrink quite in proportion (the padding, the
		// rounding of glyph advances): a quarter point at a time more
		// until the words fit.
		size = max(minTableSize, shrunk(f.w))
		for {
			body, head, natural, least = f.tableExtents(all, t.Header != nil, ncol, size)
			if sum(least) <= f.w || size <= minTableSize {
				break
			}
			size = max(minTableSize, size-0.25)
		}
		f.e.diags.Warnf(t.Pos, "a table of %d columns is too wide for the page: its type is shrunk to %.1f pt", ncol, size)
	}
	groups := columnGroups(least, f.w)
	if len(groups) > 1 {
		f.e.diags.Warnf(t.Pos, "a table of %d columns is too wide for the page even in %.1f pt type: it is set in %d parts of its columns, each repeating the first", ncol, size, len(groups))
	}
	for gi, cols := range groups {
		if gi > 0 {
			f.space(f.skip)
		}
		f.tablePart(all, t, cols, gi > 0, body, head, natural, least)
	}
}

// fitsAt reports whether the widest words of a table's columns fit in
// the flow's width in type of size.
func (f *flow) fitsAt(all [][]*doc.TableCell, header bool, ncol int, size float64) bool {
	_, _, _, least := f.tableExtents(all, header, ncol, size)
	return sum(least) <= f.w
}

// turnHeadings puts the heading just added (its lines, and the spaces
// around them) on the landscape pages of the table that follows it, moved
// by dx to the landscape block's left edge.
func (f *flow) turnHeadings(dx float64) {
	for i := len(f.rows) - 1; i >= 0 && (f.rows[i].heading || f.rows[i].glue) && !f.rows[i].landscape; i-- {
		r := f.rows[i]
		r.landscape = true
		for j, it := range r.items {
			r.items[j] = movedInPlace(it, dx, 0)
		}
		for j := range r.linkAreas() {
			r.extra.links[j].X += dx
		}
	}
}

// columnGroups splits the columns of a table whose widest words need least
// into parts that fit in width: as many columns as fit, each part after
// the first starting with the first column again. A column too wide on its
// own is a part alone (its words are cut in its cell).
func columnGroups(least []float64, width float64) [][]int {
	if sum(least) <= width || len(least) < 2 {
		return [][]int{seq(0, len(least))}
	}
	var groups [][]int
	next := 0
	for next < len(least) {
		var cols []int
		used := 0.0
		if len(groups) > 0 {
			cols, used = []int{0}, least[0]
		}
		for first := true; next < len(least) && (first || used+least[next] <= width); first = false {
			// A part's first new column goes in, however wide.
			cols = append(cols, next)
			used += least[next]
			next++
		}
		groups = append(groups, cols)
	}
	return groups
}

// seq returns the integers from lo up to hi.
func seq(lo, hi int) []int {
	out := make([]int, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

// tablePart sets the columns cols of a table's rows: the whole table, or a
// part of a table split by its columns, whose first column, when repeat
// is set, repeats one set before (page furniture, read once).
func (f *flow) tablePart(all [][]*doc.TableCell, t *doc.Table, cols []int, repeat bool, body, head runStyle, natural, least []float64) {
	pick := func(xs []float64) []float64 {
		out := make([]float64, len(cols))
		for i, c := range cols {
			out[i] = xs[c]
		}
		return out
	}
	align := make([]doc.Alignment, len(cols))
	for i, c := range cols {
		if c < len(t.Align) {
			align[i] = t.Align[c]
		}
	}
	widths := columnWidths(pick(natural), pick(least), f.w)
	continues := spanningDown(t, all)
	f.space(f.skip * 0.5)
	var header *vrow
	for ri, r := range all {
		isHead := ri == 0 && t.Header != nil
		sty := body
		if isHead {
			sty = head
		}
		cells := make([]*doc.TableCell, len(cols))
		for i, c := range cols {
			if c < len(r) {
				cells[i] = r[c]
			}
		}
		// A row taller than half a page can be cut where a page breaks;
		// the header's is never cut.
		limit := f.e.g.height() / 2
		if isHead {
			limit = math.Inf(1)
		}
		row := f.tableRow(cells, align, widths, sty, repeat, limit)
		ink := black.rgb()
		switch {
		case isHead:
			row.items = append(row.items,
				&Line{X1: f.x, Y1: 0, X2: f.x + f.w, Y2: 0, Width: 0.8, Color: ink},
				&Line{X1: f.x, Y1: row.h, X2: f.x + f.w, Y2: row.h, Width: 0.5, Color: ink})
			row.kwn = true
			row.repeats = true
			header = row
		case ri == len(all)-1:
			row.items = append(row.items, &Line{X1: f.x, Y1: row.h, X2: f.x + f.w, Y2: row.h, Width: 0.8, Color: ink})
		default: // a rule under the row but where a cell spanning rows goes on below it
			for _, seg := range f.ruleSegments(widths, cols, continues[ri]) {
				row.items = append(row.items, &Line{X1: seg[0], Y1: row.h, X2: seg[1], Y2: row.h, Width: 0.3, Color: lightGrey.rgb()})
			}
		}
		if ri == 0 && !isHead {
			row.items = append(row.items, &Line{X1: f.x, Y1: 0, X2: f.x + f.w, Y2: 0, Width: 0.8, Color: ink})
		}
		if !isHead && header != nil {
			row.ext().header = header
		}
		if slices.ContainsFunc(cols, func(c int) bool { return c < len(continues[ri]) && continues[ri][c] }) {
			row.kwn = true // a cell spanning rows keeps them on one page, where they fit
		}
		f.add(row)
	}
	f.space(f.skip * 0.5)
}

// spanningDown returns, for each row of a table's grid, the columns in
// which a cell spanning rows goes on into the next row.
func spanningDown(t *doc.Table, grid [][]*doc.TableCell) [][]bool {
	down := make([][]bool, len(grid))
	for r := range grid {
		down[r] = make([]bool, len(grid[r]))
	}
	for r, row := range grid {
		for c, cell := range row {
			if cell == nil {
				continue
			}
			cols, rows := t.ClippedSpans(cell, r)
			for rr := r; rr < r+rows-1; rr++ {
				for cc := c; cc < min(c+cols, len(down[rr])); cc++ {
					down[rr][cc] = true
				}
			}
		}
	}
	return down
}

// ruleSegments returns the stretches, x from and to, of a rule across a
// table part's columns (cols of the grid, widths as set, in the flow's
// direction) that leave out the columns skip marks.
func (f *flow) ruleSegments(widths []float64, cols []int, skip []bool) [][2]float64 {
	whole := [2]float64{f.x, f.x + f.w}
	if !slices.Contains(skip, true) {
		return [][2]float64{whole}
	}
	var segs [][2]float64
	x := f.x
	if f.rtl {
		x += f.w
	}
	for i, w := range widths {
		from, to := x, x+w
		if f.rtl {
			from, to = x-w, x
			x -= w
		} else {
			x += w
		}
		if i < len(cols) && cols[i] < len(skip) && skip[cols[i]] {
			continue
		}
		if n := len(segs); n > 0 && (segs[n-1][1] == from || segs[n-1][0] == to) {
			segs[n-1] = [2]float64{min(segs[n-1][0], from), max(segs[n-1][1], to)}
			continue
		}
		segs = append(segs, [2]float64{from, to})
	}
	if n := len(segs); n > 0 && len(cols) > 0 && !(cols[len(cols)-1] < len(skip) && skip[cols[len(cols)-1]]) {
		// The last column's stretch runs to the table's end, as a whole rule does.
		if f.rtl {
			segs[n-1][0] = whole[0]
		} else {
			segs[n-1][1] = whole[1]
		}
	}
	return segs
}

// minTableSize is the smallest type a wide table shrinks to.
const minTableSize = 6.5

// tableExtents returns the body and header styles at size and each column's
// natural width and the width of its widest word, padding included.
func (f *flow) tableExtents(all [][]*doc.TableCell, hasHeader bool, ncol int, size float64) (body, head runStyle, natural, least []float64) {
	body = runStyle{font: roleFont(theme.Body), size: size, color: black.rgb()}
	head = runStyle{font: roleFont(theme.TableHead), size: size * (tableSize - 0.3) / tableSize, color: black.rgb()}
	natural = make([]float64, ncol)
	least = make([]float64, ncol)
	for ri, r := range all {
		sty := body
		if ri == 0 && hasHeader {
			sty = head
		}
		for ci, c := range r {
			if c == nil {
				continue
			}
			var n, l float64
			if len(c.Blocks) > 0 {
				n, l = f.blocksExtent(c.Blocks, sty, 0)
			} else {
				n, l = f.e.m.extent(f.e.m.tokenize(c.Content, sty))
			}
			// A cell spanning columns asks each its share of its width.
			cols, _ := c.Spans()
			for k := ci; k < min(ci+cols, ncol); k++ {
				natural[k] = max(natural[k], (n+2*cellPadX)/float64(cols))
			}
			least[ci] = max(least[ci], l+2*cellPadX)
		}
	}
	return body, head, natural, least
}

// blocksExtent is extent for a cell's blocks: the width of the longest
// of their paragraphs and lines of code set on one line, and of their
// widest word or line of code, indent (a list item's, a quotation's)
// added. Other blocks count for nothing: their lines wrap.
func (f *flow) blocksExtent(bs []doc.Block, sty runStyle, indent float64) (natural, widest float64) {
	for _, b := range bs {
		var n, w float64
		switch b := b.(type) {
		case *doc.Paragraph:
			n, w = f.e.m.extent(f.e.m.tokenize(b.Content, sty))
		case *doc.Heading:
			n, w = f.e.m.extent(f.e.m.tokenize(b.Content, sty))
		case *doc.List:
			for _, it := range b.Items {
				in, iw := f.blocksExtent(it.Blocks, sty, sty.size*1.6)
				n, w = max(n, in), max(w, iw)
			}
		case *doc.BlockQuote:
			n, w = f.blocksExtent(b.Blocks, sty, sty.size)
		case *doc.CodeBlock:
			n = f.e.m.codeWidth(b.Text)
			w = n
		default:
			continue
		}
		natural, widest = max(natural, n+indent), max(widest, w+indent)
	}
	return natural, widest
}

// sum adds up xs.
func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// extent returns the width of tokens set on one line and the width of their
// widest word.
func (m measurer) extent(toks []token) (natural, widest float64) {
	word := 0.0
	for _, it := range m.items(toks, []float64{1e9}, false) {
		switch it.kind {
		case kBox:
			word += it.w
			natural += it.w
		case kGlue:
			natural += it.w
			word = 0
		case kPenalty:
			word = 0
		}
		widest = max(widest, word)
	}
	return natural, widest
}

// columnWidths shares total among columns: in proportion to their natural
// widths when everything fits, else giving each its widest word and sharing
// the rest in proportion to what more each would take.
func columnWidths(natural, least []float64, total float64) []float64 {
	n := len(natural)
	out := make([]float64, n)
	sumNat, sumLeast := 0.0, 0.0
	for i := range natural {
		natural[i] = max(natural[i], 2*cellPadX+1)
		least[i] = min(max(least[i], 2*cellPadX+1), natural[i])
		sumNat += natural[i]
		sumLeast += least[i]
	}
	switch {
	case sumNat <= total:
		for i := range out {
			out[i] = natural[i] * total / sumNat
		}
	case sumLeast >= total:
		// Every column keeps its padding; the text widths share what is
		// left in proportion to the widest words.
		pad := 2 * cellPadX * float64(n)
		for i := range out {
			out[i] = 2*cellPadX + (least[i]-2*cellPadX)*max(0, total-pad)/(sumLeast-pad)
		}
	default:
		extra := total - sumLeast
		for i := range out {
			out[i] = least[i] + extra*(natural[i]-least[i])/(sumNat-sumLeast)
		}
	}
	return out
}

// tableCaption sets a table's caption above it, centred in small italics
// as a figure's is below its image, and kept with the table's first row.
func (f *flow) tableCaption(caption []doc.Inline) {
	if len(caption) == 0 {
		return
	}
	sty := runStyle{font: FontRef{Family: fonts.Serif, Style: fonts.Italic}, size: captionSize, color: grey.rgb()}
	cw := f.w * 0.85
	rows := f.e.setParagraph(f.e.m.tokenize(caption, sty), paraSpec{x: f.x + (f.w-cw)/2, widths: []float64{cw}, align: doc.AlignCenter, leading: captionSize * 1.3, base: sty})
	for _, r := range rows {
		r.caption, r.kwn = true, true
	}
	f.addRows(rows)
	f.space(4)
}
