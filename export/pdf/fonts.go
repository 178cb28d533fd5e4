package pdf

import (
	"crypto/sha256"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	gofont "github.com/go-text/typesetting/font"

	"github.com/galley-pub/galley/export/internal/parallel"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/fonts/subset"
)

// embedded is one face as the PDF embeds it: a Type0 font with Identity-H
// encoding whose codes are the glyph ids of a subset of the face.
type embedded struct {
	key    layout.FontRef
	res    string // the resource name, "F1"…
	used   map[uint16]bool
	seen   []bool   // used, as a table by glyph id, while the pages are read
	cff    bool     // the face's outlines are CFF (CIDFontType0), else TrueType
	data   []byte   // the subset font program
	newID  []uint16 // the subset's id of each glyph used, by its id in the face
	widths []int32  // each used glyph's advance in thousandths of an em, as /W says, by its id in the face
	toUni  []string // the text each subset glyph stands for, by its id in the subset
	bbox   [4]int
	space  uint16 // the face's space glyph, 0 if it has none
	face   *fonts.Face
	cmap   gofont.Cmap // the face's characters' nominal glyphs
	psName string
}

// collectFonts lists the faces the texts of pages and of the pages placed
// on them use, each with the glyphs it draws, in a fixed order.
func collectFonts(pages, placed []*layout.Page) ([]*embedded, map[layout.FontRef]*embedded) {
	byKey := map[layout.FontRef]*embedded{}
	use := func(font layout.FontRef, glyphs []layout.Glyph) {
		if len(glyphs) == 0 {
			return
		}
		e := byKey[font]
		if e == nil {
			e = &embedded{key: font, used: map[uint16]bool{}, seen: make([]bool, 1<<16)}
			byKey[font] = e
		}
		for _, g := range glyphs {
			if !e.seen[g.ID] {
				e.seen[g.ID] = true
				e.used[g.ID] = true
			}
		}
	}
	for _, p := range slices.Concat(pages, placed) {
		for it := range layout.Flat(p.Items) {
			switch t := it.(type) {
			case *layout.Text:
				if t != nil {
					use(t.Font.Face(), t.Glyphs)
				}
			case *layout.Words:
				for i := range t.Len() {
					_, glyphs := t.Word(i)
					use(t.Font.Face(), glyphs)
				}
			}
		}
	}
	list := make([]*embedded, 0, len(byKey))
	for _, e := range byKey {
		list = append(list, e)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i].key, list[j].key
		if a.Family != b.Family {
			return a.Family < b.Family
		}
		return a.Style < b.Style
	})
	for i, e := range list {
		e.res = fmt.Sprintf("F%d", i+1)
	}
	return list, byKey
}

// prepareFonts subsets every face, on every core.
func prepareFonts(set *fonts.Set, list []*embedded) error {
	// A goroutine a core, not a face: each holds its face's font program
	// (a CJK one's CFF is 20 MB) while it subsets it.
	errs := make([]error, len(list))
	parallel.Each(len(list), func() (struct{}, error) { return struct{}{}, nil }, func(_ struct{}, i int) error {
		errs[i] = list[i].prepare(set)
		return nil
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// prepare subsets the face to the glyphs used and reads their widths.
func (e *embedded) prepare(set *fonts.Set) error {
	prog, err := set.Program(e.key.Family, e.key.Style)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	e.cff = prog.CFF // the program itself is let go of once subset
	ft := set.Font(e.key.Family, e.key.Style)
	e.cmap = ft.Cmap
	// The space glyph goes between the words of a line (see content.text).
	if g, ok := ft.Cmap.Lookup(' '); ok && g != 0 {
		e.space = uint16(g)
		e.used[e.space] = true
	}
	gids := make([]uint16, 0, len(e.used))
	for g := range e.used {
		gids = append(gids, g)
	}
	slices.Sort(gids)
	var newID map[uint16]uint16
	err = prog.Use(func(data []byte) (err error) {
		if prog.CFF {
			e.data, newID, err = subset.CFF(data, gids)
		} else {
			e.data, newID, err = subset.Glyphs(data, gids)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("pdf: %s: %w", prog.Name, err)
	}
	// Dense tables: the content looks each glyph up in them.
	top := 0
	if len(gids) > 0 {
		top = int(gids[len(gids)-1])
	}
	e.newID = make([]uint16, top+1)
	maxNew := 0
	for old, id := range newID {
		e.newID[old] = id
		maxNew = max(maxNew, int(id))
	}
	e.toUni = make([]string, maxNew+1)
	if e.space != 0 {
		e.toUni[e.newID[e.space]] = " "
	}
	face := gofont.NewFace(ft)
	upem := float64(ft.Upem())
	if upem == 0 {
		upem = 1000
	}
	e.widths = make([]int32, top+1)
	for _, g := range gids {
		e.widths[g] = int32(math.Round(float64(face.HorizontalAdvance(gofont.GID(g))) * 1000 / upem))
	}
	e.face = set.Face(e.key.Family, e.key.Style)
	e.bbox = e.face.BBox
	sum := sha256.New()
	for _, g := range gids {
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
	var list []gw
	for old := range e.used {
		list = append(list, gw{int(e.newID[old]), int(e.widths[old])})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
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
