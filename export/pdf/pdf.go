// Package pdf draws laid-out pages (package layout) with fpdf and fills in the
// PDF document information. It is the only package that imports fpdf; every
// measuring and line-breaking decision has been made before it runs.
//
// Output is reproducible: the same pages, metadata and modification time give
// byte-identical PDF files.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
)

// defaultDate stands in for a zero modification time, so that output never
// depends on the clock.
func defaultDate() time.Time { return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) }

// Draw turns laid-out pages into PDF bytes; meta fills the document information.
func Draw(ld *layout.Document, meta doc.Meta, modified time.Time) (out []byte, err error) {
	if ld == nil || len(ld.Pages) == 0 {
		return nil, errors.New("pdf: no pages to draw")
	}
	if err := checkPages(ld); err != nil {
		return nil, err
	}
	faces, err := checkFonts(ld)
	if err != nil {
		return nil, err
	}
	bookmarks, err := pageBookmarks(ld.Bookmarks, len(ld.Pages))
	if err != nil {
		return nil, err
	}

	// fpdf indexes slices and maps on input it has not validated; the checks
	// above rule out the known cases, and this turns any other into an error.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("pdf: drawing failed: %v", r)
		}
	}()

	first := ld.Pages[0]
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: first.Width, Ht: first.Height},
	})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	setInfo(f, meta, modified)

	if len(faces) == 0 && len(ld.Bookmarks) > 0 {
		faces = []face{{family: fonts.Serif, style: fonts.Regular}} // for the titles' encoding
	}
	if err := registerFonts(f, ld.Fonts, faces); err != nil {
		return nil, err
	}
	selectFirst(f, faces)
	if err := registerImages(f, ld.Images); err != nil {
		return nil, err
	}
	d := &drawer{
		f:         f,
		images:    imageKeys(ld.Images),
		links:     map[string]int{},
		anchors:   collectAnchors(ld),
		bookmarks: bookmarks,
		lastH:     ld.Pages[len(ld.Pages)-1].Height,
	}
	for _, p := range ld.Pages {
		if err := d.page(p); err != nil {
			return nil, err
		}
	}

	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: writing: %w", err)
	}
	return buf.Bytes(), nil
}

// setInfo fills the document information dictionary and the catalog's
// language; the outline panel opens by itself when there are bookmarks (fpdf
// writes /PageMode /UseOutlines then).
func setInfo(f *fpdf.Fpdf, meta doc.Meta, modified time.Time) {
	if meta.Title != "" {
		f.SetTitle(infoString(meta.Title), true)
	}
	if len(meta.Authors) > 0 {
		f.SetAuthor(infoString(strings.Join(meta.Authors, ", ")), true)
	}
	if meta.Description != "" {
		f.SetSubject(infoString(meta.Description), true)
	}
	if len(meta.Keywords) > 0 {
		f.SetKeywords(infoString(strings.Join(meta.Keywords, ", ")), true)
	}
	f.SetCreator("galley", true)
	f.SetProducer("galley", true)
	f.SetLang(langTag(meta.Lang))
	if modified.IsZero() {
		modified = defaultDate()
	}
	modified = modified.UTC()
	f.SetCreationDate(modified)
	f.SetModificationDate(modified)
}

// infoString makes s safe for fpdf's UTF-16 conversion, which reads past the
// end of truncated UTF-8 and mangles characters outside the Basic
// Multilingual Plane: invalid bytes and such characters become U+FFFD.
func infoString(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// langTag returns lang if it looks like a BCP 47 tag (fpdf writes it into
// the catalog unescaped), else "en".
func langTag(lang string) string {
	if lang == "" || len(lang) > 35 {
		return "en"
	}
	for _, r := range lang {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "en"
		}
	}
	return lang
}

// checkPages rejects page sizes fpdf cannot draw.
func checkPages(ld *layout.Document) error {
	for i, p := range ld.Pages {
		if p == nil {
			return fmt.Errorf("pdf: page %d is missing", i+1)
		}
		if !(p.Width > 0 && p.Height > 0) {
			return fmt.Errorf("pdf: page %d: bad size %gx%g", i+1, p.Width, p.Height)
		}
	}
	return nil
}
