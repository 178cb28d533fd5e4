// Command galley turns Markdown into a printable PDF handout and an EPUB 3
// e-book.
//
//	galley build [flags] INPUT... -o OUTDIR
//	galley check [flags] INPUT...
//	galley watch [flags] INPUT... -o OUTDIR
//	galley init DIR
//	galley tree [--to text|json] INPUT
//	galley completion bash|zsh|fish
//	galley man
//	galley version
//
// The command is package cli; default.pgo, beside this file, is the CPU
// profile go build and go install optimise it with (make pgo remakes it).
package main

import (
	"os"

	"github.com/galley-pub/galley/cmd/galley/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:]))
}
