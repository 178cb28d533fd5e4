package tex

import (
	"strconv"
	"strings"
)

// symbols are the TeX math commands set as one character (or a space):
// Greek letters, operators, relations, arrows and other symbols.
var symbols = map[string]string{
	// Greek: lower case set in italics, as TeX sets it, capitals upright.
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
	"xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
	"upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
	"Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	// Binary operators and relations (operators: spaced).
	"times": "×", "cdot": "⋅", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆", "circ": "∘",
	"bullet": "∙", "oplus": "⊕", "otimes": "⊗", "cup": "∪", "cap": "∩", "setminus": "∖", "wedge": "∧",
	"land": "∧", "vee": "∨", "lor": "∨",
	"leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "equiv": "≡",
	"sim": "∼", "simeq": "≃", "cong": "≅", "propto": "∝", "ll": "≪", "gg": "≫", "in": "∈", "notin": "∉",
	"ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "to": "→",
	"rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐", "implies": "⟹",
	"iff": "⟺", "Leftrightarrow": "⇔", "leftrightarrow": "↔", "mapsto": "↦", "perp": "⊥", "parallel": "∥",
	"mid": "∣",
	// Large operators and other symbols.
	"sum": "∑", "prod": "∏", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮", "infty": "∞",
	"partial": "∂", "nabla": "∇", "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "emptyset": "∅",
	"varnothing": "∅", "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
	"angle": "∠", "degree": "°", "prime": "′", "hbar": "ℏ", "ell": "ℓ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ",
	"langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
	"vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖", "colon": ":",
	"therefore": "∴", "because": "∵", "uparrow": "↑", "downarrow": "↓", "triangle": "△", "square": "□",
	"checkmark": "✓", "lbrace": "{", "rbrace": "}",
	// KaTeX's shorthands for the number sets.
	"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "reals": "ℝ", "natnums": "ℕ",
	"{": "{", "}": "}", "%": "%", "$": "$", "&": "&", "_": "_", "#": "#", "|": "‖",
	// Spaces (spaces).
	",": "\u2009", ":": "\u2005", ";": "\u2005", ">": "\u2005", "!": "", " ": " ", "quad": "\u2003",
	"qquad": "\u2003\u2003", "\\": " ",
}

// operators are symbols' relations and binary operators.
var operators = map[string]bool{
	"times": true, "cdot": true, "div": true, "pm": true, "mp": true, "ast": true, "star": true, "circ": true,
	"bullet": true, "oplus": true, "otimes": true, "cup": true, "cap": true, "setminus": true, "wedge": true,
	"land": true, "vee": true, "lor": true,
	"leq": true, "le": true, "geq": true, "ge": true, "neq": true, "ne": true, "approx": true, "equiv": true,
	"sim": true, "simeq": true, "cong": true, "propto": true, "ll": true, "gg": true, "in": true, "notin": true,
	"ni": true, "subset": true, "subseteq": true, "supset": true, "supseteq": true, "to": true,
	"rightarrow": true, "leftarrow": true, "gets": true, "Rightarrow": true, "Leftarrow": true, "implies": true,
	"iff": true, "Leftrightarrow": true, "leftrightarrow": true, "mapsto": true, "perp": true, "parallel": true,
	"mid": true,
}

// spaces are symbols' spaces, which change nothing of the spacing
// of what follows them.
var spaces = map[string]bool{",": true, ":": true, ";": true, ">": true, "!": true, " ": true, "quad": true, "qquad": true, "\\": true}

// functions are TeX's function names, set upright as words.
var functions = map[string]bool{
	"sin": true, "cos": true, "tan": true, "cot": true, "sec": true, "csc": true, "arcsin": true, "arccos": true,
	"arctan": true, "sinh": true, "cosh": true, "tanh": true, "log": true, "ln": true, "lg": true, "exp": true,
	"lim": true, "max": true, "min": true, "sup": true, "inf": true, "det": true, "gcd": true, "deg": true,
	"arg": true, "dim": true, "ker": true, "Pr": true, "mod": true, "bmod": true,
}

// doubleStruck are \mathbb's letters.
var doubleStruck = map[rune]rune{'N': 'ℕ', 'Z': 'ℤ', 'Q': 'ℚ', 'R': 'ℝ', 'C': 'ℂ', 'P': 'ℙ', 'H': 'ℍ', 'E': '𝔼', '1': '𝟙'}

// scriptLetters are \mathcal's capitals, Unicode's mathematical script
// letters (those the Letterlike Symbols block had first among them).
var scriptLetters = letterRange('A', 'Z', 0x1D49C, map[rune]rune{'B': 'ℬ', 'E': 'ℰ', 'F': 'ℱ', 'H': 'ℋ', 'I': 'ℐ', 'L': 'ℒ', 'M': 'ℳ', 'R': 'ℛ'})

// frakturLetters are \mathfrak's letters, capitals and small.
var frakturLetters = mergeLetters(
	letterRange('A', 'Z', 0x1D504, map[rune]rune{'C': 'ℭ', 'H': 'ℌ', 'I': 'ℑ', 'R': 'ℜ', 'Z': 'ℨ'}),
	letterRange('a', 'z', 0x1D51E, nil))

// letterRange maps the letters from to last onto the code points from
// first on, but those in exceptions, which Unicode encoded elsewhere.
func letterRange(from, last, first rune, exceptions map[rune]rune) map[rune]rune {
	out := map[rune]rune{}
	for r := from; r <= last; r++ {
		if e, ok := exceptions[r]; ok {
			out[r] = e
		} else {
			out[r] = first + r - from
		}
	}
	return out
}

// mergeLetters joins letter maps.
func mergeLetters(maps ...map[rune]rune) map[rune]rune {
	out := map[rune]rune{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// brackets are symbols' opening and closing brackets: true opens.
var brackets = map[string]bool{
	"langle": true, "lfloor": true, "lceil": true, "lbrace": true, "{": true, "lvert": true, "lVert": true,
	"rangle": false, "rfloor": false, "rceil": false, "rbrace": false, "}": false, "rvert": false, "rVert": false,
}

// largeOperators are the symbols and functions whose scripts a displayed
// formula sets under and over them: ∑_{i=1}^n, \lim_{x\to 0}.
var largeOperators = map[string]bool{
	"sum": true, "prod": true, "lim": true, "max": true, "min": true, "sup": true, "inf": true, "det": true,
	"gcd": true, "Pr": true,
}

// accents are the accent commands: the combining mark a formula set as
// text puts after its letter, and the spacing character MathML sets
// over it.
var accents = map[string]struct{ combining, spacing string }{
	"vec": {"\u20D7", "\u2192"}, "hat": {"\u0302", "^"}, "widehat": {"\u0302", "^"}, "bar": {"\u0304", "\u00AF"},
	"overline": {"\u0305", "\u00AF"}, "dot": {"\u0307", "\u02D9"}, "ddot": {"\u0308", "\u00A8"},
	"tilde": {"\u0303", "~"}, "widetilde": {"\u0303", "~"},
}

// letterStyles are the commands that set their argument's letters in
// another alphabet: \mathbb{R} is ℝ.
var letterStyles = map[string]map[rune]rune{"mathbb": doubleStruck, "mathcal": scriptLetters, "mathscr": scriptLetters, "mathfrak": frakturLetters}

// environments are the environments tex reads as tables (Table): their
// brackets, their columns' alignments (array's come from its argument),
// and whether they are equations, one to a line.
var environments = map[string]struct {
	open, close, align string
	lines              bool
}{
	"matrix": {"", "", "c", false}, "smallmatrix": {"", "", "c", false}, "pmatrix": {"(", ")", "c", false},
	"bmatrix": {"[", "]", "c", false}, "Bmatrix": {"{", "}", "c", false}, "vmatrix": {"|", "|", "c", false},
	"Vmatrix": {"‖", "‖", "c", false}, "array": {"", "", "c", false},
	"cases": {"{", "", "l", true}, "aligned": {"", "", "rl", true}, "align": {"", "", "rl", true},
	"align*": {"", "", "rl", true}, "split": {"", "", "rl", true}, "gathered": {"", "", "c", true},
	"gather": {"", "", "c", true}, "gather*": {"", "", "c", true},
}

// colors are the colours \color, \textcolor and \colorbox know by name:
// xcolor's base colours, as it defines them.
var colors = map[string][3]uint8{
	"black": {0, 0, 0}, "white": {255, 255, 255}, "red": {255, 0, 0}, "green": {0, 255, 0}, "blue": {0, 0, 255},
	"cyan": {0, 255, 255}, "magenta": {255, 0, 255}, "yellow": {255, 255, 0}, "gray": {128, 128, 128},
	"darkgray": {64, 64, 64}, "lightgray": {191, 191, 191}, "brown": {191, 128, 64}, "lime": {191, 255, 0},
	"olive": {128, 128, 0}, "orange": {255, 128, 0}, "pink": {255, 191, 191}, "purple": {191, 0, 64},
	"teal": {0, 128, 128}, "violet": {128, 0, 128},
}

// RGB returns the colour c names: one of xcolor's base colours, or HTML's
// #rrggbb or #rgb.
func (c *Color) RGB() (r, g, b uint8, ok bool) {
	if rgb, ok := colors[strings.ToLower(c.Name)]; ok {
		return rgb[0], rgb[1], rgb[2], true
	}
	hex := strings.TrimPrefix(c.Name, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	if len(hex) != 6 || len(c.Name) == len(hex) && !strings.HasPrefix(c.Name, "#") {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), true
}
