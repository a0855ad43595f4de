#!/usr/bin/env bash
# Converts every file in samples/ to EPUB with the folio binary and runs epubcheck on each:
# 0 fatals / 0 errors / 0 warnings, else the test fails; a conversion failure fails the test.
# Usage: bash epubcheck_samples.sh FOLIO_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
if [ ! -f /usr/bin/epubcheck ]; then echo "FAIL: epubcheck is not installed (bash scripts/setup)"; exit 1; fi
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
fails=0 checked=0 skipped=0
shopt -s nullglob
for f in "$src"/samples/*; do
  [ -f "$f" ] || continue
  b=$(basename "$f")
  out="$w/$b.epub"
  if ! SOURCE_DATE_EPOCH=1700000000 "$bin" "$f" -t epub -o "$out" >"$w/out" 2>"$w/err"; then
    echo "FAIL $b: conversion failed: $(head -c 300 "$w/err")"; fails=$((fails+1)); continue
  fi
  report=$(java -jar /usr/bin/epubcheck "$out" 2>&1)
  m=$(echo "$report" | grep '^Messages:')
  if echo "$m" | grep -q '0 fatals / 0 errors / 0 warnings'; then
    echo "PASS $b: $m"
  else
    echo "FAIL $b: $m"; echo "$report" | grep -E '^(FATAL|ERROR|WARNING)' | head -20; fails=$((fails+1))
  fi
  checked=$((checked+1))
done
echo "epubcheck_samples: $checked checked, $skipped skipped, $fails failed"
[ "$fails" = 0 ]
