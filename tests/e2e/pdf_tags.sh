#!/usr/bin/env bash
# Tagged PDF, checked on every sample (in every shipped style), the tagging test documents
# (tests/e2e/tags) and the article corpus: pdfinfo says "Tagged: yes"; qpdf --check is clean; the
# text in structure-tree order (pdfinfo -struct-text) equals the model's (folio -t json) block by
# block, with no running header or page number in it (struct_text_check.py); and the PDF/UA-1
# rules a file shows hold (pdfua_check.py, batched). Then the checker itself must catch faults
# put into one file on purpose. Conversions run as batches (one folio process per set).
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
checked=0
shopt -s nullglob

fail() { echo "FAIL $1: $2"; fails=$((fails + 1)); }

# convert SET STYLE INPUTS...: PDF and JSON of each input into $work/SET/
convert() {
    local set=$1 style=$2
    shift 2
    mkdir -p "$work/$set"
    SOURCE_DATE_EPOCH=1700000000 "$bin" --style "$style" -t pdf,json -d "$work/$set" "$@" >"$work/$set.log" 2>&1 ||
        fail "$set" "folio: $(tail -c 300 "$work/$set.log")"
}

styles=(handout compact reader)
for style in "${styles[@]}"; do convert "samples-$style" "$style" "$src"/samples/*.*; done
convert tags handout "$src"/tests/e2e/tags/*.md "$src"/tests/e2e/tags/*.html
convert articles handout "$src"/tests/corpus/articles/*.txt
convert real handout "$src"/tests/corpus/real/*/*.txt

pdfs=()
for json in "$work"/*/*.json; do
    pdf="${json%.json}.pdf"
    name="$(basename "$(dirname "$json")")/$(basename "$pdf")"
    if [ ! -f "$pdf" ]; then fail "$name" "no PDF written"; continue; fi
    checked=$((checked + 1))
    pdfs+=("$pdf")
    pdfinfo "$pdf" 2>/dev/null | grep -q '^Tagged: *yes' || fail "$name" "pdfinfo does not say Tagged: yes"
    qpdf --check "$pdf" >/dev/null 2>&1 || fail "$name" "qpdf --check"
    out=$(python3 "$src/tests/e2e/struct_text_check.py" "$json" "$pdf" 2>&1) || fail "$name" "tagged text: $out"
done

# The PDF/UA checker over every file at once.
ua=$(python3 "$src/tests/e2e/pdfua_check.py" --stats "${pdfs[@]}" 2>&1)
passed=$(grep -c '^PASS' <<<"$ua")
grep '^FAIL' -A5 <<<"$ua" | head -40
grep '^checked:' <<<"$ua"
[ "$passed" = "${#pdfs[@]}" ] || fail "pdfua_check" "$passed of ${#pdfs[@]} files pass"

# The checker must see faults: each edit below breaks one rule in a copy of a sample.
victim=$(ls "$work"/samples-handout/*.pdf | grep guide | head -1)
if [ -n "$victim" ]; then
    qpdf --qdf --object-streams=disable "$victim" "$work/qdf.pdf"
    mutate() {  # mutate ID PERL-EXPRESSION: expects the checker to report ID
        perl -0pe "$2" "$work/qdf.pdf" >"$work/bad.pdf"
        fix-qdf "$work/bad.pdf" >"$work/bad-fixed.pdf" 2>/dev/null || cp "$work/bad.pdf" "$work/bad-fixed.pdf"
        local report
        report=$(python3 "$src/tests/e2e/pdfua_check.py" "$work/bad-fixed.pdf")
        grep -q "\[$1\]" <<<"$report" || fail "pdfua_check" "does not report $1 for: $2"
    }
    mutate 13-004 's{/Alt }{/Alx }g'
    mutate 07-002 's{/DisplayDocTitle true}{/DisplayDocTitle false}'
    mutate 06-002 's{<pdfuaid:part>1</pdfuaid:part>}{<pdfuaid:part>2</pdfuaid:part>}'
    mutate 19-003 's{/ID \(fn1\)}{/XD (fn1)}'
    mutate 28-012 's{/Contents ([(<])}{/Contentz $1}g'
    mutate 01-005 's{stream\nBT\n}{stream\n0 0 m 1 1 l S\nBT\n}'
    mutate 14-003 's{/S /H2}{/S /H4}'
    mutate 09-004 's{/S /TR}{/S /Sect}'
    mutate 09-005 's{/S /LBody}{/S /Div}'
    mutate 15 's{/S /TH}{/S /TD}g'
    mutate 11-001 's{/Lang \([a-z-]+\)\n}{}'
    mutate 31-027 's{/ToUnicode \d+ 0 R\n}{}'
    mutate 28-011 's{/S /Link}{/S /Span}g'
    mutate 01-005 's{/Artifact BMC}{/Span BMC}'
    mutate 02 's{/S /Caption}{/S /Legend}'
fi

# The text comparison must see a missing block and a changed word.
json=$(ls "$work"/samples-handout/*.json | grep notes | head -1)
if [ -n "$json" ]; then
    python3 - "$json" "$work/less.json" "$work/changed.json" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
less = dict(d, blocks=d["blocks"][1:])
json.dump(less, open(sys.argv[2], "w"))
para = next(b for b in d["blocks"] if b["t"] == "para")
para["c"][0]["text"] = para["c"][0]["text"].replace("e", "é", 1)
json.dump(d, open(sys.argv[3], "w"))
EOF2
    for variant in less changed; do
        python3 "$src/tests/e2e/struct_text_check.py" "$work/$variant.json" "${json%.json}.pdf" >/dev/null &&
            fail "struct_text_check" "does not see the $variant model"
    done
fi

echo "pdf_tags: $checked checked, $fails failure(s)"
[ "$fails" = 0 ]
