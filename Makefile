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

## bench: per-stage Go benchmarks (-benchmem) on a generated 1.3 MB book, then the
## built binary on generated books of BENCH_SCALES × 1.3 MB (wall, peak RSS, MB/s)
BENCH_SCALES ?= 1,10
BENCH_RUNS ?= 3
BENCH_LARGE_RUNS ?= 1
BENCH_DIR ?= $(CURDIR)/$(OUT)/bench
bench: build
	$(GO) test ./export -run '^$$' -bench . -benchmem -benchtime $(BENCH_RUNS)x
	$(GO) test ./fonts -run '^$$' -bench . -benchmem
	$(GO) run ./internal/cmd/galleybench bench -bin bin/galley -scales $(BENCH_SCALES) -runs $(BENCH_RUNS) -large-runs $(BENCH_LARGE_RUNS) -dir $(BENCH_DIR)

## compare: the same generated books through galley and pandoc (EPUB; PDF via
## xelatex when installed, up to COMPARE_XELATEX_MAX), with ratios
COMPARE_SCALES ?= 1
COMPARE_RUNS ?= 1
COMPARE_XELATEX_MAX ?= 1
compare: build
	$(GO) run ./internal/cmd/galleybench compare -bin bin/galley -scales $(COMPARE_SCALES) -runs $(COMPARE_RUNS) -xelatex-max-scale $(COMPARE_XELATEX_MAX) -dir $(BENCH_DIR)

.PHONY: bench compare
