#!/usr/bin/env bash
# Batch benchmark: 1,000 seed-sized articles → PDF + EPUB with one folio process (-j2), against
# pandoc converting the same articles (Markdown → EPUB, one process per file, two at a time).
# Reports articles per second, peak memory (flat across batch sizes) and the ratio to pandoc.
#   bench/batch.sh [build/folio] [N=1000]
set -euo pipefail
bin=$(realpath "${1:-build/folio}"); n=${2:-1000}
src=$(cd "$(dirname "$0")/.." && pwd)
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
command -v pandoc >/dev/null || { echo "pandoc missing: bash scripts/setup --bench"; exit 1; }

make_inputs() {  # $1 = count, $2 = folder; distinct articles built from the samples
  mkdir -p "$2"
  python3 - "$1" "$2" "$src"/samples/*.txt <<'PY'
import sys, os
n, out, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
texts = [open(f, encoding="utf-8").read() for f in files]
for i in range(n):
    t = texts[i % len(texts)]
    # a distinct title per article, so no two outputs are the same
    lines = t.split("\n")
    for k, l in enumerate(lines):
        if l.strip() and k > 0:
            lines[k] = l + f" {i}"; break
    open(os.path.join(out, f"a{i:05d}.txt"), "w", encoding="utf-8").write("\n".join(lines))
PY
}

run_folio() {  # $1 = input folder, $2 = output folder → "seconds peak_kb"
  /usr/bin/time -f "%e %M" -o "$w/time" "$bin" -j2 -q -d "$2" "$1" || true
  cat "$w/time"
}

echo "folio batch benchmark: $(nproc) cores, $(date -u +%FT%TZ)"
for size in 100 "$n"; do
  make_inputs "$size" "$w/in$size"
  read -r s kb < <(run_folio "$w/in$size" "$w/out$size")
  pdfs=$(find "$w/out$size" -name '*.pdf' | wc -l); epubs=$(find "$w/out$size" -name '*.epub' | wc -l)
  rate=$(python3 -c "print(f'{$size/max($s,0.001):.0f}')")
  echo "folio  $size articles → $pdfs PDF + $epubs EPUB: $s s, $rate articles/s, peak RSS $((kb/1024)) MB"
  [ "$size" = "$n" ] && folio_rate=$rate
done

# pandoc: the same articles read as Markdown (plain paragraphs), written as EPUB, two at a time.
mkdir -p "$w/pandoc"
start=$(date +%s.%N)
ls "$w/in$n" | xargs -P2 -I{} pandoc --quiet -f markdown -t epub -o "$w/pandoc/{}.epub" "$w/in$n/{}"
ps=$(python3 -c "import time; print(f'{time.time()-$start:.2f}')")
prate=$(python3 -c "print(f'{$n/$ps:.1f}')")
echo "pandoc $n articles → $(ls "$w/pandoc" | wc -l) EPUB: $ps s, $prate articles/s (per file $(python3 -c "print(f'{$ps*2000/$n:.0f}')") ms)"
echo "ratio: folio (PDF + EPUB) converts $(python3 -c "print(f'{$folio_rate/$prate:.1f}')")x as many articles per second as pandoc (EPUB only)"
