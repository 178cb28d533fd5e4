# galley: Markdown → PDF handout + EPUB 3 e-book.
GO ?= go
OUT ?= out

.PHONY: all build sample test vet check clean

all: vet test

## build: the galley binary in bin/
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/galley ./cmd/galley

## sample: build the seed article into $(OUT)/ with the embedded defaults
sample:
	$(GO) run ./cmd/galley build content/hanoi-summit.md -o $(OUT)

## test: the whole test suite, validators included
test:
	$(GO) test ./...

## update: regenerate the golden files (review the diff!)
update:
	$(GO) test ./... -update

## vet: gofmt and go vet
vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

## check: run the validators on the sample outputs
check: sample
	java -jar /usr/share/java/epubcheck.jar $(OUT)/hanoi-summit.epub
	qpdf --check $(OUT)/hanoi-summit.pdf
	pdffonts $(OUT)/hanoi-summit.pdf
	pdfinfo $(OUT)/hanoi-summit.pdf

clean:
	rm -rf $(OUT) bin

## ci-books: what the README's CI recipe does: build every handout and the sample book,
## fail on any warning (--strict), write $(OUT)/manifest.json, validate the book
.PHONY: ci-books
ci-books:
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct) CI=true $(GO) run ./cmd/galley build --strict \
		--manifest $(OUT)/manifest.json -o $(OUT) content/*.md content/field-notebooks
	java -jar /usr/share/java/epubcheck.jar $(OUT)/field-notebooks.epub
	qpdf --check $(OUT)/field-notebooks.pdf

## compare-typesetting: galley vs pandoc → xelatex on the same text: inter-word spacing of justified lines (needs pandoc, texlive-xetex)
.PHONY: compare-typesetting
compare-typesetting:
	bash scripts/compare-typesetting.sh
