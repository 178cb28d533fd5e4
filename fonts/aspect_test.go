package fonts

import (
	"testing"

	gofont "github.com/go-text/typesetting/font"
)

// TestNamedAspect: a face whose metadata says regular and upright takes
// the weight and slant its file's name gives; metadata that says more is
// kept, and a name with no style, or only the family's, changes nothing.
func TestNamedAspect(t *testing.T) {
	regular := gofont.Aspect{Style: gofont.StyleNormal, Weight: gofont.WeightNormal, Stretch: gofont.StretchNormal}
	with := func(w gofont.Weight, s gofont.Style) gofont.Aspect {
		a := regular
		a.Weight, a.Style = w, s
		return a
	}
	for _, c := range []struct {
		path string
		meta gofont.Aspect
		want gofont.Aspect
	}{
		{"/usr/share/fonts/NotoSerifMyanmar-Bold.ttf", regular, with(gofont.WeightBold, gofont.StyleNormal)},
		{"/usr/share/fonts/NotoSerifMyanmar-Regular.ttf", regular, regular},
		{"/f/Foo-ExtraBoldItalic.otf", regular, with(gofont.WeightExtraBold, gofont.StyleItalic)},
		{"/f/Foo-SemiBold.ttf", regular, with(gofont.WeightSemibold, gofont.StyleNormal)},
		{"/f/Foo-ExtraLight.ttf", regular, with(gofont.WeightExtraLight, gofont.StyleNormal)},
		{"/f/Foo-Oblique.ttf", regular, with(gofont.WeightNormal, gofont.StyleItalic)},
		{"/f/Foo-Bold.ttc", regular, with(gofont.WeightBold, gofont.StyleNormal)},
		// The metadata's own weight stands.
		{"/f/Foo-Bold.ttf", with(gofont.WeightMedium, gofont.StyleNormal), with(gofont.WeightMedium, gofont.StyleNormal)},
		// No hyphen, or the words only in the family's part of the name.
		{"/f/FooBold.ttf", regular, regular},
		{"/f/Boldface-Regular.ttf", regular, regular},
		{"/f/bold-dir/Foo-Regular.ttf", regular, regular},
	} {
		if got := namedAspect(c.path, c.meta); got != c.want {
			t.Errorf("%s with %+v: %+v, want %+v", c.path, c.meta, got, c.want)
		}
	}
}
