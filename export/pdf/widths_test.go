package pdf

import (
	"math"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/galley-pub/galley/fonts"
)

// widthSample mixes Latin, Vietnamese, Greek, Cyrillic and punctuation.
const widthSample = "Quick brown fox, jumps! Tiếng Việt: đường phố. Ελληνικά λόγια; Русский текст — «да» “ok” (1–2)… ?"

// TestFaceWidthsMatchFpdf guards the contract between layout and this
// adapter: the widths layout measures with package fonts are the widths
// fpdf draws, for every embedded face.
func TestFaceWidthsMatchFpdf(t *testing.T) {
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, fam := range fonts.Families() {
		for _, st := range fonts.Styles() {
			fc := faceOf(layoutRef(fam, st))
			if seen[fc.String()] {
				continue
			}
			seen[fc.String()] = true
			t.Run(fc.String(), func(t *testing.T) {
				metrics := set.Face(fc.family, fc.style)
				for _, r := range widthSample {
					if !metrics.Has(r) {
						t.Fatalf("%s lacks %q (%U)", fc, r, r)
					}
				}
				data, err := fonts.Data(fc.family, fc.style)
				if err != nil {
					t.Fatal(err)
				}
				f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt"})
				f.AddUTF8FontFromBytes(fc.name(), fc.styleString(), data)
				f.SetFont(fc.name(), fc.styleString(), 11)
				got := f.GetStringWidth(widthSample)
				if err := f.Error(); err != nil {
					t.Fatal(err)
				}
				want := metrics.Width(widthSample, 11)
				if math.Abs(got-want) > 0.001 || want == 0 {
					t.Errorf("fpdf width %.4f pt, fonts.Face width %.4f pt", got, want)
				}
			})
		}
	}
	if len(seen) != 10 {
		t.Errorf("checked %d faces, want 10", len(seen))
	}
}
