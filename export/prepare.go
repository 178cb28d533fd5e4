package export

import (
	"context"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// prepare checks a read document (from directory dir, in a book's
// directory root) against the limits and its resources against the
// project root, fetching remote images when allowed, and
// returns the file system the renderers read from. Every problem of the
// document is in diags at once; the error is non-nil when there are
// errors.
func (b *Builder) prepare(ctx context.Context, d *doc.Document, dir, root string, opts options.Options, diags *diag.List) (*resolver, error) {
	r, err := newResolver(dir, root, opts)
	if err != nil {
		return nil, err
	}
	checkTree(r.limits, d, diags)
	r.checkResources(ctx, d, opts, diags)
	if err := diags.Err(); err != nil {
		r.Close()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}
