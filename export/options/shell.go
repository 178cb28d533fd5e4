package options

import (
	"fmt"
	"io"
	"strings"
)

// The shell completion scripts and the manual page are made from the
// table, like the flags, so that they list exactly the flags there are.

// flagNames lists the flags as typed: -o, --paper, …, -M, --metadata.
func flagNames() []string {
	var out []string
	for _, s := range Settings {
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

// Completion writes galley's completion script for shell (bash, zsh or
// fish): its commands, then the table's flags and file names.
func Completion(w io.Writer, shell string, commands []string) error {
	cmds, flags := strings.Join(commands, " "), strings.Join(flagNames(), " ")
	switch shell {
	case "bash":
		fmt.Fprintf(w, `# galley completion for bash: source <(galley completion bash)
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
		fmt.Fprintf(w, `#compdef galley
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
		fmt.Fprintln(w, "# galley completion for fish: galley completion fish > ~/.config/fish/completions/galley.fish")
		fmt.Fprintf(w, "complete -c galley -n __fish_use_subcommand -f -a %q\n", cmds)
		for _, s := range Settings {
			opt := "-l " + s.Name
			if len(s.Name) == 1 {
				opt = "-s " + s.Name
			}
			arg := ""
			if !s.IsBool() {
				arg = " -r"
			}
			fmt.Fprintf(w, "complete -c galley -n 'not __fish_use_subcommand' %s%s -d %q\n", opt, arg, s.Usage)
		}
		fmt.Fprintf(w, "complete -c galley -n 'not __fish_use_subcommand' -s M -l metadata -r -d %q\n", MetadataUsage)
	default:
		return fmt.Errorf("unknown shell %q: want bash, zsh or fish", shell)
	}
	return nil
}

// ManPage is what galley(1) says besides the settings.
type ManPage struct {
	Version     string
	Synopsis    []string // one line a command
	Description string
}

// Manual writes galley(1) in roff: the page, then every setting of the
// table by group, with its variable and book.yaml key.
func Manual(w io.Writer, page ManPage) {
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
	fmt.Fprintf(w, ".TH GALLEY 1 \"\" \"galley %s\" \"User Commands\"\n", esc(page.Version))
	fmt.Fprintln(w, ".SH NAME\ngalley \\- Markdown to a printable PDF handout and an EPUB 3 e\\-book")
	fmt.Fprintln(w, ".SH SYNOPSIS")
	for _, line := range page.Synopsis {
		fmt.Fprintf(w, ".nf\n%s\n.fi\n", esc(strings.TrimSpace(line)))
	}
	fmt.Fprintln(w, ".SH DESCRIPTION")
	fmt.Fprintln(w, esc(strings.TrimSpace(page.Description)))
	group := ""
	for _, s := range Settings {
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
	fmt.Fprintf(w, ".SH METADATA\n.TP\n.B \\-M, \\-\\-metadata \\fIkey=value\\fR\n%s.\n", esc(MetadataUsage))
	fmt.Fprintln(w, ".SH EXIT STATUS\n0 success; 1 errors in an input or while writing; 2 bad usage; 3 warnings with \\-\\-strict; 130 interrupted.")
	fmt.Fprintln(w, ".SH ENVIRONMENT\n.B SOURCE_DATE_EPOCH\nfixes the dates written into the outputs.")
}
