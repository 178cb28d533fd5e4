package export

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
)

// ManifestSchema names the version of the manifest's layout. A change that
// removes or renames a field changes it; new fields may be added without.
const ManifestSchema = "galley-manifest/1"

// Manifest is what --manifest writes: every document of a batch and every
// artifact written, in input order. Fields are written in this order.
type Manifest struct {
	Schema    string             `json:"schema"`
	Generator string             `json:"generator"`
	Documents []ManifestDocument `json:"documents"`
	Artifacts []ManifestArtifact `json:"artifacts"`
	Totals    ManifestTotals     `json:"totals"`
}

// ManifestDocument is one input of the batch.
type ManifestDocument struct {
	Input    string `json:"input"`
	Kind     string `json:"kind"` // "handout" or "book"
	Title    string `json:"title"`
	Status   string `json:"status"` // "ok" or "failed"
	Warnings int    `json:"warnings"`
	Errors   int    `json:"errors"`
}

// ManifestArtifact is one file written.
type ManifestArtifact struct {
	Path     string `json:"path"`
	Format   string `json:"format"`
	Bytes    int    `json:"bytes"`
	SHA256   string `json:"sha256"`
	Pages    int    `json:"pages,omitempty"`
	Chapters int    `json:"chapters,omitempty"`
	Input    string `json:"input"`
	Title    string `json:"title"`
	Warnings int    `json:"warnings"`
}

// ManifestTotals sums the batch.
type ManifestTotals struct {
	Documents int `json:"documents"`
	Failed    int `json:"failed"`
	Artifacts int `json:"artifacts"`
	Pages     int `json:"pages"`
	Warnings  int `json:"warnings"`
	Errors    int `json:"errors"`
}

// NewManifest describes a finished batch; generator names the program
// ("galley 1.0").
func NewManifest(outs []Outcome, generator string) Manifest {
	m := Manifest{Schema: ManifestSchema, Generator: generator, Documents: []ManifestDocument{}, Artifacts: []ManifestArtifact{}}
	for _, o := range outs {
		w, e := o.Counts()
		d := ManifestDocument{Input: o.Input, Kind: "handout", Status: "ok", Warnings: w, Errors: e}
		if o.Result != nil {
			d.Title = o.Result.Title
			if o.Result.Book {
				d.Kind = "book"
			}
		}
		m.Totals.Documents++
		m.Totals.Warnings += w
		m.Totals.Errors += e
		if o.Err != nil {
			d.Status = "failed"
			m.Totals.Failed++
		} else {
			for _, a := range o.Result.Artifacts {
				m.Artifacts = append(m.Artifacts, ManifestArtifact{Path: filepath.ToSlash(a.Path), Format: string(a.Format), Bytes: a.Bytes,
					SHA256: a.SHA256, Pages: a.Pages, Chapters: a.Chapters, Input: o.Input, Title: o.Result.Title, Warnings: w})
				m.Totals.Artifacts++
				m.Totals.Pages += a.Pages
			}
		}
		m.Documents = append(m.Documents, d)
	}
	return m
}

// Write writes the manifest to path as indented JSON, atomically (staged
// like the artifacts, then renamed).
func (m Manifest) Write(path string) error {
	j, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return writeAll(context.Background(), []Artifact{{Path: path}}, [][][]byte{{append(j, '\n')}}, []*stagingFile{nil}, "")
}
