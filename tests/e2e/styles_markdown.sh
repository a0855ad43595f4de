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
from collections import Counter
blocks = {"para", "heading", "codeblock", "hr", "figure"}
def texts(node, out, cells):
    if isinstance(node, dict):
        t = node.get("t")
        if t == "table":  # cells are checked apart: pdftotext interleaves wrapped cells of a row
            for row in node.get("head", []) + node.get("body", []):
                for cell in row:
                    texts(cell, cells, cells); cells.append(" ")
            texts(node.get("caption", []), cells, cells); cells.append(" ")
            return
        if t == "codeblock":  # aligned columns in code are read out of order too
            cells.append(node["text"] + " "); return
        if t in ("text", "code"): out.append(node["text"])
        if t == "image": out.append(node.get("alt", ""))
        for k, v in node.items():
            if k != "meta": texts(v, out, cells)
        if t in blocks: out.append(" ")
    elif isinstance(node, list):
        for v in node: texts(v, out, cells)
def words(s):
    s = unicodedata.normalize("NFC", s).translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ad": ""}))
    s = re.sub(r"[\s\u00a0\u202f\u2009]+(?=[;:!?\u00bb])", "", s); s = re.sub(r"(?<=\u00ab)[\s\u00a0\u202f\u2009]+", "", s)
    return [w for w in re.split(r"[\s\u00a0\u202f\u2009]+", s) if w]
d = json.load(open(sys.argv[1])); out, cells = [], []
texts(d["blocks"], out, cells)
text = subprocess.run(["pdftotext", sys.argv[2], "-"], capture_output=True, text=True).stdout
# A hyphen at a line end, soft or real; poppler sometimes puts a blank line between a paragraph's
# first line and the rest when the first line mixes fonts.
text = re.sub(r"(\w)[-\u2010\u00ad]\n\n?(?=\w)", "\\1\x00", text)
# Note marks are drawn as superscript digits right after the word they follow.
text = re.sub("[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+", "", text)
# Words without a letter or digit (a lone "-" in code) are not compared: poppler's text output
# drops some of them, though they are drawn (pdftotext -bbox lists them).
want = [w for w in words("".join(out)) if re.search(r"\w", w)]
got = words(text)
i = 0
for w in got:   # every word of the model in order (extra words: headers, footers, marks)
    if i < len(want) and want[i] in (w.replace("\x00", ""), w.replace("\x00", "-")):
        i += 1
if i < len(want):
    print(f"word {i + 1} of {len(want)} ('{want[i]}') not found in order"); sys.exit(1)
have = Counter(w.replace("\x00", "") for w in got) + Counter(w.replace("\x00", "-") for w in got if "\x00" in w)
lost = [w for w, n in Counter(words("".join(cells))).items() if have[w] < n]
if lost:
    print(f"table words missing: {lost[:10]}"); sys.exit(1)
print(f"{len(want)} words present in order, {len(words(''.join(cells)))} words of tables and code present")
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
