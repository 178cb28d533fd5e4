package fonts

import "testing"

func TestEmojiPresentation(t *testing.T) {
	for r, want := range map[rune]bool{
		'🎉': true, '🥳': true, '⌚': true, '😀': true, '🇫': true, '🫨': true,
		'☺': false, '©': false, '✓': false, '❤': false, 'a': false, '中': false, 0x1F321: false, // 🌡 needs U+FE0F
	} {
		if got := EmojiPresentation(r); got != want {
			t.Errorf("EmojiPresentation(%U) = %v, want %v", r, got, want)
		}
	}
	for i, rg := range emojiPresentation {
		if rg[0] > rg[1] || i > 0 && rg[0] <= emojiPresentation[i-1][1]+1 {
			t.Errorf("range %d %U..%U is out of order or not merged", i, rg[0], rg[1])
		}
	}
}
