#!/usr/bin/env bash
# End-to-end tests of the command line and the batch runner: exit codes, messages, outputs,
# shards, report, atomic writes under SIGTERM, unwritable and full output folders.
set -u
bin=$1; src=$2
w=$(mktemp -d); trap 'chmod -R u+w "$w" 2>/dev/null; umount "$w/full" 2>/dev/null; rm -rf "$w"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails+1)); }
article=$(ls "$src"/samples/*.txt | head -1)

"$bin" --help >"$w/help" 2>&1 && grep -q -- '--output-dir' "$w/help" && ok "--help" || bad "--help"
"$bin" --version | grep -q '^folio [0-9]' && ok "--version" || bad "--version"
"$bin" --no-such-option x.txt >/dev/null 2>"$w/err"; [ $? = 2 ] && grep -q 'error' "$w/err" && ok "unknown option: exit 2" || bad "unknown option"
"$bin" "$w/missing.txt" -o "$w/x.json" >/dev/null 2>"$w/err"; rc=$?
[ $rc = 1 ] && grep -q "folio: error: $w/missing.txt: cannot open" "$w/err" && ok "missing input: exit 1, message names the file" || { bad "missing input (exit $rc)"; cat "$w/err"; }
cp "$article" "$w/same.json"
"$bin" "$w/same.json" -f article -o "$w/same.json" >/dev/null 2>&1; [ $? = 2 ] && cmp -s "$article" "$w/same.json" && ok "output onto input refused" || bad "output onto input"

# JSON dump to stdout is valid JSON with the title
"$bin" "$article" -t json -o - 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["meta"]["title"]' && ok "json to stdout" || bad "json to stdout"
# stdin input
"$bin" - -f article -t json -o - <"$article" 2>/dev/null | python3 -c 'import json,sys; json.load(sys.stdin)' && ok "stdin input" || bad "stdin input"

# -v lists what the reader removed, with its position; -q silences notes and warnings
printf 'Home\n\nA title\n\nA paragraph that is complete.\n' > "$w/crumb.txt"
"$bin" -v "$w/crumb.txt" -t json -o "$w/crumb.json" 2>"$w/err" >/dev/null
grep -q "crumb.txt:1:1: removed breadcrumb: \"Home\"" "$w/err" && ok "-v lists removed boilerplate" || { bad "-v removed"; cat "$w/err"; }
"$bin" -v -q "$w/crumb.txt" -t json -o "$w/crumb.json" 2>"$w/err" >/dev/null
[ ! -s "$w/err" ] && ok "-q prints nothing on success" || { bad "-q output"; cat "$w/err"; }

# One bad input among good ones: the others are converted, exit 1, one error line for it.
mkdir -p "$w/in/sub"
for i in 1 2 3 4 5 6; do cp "$article" "$w/in/a$i.txt"; done
cp "$article" "$w/in/sub/b.txt"
printf '\x00\x01\x02binary\xff\xfe\x00\x00' > "$w/in/bad.txt"
"$bin" -j2 -t json -d "$w/out" --report "$w/report.json" "$w/in" >/dev/null 2>"$w/err"; rc=$?
n=$(find "$w/out" -name '*.json' | wc -l)
[ $rc = 1 ] && [ "$n" = 7 ] && ok "bad input among 7 good: exit 1, 7 outputs" || bad "bad among good: exit $rc, $n outputs"
[ "$(grep -c '^folio: error: .*bad.txt' "$w/err")" = 1 ] && ok "one error line for the bad input" || { bad "error lines"; cat "$w/err"; }
grep -q 'converted, 1 failed' "$w/err" && ok "summary line" || bad "summary line"
[ -f "$w/out/sub/b.json" ] && ok "output tree mirrors input tree" || bad "mirroring"
python3 - "$w/report.json" <<'PY' && ok "report fields" || bad "report fields"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["summary"]["converted"] == 7 and r["summary"]["failed"] == 1, r["summary"]
for i in r["inputs"]:
    assert i["status"] in ("converted", "failed")
    if i["status"] == "converted":
        o = i["outputs"][0]
        assert o["bytes"] > 0 and len(o["sha256"]) == 64 and i["title"] and "read" in i["ms"]
        assert i["words_in"] > 0 and i["words_out"] > 0
PY

# Shards cover every input exactly once
for k in 1 2 3; do "$bin" -q -t json --shard $k/3 -d "$w/sh$k" "$w/in" >/dev/null 2>&1; done
total=$(find "$w"/sh? -name '*.json' | wc -l)
[ "$total" = 7 ] && ok "3 shards cover 7 good inputs once" || bad "shards gave $total outputs"

# --skip-unchanged skips up-to-date outputs and redoes touched inputs
sleep 1
touch "$w/in/a1.txt"
"$bin" -t json -d "$w/out" --skip-unchanged "$w/in" 2>"$w/err" >/dev/null
grep -q '1 converted, 1 failed, 6 skipped' "$w/err" && ok "--skip-unchanged" || { bad "--skip-unchanged"; cat "$w/err"; }

# No progress bar or colour when stderr is not a terminal
grep -q $'\r' "$w/err" && bad "progress bar written to a non-terminal" || ok "no progress bar on a non-terminal"

# Unwritable output folder: a clear error per file, exit 1 (root ignores permissions: use a file as folder)
touch "$w/notadir"
"$bin" -t json -d "$w/notadir/x" "$w/in/a1.txt" "$w/in/a2.txt" >/dev/null 2>"$w/err"; rc=$?
[ $rc = 1 ] && [ "$(grep -c '^folio: error: ' "$w/err")" = 2 ] && ok "unwritable output folder: one error per file" || { bad "unwritable folder (exit $rc)"; cat "$w/err"; }

# Full file system: a small tmpfs (needs root and mount rights; skipped otherwise)
mkdir -p "$w/full"
if mount -t tmpfs -o size=8k tmpfs "$w/full" 2>/dev/null; then
  big="$w/big.txt"; python3 -c "print('Title\n'); print(('word ' * 30 + '\n\n') * 400)" > "$big"
  "$bin" -t json -d "$w/full" "$big" >/dev/null 2>"$w/err"; rc=$?
  left=$(find "$w/full" -type f | wc -l)
  [ $rc = 1 ] && grep -q 'No space left' "$w/err" && [ "$left" = 0 ] && ok "full disk: clear error, no partial file" || { bad "full disk (exit $rc, $left files)"; cat "$w/err"; }
  umount "$w/full"
else
  echo "skip full-disk test (cannot mount tmpfs here)"
fi

# SIGTERM during a large batch: exit 143, no temporary or partial file, finished outputs intact
mkdir -p "$w/many"
python3 -c "import sys; t=open(sys.argv[1]).read(); print(t + '\n\n' + ('\n\n'.join(['Un paragraphe complet pour allonger le texte.'] * 20000)))" "$article" > "$w/large.txt"
for i in $(seq 1 60); do cp "$w/large.txt" "$w/many/m$i.txt"; done
"$bin" -j2 -q -t json -d "$w/mout" "$w/many" & pid=$!
# wait for the first finished output, so the test also shows earlier outputs are kept
for _ in $(seq 1 200); do [ -n "$(find "$w/mout" -name '*.json' 2>/dev/null | head -1)" ] && break; sleep 0.1; done
kill -TERM $pid; wait $pid; rc=$?
tmp=$(find "$w/mout" -name '.*tmp*' 2>/dev/null | wc -l)
okjson=$(python3 - "$w/mout" <<'PY'
import json, os, sys
n = 0
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        json.load(open(os.path.join(d, f))); n += 1
print(n)
PY
)
[ $rc = 143 ] && [ "$tmp" = 0 ] && [ "${okjson:-0}" -ge 1 ] && [ "$okjson" -lt 60 ] && ok "SIGTERM: exit 143, no temporary file, $okjson complete outputs" || bad "SIGTERM: exit $rc, $tmp temporaries, outputs '$okjson'"

echo "$fails failure(s)"
[ $fails = 0 ]
