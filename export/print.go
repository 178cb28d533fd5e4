package export

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/galley-pub/galley/covers"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
)

// layoutPrint lays out the PDF handout once, before anything is drawn: the
// PDF draws these pages and the EPUB takes its print page list from them.
// When only the EPUB is wanted the layout's warnings are not reported (they
// are about the PDF).
func (b *Builder) layoutPrint(d *doc.Document, set *fonts.Set, path string, resources fs.FS, cover *covers.Image, opts Options, formats []Format, diags *diag.List) (*printLayout, error) {
	name := opts.Paper
	if name == "" && opts.Impose == string(layout.Booklet) {
		name = "a5"
	}
	paper, err := PaperFor(name, d.Meta.Lang)
	if err != nil {
		return nil, err
	}
	paper.HolePunch = opts.HolePunch
	lo := layout.Options{Paper: paper, Fonts: set, TOCDepth: opts.TOCDepth, Resources: resources,
		ChapterStart: opts.ChapterStart, RaggedRight: opts.Ragged, QR: opts.QR}
	if opts.PDFCover && cover != nil {
		lo.Cover = &layout.ImageData{Key: "cover", Type: imageType(cover.MediaType), Data: cover.Data, Width: cover.Width, Height: cover.Height}
	}
	if !slices.Contains(formats, PDF) {
		diags = new(diag.List)
	}
	ld, err := layout.Layout(d, lo, diags)
	if err != nil {
		return nil, fmt.Errorf("%s: PDF: layout: %w", path, err)
	}
	return &printLayout{pages: ld, paper: paper}, nil
}

// printLayout is the laid-out PDF handout and its paper.
type printLayout struct {
	pages *layout.Document
	paper layout.Paper
}

// printSource names the print edition in the EPUB (dc:source).
func printSource(d *doc.Document, paper layout.Paper) string {
	title := strings.TrimSpace(d.Meta.Title)
	if title == "" {
		title = "Untitled"
	}
	return title + ", PDF handout (" + strings.ToUpper(paper.Name) + ")"
}
