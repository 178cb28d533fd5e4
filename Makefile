# galley: Markdown → PDF handout + EPUB 3 e-book.
GO ?= go
OUT ?= out
# The Go release galley is built with: go.mod's toolchain line (the go command fetches it
# from the module proxy when the machine's Go is older, or is set to GOTOOLCHAIN=local).
export GOTOOLCHAIN ?= $(shell sed -n 's/^toolchain //p' go.mod)

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

## fuzz: each fuzz target for FUZZTIME (default 10m), one after the other, one worker
## each; the executions count is in each target's last "fuzz: elapsed" line
FUZZTIME ?= 10m
FUZZPARALLEL ?= 1
# The fuzz targets, package:function:executions; the executions are CI's smoke run
# (.ci/run reads them with `make -s fuzz-smoke-targets`), each 10 to 20 s here.
FUZZ_TARGETS = ./export/markdown:FuzzParse:60000x ./export:FuzzRenderPDF:1500x ./export:FuzzRenderEPUB:5000x \
  ./fonts/subset:FuzzSubset:150000x ./fonts/subset:FuzzCFF:120000x ./export/mdbook:FuzzExpand:200000x \
  ./export/svgclean:FuzzClean:200000x ./fonts:FuzzPaintGraph:1000x ./export/layout:FuzzInlineUses:80000x \
  ./export/book:FuzzChapterText:100000x ./export/tex:FuzzParse:100000x ./export/passes:FuzzRuleLexer:20000x \
  ./export/passes:FuzzMayReference:10000x ./export/markdown:FuzzHasTagStart:10000x \
  ./export/markdown:FuzzMayBeFancyMarker:10000x ./export/layout:FuzzMayRewritePaints:10000x ./fonts:FuzzDecodeIndex:100000x \
  ./export/layout:FuzzReplaceNear:20000x ./export/doc:FuzzHostName:200000x ./export/layout:FuzzHBShaper:20000x
.PHONY: fuzz fuzz-smoke-targets conformance
fuzz-smoke-targets:
	@echo $(FUZZ_TARGETS)
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t#*:}; fn=$${fn%%:*}; \
	  echo "fuzz: $$fn ($$pkg) for $(FUZZTIME)"; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10s -parallel $(FUZZPARALLEL) || exit 1; \
	done

## conformance: every CommonMark spec and GFM example built to PDF and EPUB, each
## checked with qpdf --check and EPUBCheck (export/conformance_test.go)
conformance:
	GALLEY_CONFORMANCE=1 $(GO) test ./export -run '^TestConformance$$' -count=1 -v -timeout 60m

## check-a11y: DAISY Ace over the seed's EPUB (exit 2 on any violation; report in
## $(OUT)/ace/report.html), then the Ace tests over the seed, the test book and the
## CommonMark corpus. Needs: npm install -g @daisy/ace, apt-get install chromium.
.PHONY: check-a11y
check-a11y: sample
	PUPPETEER_EXECUTABLE_PATH=$${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium} \
		ace-puppeteer --force --exiterror2 --outdir $(OUT)/ace $(OUT)/hanoi-summit.epub
	$(GO) test -count=1 -run 'TestAce' ./export/ ./export/epub/

## check-devices: calibre's ebook-convert turns the seed's and the test book's EPUBs
## into AZW3 and PDF with a clean log (needs apt-get install calibre; CI installs it).
.PHONY: check-devices
check-devices:
	$(GO) test -count=1 -v -run 'TestCalibreConvert' ./export/

## bench: per-stage Go benchmarks (-benchmem) on a generated 1.3 MB book, then the
## built binary on generated books of BENCH_SCALES × 1.3 MB (wall, peak RSS, MB/s), then
## its peak memory on a 5 MB line, 16 large PNGs and the 10x book against 10x input + 200 MB
BENCH_SCALES ?= 1,10
BENCH_RUNS ?= 3
BENCH_LARGE_RUNS ?= 1
BENCH_DIR ?= $(CURDIR)/$(OUT)/bench
bench: build
	$(GO) test ./export -run '^$$' -bench . -benchmem -benchtime $(BENCH_RUNS)x
	$(GO) test ./fonts -run '^$$' -bench . -benchmem
	$(GO) test ./export/pdf -run '^$$' -bench SplitAlpha -benchmem
	$(GO) test ./export/passes -run '^$$' -bench RuleLexer -benchmem
	$(GO) test ./covers -run '^$$' -bench ThumbnailEncode -benchmem
	$(GO) run ./internal/cmd/galleybench bench -bin bin/galley -scales $(BENCH_SCALES) -runs $(BENCH_RUNS) -large-runs $(BENCH_LARGE_RUNS) -dir $(BENCH_DIR)
	$(GO) run ./internal/cmd/galleybench limits -bin bin/galley -dir $(BENCH_DIR)

## compare: speed (compare-speed) and typesetting (compare-typesetting) against pandoc
compare: compare-speed compare-typesetting

## compare-speed: the same generated books through galley and pandoc (EPUB; PDF via
## xelatex when installed, up to COMPARE_XELATEX_MAX), with ratios; a class set of 40
## handouts; and a real book directory when COMPARE_BOOK names one
COMPARE_SCALES ?= 1
COMPARE_RUNS ?= 1
COMPARE_XELATEX_MAX ?= 1
COMPARE_BOOK ?=
compare-speed: build
	$(GO) run ./internal/cmd/galleybench compare -bin bin/galley -scales $(COMPARE_SCALES) -runs $(COMPARE_RUNS) -xelatex-max-scale $(COMPARE_XELATEX_MAX) -dir $(BENCH_DIR) -book "$(COMPARE_BOOK)"

.PHONY: bench compare compare-speed

## pgo: regenerate cmd/galley/default.pgo, the CPU profile `go build` optimises galley
## with (profile-guided optimisation): a galley built without it builds the class set
## 10 times, the generated books of BENCH_SCALES and PGO_BOOK (a real book, 8 times;
## the README names the one used) with GALLEY_CPUPROFILE, and the profiles are merged
PGO_BOOK ?=
.PHONY: pgo
pgo:
	CGO_ENABLED=0 $(GO) build -pgo=off -trimpath -o bin/galley-nopgo ./cmd/galley
	$(GO) run ./internal/cmd/galleybench pgo -bin bin/galley-nopgo -scales $(BENCH_SCALES) -dir $(BENCH_DIR) -book "$(PGO_BOOK)" -o cmd/galley/default.pgo
