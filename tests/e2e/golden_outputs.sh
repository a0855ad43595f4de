#!/usr/bin/env bash
# Golden outputs of the Markdown documents in tests/golden/outputs/ (raw HTML elements and
# definition lists): the model (JSON), the EPUB chapter, the HTML body and the PDF layout trace
# must equal the files beside them. FOLIO_UPDATE_GOLDEN=1 rewrites the goldens instead.
set -u
bin=$(realpath "$1"); src=$2
dir="$src/tests/golden/outputs"
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
fails=0; checked=0

# compare NAME.KIND: the output against the golden file (or rewrite it)
compare() {
    local got=$1 golden=$2
    if [ "${FOLIO_UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "$golden"; echo "updated $(basename "$golden")"; return; fi
    checked=$((checked + 1))
    if [ ! -f "$golden" ]; then echo "FAIL no golden $(basename "$golden") (run with FOLIO_UPDATE_GOLDEN=1)"; fails=$((fails + 1)); return; fi
    if ! cmp -s "$got" "$golden"; then
        echo "FAIL $(basename "$golden") differs:"; diff "$golden" "$got" | head -20; fails=$((fails + 1))
    fi
}

for md in "$dir"/*.md; do
    name=$(basename "$md" .md)
    # Run from the documents' folder, so that paths in the model do not depend on the checkout.
    (cd "$dir" && SOURCE_DATE_EPOCH=1700000000 "$bin" -q --style handout -t json,html,trace,epub -d "$w" "$name.md") 2>"$w/$name.err" ||
        { echo "FAIL folio on $name: $(head -c 300 "$w/$name.err")"; fails=$((fails + 1)); continue; }
    compare "$w/$name.json" "$dir/$name.json"
    compare "$w/$name.trace" "$dir/$name.trace"
    # The HTML page's body (its head holds the whole stylesheet) and the EPUB's chapter.
    sed -n '/<body/,/<\/body>/p' "$w/$name.html" > "$w/$name.body.html"
    compare "$w/$name.body.html" "$dir/$name.body.html"
    unzip -p "$w/$name.epub" OEBPS/chapter-001.xhtml > "$w/$name.chapter.xhtml"
    compare "$w/$name.chapter.xhtml" "$dir/$name.chapter.xhtml"
done
[ "${FOLIO_UPDATE_GOLDEN:-}" = 1 ] && exit 0
echo "golden outputs: $checked compared, $fails failure(s)"
[ "$checked" -gt 0 ] && [ "$fails" = 0 ]
