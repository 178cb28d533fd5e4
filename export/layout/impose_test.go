package layout

import (
	"slices"
	"testing"

	"github.com/galley-pub/galley/export/options"
)

func TestBookletOrder(t *testing.T) {
	for n, want := range map[int][]int{
		4: {3, 0, 1, 2},
		5: {-1, 0, 1, -1, -1, 2, 3, 4},
		8: {7, 0, 1, 6, 5, 2, 3, 4},
	} {
		if got := bookletOrder(n); !slices.Equal(got, want) {
			t.Errorf("bookletOrder(%d) = %v, want %v", n, got, want)
		}
	}
}

// TestImpose lays the long document out on A5 and imposes it as a booklet
// and two-up on A4: sheet count, size, where page 1 lands, and that
// everything stays on its sheet.
func TestImpose(t *testing.T) {
	d, fsys := longDoc()
	set := loadFonts(t)
	src, err := Layout(d, Options{Paper: A5(), Fonts: set, Resources: fsys}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := len(src.Pages)
	a4 := SheetFor(A5())
	if a4 != A4() {
		t.Fatalf("SheetFor(A5) = %v, want A4", a4)
	}
	for _, c := range []struct {
		how          options.Imposition
		sheets       int
		sheet, right int // where page 1 lands: 0-based sheet, 1 for the right half
	}{
		{Booklet, (n + 3) / 4 * 2, 0, 1},
		{TwoUp, (n + 1) / 2, 0, 0},
	} {
		out, err := Impose(src, c.how, a4)
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Pages) != c.sheets {
			t.Errorf("%s: %d sheets for %d pages, want %d", c.how, len(out.Pages), n, c.sheets)
		}
		for _, p := range out.Pages {
			if p.Width != a4.Height || p.Height != a4.Width {
				t.Fatalf("%s: sheet %gx%g, want landscape A4", c.how, p.Width, p.Height)
			}
			if len(p.Items) != 0 || len(p.Placed) == 0 || len(p.Placed) > 2 {
				t.Errorf("%s: sheet %d has %d items and %d pages placed, want only 1 or 2 pages", c.how, p.Number, len(p.Items), len(p.Placed))
			}
			for _, pl := range p.Placed {
				if pl.X < 0 || pl.Y < 0 || pl.X+pl.Page.Width*pl.Scale > p.Width+0.01 || pl.Y+pl.Page.Height*pl.Scale > p.Height+0.01 {
					t.Errorf("%s: sheet %d: page %d lies off the sheet", c.how, p.Number, pl.Page.Number)
				}
			}
		}
		var got *Placed
		for i, pl := range out.Pages[c.sheet].Placed {
			if pl.Page == src.Pages[0] {
				got = &out.Pages[c.sheet].Placed[i]
			}
		}
		half := float64(c.right) * out.Pages[0].Width / 2
		if got == nil || got.X < half || got.X > half+out.Pages[0].Width/2 {
			t.Errorf("%s: sheet %d: page 1 is not in half %d: %+v", c.how, c.sheet+1, c.right, got)
		}
		if c.how == TwoUp {
			for i, b := range out.Bookmarks {
				if orig := src.Bookmarks[i]; b.Page != (orig.Page+1)/2 {
					t.Errorf("bookmark %q: sheet %d, want %d", b.Title, b.Page, (orig.Page+1)/2)
				}
			}
		} else if len(out.Bookmarks) != 0 {
			t.Errorf("a booklet has %d bookmarks, want none", len(out.Bookmarks))
		}
	}
	if _, err := Impose(src, "four-up", a4); err == nil {
		t.Error("an unknown imposition should be an error")
	}
	if same, _ := Impose(src, OnePerSheet, a4); same != src {
		t.Error("one page a sheet should return the document as it is")
	}
}

// TestHolePunchMargin checks the wider left margin.
func TestHolePunchMargin(t *testing.T) {
	p := A5()
	left, _, right, _ := p.TextBlock()
	p.HolePunch = true
	hl, _, hr, _ := p.TextBlock()
	if hl < 85 || hl <= left || hr != right {
		t.Errorf("hole punch: left %.1f (was %.1f), right %.1f (was %.1f)", hl, left, hr, right)
	}
	d, fsys := longDoc()
	out, err := Layout(d, Options{Paper: p, Fonts: loadFonts(t), Resources: fsys}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, loadFonts(t), p)
}
