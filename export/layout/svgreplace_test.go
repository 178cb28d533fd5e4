package layout

import (
	"regexp"
	"testing"
)

// replaceCases are inputs for replaceNear's three expressions: paints as
// attributes and in styles, white space of every kind before them, the
// words inside values, words that are parts of longer ones, words at the
// ends of the text, and transforms after word characters.
var replaceCases = []string{
	`<rect fill="red" stroke='blue'/>`,
	`<rect style="fill:red;stroke : blue"/>`,
	`<g style="fill:  #000;	stroke:rgba(0,0,0,.5)">`,
	"<rect\tfill\n=\r\"red\"\fstroke='x'/>",
	`<style>.a{fill:red} .b {stroke:blue;} ;  stop-color:x</style>`,
	`fill="a"`, ` fill="a"`, `;fill:a`, `{fill:b`, `'stroke:c`, `"stop-color:d"`,
	`<rect xfill="a" fill-opacity="b" stroke-width="2" fillfill="c"/>`,
	`<text>fill stroke fill: stroke = "x"</text>`,
	`<rect fill="fill" stroke="stroke: red"/>`,
	`<rect fill=""/><rect fill="a" fill="b"/>`,
	`;;  ; fill:red`, `"  "fill:red`, `{ {fill:a}`, `x  fill:red`, "a\t \tstroke:b", `x  fill="a"`,
	`<g transform="translate(1,2) scale(3)" gradientTransform="x" xtransform="y" _transform="z" -transform="w">`,
	`transform='a'`, `<g transform = "a" transform="b">`, `é transform="a"`,
	`fill`, ` fill`, `stroke=`, ` stroke="`, ``,
}

// replaceExpressions are the expressions replaceNear runs, each anchored,
// with its words and where each match begins.
var replaceExpressions = []struct {
	name      string
	re, at    *regexp.Regexp
	words     []string
	beginning func(*nearScan, int, int, int) int
}{
	{"paintAttr", paintAttr, paintAttrAt, paintWords, paintAttrFrom},
	{"paintDecl", paintDecl, paintDeclAt, paintWords, paintDeclFrom},
	{"transformAttr", transformAttr, transformAttrAt, []string{"transform"}, transformFrom},
}

// bracketed marks a match, so that a match found elsewhere or missed
// changes the output.
func bracketed(m []byte) []byte { return append(append([]byte("["), m...), ']') }

// checkReplaceNear compares replaceNear with ReplaceAllFunc on s.
func checkReplaceNear(t *testing.T, s string) {
	t.Helper()
	for _, e := range replaceExpressions {
		want := string(e.re.ReplaceAllFunc([]byte(s), bracketed))
		if got := string(replaceNear(e.at, []byte(s), e.words, e.beginning, bracketed)); got != want {
			t.Errorf("%s on %q:\n got %q\nwant %q", e.name, s, got, want)
		}
	}
}

// TestReplaceNear: replaceNear finds the matches ReplaceAllFunc finds,
// for each of its expressions, on each of replaceCases.
func TestReplaceNear(t *testing.T) {
	for _, s := range replaceCases {
		checkReplaceNear(t, s)
	}
}

func FuzzReplaceNear(f *testing.F) {
	for _, s := range replaceCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkReplaceNear(t, s)
	})
}
