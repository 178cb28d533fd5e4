package layout

import (
	"math"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// TestRuby: ruby's annotation is set over its base, centred, at half its
// size and an em above its baseline, taking no width of its own; an
// annotation longer than its base overhangs it, but not the annotation
// before it in the same ruby; and the line is made taller for it.
func TestRuby(t *testing.T) {
	set, _, err := loadFonts(t).WithFallbacks(fonts.FallbackOptions{System: true, Lang: "ja"}, []rune("漢字東京をかんじとうきょう"))
	if err != nil || !set.Covers('漢') {
		validate.Missing(t, "a system font that draws Japanese", "apt-get install fonts-noto-cjk")
	}
	rt := func(s string) *doc.Span {
		return &doc.Span{Attr: doc.Attr{Classes: []string{doc.RubyTextClass}}, Content: []doc.Inline{&doc.Text{Value: s}}}
	}
	ruby := &doc.Span{Attr: doc.Attr{Classes: []string{doc.RubyClass}}, Content: []doc.Inline{
		&doc.Text{Value: "漢字"}, rt("かんじ")}}
	tokyo := &doc.Span{Attr: doc.Attr{Classes: []string{doc.RubyClass}}, Content: []doc.Inline{
		&doc.Text{Value: "東"}, rt("とう"), &doc.Text{Value: "京"}, rt("きょう")}}
	d := &doc.Document{Meta: doc.Meta{Lang: "ja"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{ruby, &doc.Text{Value: "を"}, tokyo, &doc.Text{Value: "へ"}}},
	}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]Text{}
	for _, pt := range textsOf(out.Pages) {
		at[pt.text.Text] = pt.text
	}
	base, kanji := at["漢字"], at["かんじ"]
	if base.Size != bodySize || kanji.Size != bodySize*rubySize || math.Abs(base.Y-kanji.Y-bodySize*rubyRise) > 1e-6 {
		t.Fatalf("base %q at y %.2f, size %.2f; annotation %q at y %.2f, size %.2f", base.Text, base.Y, base.Size, kanji.Text, kanji.Y, kanji.Size)
	}
	if mid, over := base.X+base.Width/2, kanji.X+kanji.Width/2; math.Abs(mid-over) > 1e-6 {
		t.Errorf("かんじ centred at %.2f, its base at %.2f", over, mid)
	}
	// The annotations take no width: what follows a base starts where
	// it ends ("を" after 漢字, 東 after を, "へ" after 京).
	if next := at["を"]; math.Abs(next.X-(base.X+base.Width)) > 1e-6 {
		t.Errorf("を at %.2f, 漢字 ends at %.2f: the annotation took width", next.X, base.X+base.Width)
	}
	if wo, east := at["を"], at["東"]; math.Abs(east.X-(wo.X+wo.Width)) > 1e-6 {
		t.Errorf("東 at %.2f, を ends at %.2f", east.X, wo.X+wo.Width)
	}
	// Each base and annotation is its own text, whose source is its
	// first text node, for the PDF to tag it (RB, RT); the paragraph's
	// own text has the paragraph.
	for text, want := range map[string]doc.Node{"漢字": ruby.Content[0], "かんじ": ruby.Content[1].(*doc.Span).Content[0],
		"東": tokyo.Content[0], "きょう": tokyo.Content[3].(*doc.Span).Content[0], "を": d.Blocks[0]} {
		if got := at[text].Src; got != want {
			t.Errorf("%s's source is %T %p, want %T %p", text, got, got, want, want)
		}
	}
	if kyo, he := at["京"], at["へ"]; math.Abs(he.X-(kyo.X+kyo.Width)) > 1e-6 {
		t.Errorf("へ at %.2f, 京 ends at %.2f", he.X, kyo.X+kyo.Width)
	}
	tou, kyou := at["とう"], at["きょう"]
	if kyou.Width <= at["京"].Width || kyou.X < tou.X+tou.Width-1e-6 {
		t.Errorf("きょう starts at %.2f, over とう, which ends at %.2f", kyou.X, tou.X+tou.Width)
	}
	// The line is made taller for its annotations: the same text with
	// no ruby starts higher on the page.
	plain := &doc.Document{Meta: doc.Meta{Lang: "ja"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "漢字を東京へ"}}}}}
	flat, err := Layout(plain, Options{Paper: A4(), Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := textsOf(flat.Pages)
	if len(texts) == 0 || base.Y < texts[0].text.Y+0.3*bodySize {
		t.Errorf("the ruby's line's baseline at %.2f, the plain line's at %v: no room made for the ruby", base.Y, texts)
	}
}
