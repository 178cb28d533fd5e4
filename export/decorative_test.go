package export

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

// TestDecorativeImagesAreArtifacts builds a PDF with a described image and
// two decorative ones ({.decorative}, and an HTML img with an empty alt):
// the described one is a Figure with its /Alt, the decorative ones are
// drawn as artifacts, in no structure element, with no warning.
func TestDecorativeImagesAreArtifacts(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdfinfo")
	validate.RequireTool(t, "qpdf")
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		for y := range 20 {
			img.Set(x, y, color.RGBA{uint8(6 * x), 90, 160, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "bar.png", b.String())
	res, err := buildSource(t, dir, "# Doc\n\nText.\n\n![A blue bar](bar.png)\n\n![](bar.png){.decorative}\n\n<img src=\"bar.png\" alt=\"\">\n\nEnd.\n",
		func(o *options.Options) { o.Output.Formats = []Format{PDF} })
	if err != nil {
		t.Fatal(err)
	}
	if got := diagnosticStrings(res); got != "" {
		t.Errorf("diagnostics:\n%s\nwant none", got)
	}
	path := filepath.Join(dir, "out", "doc.pdf")
	validate.PDF(t, path)
	structure := command(t, "pdfinfo", "-struct", path)
	if n := len(regexp.MustCompile(`(?m)^\s*Figure\b`).FindAllString(structure, -1)); n != 1 {
		t.Errorf("%d Figure elements, want the described image's alone:\n%s", n, structure)
	}
	// The content: three image draws, the two decorative ones inside
	// artifact sequences.
	raw := uncompressedPDF(t, path)
	// Each image draw, with the marked-content sequence it is in.
	var open, kinds []string
	for _, m := range regexp.MustCompile(`/(\w+)(?:<<[^>]*>>)? ?BDC|/(Artifact) BMC|\bEMC\b|/Im\d+ Do`).FindAllStringSubmatch(raw, -1) {
		switch {
		case m[1] != "":
			open = append(open, m[1])
		case m[2] != "":
			open = append(open, m[2])
		case m[0] == "EMC":
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		default:
			in := "none"
			if len(open) > 0 {
				in = open[len(open)-1]
			}
			kinds = append(kinds, in)
		}
	}
	if strings.Join(kinds, ",") != "Figure,Artifact,Artifact" {
		t.Errorf("image draws in %q, want the figure's then two artifacts", kinds)
	}
	if !strings.Contains(raw, "/Alt (A blue bar)") {
		t.Error("the figure's /Alt is missing")
	}
}
