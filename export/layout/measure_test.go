package layout

import (
	"sort"
	"testing"
	"unicode/utf8"
)

// lineLengths returns the characters (spaces included) of each full line
// of body text in out, and the left edges those lines start at: lines of
// body-size serif text that fill at least 95% of a column.
func lineLengths(out *Document, g geometry) (lengths []int, lefts map[float64]int) {
	type key struct {
		page int
		y    float64
	}
	type line struct {
		chars, words int
		x0, x1       float64
	}
	lines := map[key]*line{}
	for _, pg := range out.Pages {
		for _, it := range textItems(pg.Items) {
			t, ok := it.(*Text)
			if !ok || t.Size != bodySize || t.Font.Family != 0 {
				continue
			}
			k := key{pg.Number, t.Y}
			l := lines[k]
			if l == nil {
				l = &line{x0: t.X, x1: t.X + t.Width}
				lines[k] = l
			}
			l.chars += utf8.RuneCountInString(t.Text)
			l.words++
			l.x0, l.x1 = min(l.x0, t.X), max(l.x1, t.X+t.Width)
		}
	}
	lefts = map[float64]int{}
	for _, l := range lines {
		if l.x1-l.x0 >= 0.95*g.width() {
			lengths = append(lengths, l.chars+l.words-1)
			lefts[float64(int(l.x0*10))/10]++
		}
	}
	sort.Ints(lengths)
	return lengths, lefts
}

// TestMeasure checks the default text block on every paper: a full line
// of body text holds 45 to 75 characters (the median 60 to 72, as a LaTeX
// article's 66), and --columns 2 makes two columns of 40 to 60 (A4 and
// Letter; A5's are narrower), side by side, on fewer pages.
func TestMeasure(t *testing.T) {
	set := loadFonts(t)
	for _, p := range []Paper{A4(), Letter(), A5()} {
		d, fsys := longDoc()
		out, err := Layout(d, Options{Paper: p, Fonts: set, Resources: fsys}, nil)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := lineLengths(out, newGeometry(p))
		if len(n) < 50 {
			t.Fatalf("%s: only %d full lines", p.Name, len(n))
		}
		med := n[len(n)/2]
		if n[0] < 45 || n[len(n)-1] > 75 || med < 60 || med > 72 {
			t.Errorf("%s: full lines of %d to %d characters, median %d; want 45–75, median 60–72", p.Name, n[0], n[len(n)-1], med)
		}
		t.Logf("%s: %d full lines of %d to %d characters, median %d; %d pages", p.Name, len(n), n[0], n[len(n)-1], med, len(out.Pages))

		two := p
		two.Columns = 2
		d, fsys = longDoc()
		out2, err := Layout(d, Options{Paper: two, Fonts: set, Resources: fsys}, nil)
		if err != nil {
			t.Fatal(err)
		}
		g := newGeometry(two)
		n2, lefts := lineLengths(out2, g)
		med2 := n2[len(n2)/2]
		if p.Name != "a5" && (med2 < 40 || med2 > 60) {
			t.Errorf("%s, two columns: median line %d characters, want 40–60", p.Name, med2)
		}
		first, second := lefts[float64(int(g.left*10))/10], lefts[float64(int((g.left+g.colStep)*10))/10]
		if first < 20 || second < 20 {
			t.Errorf("%s, two columns: %d full lines start at the first column's edge and %d at the second's: %v", p.Name, first, second, lefts)
		}
		if len(out2.Pages) >= len(out.Pages) {
			t.Errorf("%s: two columns take %d pages, one %d", p.Name, len(out2.Pages), len(out.Pages))
		}
		for _, pg := range out2.Pages {
			for _, it := range textItems(pg.Items) {
				tx, ok := it.(*Text)
				if !ok || tx.Y < g.top || tx.Y > g.bottom {
					continue
				}
				in1 := tx.X >= g.left-0.01 && tx.X+tx.Width <= g.right+0.01
				in2 := tx.X >= g.left+g.colStep-0.01 && tx.X+tx.Width <= g.right+g.colStep+0.01
				if !in1 && !in2 {
					t.Errorf("%s, two columns: page %d: %q at %.1f–%.1f is in neither column", p.Name, pg.Number, tx.Text, tx.X, tx.X+tx.Width)
				}
			}
		}
		t.Logf("%s, two columns: median line %d characters; %d pages", p.Name, med2, len(out2.Pages))
	}
}
