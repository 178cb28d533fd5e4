package options

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/markdown"
)

// Assignment is one setting given a value by a book's book.yaml.
type Assignment struct {
	Setting *Setting
	Value   string
	Pos     doc.Pos // where book.yaml gives it
}

// pathSettings are the settings whose values are paths: in book.yaml they
// are relative to the book's directory and must stay inside it.
var pathSettings = map[string]bool{"font-dir": true, "resource-path": true, "site-root": true, "cover": true}

// FromYAML reads the `output:` mapping of the book.yaml file (node v). Each
// key is checked against the table and its value against the setting now,
// so that a mistake is reported where it is written; unknown keys are
// warnings.
func FromYAML(file string, v *yaml.Node, diags *diag.List) []Assignment {
	at := func(n *yaml.Node) doc.Pos { return doc.Pos{File: file, Line: n.Line, Col: n.Column} }
	if v.Kind != yaml.MappingNode {
		diags.Errorf(at(v), "\"output\" must be a mapping")
		return nil
	}
	var out []Assignment
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		s := byKey(k.Value)
		if s == nil {
			diags.Warnf(at(k), "unknown output key %q", k.Value)
			continue
		}
		values, err := scalars(val, s)
		if err == nil && pathSettings[s.Name] {
			values, err = bookPaths(filepath.Dir(file), values)
		}
		if err == nil {
			var scratch Options
			for _, x := range values {
				if err = s.apply(&scratch, x); err != nil {
					break
				}
			}
		}
		if err != nil {
			diags.Errorf(at(val), "output key %q: %v", k.Value, err)
			continue
		}
		for _, x := range values {
			out = append(out, Assignment{Setting: s, Value: x, Pos: at(val)})
		}
	}
	return out
}

// byKey returns the setting whose book.yaml key is key, or nil.
func byKey(key string) *Setting {
	for i := range Settings {
		if Settings[i].Key != "" && Settings[i].Key == key {
			return &Settings[i]
		}
	}
	return nil
}

// scalars reads a YAML value as the strings the setting takes: a scalar,
// or for a list (formats, directories) a sequence of scalars.
func scalars(v *yaml.Node, s *Setting) ([]string, error) {
	switch {
	case v.Kind == yaml.ScalarNode:
		return []string{v.Value}, nil
	case v.Kind == yaml.SequenceNode && (s.Repeat || s.Name == "format"):
		var vals []string
		for _, e := range v.Content {
			if e.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("want a list of plain values")
			}
			vals = append(vals, e.Value)
		}
		if s.Name == "format" {
			return []string{strings.Join(vals, ",")}, nil
		}
		return vals, nil
	}
	return nil, fmt.Errorf("want a plain value")
}

// bookPaths makes relative paths relative to the book's directory dir and
// refuses any that leads outside it.
func bookPaths(dir string, values []string) ([]string, error) {
	out := make([]string, len(values))
	for i, v := range values {
		rel := filepath.Clean(filepath.FromSlash(v))
		if filepath.IsAbs(rel) || !filepath.IsLocal(rel) {
			return nil, fmt.Errorf("%q leads outside the book's directory", v)
		}
		out[i] = filepath.Join(dir, rel)
	}
	return out, nil
}

// flagValue is a setting as a flag.Value: it records what the command line
// gives, in order.
type flagValue struct {
	s     *Setting
	given *[]given
}

type given struct {
	s     *Setting
	value string
}

func (f flagValue) String() string { return "" }
func (f flagValue) IsBoolFlag() bool {
	return f.s != nil && f.s.IsBool()
}
func (f flagValue) Set(v string) error {
	var scratch Options
	if err := f.s.apply(&scratch, v); err != nil {
		return err
	}
	*f.given = append(*f.given, given{f.s, v})
	return nil
}

// CommandLine is the flags of one command, made from the table, and -M.
type CommandLine struct {
	Flags    *flag.FlagSet
	given    []given
	metadata []Metadata
}

// NewCommandLine defines a flag for every setting on fs; writes says
// whether the command writes artifacts (check does not).
func NewCommandLine(fs *flag.FlagSet, writes bool) *CommandLine {
	c := &CommandLine{Flags: fs}
	for i := range Settings {
		s := &Settings[i]
		if s.Writes && !writes {
			continue
		}
		fs.Var(flagValue{s, &c.given}, s.Name, s.Usage)
	}
	meta := func(kv string) error {
		k, v, ok := strings.Cut(kv, "=")
		if k = strings.TrimSpace(k); !ok || k == "" {
			return fmt.Errorf("%q: want key=value", kv)
		}
		var scratch doc.Meta
		if err := markdown.SetMeta(&scratch, k, v); err != nil {
			return err
		}
		c.metadata = append(c.metadata, Metadata{k, v})
		return nil
	}
	fs.Func("M", MetadataUsage, meta)
	fs.Func("metadata", MetadataUsage, meta)
	return c
}

// MetadataUsage describes -M in the help.
const MetadataUsage = "set a front-matter key (title, author, lang, keywords=[a,b]…), over the front matter and book.yaml (repeatable)"

// Options combines base (the defaults, as the command has them) with the
// environment's GALLEY_* variables and then the flags parsed, which win.
// getenv is os.LookupEnv, or a stand-in in tests.
func (c *CommandLine) Options(base Options, getenv func(string) (string, bool)) (Options, error) {
	o := base.Clone()
	flagged := map[string]bool{}
	for _, g := range c.given {
		flagged[g.s.Name] = true
	}
	for i := range Settings {
		s := &Settings[i]
		v, ok := getenv(s.Env)
		if !ok || flagged[s.Name] || c.Flags.Lookup(s.Name) == nil {
			continue
		}
		values := []string{v}
		if s.Repeat {
			values = filepath.SplitList(v)
		}
		for _, x := range values {
			if err := o.Set(s.Name, x); err != nil {
				return o, fmt.Errorf("%s=%q: %v", s.Env, v, err)
			}
		}
	}
	for _, g := range c.given {
		if err := o.Set(g.s.Name, g.value); err != nil {
			return o, fmt.Errorf("-%s: %v", g.s.Name, err)
		}
	}
	o.Output.Metadata = append(o.Output.Metadata, c.metadata...)
	if err := o.Validate(); err != nil {
		return o, err
	}
	return o, nil
}

// PrintFlags writes the help for the flags defined on fs: each with its
// value, default, variable and book.yaml key, grouped as in the table.
func PrintFlags(w io.Writer, fs *flag.FlagSet) {
	group := ""
	for i := range Settings {
		s := &Settings[i]
		if fs.Lookup(s.Name) == nil {
			continue
		}
		if s.Group != group {
			group = s.Group
			fmt.Fprintf(w, "\n%s:\n", group)
		}
		name := "-" + s.Name
		if len(s.Name) > 1 {
			name = "-" + name
		}
		if !s.IsBool() {
			name += " " + s.Arg
		}
		fmt.Fprintf(w, "  %s\n        %s", name, s.Usage)
		if d := s.shownDefault(); d != "off" && d != "none" {
			fmt.Fprintf(w, " (default %s)", d)
		}
		fmt.Fprintf(w, " [%s", s.Env)
		if s.Key != "" {
			fmt.Fprintf(w, "; book.yaml %s", s.Key)
		}
		fmt.Fprintln(w, "]")
	}
	if fs.Lookup("M") != nil {
		fmt.Fprintf(w, "\nMetadata:\n  -M, --metadata key=value\n        %s\n", MetadataUsage)
	}
	first := true
	for i := range Settings {
		s := &Settings[i]
		v, ok := os.LookupEnv(s.Env)
		if !ok || fs.Lookup(s.Name) == nil {
			continue
		}
		if first {
			fmt.Fprintln(w, "\nSet in the environment (overriding the defaults above):")
			first = false
		}
		fmt.Fprintf(w, "  %s=%q\n", s.Env, v)
	}
}

// shownDefault is the default as the help and the README say it.
func (s *Setting) shownDefault() string {
	switch {
	case s.Shown != "":
		return s.Shown
	case s.IsBool():
		if s.Default == "true" {
			return "on"
		}
		return "off"
	case s.Default == "":
		return "none"
	}
	return s.Default
}

// Markdown returns the README's table of settings: one row a setting with
// its flag, variable, book.yaml key, default and meaning.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| flag | variable | book.yaml `output:` | default | meaning |\n| --- | --- | --- | --- | --- |\n")
	for i := range Settings {
		s := &Settings[i]
		flagText := "-" + s.Name
		if len(s.Name) > 1 {
			flagText = "-" + flagText
		}
		if !s.IsBool() {
			flagText += " " + strings.ToUpper(s.Arg)
		}
		key := "—"
		if s.Key != "" {
			key = "`" + s.Key + "`"
		}
		def := s.shownDefault()
		if s.Default != "" && s.Shown == "" && !s.IsBool() {
			def = "`" + def + "`"
		}
		usage := strings.ReplaceAll(s.Usage, "|", `\|`)
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s |\n", flagText, s.Env, key, def, usage)
	}
	return b.String()
}
