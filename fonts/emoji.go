package fonts

import "sort"

// EmojiPresentation reports whether r is shown as an emoji by default
// (Unicode's Emoji_Presentation: 🎉, ⌚, not ☺ or ©, which need U+FE0F):
// such a character is drawn from a colour emoji face when one has it, as
// browsers and GitHub draw it, so that a line's emoji all look alike.
func EmojiPresentation(r rune) bool {
	i := sort.Search(len(emojiPresentation), func(i int) bool { return emojiPresentation[i][1] >= r })
	return i < len(emojiPresentation) && emojiPresentation[i][0] <= r
}
