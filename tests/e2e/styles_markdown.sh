#!/usr/bin/env bash
# Every shipped style converts every sample to an EPUB that epubcheck passes (0/0/0) and to a PDF
# that qpdf accepts; the project's README.md and a generated 300 KB Markdown document give valid
# outputs with every word of the model present in the PDF's text.
set -u
bin=$1; src=$2
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
fails=0
bad() { echo "FAIL $*"; fails=$((fails+1)); }
epubcheck_ok() {  # $1 = epub
  m=$(java -jar /usr/bin/epubcheck "$1" 2>&1 | grep '^Messages:')
  echo "$m" | grep -q '0 fatals / 0 errors / 0 warnings' || { bad "epubcheck $(basename "$1"): $m"; return 1; }
}
words_in_pdf() {  # $1 = model json, $2 = pdf: every word of the body, in order, in pdftotext
  python3 - "$1" "$2" <<'PY'
import json, re, subprocess, sys, unicodedata
def texts(node, out):
    if isinstance(node, dict):
        if node.get("t") in ("text", "code") and "text" in node: out.append(node["text"])
        if node.get("t") == "codeblock": out.append(node["text"])
        if node.get("t") == "image": out.append(node.get("alt", ""))
        for k, v in node.items():
            if k != "meta": texts(v, out)
    elif isinstance(node, list):
        for v in node: texts(v, out)
def words(s):
    s = unicodedata.normalize("NFC", s).translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ad": ""}))
    s = re.sub(r"[\s\u00a0\u202f\u2009]+(?=[;:!?\u00bb])", "", s); s = re.sub(r"(?<=\u00ab)[\s\u00a0\u202f\u2009]+", "", s)
    return [w for w in re.split(r"[\s\u00a0\u202f\u2009]+", s) if w]
d = json.load(open(sys.argv[1])); out = []
texts(d["blocks"], out)
text = subprocess.run(["pdftotext", sys.argv[2], "-"], capture_output=True, text=True).stdout
text = re.sub(r"(\w)[-\u2010\u00ad]\n(?=\w)", "\\1\x00", text)
want, got = words(" ".join(out)), "".join(words(text)).replace("\x00", "")
# Words may be split across inline runs or joined by layout (code wrapping); compare as a stream
# of characters without spaces, in order.
stream, i = "".join(want), 0
for ch in stream:
    j = got.find(ch, i)
    if j < 0 or j - i > 200:
        print(f"missing near: {stream[max(0, stream.find(ch, 0)):][:60]}"); sys.exit(1)
    i = j + 1
print(f"{len(want)} words present in order")
PY
}

# Every style × every sample
for style in $("$bin" --list-styles | awk '{print $1}'); do
  for f in "$src"/samples/*.txt "$src"/samples/*.md; do
    b=$(basename "$f")
    SOURCE_DATE_EPOCH=1700000000 "$bin" -q --style "$style" "$f" -o "$w/$style-$b.epub" 2>"$w/err" || { bad "$style $b -> epub: $(head -c 200 "$w/err")"; continue; }
    SOURCE_DATE_EPOCH=1700000000 "$bin" -q --style "$style" "$f" -o "$w/$style-$b.pdf" 2>"$w/err" || { bad "$style $b -> pdf: $(head -c 200 "$w/err")"; continue; }
    epubcheck_ok "$w/$style-$b.epub" && qpdf --check "$w/$style-$b.pdf" >/dev/null 2>&1 && echo "ok   $style $b" || bad "$style $b: qpdf"
  done
done

# README.md and a 300 KB generated document
python3 "$src/bench/make_markdown.py" "$w/large.md" 300
for f in "$src/README.md" "$w/large.md"; do
  b=$(basename "$f" .md)
  "$bin" -q "$f" -t pdf,epub,json -d "$w/md" 2>"$w/err" || { bad "$b: $(head -c 300 "$w/err")"; continue; }
  epubcheck_ok "$w/md/$b.epub" || continue
  qpdf --check "$w/md/$b.pdf" >/dev/null 2>&1 || { bad "$b: qpdf --check"; continue; }
  r=$(words_in_pdf "$w/md/$b.json" "$w/md/$b.pdf") && echo "ok   $b.md: $(stat -c %s "$f") bytes, EPUB and PDF valid, $r" || bad "$b.md: $r"
done
echo "$fails failure(s)"
[ $fails = 0 ]
