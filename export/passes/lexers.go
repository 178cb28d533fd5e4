package passes

import (
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// ruleLexerMin is how many bytes of a language's code a document has
// before its lexer's rules are prepared for ruleLexer (about 10 ms for
// Rust's, which chroma takes to cut 10 KB of Rust): below it chroma cuts
// them, unless the rules are prepared already.
const ruleLexerMin = 16 << 10

// Lexers is chroma's lexers as the highlighting pass uses them, each
// looked up once (a name chroma does not know is matched against every
// lexer's file patterns) and its rules prepared once: a Builder holds one
// for the documents of its batch. The zero value is ready to use; it is
// safe for concurrent use.
type Lexers struct {
	mu     sync.Mutex
	byName map[string]*lexerEntry
}

// lexerEntry is a language's lexer.
type lexerEntry struct {
	lexer chroma.Lexer // nil: the language is not coloured
	// rules is lexer's rules run by ruleLexer, once prepared (nil when
	// lexer is no regex lexer or its rules could not be prepared).
	rules   *ruleLexer
	prepare sync.Once
	ready   atomic.Bool // rules is prepared (or failed to be)
}

// lookup returns the entry of a language name (lower case, trimmed).
// The lock is not held while chroma looks the name up (milliseconds for
// a name it does not know), so other languages' blocks go on meanwhile;
// two looking up one name at once keep the first entry made.
func (l *Lexers) lookup(lang string) *lexerEntry {
	l.mu.Lock()
	e, ok := l.byName[lang]
	l.mu.Unlock()
	if ok {
		return e
	}
	e = &lexerEntry{lexer: colouring(lexers.Get(lang))}
	l.mu.Lock()
	defer l.mu.Unlock()
	if first, ok := l.byName[lang]; ok {
		return first
	}
	if l.byName == nil {
		l.byName = map[string]*lexerEntry{}
	}
	l.byName[lang] = e
	return e
}

// tokeniser returns the function that cuts a block of the language into
// tokens: ruleLexer's when its rules are prepared, or when many asks them
// prepared; else chroma's own, whose tokens are the same.
func (e *lexerEntry) tokeniser(many bool) func(string) (chroma.Iterator, error) {
	if many || e.ready.Load() {
		e.prepare.Do(func() {
			if rl, ok := e.lexer.(*chroma.RegexLexer); ok {
				e.rules, _ = newRuleLexer(rl) // on an error, chroma cuts the blocks
			}
			e.ready.Store(true)
		})
		if e.rules != nil {
			return func(text string) (chroma.Iterator, error) { return e.rules.Tokenise(text), nil }
		}
	}
	return func(text string) (chroma.Iterator, error) { return chroma.Coalesce(e.lexer).Tokenise(nil, text) }
}
