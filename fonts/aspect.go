package fonts

import (
	"path/filepath"
	"strings"

	gofont "github.com/go-text/typesetting/font"
)

// styleWords are the weights a font file's name gives, longest words
// first so that "extrabold" is not read as "bold".
var styleWords = [...]struct {
	word   string
	weight gofont.Weight
}{
	{"extralight", gofont.WeightExtraLight},
	{"ultralight", gofont.WeightExtraLight},
	{"extrabold", gofont.WeightExtraBold},
	{"ultrabold", gofont.WeightExtraBold},
	{"semibold", gofont.WeightSemibold},
	{"demibold", gofont.WeightSemibold},
	{"medium", gofont.WeightMedium},
	{"light", gofont.WeightLight},
	{"black", gofont.WeightBlack},
	{"heavy", gofont.WeightBlack},
	{"thin", gofont.WeightThin},
	{"bold", gofont.WeightBold},
}

// namedAspect is a face's aspect as its metadata gives it, corrected by
// its file's name where the metadata says no more than regular, upright
// text: some faces' OS/2 tables give a bold face weight 400 (Debian's
// NotoSerifMyanmar-Bold.ttf), and the bold face was then as good a
// match for regular text as the regular one, and taken first by path.
// The name's style is the part after its last hyphen
// ("NotoSerifMyanmar-BoldItalic.ttf": "bolditalic"), and it names
// every face of a collection.
func namedAspect(path string, a gofont.Aspect) gofont.Aspect {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	i := strings.LastIndexByte(base, '-')
	if i < 0 {
		return a
	}
	style := strings.ToLower(base[i+1:])
	if a.Weight == gofont.WeightNormal {
		for _, w := range styleWords {
			if strings.Contains(style, w.word) {
				a.Weight = w.weight
				break
			}
		}
	}
	if a.Style == gofont.StyleNormal && (strings.Contains(style, "italic") || strings.Contains(style, "oblique")) {
		a.Style = gofont.StyleItalic
	}
	return a
}
