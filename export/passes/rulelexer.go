package passes

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// ruleLexer runs a chroma regex lexer's rules as chroma does, with
// chroma's own rules, regular expression engine (regexp2), emitters and
// mutators, and gives the same tokens; but at each character it tries
// only the rules whose match can begin with that character, where chroma
// tries each of the state's rules in turn. A Rust listing's state has
// about sixty rules, nearly all of which fail at any one character, and
// each failed try costs regexp2 about 160 ns: the Rust book's code took
// 200 ms of CPU to highlight, the most of any one thing in its build.
type ruleLexer struct {
	lexer *chroma.RegexLexer
	rules chroma.CompiledRules
	// tries gives, for each state, the indexes of the rules to try at an
	// ASCII character, by the character, and all of them at any other.
	tries map[string]*stateTries
}

// stateTries is the rules of a state to try at each character.
type stateTries struct {
	at  [utf8.RuneSelf][]int // by an ASCII character (firstKnown)
	all []int
	// groups are each rule's groups (by the rule's index).
	groups []*ruleGroups
}

// ruleGroups are the groups of a rule's expression re in the order
// chroma reads them (regexp2's Match.Groups: by capture slot), each one's
// number and name.
type ruleGroups struct {
	re      *regexp2.Regexp
	numbers []int
	names   []string
}

// groupsOf returns the groups of re.
func groupsOf(re *regexp2.Regexp) *ruleGroups {
	return &ruleGroups{re: re, numbers: re.GetGroupNumbers(), names: re.GetGroupNames()}
}

// firstKnown reports whether the rules that can match at c are told
// apart: for the ASCII characters, from each rule's first characters
// (firstChars); at any other, every rule is tried, as chroma tries them.
func firstKnown(c rune) bool { return c < utf8.RuneSelf }

// newRuleLexer prepares lexer's rules: each compiled as chroma compiles
// it, the includes and combined states made as chroma makes them, and for
// each rule the characters its match can begin with.
func newRuleLexer(lexer *chroma.RegexLexer) (*ruleLexer, error) {
	raw, err := lexer.Rules()
	if err != nil {
		return nil, err
	}
	cfg := lexer.Config()
	flags := ""
	if !cfg.NotMultiline {
		flags += "m"
	}
	if cfg.CaseInsensitive {
		flags += "i"
	}
	if cfg.DotAll {
		flags += "s"
	}
	rules := chroma.CompiledRules{}
	for state, rs := range raw {
		rules[state] = nil
		for _, r := range rs {
			re, err := regexp2.Compile(`\G` + withFlags(flags, r.Pattern))
			if err != nil {
				return nil, fmt.Errorf("%s: rule %s: %w", cfg.Name, state, err)
			}
			re.MatchTimeout = 250 * time.Millisecond // chroma's
			rules[state] = append(rules[state], &chroma.CompiledRule{Rule: r, Regexp: re})
		}
	}
	if err := expandRules(rules); err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Name, err)
	}
	l := &ruleLexer{lexer: lexer, rules: rules, tries: map[string]*stateTries{}}
	// A rule an include copies into other states is parsed for its first
	// characters once (Python's 372 rules have 76 patterns).
	type firsts struct {
		starts charSet
		any    bool
	}
	byPattern := map[string]*firsts{}
	groups := map[*regexp2.Regexp]*ruleGroups{}
	for state, rs := range rules {
		st := &stateTries{}
		for i, r := range rs {
			st.all = append(st.all, i)
			g := groups[r.Regexp]
			if g == nil {
				g = groupsOf(r.Regexp)
				groups[r.Regexp] = g
			}
			st.groups = append(st.groups, g)
			f := byPattern[r.Pattern]
			if f == nil {
				f = &firsts{}
				f.starts, f.any = firstChars(flags, r.Pattern)
				byPattern[r.Pattern] = f
			}
			for c := range st.at {
				if f.any || f.starts[c] {
					st.at[c] = append(st.at[c], i)
				}
			}
		}
		l.tries[state] = st
	}
	return l, nil
}

// withFlags is a rule's pattern as chroma compiles it, less the \G that
// anchors it where the lexer stands: a group, after chroma's flags.
func withFlags(flags, pattern string) string {
	if flags == "" {
		return "(?:" + pattern + ")"
	}
	return "(?" + flags + ")(?:" + pattern + ")"
}

// expandRules applies the rules' lexer mutators (include, combined) as
// chroma does when it compiles a lexer: one at a time, looking for the
// next from the start again, since each changes the rules.
func expandRules(rules chroma.CompiledRules) error {
	for {
		state, i := nextLexerMutator(rules)
		if i < 0 {
			return nil
		}
		if err := rules[state][i].Mutator.(chroma.LexerMutator).MutateLexer(rules, state, i); err != nil {
			return err
		}
	}
}

// nextLexerMutator returns a rule whose mutator is a lexer mutator, or −1.
func nextLexerMutator(rules chroma.CompiledRules) (string, int) {
	for state, rs := range rules {
		for i, r := range rs {
			if _, ok := r.Mutator.(chroma.LexerMutator); ok {
				return state, i
			}
		}
	}
	return "", -1
}

// firstChars returns the ASCII characters a match of pattern (with
// chroma's flags) can begin with, as regexp2's own parser reads the
// pattern; or any: when the match may be empty or the pattern has what
// is not followed here (backreferences, conditionals, right-to-left).
func firstChars(flags, pattern string) (starts charSet, any bool) {
	tree, err := syntax.Parse(withFlags(flags, pattern), syntax.ParseOptions{})
	if err != nil {
		return starts, true
	}
	if starts.first(tree.Root) {
		return starts, true
	}
	return starts, false
}

// charSet is a set of ASCII characters.
type charSet [128]bool

// first adds to s the ASCII characters a match of n can begin with, and
// reports whether n can match the empty string (when what follows it
// begins the match too) or begin with anything.
func (s *charSet) first(n *syntax.RegexNode) (nullable bool) {
	if n.Options&syntax.RightToLeft != 0 {
		return true
	}
	fold := n.Options&syntax.IgnoreCase != 0
	switch n.T {
	case syntax.NtOne, syntax.NtMulti:
		c := n.Ch
		if n.T == syntax.NtMulti {
			if len(n.Str) == 0 {
				return true
			}
			c = n.Str[0]
		}
		s.addIf(fold, func(r rune) bool { return r == c })
		return false
	case syntax.NtNotone:
		s.addIf(fold, func(r rune) bool { return r != n.Ch || fold })
		return false
	case syntax.NtSet:
		s.addIf(fold, n.Set.Contains)
		return false
	case syntax.NtOneloop, syntax.NtOnelazy, syntax.NtOneloopatomic:
		s.addIf(fold, func(r rune) bool { return r == n.Ch })
		return n.M == 0
	case syntax.NtNotoneloop, syntax.NtNotonelazy, syntax.NtNotoneloopatomic:
		s.addIf(fold, func(r rune) bool { return r != n.Ch || fold })
		return n.M == 0
	case syntax.NtSetloop, syntax.NtSetlazy, syntax.NtSetloopatomic:
		s.addIf(fold, n.Set.Contains)
		return n.M == 0
	case syntax.NtNothing:
		return false
	case syntax.NtEmpty, syntax.NtBol, syntax.NtEol, syntax.NtBoundary, syntax.NtNonboundary, syntax.NtBeginning,
		syntax.NtStart, syntax.NtEndZ, syntax.NtEnd, syntax.NtECMABoundary, syntax.NtNonECMABoundary,
		syntax.NtUpdateBumpalong, syntax.NtResetCapture, syntax.NtPosLook, syntax.NtNegLook:
		return true // zero width: what follows begins the match
	case syntax.NtCapture, syntax.NtGroup, syntax.NtAtomic:
		if len(n.Children) != 1 {
			return true
		}
		return s.first(n.Children[0])
	case syntax.NtLoop, syntax.NtLazyloop:
		if len(n.Children) != 1 {
			return true
		}
		return s.first(n.Children[0]) || n.M == 0
	case syntax.NtConcatenate:
		for _, c := range n.Children {
			if !s.first(c) {
				return false
			}
		}
		return true
	case syntax.NtAlternate:
		for _, c := range n.Children {
			if s.first(c) {
				nullable = true
			}
		}
		return nullable
	default:
		return true // a backreference, a conditional…: anything may begin it
	}
}

// addIf adds the ASCII characters in, with fold also those whose other
// case is in.
func (s *charSet) addIf(fold bool, in func(rune) bool) {
	for c := range rune(len(s)) {
		s[c] = s[c] || in(c) || fold && (in(unicode.ToLower(c)) || in(unicode.ToUpper(c)))
	}
}

// Tokenise cuts text into tokens as lexer.Tokenise does, with chroma's
// default options (from the root state, line ends made LF).
func (l *ruleLexer) Tokenise(text string) chroma.Iterator {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	added := false
	if l.lexer.Config().EnsureNL && !strings.HasSuffix(text, "\n") {
		text, added = text+"\n", true
	}
	state := &chroma.LexerState{Lexer: l.lexer, Registry: lexers.GlobalLexerRegistry, Text: []rune(text),
		Stack: []string{"root"}, Rules: l.rules, MutatorContext: map[any]any{}}
	it := &ruleIterator{l: l, s: state, end: len(state.Text), named: map[string]string{}}
	it.m.yield = it.m.take
	if added {
		it.end-- // the newline added is not lexed
	}
	return it.next
}

// ruleIterator is the state of a Tokenise.
type ruleIterator struct {
	l       *ruleLexer
	s       *chroma.LexerState
	end     int               // the runes lexed
	pending []chroma.Iterator // the emitted tokens not yet given, as chroma's iterator stack
	// named is the state's NamedGroups, made once and filled again for
	// each match (chroma makes one a match: a fifth of the time it took
	// here). Its readers (byGroupNames, Raku's mutators) read it while
	// they emit or mutate, not after.
	named map[string]string
	m     matcher
}

// matcher takes a rule's match where the lexer stands from regexp2's
// view of it (FindRunesMatches), which lends its storage for the call:
// chroma's way, a Match and its Groups made for each, was a tenth of
// what a large book's build allocated.
type matcher struct {
	text   []rune
	pos    int                          // where the lexer stands
	groups *ruleGroups                  // the rule's
	got    []string                     // the match's groups' text, as Match.Groups' String; nil for none
	yield  func(regexp2.MatchView) bool // take, bound once
	// gotBuf is got's storage, used again for each match: a state's
	// groups are read while its match emits or mutates (pending is
	// drained before the next match), never after.
	gotBuf []string
}

// take reads the first match, when it starts where the lexer stands, and
// stops the search.
func (m *matcher) take(v regexp2.MatchView) bool {
	if at, _, ok := v.GroupRange(0); !ok || at != m.pos {
		return false
	}
	m.gotBuf = slices.Grow(m.gotBuf[:0], len(m.groups.numbers))[:len(m.groups.numbers)]
	m.got = m.gotBuf
	for k, num := range m.groups.numbers {
		m.got[k] = ""
		if at, n, ok := v.GroupRange(num); ok {
			m.got[k] = string(m.text[at : at+n])
		}
	}
	return false
}

// next is chroma's LexerState.Iterator, the rules tried by ruleLexer.tries.
func (it *ruleIterator) next() chroma.Token {
	s := it.s
	for s.Pos < it.end && len(s.Stack) > 0 {
		if t, ok := it.drain(); ok {
			return t
		}
		s.State = s.Stack[len(s.Stack)-1]
		rules, ok := s.Rules[s.State]
		if !ok {
			panic("unknown state " + s.State)
		}
		index, rule, groups := it.l.match(s, rules, &it.m, it.named)
		if groups == nil {
			// chroma (after Pygments): an unmatched newline outside the
			// root state ends every state; any other character is an
			// error token of its own.
			if s.Text[s.Pos] == '\n' && s.State != "root" {
				s.Stack = []string{"root"}
				continue
			}
			s.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(s.Text[s.Pos-1 : s.Pos])}
		}
		s.Rule, s.Groups, s.NamedGroups = index, groups, it.named
		s.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(s); err != nil {
				panic(err)
			}
		}
		if t, ok := rule.Type.(chroma.TokenType); ok {
			// TokenType.Emit's token, without the iterator it makes for
			// it (a fifth of what a Rust book's build allocated): nothing
			// is pending here, so it is the next token.
			if tok := (chroma.Token{Type: t, Value: s.Groups[0]}); t != chroma.Ignore && tok != chroma.EOF {
				return tok
			}
		} else if rule.Type != nil {
			it.pending = append(it.pending, rule.Type.Emit(s.Groups, s))
		}
	}
	if t, ok := it.drain(); ok {
		return t
	}
	return chroma.EOF
}

// drain returns the next emitted token, if any is left.
func (it *ruleIterator) drain() (chroma.Token, bool) {
	for len(it.pending) > 0 {
		n := len(it.pending) - 1
		t := it.pending[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			it.pending = it.pending[:n]
			continue
		}
		return t, true
	}
	return chroma.Token{}, false
}

// match is chroma's matchRules over the rules of the state that may
// match at the character there, read through m: the first rule that
// matches, its groups, and in named (emptied first) its groups by name.
func (l *ruleLexer) match(s *chroma.LexerState, rules []*chroma.CompiledRule, m *matcher, named map[string]string) (int, *chroma.CompiledRule, []string) {
	st := l.tries[s.State]
	try := st.all
	if c := s.Text[s.Pos]; firstKnown(c) {
		try = st.at[c]
	}
	m.text, m.pos = s.Text, s.Pos
	for _, i := range try {
		rule := rules[i]
		m.groups, m.got = st.groups[i], nil
		if m.groups.re != rule.Regexp { // a rule a mutator put in while lexing (Raku's closing brackets)
			m.groups = groupsOf(rule.Regexp)
		}
		if err := rule.Regexp.FindRunesMatches(s.Text, s.Pos, m.yield); err != nil || m.got == nil {
			continue
		}
		clear(named)
		for k, g := range m.got {
			named[m.groups.names[k]] = g
		}
		return i, rule, m.got
	}
	return 0, &chroma.CompiledRule{}, nil
}
