#!/usr/bin/env bash
# Converts every file in samples/ to PDF and checks the result with real consumers: qpdf --check,
# pdffonts (every font embedded, with ToUnicode), pdfinfo (pages), pdftotext (no poppler warning;
# every word of the paragraphs and headings in order, hyphens and soft hyphens at line ends
# undone) and pdftotext -bbox (no word outside the text block). Inputs whose reader this build
# lacks are skipped.
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
checked=0
shopt -s nullglob

fail() { echo "FAIL $1: $2"; fails=$((fails + 1)); }

for input in "$src"/samples/*; do
    [ -f "$input" ] || continue
    name=$(basename "$input")
    out="$work/$name.pdf"
    if ! SOURCE_DATE_EPOCH=1700000000 "$bin" "$input" -t pdf -o "$out" >"$work/log" 2>&1; then
        fail "$name" "folio failed: $(head -c 300 "$work/log")"
        continue
    fi
    checked=$((checked + 1))
    qpdf --check "$out" >/dev/null 2>&1 || fail "$name" "qpdf --check"
    pdffonts "$out" | awk 'NR>2 && ($(NF-4)!="yes" || $(NF-2)!="yes") {bad=1} END {exit bad}' ||
        fail "$name" "a font is not embedded or has no ToUnicode"
    pages=$(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}')
    [ "${pages:-0}" -ge 1 ] || fail "$name" "pdfinfo reports no pages"
    warn=$(pdftotext "$out" - 2>&1 >/dev/null | head -1)
    [ -z "$warn" ] || fail "$name" "poppler warns: $warn"
    SOURCE_DATE_EPOCH=1700000000 "$bin" "$input" -t json -o "$work/$name.json" >/dev/null 2>&1 || {
        fail "$name" "no JSON model"; continue; }
    python3 - "$work/$name.json" "$out" <<'EOF' || fail "$name" "text check"
import json, re, subprocess, sys
doc = json.load(open(sys.argv[1]))
texts = []
def inline_text(xs):
    s = ""
    for x in xs or []:
        t = x.get("t")
        if t in ("text", "code"): s += x.get("text", "")
        elif t == "br": s += " "
        elif t == "image": s += x.get("alt", "")
        elif "c" in x: s += inline_text(x["c"])
    return s
def walk(blocks):
    for b in blocks or []:
        t = b.get("t")
        if t in ("para", "heading"): texts.append(inline_text(b.get("c")))
        elif t in ("bullets", "ordered"):
            for it in b.get("items", []): walk(it.get("c"))
        elif t == "quote": walk(b.get("c"))
walk(doc.get("blocks"))
def words(s):
    s = re.sub(r"[\u2070-\u2079\u00b9\u00b2\u00b3]", "", s)
    return [w for w in re.split(r"[\s\u00a0\u202f\u2009]+", s) if w]
want = words(" ".join(texts))
text = subprocess.run(["pdftotext", sys.argv[2], "-"], capture_output=True, text=True).stdout
lines = [words(l) for l in text.split("\n")]
got = []
for ws in lines:
    for i, w in enumerate(ws): got.append((w, i == len(ws) - 1))
k = i = 0
while i < len(got) and k < len(want):
    w, end = got[i]
    if w == want[k]: k += 1
    elif end and i + 1 < len(got) and want[k] in (w + got[i + 1][0], w.rstrip("-\u00ad") + got[i + 1][0]): k += 1; i += 1
    i += 1
if k < len(want):
    print(f"word {k + 1} of {len(want)} ('{want[k]}') not found in order"); sys.exit(1)
html = subprocess.run(["pdftotext", "-bbox", sys.argv[2], "-"], capture_output=True, text=True).stdout
bad = 0
for page in html.split("<page ")[1:]:
    width = float(re.match(r'width="([\d.]+)"', page).group(1))
    xs = [(float(a), float(b)) for a, b in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', page)]
    if not xs: continue
    left = min(round(a) for a, _ in xs)
    bad += sum(1 for a, b in xs if b > width - left + 1.5)
if bad:
    print(f"{bad} word boxes past the right margin"); sys.exit(1)
EOF
done
echo "pdf_samples: $checked checked, $fails failure(s)"
[ "$fails" = 0 ]
