package cli

import (
	"fmt"
	"strings"

	"github.com/galley-pub/galley/export/options"
)

// runCompletion prints a completion script, made from the options table.
func runCompletion(args []string, std stdio) int {
	if len(args) != 1 {
		return usageError(std, "galley completion", fmt.Errorf("want one shell: bash, zsh or fish"), "completion")
	}
	if err := options.Completion(std.out, args[0], commandNames); err != nil {
		return usageError(std, "galley completion", err, "completion")
	}
	return exitOK
}

// runMan prints galley(1): the usage's synopsis and the build command's
// description, then the options table.
func runMan(args []string, std stdio) int {
	if len(args) != 0 {
		return usageError(std, "galley man", fmt.Errorf("takes no arguments"), "man")
	}
	synopsis, _, _ := strings.Cut(usage[strings.Index(usage, "Usage:\n")+len("Usage:\n"):], "\n\n")
	_, description, _ := strings.Cut(commandUsage["build"], "\n\n")
	options.Manual(std.out, options.ManPage{Version: version, Synopsis: strings.Split(synopsis, "\n"), Description: description})
	return exitOK
}
