package pdf

import (
	"errors"
	"fmt"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
)

// Render lays out and draws the document.
func Render(d *doc.Document, opts Options, diags *diag.List) ([]byte, error) {
	if d == nil {
		return nil, errors.New("pdf: no document")
	}
	ld, err := layout.Layout(d, opts.Layout, diags)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if ld, err = layout.Impose(ld, opts.Impose, layout.SheetFor(opts.Layout.Paper)); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return Draw(ld, d.Meta, opts.Modified)
}
