package export

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/galley-pub/galley/covers"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/pdf/layout"
)

// layoutPrint lays out the PDF handout once, before anything is drawn: the
// PDF draws these pages and the EPUB takes its print page list from them.
// When only the EPUB is wanted the layout's warnings are not reported (they
// are about the PDF).
func (b *Builder) layoutPrint(d *doc.Document, path string, cover *covers.Image, opts Options, formats []Format, diags *diag.List) (*printLayout, error) {
	paper, err := PaperFor(opts.Paper, d.Meta.Lang)
	if err != nil {
		return nil, err
	}
	lo := layout.Options{Paper: paper, Fonts: b.fonts, TOCDepth: opts.TOCDepth, Resources: os.DirFS(filepath.Dir(path))}
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
