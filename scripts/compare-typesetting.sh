#!/usr/bin/env bash
# Compare galley's justified paragraphs with xelatex's on the same text.
#
# Each input is set twice on A4 with the same text block (64 bp side margins,
# 72 bp top and bottom), the same face (the embedded Noto Serif at 10.5 pt),
# the same hyphenation patterns (TeX's US English) and French spacing: once by
# galley, once by pandoc → xelatex. Then internal/cmd/spacing measures
# the inter-word spaces of both PDFs' justified lines with pdftotext -bbox and
# prints min / median / max of the stretch ratio side by side.
#
# Needs pandoc, texlive-xetex and poppler-utils; skips (exit 0) without them.
# Inputs: the arguments, or the seed article and a generated 3-chapter book.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in pandoc xelatex pdftotext; do
  if ! command -v "$tool" >/dev/null; then
    echo "compare-typesetting: $tool is not installed (apt-get install -y pandoc texlive-xetex poppler-utils); skipping"
    exit 0
  fi
done

out="${OUT:-out}/compare-typesetting"
mkdir -p "$out"
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  go run ./internal/cmd/galleybench gen -scale 0.06 -dir "$out"
  inputs=(content/hanoi-summit.md "$out/x0.06/book.md")
fi

fonts="$(pwd)/fonts/"
printf '\\frenchspacing\n' > "$out/frenchspacing.tex"
pdfs=()
for in in "${inputs[@]}"; do
  name="$(basename "${in%.*}")"
  go run ./cmd/galley build --format pdf --paper a4 "$in" -o "$out/galley" >/dev/null
  (
    cd "$(dirname "$in")"
    pandoc "$(basename "$in")" -o "$OLDPWD/$out/$name.xelatex.pdf" --pdf-engine=xelatex \
      -V papersize=a4 -V geometry:left=64bp,right=64bp,top=72bp,bottom=72bp \
      -V mainfont=NotoSerif-Regular.ttf \
      -V mainfontoptions="Path=$fonts,Scale=1.05,BoldFont=NotoSerif-Bold.ttf,ItalicFont=NotoSerif-Italic.ttf,BoldItalicFont=NotoSerif-BoldItalic.ttf" \
      -V monofont=NotoSansMono-Regular.ttf -V monofontoptions="Path=$fonts,Scale=0.92" \
      -H "$OLDPWD/$out/frenchspacing.tex" 2> "$OLDPWD/$out/$name.xelatex.log" \
      || { echo "compare-typesetting: pandoc/xelatex failed on $in; see $out/$name.xelatex.log"; exit 1; }
  )
  cp "$out/galley/$name.pdf" "$out/$name.galley.pdf"
  pdfs+=("$out/$name.galley.pdf" "$out/$name.xelatex.pdf")
done

echo "Inter-word stretch ratio of justified body lines (0 = natural space, 1 = all the stretch, -1 = all the shrink):"
go run ./internal/cmd/spacing -size 10.5 -space 0.26 "${pdfs[@]}"
