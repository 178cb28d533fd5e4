package export

import (
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/passes"
)

// startChecks runs passes.Check on d on its own goroutine: those checks
// only read the tree, as the renderers do, and a large book's took a
// tenth of a second or more of one core before the layout could start.
// The returned function waits for them and adds their warnings to diags;
// a panic among them is its error.
func startChecks(d *doc.Document, opts passes.Options) func(diags *diag.List) error {
	checked := guard.Go(func() (*diag.List, error) {
		var found diag.List
		passes.Check(d, opts, &found)
		return &found, nil
	})
	return func(diags *diag.List) error {
		found, err := checked()
		if found != nil {
			diags.Merge(found)
		}
		return err
	}
}
