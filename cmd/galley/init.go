package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

const initUsage = `Usage: galley init DIR

Writes a starter handout (DIR/handout.md) and a starter book (DIR/book/,
with book.yaml and two chapters) to copy from. Existing files are never
overwritten. Then try: galley build DIR/handout.md DIR/book -o DIR/out
`

// starterFiles are the files galley init writes, by path relative to DIR.
var starterFiles = []struct{ path, text string }{
	{"handout.md", `---
title: My First Handout
subtitle: Written with galley
author: Your Name
date: 2026-01-15
lang: en
description: A one-page handout to start from.
further_reading:
  - title: The CommonMark specification
    url: https://spec.commonmark.org/
    note: Everything Markdown can say.
---

# Why this handout

Replace this text with your own. A level-1 heading starts a section; the
contents list is made from the headings.

## Things to try

- *Emphasis*, **strong text** and ` + "`code`" + `.
- A footnote.[^1]
- A link to a [section of this handout](#why-this-handout).

> [!TIP] Check before printing
> Run ` + "`galley check handout.md`" + ` to see broken links, missing images and
> other problems before you build.

[^1]: Footnotes are printed at the foot of the page in the PDF.
`},
	{"book/book.yaml", `# A galley book: the metadata, the chapters in order, the output options.
title: My First Book
author: Your Name
date: 2026-01-15
lang: en
further_reading:
  - title: The CommonMark specification
    url: https://spec.commonmark.org/

chapters:
  - introduction.md
  - next-steps.md

output:
  name: my-first-book
  chapter_start: page      # page, right or none
  number_chapters: true
  number_sections: false
`},
	{"book/introduction.md", `# Introduction

Each chapter of a book is its own Markdown file, listed in book.yaml. Links
between chapters use the file name, with a heading's id after the #, as in
[the next steps](next-steps.md#what-to-write-next).
`},
	{"book/next-steps.md", `# Next steps

## What to write next

Add a chapter file, list it under ` + "`chapters`" + ` in book.yaml, and
rebuild. Go back to the [introduction](introduction.md) at any time.

Term
: A definition list pairs a term with its meaning.
`},
}

func runInit(args []string, std stdio) int {
	stdout, stderr := std.out, std.err
	if len(args) == 1 && (args[0] == "--help" || args[0] == "-h" || args[0] == "-help") {
		fmt.Fprint(stdout, initUsage)
		return exitOK
	}
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		return usageError(std, "galley init", fmt.Errorf("want one DIR, not %q", args), "init")
	}
	dir := args[0]
	for _, f := range starterFiles {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if _, err := os.Stat(p); err == nil {
			fmt.Fprintf(stderr, "galley init: %s exists; nothing was written\n", p)
			return exitError
		} else if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "galley init: %v\n", err)
			return exitError
		}
	}
	for _, f := range starterFiles {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(stderr, "galley init: %v\n", err)
			return exitError
		}
		if err := os.WriteFile(p, []byte(f.text), 0o644); err != nil {
			fmt.Fprintf(stderr, "galley init: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stdout, "wrote %s\n", p)
	}
	fmt.Fprintf(stdout, "next: galley build %s %s -o %s\n",
		filepath.Join(dir, "handout.md"), filepath.Join(dir, "book"), filepath.Join(dir, "out"))
	return exitOK
}
