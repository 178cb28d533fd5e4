package layout

// dropBrokenLinks removes the clickable areas of internal links whose
// anchor is nowhere in the document (`[x](#nowhere)`): the passes have
// warned about them at their source position, their text is printed, and
// the PDF drawer refuses a link to an unknown anchor.
func dropBrokenLinks(ld *Document, anchors map[string]string) {
	for _, pg := range ld.Pages {
		kept := pg.Links[:0]
		for _, l := range pg.Links {
			if l.Dest != "" {
				if _, ok := anchors[l.Dest]; !ok {
					continue
				}
			}
			kept = append(kept, l)
		}
		pg.Links = kept
	}
}
