package tex

import (
	"math"
	"strconv"
	"strings"
)

// symbols are the TeX math commands set as one character (or a space)
// that are neither binary operators nor relations: Greek letters, large
// operators, brackets, letter-like symbols and the rest.
var symbols = map[string]string{
	// Greek: lower case set in italics, as TeX sets it, capitals upright.
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "varkappa": "ϰ", "lambda": "λ",
	"mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ",
	"varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"digamma": "ϝ",
	"Gamma":   "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
	"Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	// Large operators.
	"sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮",
	"bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂", "bigodot": "⨀", "biguplus": "⨄",
	"bigvee": "⋁", "bigwedge": "⋀", "bigsqcup": "⨆",
	// Letter-like and other symbols.
	"infty": "∞", "partial": "∂", "nabla": "∇", "forall": "∀", "exists": "∃", "nexists": "∄", "neg": "¬",
	"lnot": "¬", "emptyset": "∅", "varnothing": "∅", "ldots": "…", "dots": "…", "dotsc": "…", "dotsb": "⋯",
	"dotsm": "⋯", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "angle": "∠", "measuredangle": "∡",
	"sphericalangle": "∢", "degree": "°", "prime": "′", "hbar": "ℏ", "ell": "ℓ", "wp": "℘", "Re": "ℜ",
	"Im": "ℑ", "aleph": "ℵ", "beth": "ℶ", "gimel": "ℷ", "mho": "℧", "complement": "∁", "imath": "ı",
	"jmath": "ȷ", "top": "⊤", "bot": "⊥", "surd": "√", "backslash": "\\", "therefore": "∴", "because": "∵",
	"triangle": "△", "vartriangle": "△", "square": "□", "Box": "□", "Diamond": "◇", "checkmark": "✓",
	"clubsuit": "♣", "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠", "flat": "♭", "natural": "♮",
	"sharp": "♯", "colon": ":", "lt": "<", "gt": ">",
	// Brackets (brackets).
	"langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "lbrace": "{",
	"rbrace": "}", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖",
	// KaTeX's shorthands for the number sets.
	"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "reals": "ℝ", "natnums": "ℕ",
	"{": "{", "}": "}", "%": "%", "$": "$", "&": "&", "_": "_", "#": "#", "|": "‖",
	// Spaces (spaces).
	",": "\u2009", ":": "\u2005", ";": "\u2005", ">": "\u2005", "!": "", " ": " ", "quad": "\u2003",
	"qquad": "\u2003\u2003", "\\": " ",
}

// binaries are the binary operators: a medium space either side.
var binaries = map[string]string{
	"times": "×", "cdot": "⋅", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆", "circ": "∘",
	"bullet": "∙", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "oslash": "⊘", "odot": "⊙", "cup": "∪",
	"cap": "∩", "sqcup": "⊔", "sqcap": "⊓", "uplus": "⊎", "setminus": "∖", "smallsetminus": "∖", "wedge": "∧",
	"land": "∧", "vee": "∨", "lor": "∨", "dagger": "†", "ddagger": "‡", "amalg": "⨿", "diamond": "⋄",
	"wr": "≀", "lhd": "⊲", "rhd": "⊳", "unlhd": "⊴", "unrhd": "⊵", "triangleleft": "◁", "triangleright": "▷",
	"bigtriangleup": "△", "bigtriangledown": "▽", "cdotp": "⋅",
}

// equations are the environments of one formula, read as its content:
// \begin{equation} x \end{equation} is x.
var equations = map[string]bool{"equation": true, "equation*": true, "displaymath": true, "math": true}

// relations are the relations, arrows among them: a thick space either
// side.
var relations = map[string]string{
	"leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "leqslant": "⩽", "geqslant": "⩾", "neq": "≠", "ne": "≠",
	"approx": "≈", "approxeq": "≊", "equiv": "≡", "sim": "∼", "nsim": "≁", "backsim": "∽", "simeq": "≃",
	"cong": "≅", "ncong": "≇", "asymp": "≍", "doteq": "≐", "triangleq": "≜", "circeq": "≗", "propto": "∝",
	"varpropto": "∝", "ll": "≪", "gg": "≫", "lesssim": "≲", "gtrsim": "≳", "nleq": "≰", "ngeq": "≱",
	"prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "in": "∈", "notin": "∉", "ni": "∋", "owns": "∋",
	"subset": "⊂", "subseteq": "⊆", "subsetneq": "⊊", "supset": "⊃", "supseteq": "⊇", "supsetneq": "⊋",
	"sqsubseteq": "⊑", "sqsupseteq": "⊒", "perp": "⊥", "parallel": "∥", "nparallel": "∦", "mid": "∣",
	"nmid": "∤", "models": "⊨", "vdash": "⊢", "dashv": "⊣",
	"to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
	"Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "impliedby": "⟸", "iff": "⟺",
	"longrightarrow": "⟶", "longleftarrow": "⟵", "longleftrightarrow": "⟷", "Longrightarrow": "⟹",
	"Longleftarrow": "⟸", "Longleftrightarrow": "⟺", "mapsto": "↦", "longmapsto": "⟼",
	"hookrightarrow": "↪", "hookleftarrow": "↩", "leadsto": "⇝", "rightleftharpoons": "⇌",
	"leftrightharpoons": "⇋", "rightharpoonup": "⇀", "leftharpoonup": "↼", "uparrow": "↑", "downarrow": "↓",
	"updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓", "Updownarrow": "⇕", "nearrow": "↗", "searrow": "↘",
	"swarrow": "↙", "nwarrow": "↖", "nleftarrow": "↚", "nrightarrow": "↛",
}

// spaces are symbols' spaces, which change nothing of the spacing of
// what follows them, and their widths in ems: TeX's thin, medium and
// thick spaces (3, 4 and 5 eighteenths), its negative thin space, a
// word space, \quad and \qquad.
var spaces = map[string]float64{",": 3.0 / 18, ":": 4.0 / 18, ">": 4.0 / 18, ";": 5.0 / 18, "!": -3.0 / 18, " ": 0.25,
	"\\": 0.25, "quad": 1, "qquad": 2}

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
	"sum": true, "prod": true, "coprod": true, "bigcup": true, "bigcap": true, "bigoplus": true,
	"bigotimes": true, "bigodot": true, "biguplus": true, "bigvee": true, "bigwedge": true, "bigsqcup": true,
	"lim": true, "liminf": true, "limsup": true, "max": true, "min": true, "sup": true, "inf": true,
	"det": true, "gcd": true, "Pr": true, "argmax": true, "argmin": true,
}

// accents are the accent commands: the combining mark a formula set as
// text puts after its letter, and the spacing character MathML sets
// over it.
var accents = map[string]struct{ combining, spacing string }{
	"vec": {"\u20D7", "\u2192"}, "hat": {"\u0302", "^"}, "widehat": {"\u0302", "^"}, "bar": {"\u0304", "\u00AF"},
	"overline": {"\u0305", "\u00AF"}, "dot": {"\u0307", "\u02D9"}, "ddot": {"\u0308", "\u00A8"},
	"tilde": {"\u0303", "~"}, "widetilde": {"\u0303", "~"},
	"overrightarrow": {"\u20D7", "\u2192"}, "overleftarrow": {"\u20D6", "\u2190"},
	"overleftrightarrow": {"\u20E1", "\u2194"},
	"check":              {"\u030C", "\u02C7"}, "breve": {"\u0306", "\u02D8"}, "acute": {"\u0301", "\u00B4"}, "grave": {"\u0300", "`"},
}

// negated are the relations \not strikes through that Unicode has
// struck: \not= is ≠.
var negated = map[string]string{
	"=": "≠", "<": "≮", ">": "≯", "∈": "∉", "∋": "∌", "≡": "≢", "∼": "≁", "≃": "≄", "≅": "≇", "≈": "≉",
	"≤": "≰", "≥": "≱", "⊂": "⊄", "⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "∣": "∤", "∥": "∦", "→": "↛", "←": "↚",
	"⇒": "⇏", "⇔": "⇎", "∃": "∄",
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
	"multline": {"", "", "c", true}, "multline*": {"", "", "c", true},
	"eqnarray": {"", "", "rcl", true}, "eqnarray*": {"", "", "rcl", true},
	"flalign": {"", "", "rl", true}, "flalign*": {"", "", "rl", true},
	"alignat": {"", "", "rl", true}, "alignat*": {"", "", "rl", true}, "alignedat": {"", "", "rl", true},
}

// numberedEnvironments are the environments LaTeX numbers.
var numberedEnvironments = map[string]bool{"equation": true, "align": true, "gather": true, "multline": true,
	"eqnarray": true, "flalign": true, "alignat": true}

// displayEnvironments are the environments of displayed math LaTeX
// reads in its text, outside dollars.
var displayEnvironments = map[string]bool{"equation": true, "equation*": true, "displaymath": true,
	"align": true, "align*": true, "gather": true, "gather*": true, "multline": true, "multline*": true,
	"eqnarray": true, "eqnarray*": true, "flalign": true, "flalign*": true, "alignat": true, "alignat*": true}

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

// readableGround is the relative luminance of the darkest ground a
// formula is set on: the theme's palest tints, a callout's (#f3eff8) and
// highlighted text's (#fff2a8); the page is white (1).
const readableGround = 0.876

// DrawnRGB is the colour as both outputs draw it: a ground as named; an
// ink darkened as much as needed, its hue kept, to read at 4.5:1 or more
// on any ground a formula is set on, as WCAG AA asks of text
// (\color{red}, 4:1 on white, is drawn #dd0000). ok is false for a
// colour RGB does not know.
func (c *Color) DrawnRGB() (r, g, b uint8, ok bool) {
	r, g, b, ok = c.RGB()
	if !ok || c.Ground {
		return r, g, b, ok
	}
	most := (readableGround+0.05)/4.5 - 0.05 // the ink's greatest luminance
	for k := 1.0; k > 0; k -= 0.01 {
		dr, dg, db := uint8(float64(r)*k), uint8(float64(g)*k), uint8(float64(b)*k)
		if luminance(dr, dg, db) <= most {
			return dr, dg, db, true
		}
	}
	return 0, 0, 0, true
}

// luminance is an sRGB colour's relative luminance (WCAG).
func luminance(r, g, b uint8) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// IsNumbered reports an environment LaTeX numbers (equation, align…): a
// displayed formula that is one is an equation with a number
// (passes.NumberEquations), as it is in print.
func IsNumbered(env string) bool { return numberedEnvironments[env] }

// IsDisplay reports an environment of displayed math that LaTeX reads in
// its text, outside dollars: equation, align, their starred forms and
// the like.
func IsDisplay(env string) bool { return displayEnvironments[env] }
