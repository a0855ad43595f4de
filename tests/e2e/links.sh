#!/usr/bin/env bash
# Internal links in every output kind, checked by links_check.py: in EPUB, every href of every
# XHTML file of the package (nav.xhtml included) and of the NCX names a file of the package and an
# id in it; in HTML, every href="#id" names an id of the file; in PDF, every internal /Link (and
# outline entry) goes to a page of the document. Inputs: every sample in every shipped style, the
# tagging test documents (tests/e2e/tags), the examples of the Markdown reader specification
# (tests/golden/markdown-spec.txt), the HTML corpus (tests/corpus/html) and a handful of the
# article corpus; EPUBs also with chapters split at levels 2 and 6, so links cross chapter files.
# Conversions run as batches (one folio process per set). Then the checker itself must report a
# link broken on purpose in one EPUB, HTML and PDF file.
# Usage: bash links.sh FOLIO_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
start=$(date +%s)
shopt -s nullglob
check="$src/tests/e2e/links_check.py"

fail() { echo "FAIL $1: $2"; fails=$((fails + 1)); }

# convert SET FORMATS OPTIONS... -- INPUTS...: the outputs of each input into $work/SET/
convert() {
    local set=$1 formats=$2
    shift 2
    mkdir -p "$work/$set"
    SOURCE_DATE_EPOCH=1700000000 "$bin" -q -j2 -t "$formats" -d "$work/$set" "$@" >"$work/$set.log" 2>&1 ||
        fail "$set" "folio: $(tail -c 300 "$work/$set.log")"
}

# The Markdown examples of the reader specification, one file each (images from markdown-assets).
mkdir -p "$work/spec-src"
python3 - "$src/tests/golden/markdown-spec.txt" "$work/spec-src" <<'EOF'
import re, sys
fence = "`" * 32
text = open(sys.argv[1], encoding="utf-8").read()
for i, m in enumerate(re.finditer("^" + fence + " example\n(.*?)^\\.\n", text, re.S | re.M), 1):
    with open(f"{sys.argv[2]}/example-{i:03}.md", "w", encoding="utf-8") as f:
        f.write(m.group(1).replace("\u2192", "\t"))
EOF
spec=("$work"/spec-src/*.md)
[ "${#spec[@]}" -gt 0 ] || fail "markdown-spec" "no example extracted"
tags=("$src"/tests/e2e/tags/*.md "$src"/tests/e2e/tags/*.html)
docs=("${tags[@]}" "${spec[@]}")
assets=(--resource-path "$src/tests/golden/markdown-assets" --)  # the option takes several values: -- ends them

# A handful of articles: the first two of each corpus folder.
articles=()
for dir in "$src"/tests/corpus/articles "$src"/tests/corpus/real/*/; do
    files=("${dir%/}"/*.txt)
    articles+=("${files[@]:0:2}")
done

styles=(handout compact reader)
for style in "${styles[@]}"; do convert "samples-$style" pdf,epub,html --style "$style" "$src"/samples/*.*; done
convert docs pdf,epub,html --style handout "${assets[@]}" "${docs[@]}"
convert html-corpus pdf,epub,html --style handout --ext html,htm "$src"/tests/corpus/html
convert articles pdf,epub,html --style handout "${articles[@]}"
convert split2 epub --style compact --split-level 2 "${assets[@]}" "$src"/samples/*.* "${docs[@]}"
convert split6 epub --style reader --split-level 6 "${assets[@]}" "$src"/samples/*.* "${docs[@]}"

mapfile -t outputs < <(find "$work" -mindepth 2 -type f \( -name '*.epub' -o -name '*.html' -o -name '*.pdf' \) \
    ! -path "$work/spec-src/*" | sort)
[ "${#outputs[@]}" -gt 0 ] || fail "outputs" "no output written"
report=$(python3 "$check" "${outputs[@]}" 2>&1)
status=$?
grep '^FAIL' <<<"$report" | head -60
summary=$(grep '^links:' <<<"$report")
echo "$summary"
if [ "$status" != 0 ]; then
    fail "links_check" "$(grep -c '^FAIL' <<<"$report") broken link(s) or unreadable file(s) (exit $status)"
fi

# The checker must see links broken on purpose: expect FILE TEXT reports TEXT for FILE.
selftests=0
expect() {
    local out
    selftests=$((selftests + 1))
    out=$(python3 "$check" "$1" 2>&1) && fail "self-test" "checker passes $(basename "$1") ($3)"
    grep -qF -- "$2" <<<"$out" || fail "self-test" "checker does not report '$2' in $(basename "$1") ($3): $out"
}
# mutate_epub IN OUT MEMBER OLD NEW: a copy of IN with the first OLD in MEMBER replaced by NEW,
# rezipped with mimetype first and stored.
mutate_epub() {
    python3 - "$@" <<'EOF'
import sys, zipfile
src, dst, member, old, new = sys.argv[1:]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename == member:
            text = data.decode("utf-8")
            if old not in text:
                sys.exit(f"{old!r} not in {member}")
            data = text.replace(old, new, 1).encode("utf-8")
        zout.writestr(info, data, zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
EOF
}

epub="$work/split6/guide-en.epub"
if [ -f "$epub" ]; then
    # Find a same-file #id link, a cross-file link and a nav link in the split EPUB.
    read -r same cross nav < <(python3 - "$epub" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
same = cross = nav = None
for n in sorted(z.namelist()):
    if not n.endswith(".xhtml"):
        continue
    for href in re.findall(r'href="([^"]*)"', z.read(n).decode()):
        if n.endswith("/nav.xhtml"):
            if ".xhtml" in href:
                nav = nav or (n + "|" + href)
        elif href.startswith("#") and "fn" not in href:
            same = same or (n + "|" + href)
        elif ".xhtml#" in href:
            cross = cross or (n + "|" + href)
print(same or "-", cross or "-", nav or "-")
EOF
)
    : "${same:=-}" "${cross:=-}" "${nav:=-}"
    for pick in "$same" "$cross" "$nav"; do
        [ "$pick" != - ] || fail "self-test" "no link to break in $(basename "$epub") ($same $cross $nav)"
    done
    if [ "$same" != - ]; then
        mutate_epub "$epub" "$work/bad-same.epub" "${same%%|*}" "href=\"${same#*|}\"" 'href="#no-such-id"' &&
            expect "$work/bad-same.epub" "'#no-such-id': no id 'no-such-id'" "same-file id"
    fi
    if [ "$cross" != - ]; then
        href=${cross#*|}
        # the same id in another chapter file that exists, then in a file that does not
        other=nav.xhtml
        mutate_epub "$epub" "$work/bad-cross.epub" "${cross%%|*}" "href=\"$href\"" "href=\"$other#${href#*#}\"" &&
            expect "$work/bad-cross.epub" "no id '${href#*#}' in $(dirname "${cross%%|*}")/$other" "cross-file id"
        mutate_epub "$epub" "$work/bad-file.epub" "${cross%%|*}" "href=\"$href\"" "href=\"missing.xhtml#${href#*#}\"" &&
            expect "$work/bad-file.epub" "is not a file of the package" "cross-file target"
    fi
    if [ "$nav" != - ]; then
        href=${nav#*|}
        mutate_epub "$epub" "$work/bad-nav.epub" "${nav%%|*}" "href=\"$href\"" "href=\"${href%%#*}#no-such-id\"" &&
            expect "$work/bad-nav.epub" "no id 'no-such-id'" "nav entry"
    fi
else
    fail "self-test" "no $epub"
fi

html="$work/samples-handout/guide-en.html"
if [ -f "$html" ] && grep -q 'href="#' "$html"; then
    perl -0pe 's{href="#[^"]*"}{href="#no-such-id"}' "$html" >"$work/bad.html"
    expect "$work/bad.html" "'#no-such-id': no id 'no-such-id'" "html"
else
    fail "self-test" "no internal link in $html"
fi

# PDF: qpdf --update-from-json rewrites one object (the first link with an internal /Dest): its
# destination becomes the catalog instead of a page, then a name that no destination has.
pdf="$work/samples-handout/guide-en.pdf"
if [ -f "$pdf" ]; then
    python3 - "$pdf" "$work" <<'EOF' || fail "self-test" "no internal PDF link to break in $pdf"
import json, subprocess, sys
pdf, work = sys.argv[1:]
d = json.loads(subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", pdf], capture_output=True, text=True).stdout)
head, objs = d["qpdf"]
root = objs["trailer"]["value"]["/Root"]
key, value = next((k, o["value"]) for k, o in objs.items()
                  if isinstance(o.get("value"), dict) and o["value"].get("/Subtype") == "/Link" and "/Dest" in o["value"])
for name, dest in (("catalog", [root, "/Fit"]), ("name", "/NoSuchDest"), ("string", "u:no-such-dest")):
    json.dump({"qpdf": [head, {key: {"value": dict(value, **{"/Dest": dest})}}]}, open(f"{work}/upd-{name}.json", "w"))
EOF
    for name in catalog name string; do
        qpdf "$pdf" --update-from-json="$work/upd-$name.json" "$work/bad-$name.pdf" 2>"$work/qpdf.err" ||
            fail "self-test" "qpdf --update-from-json: $(head -c 300 "$work/qpdf.err")"
    done
    expect "$work/bad-catalog.pdf" "does not start with a page of this document" "pdf page"
    expect "$work/bad-name.pdf" "named destination not in the catalog's /Dests" "pdf name"
    expect "$work/bad-string.pdf" "named destination not in /Names /Dests" "pdf string"
else
    fail "self-test" "no $pdf"
fi

echo "links: $selftests self-test faults planted; ${#outputs[@]} outputs, $fails failure(s) in $(($(date +%s) - start)) s"
[ "$fails" = 0 ]
