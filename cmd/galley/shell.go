package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/galley-pub/galley/export/options"
)

// The shell completion scripts and the manual page are made from the same
// options table as the flags, so that they list exactly the flags galley
// has.

// flagNames lists the build flags as typed: -o, --paper, …, -M, --metadata.
func flagNames() []string {
	var out []string
	for _, s := range options.Settings {
		out = append(out, dashed(s.Name))
	}
	return append(out, "-M", "--metadata", "--help")
}

func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func runCompletion(args []string, std stdio) int {
	if len(args) != 1 {
		return usageError(std, "galley completion", fmt.Errorf("want one shell: bash, zsh or fish"), "completion")
	}
	cmds, flags := strings.Join(commandNames, " "), strings.Join(flagNames(), " ")
	switch args[0] {
	case "bash":
		fmt.Fprintf(std.out, `# galley completion for bash: source <(galley completion bash)
_galley() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W %q -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W %q -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _galley galley
`, cmds, flags)
	case "zsh":
		fmt.Fprintf(std.out, `#compdef galley
# galley completion for zsh: galley completion zsh > "${fpath[1]}/_galley"
_galley() {
  if (( CURRENT == 2 )); then
    compadd -- %s
  elif [[ $PREFIX == -* ]]; then
    compadd -- %s
  else
    _files
  fi
}
compdef _galley galley
`, cmds, flags)
	case "fish":
		fmt.Fprintln(std.out, "# galley completion for fish: galley completion fish > ~/.config/fish/completions/galley.fish")
		fmt.Fprintf(std.out, "complete -c galley -n __fish_use_subcommand -f -a %q\n", cmds)
		for _, s := range options.Settings {
			opt := "-l " + s.Name
			if len(s.Name) == 1 {
				opt = "-s " + s.Name
			}
			arg := ""
			if !s.IsBool() {
				arg = " -r"
			}
			fmt.Fprintf(std.out, "complete -c galley -n 'not __fish_use_subcommand' %s%s -d %q\n", opt, arg, s.Usage)
		}
		fmt.Fprintf(std.out, "complete -c galley -n 'not __fish_use_subcommand' -s M -l metadata -r -d %q\n", options.MetadataUsage)
	default:
		return usageError(std, "galley completion", fmt.Errorf("unknown shell %q: want bash, zsh or fish", args[0]), "completion")
	}
	return exitOK
}

func runMan(args []string, std stdio) int {
	if len(args) != 0 {
		return usageError(std, "galley man", fmt.Errorf("takes no arguments"), "man")
	}
	writeMan(std.out)
	return exitOK
}

// writeMan writes galley(1) in roff.
func writeMan(w io.Writer) {
	esc := func(s string) string {
		s = strings.ReplaceAll(s, `\`, `\e`)
		s = strings.ReplaceAll(s, "-", `\-`)
		if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
			s = `\&` + s
		}
		var b strings.Builder
		for _, r := range s { // roff input is ASCII: others as \[uXXXX]
			if r < 0x80 {
				b.WriteRune(r)
			} else {
				fmt.Fprintf(&b, `\[u%04X]`, r)
			}
		}
		return b.String()
	}
	fmt.Fprintf(w, ".TH GALLEY 1 \"\" \"galley %s\" \"User Commands\"\n", esc(version))
	fmt.Fprintln(w, ".SH NAME\ngalley \\- Markdown to a printable PDF handout and an EPUB 3 e\\-book")
	fmt.Fprintln(w, ".SH SYNOPSIS")
	synopsis, _, _ := strings.Cut(usage[strings.Index(usage, "Usage:\n")+len("Usage:\n"):], "\n\n")
	for _, line := range strings.Split(synopsis, "\n") {
		fmt.Fprintf(w, ".nf\n%s\n.fi\n", esc(strings.TrimSpace(line)))
	}
	fmt.Fprintln(w, ".SH DESCRIPTION")
	fmt.Fprintln(w, esc(strings.TrimSpace(commandUsage["build"][strings.Index(commandUsage["build"], "\n\n")+2:])))
	group := ""
	fs := flag.NewFlagSet("man", flag.ContinueOnError)
	options.NewCommandLine(fs, true)
	for _, s := range options.Settings {
		if s.Group != group {
			group = s.Group
			fmt.Fprintf(w, ".SH %s OPTIONS\n", strings.ToUpper(group))
		}
		arg := ""
		if !s.IsBool() {
			arg = ` \fI` + s.Arg + `\fR`
		}
		fmt.Fprintf(w, ".TP\n.B %s%s\n%s.\n", esc(dashed(s.Name)), arg, esc(s.Usage))
		fmt.Fprintf(w, "Variable \\fB%s\\fR", esc(s.Env))
		if s.Key != "" {
			fmt.Fprintf(w, "; book.yaml \\fBoutput.%s\\fR", esc(s.Key))
		}
		fmt.Fprintln(w, ".")
	}
	fmt.Fprintf(w, ".SH METADATA\n.TP\n.B \\-M, \\-\\-metadata \\fIkey=value\\fR\n%s.\n", esc(options.MetadataUsage))
	fmt.Fprintln(w, ".SH EXIT STATUS\n0 success; 1 errors in an input or while writing; 2 bad usage; 3 warnings with \\-\\-strict; 130 interrupted.")
	fmt.Fprintln(w, ".SH ENVIRONMENT\n.B SOURCE_DATE_EPOCH\nfixes the dates written into the outputs.")
}
