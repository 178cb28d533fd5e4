package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// ManifestSchema names the version of the manifest's layout. A change that
// removes or renames a field changes it; new fields may be added without.
const ManifestSchema = "galley-manifest/1"

// manifest is what --manifest writes: every document of the batch and
// every artifact written, in input order. Fields are written in this order.
type manifest struct {
	Schema    string             `json:"schema"`
	Generator string             `json:"generator"`
	Documents []manifestDocument `json:"documents"`
	Artifacts []manifestArtifact `json:"artifacts"`
	Totals    manifestTotals     `json:"totals"`
}

type manifestDocument struct {
	Input    string `json:"input"`
	Kind     string `json:"kind"` // "handout" or "book"
	Title    string `json:"title"`
	Status   string `json:"status"` // "ok" or "failed"
	Warnings int    `json:"warnings"`
	Errors   int    `json:"errors"`
}

type manifestArtifact struct {
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

type manifestTotals struct {
	Documents int `json:"documents"`
	Failed    int `json:"failed"`
	Artifacts int `json:"artifacts"`
	Pages     int `json:"pages"`
	Warnings  int `json:"warnings"`
	Errors    int `json:"errors"`
}

// newManifest describes a finished batch.
func newManifest(outs []outcome) manifest {
	m := manifest{Schema: ManifestSchema, Generator: "galley " + version, Documents: []manifestDocument{}, Artifacts: []manifestArtifact{}}
	for _, o := range outs {
		w, e := o.counts()
		d := manifestDocument{Input: o.input, Kind: "handout", Status: "ok", Warnings: w, Errors: e}
		if o.res != nil {
			d.Title = o.res.Title
			if o.res.Book {
				d.Kind = "book"
			}
		}
		m.Totals.Documents++
		m.Totals.Warnings += w
		m.Totals.Errors += e
		if o.err != nil {
			d.Status = "failed"
			m.Totals.Failed++
		} else {
			for _, a := range o.res.Artifacts {
				m.Artifacts = append(m.Artifacts, manifestArtifact{Path: filepath.ToSlash(a.Path), Format: string(a.Format), Bytes: a.Bytes,
					SHA256: a.SHA256, Pages: a.Pages, Chapters: a.Chapters, Input: o.input, Title: o.res.Title, Warnings: w})
				m.Totals.Artifacts++
				m.Totals.Pages += a.Pages
			}
		}
		m.Documents = append(m.Documents, d)
	}
	return m
}

// writeManifest writes the manifest as indented JSON through a temporary
// file renamed into place.
func writeManifest(path string, outs []outcome) error {
	j, err := json.MarshalIndent(newManifest(outs), "", "  ")
	if err != nil {
		return err
	}
	j = append(j, '\n')
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	_, werr := tmp.Write(j)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing manifest %s: %w", path, errorsJoin(werr, cerr))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing manifest %s: %w", path, err)
	}
	return nil
}

func errorsJoin(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
