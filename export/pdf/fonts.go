package pdf

import (
	"crypto/sha256"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"unicode"

	gofont "github.com/go-text/typesetting/font"

	"github.com/galley-pub/galley/export/internal/parallel"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/fonts/subset"
)

// embedded is one face as the PDF embeds it: a Type0 font with Identity-H
// encoding whose codes are the glyph ids of a subset of the face. A glyph
// gets its id in the subset as the pages first draw it (fontTable.use),
// so that a page is drawn before the pages after it are known; the
// subset is made at the end (subset), of the glyphs in that order.
type embedded struct {
	key    layout.FontRef
	res    string   // the resource name, "F1"…
	order  []uint16 // the glyphs used, in the order first met: glyph order[i] is i+1 in the subset
	newID  []uint16 // the subset's id of each glyph used, by its id in the face (0: not used, or glyph 0)
	widths []int32  // each used glyph's advance in thousandths of an em, as /W says, by its id in the face
	toUni  []string // the text each subset glyph stands for, by its id in the subset
	space  uint16   // the face's space glyph, 0 if it has none
	cff    bool     // the face's outlines are CFF (CIDFontType0), else TrueType
	data   []byte   // the subset font program
	bbox   [4]int
	face   *fonts.Face
	cmap   gofont.Cmap // the face's characters' nominal glyphs
	shaped *gofont.Face
	upem   float64
	psName string
}

// fontTable is the faces the pages use, each embedded as the pages first
// use it: its resource name is F1, F2… in that order.
type fontTable struct {
	set   *fonts.Set
	byKey map[layout.FontRef]*embedded
	list  []*embedded // in the order first used
}

func newFontTable(set *fonts.Set) *fontTable {
	return &fontTable{set: set, byKey: map[layout.FontRef]*embedded{}}
}

// use records that font draws glyphs, embedding the face the first time.
func (ft *fontTable) use(font layout.FontRef, glyphs []layout.Glyph) error {
	if len(glyphs) == 0 {
		return nil
	}
	e := ft.byKey[font]
	if e == nil {
		if font.Family < fonts.Serif || font.Family > fonts.Math+fonts.Family(len(ft.set.Fallbacks())) {
			return fmt.Errorf("pdf: unknown font family %d", font.Family)
		}
		e = openEmbedded(ft.set, font, fmt.Sprintf("F%d", len(ft.list)+1))
		ft.byKey[font] = e
		ft.list = append(ft.list, e)
	}
	for _, g := range glyphs {
		if int(g.ID) >= len(e.newID) || e.newID[g.ID] == 0 && g.ID != 0 {
			e.use(g.ID) // met for the first time
		}
	}
	return nil
}

// pageFonts returns, for the faces of page p, copies of their embedded
// fonts as they stand: what drawing the page reads (the ids and widths of
// its glyphs), while the pages after it give their glyphs ids. The first
// face embedded is always among them (for content.invisibleSpace).
func (ft *fontTable) pageFonts(items []layout.Item) map[layout.FontRef]*embedded {
	out := map[layout.FontRef]*embedded{}
	add := func(font layout.FontRef) {
		if e := ft.byKey[font]; e != nil && out[font] == nil {
			v := *e
			out[font] = &v
		}
	}
	if len(ft.list) > 0 {
		add(ft.list[0].key)
	}
	for it := range layout.Settled(items) {
		switch t := it.(type) {
		case *layout.Text:
			if t != nil {
				add(t.Font.Face())
			}
		case *layout.Words:
			add(t.Font.Face())
		}
	}
	return out
}

// openEmbedded embeds font, named res: its glyphs get their ids as they
// are used, the space glyph (which goes between the words of a line, see
// content.text) the first.
func openEmbedded(set *fonts.Set, font layout.FontRef, res string) *embedded {
	ft := set.Font(font.Family, font.Style)
	e := &embedded{key: font, res: res, cmap: ft.Cmap, shaped: gofont.NewFace(ft), upem: float64(ft.Upem()), toUni: []string{""}}
	if e.upem == 0 {
		e.upem = 1000
	}
	e.face = set.Face(font.Family, font.Style)
	e.bbox = e.face.BBox
	if g, ok := ft.Cmap.Lookup(' '); ok && g != 0 {
		e.space = uint16(g)
		e.use(e.space)
		e.toUni[e.newID[e.space]] = " "
	}
	return e
}

// use gives glyph g an id in the subset, if it has none yet, and reads
// its width.
func (e *embedded) use(g uint16) {
	if int(g) >= len(e.newID) {
		n := max(int(g)+1, 2*len(e.newID), 256)
		e.newID = append(e.newID, make([]uint16, n-len(e.newID))...)
		e.widths = append(e.widths, make([]int32, n-len(e.widths))...)
	}
	if g == 0 || e.newID[g] != 0 {
		return
	}
	e.order = append(e.order, g)
	e.newID[g] = uint16(len(e.order))
	e.toUni = append(e.toUni, "")
	e.widths[g] = int32(math.Round(float64(e.shaped.HorizontalAdvance(gofont.GID(g))) * 1000 / e.upem))
}

// subsetFonts subsets every face, on every core, once every glyph drawn
// has its id.
func subsetFonts(set *fonts.Set, list []*embedded) error {
	// A goroutine a core, not a face: each holds its face's font program
	// (a CJK one's CFF is 20 MB) while it subsets it.
	errs := make([]error, len(list))
	parallel.Each(len(list), func() (struct{}, error) { return struct{}{}, nil }, func(_ struct{}, i int) error {
		errs[i] = list[i].subset(set)
		return nil
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// subset makes the subset of the face: glyph 0 and the glyphs used, in
// the order they were first used (and a TrueType composite's components
// after them).
func (e *embedded) subset(set *fonts.Set) error {
	prog, err := set.Program(e.key.Family, e.key.Style)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	e.cff = prog.CFF // the program itself is let go of once subset
	var newID map[uint16]uint16
	err = prog.Use(func(data []byte) (err error) {
		if prog.CFF {
			e.data, newID, err = subset.CFF(data, e.order)
		} else {
			e.data, newID, err = subset.Glyphs(data, e.order)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("pdf: %s: %w", prog.Name, err)
	}
	for _, g := range e.order {
		if newID[g] != e.newID[g] {
			return fmt.Errorf("pdf: %s: glyph %d is %d in the subset, not %d", prog.Name, g, newID[g], e.newID[g])
		}
	}
	sum := sha256.New()
	for _, g := range e.order {
		sum.Write([]byte{byte(g >> 8), byte(g)})
	}
	tag := make([]byte, 6)
	for i, c := range sum.Sum(nil)[:6] {
		tag[i] = 'A' + c%26
	}
	e.psName = string(tag) + "+" + postScriptName(prog.Name)
	return nil
}

// postScriptName makes a font's file name into a PostScript name:
// "NotoSerif-Bold.ttf" → "NotoSerif-Bold", "NotoSansCJK-Regular.ttc#2" →
// "NotoSansCJK-Regular-2".
func postScriptName(file string) string {
	file, index, _ := strings.Cut(file, "#") // a face in a collection
	file = strings.TrimSuffix(file, filepath.Ext(file))
	if index != "" {
		file += "-" + index
	}
	var b strings.Builder
	for _, r := range file {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}

// write writes the font's objects, its Type0 font as object type0.
func (e *embedded) write(w *writer, type0 ref) {
	cid, desc, file, cmap := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	sub := "CIDFontType2"
	fileKey := "FontFile2"
	if e.cff {
		sub, fileKey = "CIDFontType0", "FontFile3"
	}
	w.objectf(type0, "<</Type/Font/Subtype/Type0/BaseFont%s/Encoding/Identity-H/DescendantFonts[%s]/ToUnicode %s>>",
		name(e.psName), cid, cmap)
	extra := ""
	if !e.cff {
		extra = "/CIDToGIDMap/Identity"
	}
	w.objectf(cid, "<</Type/Font/Subtype/%s/BaseFont%s/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor %s/DW 1000/W%s%s>>",
		sub, name(e.psName), desc, e.widthArray(), extra)
	flags := 4 // symbolic
	if e.key.Family == fonts.Mono {
		flags |= 1
	}
	if e.key.Style&fonts.Italic != 0 {
		flags |= 64
	}
	italic := 0
	if e.key.Style&fonts.Italic != 0 {
		italic = -12
	}
	w.objectf(desc, "<</Type/FontDescriptor/FontName%s/Flags %d/FontBBox[%d %d %d %d]/ItalicAngle %d/Ascent %d/Descent %d/CapHeight %d/StemV 80/%s %s>>",
		name(e.psName), flags, e.bbox[0], e.bbox[1], e.bbox[2], e.bbox[3], italic,
		int(math.Round(e.face.Ascent)), int(math.Round(e.face.Descent)), int(math.Round(e.face.CapHeight)), fileKey, file)
	if e.cff {
		w.stream(file, "/Subtype/CIDFontType0C", w.z.deflate(e.data), true)
	} else {
		w.stream(file, fmt.Sprintf("/Length1 %d", len(e.data)), w.z.deflate(e.data), true)
	}
	w.stream(cmap, "", w.z.deflate(e.toUnicode()), true)
}

// widthArray is the /W array: each subset glyph's width, in runs of
// consecutive ids.
func (e *embedded) widthArray() string {
	type gw struct{ id, w int }
	list := make([]gw, len(e.order))
	for i, old := range e.order { // in the order of their ids, 1…
		list[i] = gw{i + 1, int(e.widths[old])}
	}
	var b []byte
	b = append(b, '[')
	for i := 0; i < len(list); {
		j := i + 1
		for j < len(list) && list[j].id == list[j-1].id+1 {
			j++
		}
		b = fmt.Appendf(b, "%d[", list[i].id)
		for k := i; k < j; k++ {
			if k > i {
				b = append(b, ' ')
			}
			b = fmt.Appendf(b, "%d", list[k].w)
		}
		b = append(b, ']')
		i = j
	}
	return string(append(b, ']'))
}

// toUnicode is the ToUnicode CMap: the text each glyph stands for.
func (e *embedded) toUnicode() []byte {
	var ids []int
	for id, u := range e.toUni {
		if u != "" {
			ids = append(ids, id)
		}
	}
	var b []byte
	b = append(b, "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n"...)
	for i := 0; i < len(ids); i += 100 {
		chunk := ids[i:min(i+100, len(ids))]
		b = fmt.Appendf(b, "%d beginbfchar\n", len(chunk))
		for _, id := range chunk {
			b = fmt.Appendf(b, "<%04X><", id)
			for _, u := range utf16Units(e.toUni[uint16(id)]) {
				b = fmt.Appendf(b, "%04X", u)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n"...)
}
