#!/usr/bin/env bash
# Speed and memory benchmark in one command, every figure a ratio to pandoc measured in the same
# run (hyperfine medians of wall time; CPU time, user + system, beside them, since wall time on a
# machine shared with other work measures the other work too):
#   1. the seed article, PDF + EPUB in one process, against pandoc making the EPUB alone;
#   2. a German, an English and a French article of the same length (6,000 characters of real
#      text each), PDF + EPUB;
#   3. a batch of articles in the six languages with -j2, in articles per second, against pandoc
#      run one process per file (two at a time);
#   4. the 309 KB Markdown document of bench/make_markdown.py, PDF + EPUB, against pandoc's EPUB;
#   5. peak RSS of one article in each language and of the big document.
# (The batch, 3, runs first: see there.)
#   bench/speed.sh [build/folio] [N=1000] [RUNS=20]
set -euo pipefail
bin=$(realpath "${1:-build/folio}"); n=${2:-1000}; runs=${3:-20}
src=$(cd "$(dirname "$0")/.." && pwd)
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
for t in pandoc hyperfine; do command -v $t >/dev/null || { echo "$t missing: bash scripts/setup --bench"; exit 1; }; done
export SOURCE_DATE_EPOCH=0
seed="$src/../shared/seed/article-seed.txt"
[ -f "$seed" ] || seed="$src/samples/vaccins-fr.txt"

median() {  # hyperfine JSON → median in ms
  python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))['results'][0]['median']*1000:.2f}\")" "$1"
}
cpu() {  # hyperfine JSON → mean user + system time in ms
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{(r['user']+r['system'])*1000:.2f}\")" "$1"
}
bench() {  # $1 = name, $2 = command → median ms
  hyperfine -N -w 3 -r "$runs" --export-json "$w/$1.json" "$2" >/dev/null 2>&1
  median "$w/$1.json"
}
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

echo "folio speed benchmark: $(nproc) cores, $(date -u +%FT%TZ), $runs runs each (median)"

# 3. The batch: real articles in six languages, each with a distinct title. It runs first: the
# repeated runs below replace their outputs, and on ext4 without a journal (these machines) every
# file created afterwards scans the inodes freed in the last minutes (find_inode_bit,
# recently_deleted), which would charge the batch for the benchmark's own earlier runs.
python3 - "$n" "$w/batch" "$src/tests/corpus/real" <<'PY'
import sys, pathlib
n, out, real = int(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
out.mkdir()
texts = [f.read_text(encoding="utf-8") for f in sorted(real.glob("*/*.txt"))]
for i in range(n):
    t = texts[i % len(texts)]
    title, _, body = t.partition("\n")
    (out / f"a{i:05d}.txt").write_text(f"{title} {i}\n{body}", encoding="utf-8")
PY
# One warm-up run first (font lookups, hyphenation caches, page cache), as the other sections have
# hyperfine's; its outputs stay until the end, so that nothing is deleted before the batch.
mkdir -p "$w/warm"; cp "$w"/batch/a0000?.txt "$w/warm/"
"$bin" -j2 -q -d "$w/o-warm" "$w/warm"
/usr/bin/time -f "%e %M %U %S" -o "$w/batch.time" "$bin" -j2 -q -d "$w/o3" "$w/batch"
read -r bs bkb bu bsys < "$w/batch.time"
frate=$(python3 -c "print(f'{$n/max($bs,0.001):.0f}')")
mkdir -p "$w/pandoc-batch"
m=$(( n < 200 ? n : 200 ))
start=$(date +%s.%N)
# (the first m names from an array, not `ls | head`: under pipefail, ls killed by SIGPIPE when head
# stops reading would end the script)
names=("$w"/batch/*)
printf '%s\n' "${names[@]:0:m}" |
  xargs -P2 -I{} sh -c 'pandoc --quiet -f markdown -t epub -o "$1/${2##*/}.epub" "$2"' _ "$w/pandoc-batch" {}
prate=$(python3 -c "import time; print(f'{$m/(time.time()-$start):.1f}')")
echo "batch: folio $n articles (6 languages) PDF+EPUB -j2 in $bs s = $frate articles/s" \
     "(CPU $(python3 -c "print(f'{($bu+$bsys)*1000/$n:.2f}')") ms an article, of which system" \
     "$(python3 -c "print(f'{$bsys*1000/$n:.2f}')") ms), peak RSS $((bkb/1024)) MB;" \
     "pandoc EPUB, one process per file, 2 at a time: $prate articles/s; folio/pandoc = $(ratio "$frate" "$prate")x"

# 1. The seed.
cp "$seed" "$w/seed.txt"; cp "$seed" "$w/seed.md"
f=$(bench seed-folio "$bin -q -d $w/o1 $w/seed.txt")
p=$(bench seed-pandoc "pandoc --quiet -f markdown -t epub -o $w/seed.epub $w/seed.md")
fc=$(cpu "$w/seed-folio.json"); pc=$(cpu "$w/seed-pandoc.json")
echo "seed: folio PDF+EPUB $f ms; pandoc EPUB $p ms; folio/pandoc = $(ratio "$f" "$p")" \
     "(CPU $fc ms / $pc ms = $(ratio "$fc" "$pc"))"

# 2. Three languages, the same length.
python3 - "$w" "$src/tests/corpus/real" <<'PY'
import sys, pathlib
out, real = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for lang in ("de", "en", "fr"):
    text = ""
    for f in sorted(real.glob(f"*/{lang}-*.txt")):
        title, _, body = f.read_text(encoding="utf-8").partition("\n\n")
        text += body + "\n\n"
        if len(text) > 6000:
            break
    cut = text[:6000].rsplit("\n\n", 1)[0]
    (out / f"lang-{lang}.txt").write_text(f"Article {lang}\n\n{cut}\n", encoding="utf-8")
PY
declare -A lt
for lang in de en fr; do
  lt[$lang]=$(bench "lang-$lang" "$bin -q -d $w/o2 $w/lang-$lang.txt")
done
echo "languages (6,000 characters): de ${lt[de]} ms, en ${lt[en]} ms, fr ${lt[fr]} ms;" \
     "slowest/fastest = $(python3 -c "v=[${lt[de]},${lt[en]},${lt[fr]}]; print(f'{max(v)/min(v):.2f}')")"

# 4. The big Markdown document.
python3 "$src/bench/make_markdown.py" "$w/big.md"
bf=$(bench big-folio "$bin -q -d $w/o4 $w/big.md")
bp=$(bench big-pandoc "pandoc --quiet -f markdown -t epub -o $w/big.epub $w/big.md")
echo "big Markdown ($(stat -c %s "$w/big.md") bytes): folio PDF+EPUB $bf ms; pandoc EPUB $bp ms; pandoc/folio = $(ratio "$bp" "$bf")x" \
     "(CPU $(cpu "$w/big-folio.json") ms / $(cpu "$w/big-pandoc.json") ms)"

# 5. Peak RSS.
rss() { /usr/bin/time -f "%M" -o "$w/rss" "$bin" -q -d "$w/o5" "$1" >/dev/null 2>&1; echo "$(( $(cat "$w/rss") / 1024 ))"; }
line="peak RSS (MB):"
for lang in de en es fr it pt; do
  langfiles=("$src"/tests/corpus/real/*/"$lang"-*.txt)
  f1=${langfiles[0]}
  line="$line $lang $(rss "$f1"),"
done
echo "$line big document $(rss "$w/big.md")"
