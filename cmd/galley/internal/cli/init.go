package cli

import (
	"fmt"
	"path/filepath"

	"github.com/galley-pub/galley/export/starter"
)

const initUsage = `Usage: galley init DIR

Writes a starter handout (DIR/handout.md) and a starter book (DIR/book/,
with book.yaml and two chapters) to copy from. Existing files are never
overwritten. Then try: galley build DIR/handout.md DIR/book -o DIR/out
`

func runInit(args []string, std stdio) int {
	if len(args) == 1 && (args[0] == "--help" || args[0] == "-h" || args[0] == "-help") {
		fmt.Fprint(std.out, initUsage)
		return exitOK
	}
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		return usageError(std, "galley init", fmt.Errorf("want one DIR, not %q", args), "init")
	}
	dir := args[0]
	paths, err := starter.Write(dir)
	if err != nil {
		fmt.Fprintf(std.err, "galley init: %v\n", err)
		return exitError
	}
	for _, p := range paths {
		fmt.Fprintf(std.out, "wrote %s\n", p)
	}
	fmt.Fprintf(std.out, "next: galley build %s %s -o %s\n",
		filepath.Join(dir, "handout.md"), filepath.Join(dir, "book"), filepath.Join(dir, "out"))
	return exitOK
}
