// Command bookgen writes the generated test book (package bookgen) as
// Markdown to standard output, for comparisons outside the tests:
//
//	bookgen [-chapters N]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/galley-pub/galley/export/internal/bookgen"
)

func main() {
	chapters := flag.Int("chapters", 30, "chapters to write (about ten A4 pages each)")
	flag.Parse()
	if *chapters < 1 {
		fmt.Fprintln(os.Stderr, "bookgen: -chapters must be at least 1")
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(bookgen.Book(*chapters)); err != nil {
		fmt.Fprintln(os.Stderr, "bookgen:", err)
		os.Exit(1)
	}
}
