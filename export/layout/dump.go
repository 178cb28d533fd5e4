package layout

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/galley-pub/galley/fonts"
)

// Dump writes a text listing of the laid-out document for golden tests: a
// line per page and per item, link, anchor and bookmark, coordinates
// rounded to 0.01 pt. The output is deterministic.
func (d *Document) Dump(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, img := range d.Images {
		if v := img.Vector; v != nil {
			points := 0
			for _, o := range v.Shapes {
				for _, sub := range o.Subpaths {
					points += len(sub)
				}
			}
			fmt.Fprintf(bw, "imagedata %s %s %dx%d %d outlines %d points\n", img.Key, img.Type, img.Width, img.Height, len(v.Shapes), points)
			continue
		}
		n := len(img.Data)
		if r := img.Raster; r != nil {
			n = len(r.RGB) + len(r.Alpha)
		}
		fmt.Fprintf(bw, "imagedata %s %s %dx%d %d bytes\n", img.Key, img.Type, img.Width, img.Height, n)
	}
	for _, b := range d.Bookmarks {
		fmt.Fprintf(bw, "bookmark %d page %d y %s %q\n", b.Level, b.Page, num(b.Y), b.Title)
	}
	for _, p := range d.Pages {
		fmt.Fprintf(bw, "page %d label %q %sx%s\n", p.Number, p.Label, num(p.Width), num(p.Height))
		for it := range Flat(p.Items) {
			dumpItem(bw, it)
		}
		for _, l := range p.Links {
			target := "url " + strconv.Quote(l.URL)
			if l.Dest != "" {
				target = "dest " + strconv.Quote(l.Dest)
			}
			fmt.Fprintf(bw, "  link %s,%s %sx%s %s\n", num(l.X), num(l.Y), num(l.W), num(l.H), target)
		}
		for _, a := range p.Anchors {
			fmt.Fprintf(bw, "  anchor %q y %s\n", a.ID, num(a.Y))
		}
	}
	return bw.Flush()
}

func dumpItem(w io.Writer, it Item) {
	switch it := it.(type) {
	case *Words: // as the texts it stands for
		for i := range it.words {
			t := it.Text(i)
			dumpItem(w, &t)
		}
	case *Text:
		kind := "text"
		switch {
		case it.Contents:
			kind = "text(contents)"
		case it.Hyphen:
			kind = "text(hyphen)"
		case it.Repeat:
			kind = "text(repeat)"
		}
		turned := ""
		if m := it.Turn; m != nil {
			turned = " turned " + num(m.A) + "," + num(m.B) + "," + num(m.C) + "," + num(m.D)
		}
		fmt.Fprintf(w, "  %s %s,%s%s %s-%s %s%s %q%s\n", kind, num(it.X), num(it.Y), turned, familyName(it.Font), it.Font.Style, size(it.Size), colorSuffix(it.Color), it.Text, originSuffix(it.Origin))
	case *Line:
		fmt.Fprintf(w, "  line %s,%s %s,%s w %s%s\n", num(it.X1), num(it.Y1), num(it.X2), num(it.Y2), num(it.Width), colorSuffix(it.Color))
	case *Rect:
		fill, stroke := "-", "-"
		if it.Fill != nil {
			fill = hex(*it.Fill)
		}
		if it.Stroke != nil {
			stroke = hex(*it.Stroke)
		}
		fmt.Fprintf(w, "  rect %s,%s %sx%s fill %s stroke %s w %s\n", num(it.X), num(it.Y), num(it.W), num(it.H), fill, stroke, num(it.LineWidth))
	case *ImageItem:
		fmt.Fprintf(w, "  image %s,%s %sx%s %s\n", num(it.X), num(it.Y), num(it.W), num(it.H), it.Key)
	}
}

// originSuffix shows where a text begins in the tree: its node's line and
// column in the source, and the byte offset in its value.
func originSuffix(o Origin) string {
	if o.Node == nil {
		return ""
	}
	p := o.Node.Position()
	return fmt.Sprintf(" from %d:%d+%d", p.Line, p.Col, o.Offset)
}

func familyName(f FontRef) string {
	switch f.Family {
	case fonts.Sans:
		return "Sans"
	case fonts.Mono:
		return "Mono"
	case fonts.Math:
		return "Math"
	}
	if f.Family.IsFallback() {
		return "Fallback" + strconv.Itoa(int(f.Family))
	}
	return "Serif"
}

// size formats a font size without trailing zeros.
func size(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

func colorSuffix(c RGB) string {
	if c == black.rgb() || c == (RGB{}) {
		return ""
	}
	return " " + hex(c)
}

func hex(c RGB) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// num formats a coordinate rounded to 0.01 pt.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}
