#!/usr/bin/env bash
# Hostile inputs: every case must give valid output or a clear error, within bounded time and
# memory, and never a crash. Prints a table: case, exit status, outcome, seconds, peak MB.
set -u
bin=$1; src=$2
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
time_limit_s=${FOLIO_HOSTILE_TIME_S:-120}
mem_limit_mb=${FOLIO_HOSTILE_MEM_MB:-2000}
fails=0

python3 - "$w" <<'PY'
import os, sys, random, zlib, struct
w = sys.argv[1]; r = random.Random(7)
def put(name, data):
    open(os.path.join(w, name), "wb").write(data if isinstance(data, bytes) else data.encode())
put("empty.txt", b"")
put("whitespace.txt", b" \t\n\n  \r\n")
put("crumb-only.txt", b"Home\n")
put("50mb.txt", b"Title\n\n" + (b"Une phrase ordinaire qui se termine bien. " * 30 + b"\n\n") * 40000)
put("1mb-line.txt", b"Title\n\n" + b"mot " * 250000 + b"\n")
put("long-word.txt", b"Title\n\nA " + b"x" * 10000 + b" word.\n")
put("100k-lines.txt", b"Title\n\nA paragraph cut in the\n\n" + b"\n".join(b"w%d" % i for i in range(100000)) + b"\n")
put("invalid-utf8.txt", b"Title\n\nA \xc3\x28 b \xa0\xa1 c \xe2\x82 d \xf0\x28\x8c\xbc e \xc0\xaf f \xed\xa0\x80 g \xf8\x88\x80\x80\x80.\n")
put("utf16-bom.txt", "Titre\n\nBonjour à tous, ceci est un texte.\n".encode("utf-16"))
put("latin1.txt", "Titre\n\nUn été très chaud à Besançon, où l'on a bu du café.\n".encode("latin-1"))
put("binary.txt", bytes(r.randrange(256) for _ in range(20000)))
put("nul-bytes.txt", b"Title\n\nSome\x00text\x00with NULs.\n")
put("control-chars.txt", b"Title\n\nA\x01B\x07C\x1b[31mD\x7f.\n")
put("scripts.txt", "Emoji 😀 title\n\n漢字かな交じり文。 العربية نص. עברית טקסט. Ελληνικά. Кириллица. 👩‍💻 e\u0301\u200b.\n")
put("deep.md", b">" * 10000 + b" deep\n")
put("deep-list.md", b"".join(b"  " * i + b"- item\n" for i in range(2000)))
put("wide-table.md", b"|" + b"h|" * 1000 + b"\n|" + b"-|" * 1000 + b"\n|" + b"c|" * 1000 + b"\n")
put("missing-image.md", b"# T\n\n![alt text](missing.png)\n")
put("fake-png.md", b"# T\n\n![fake](fake.png)\n")
put("fake.png", b"this is not a png")
put("javascript-link.md", b"# T\n\n[click](javascript:alert(1)) and <script>alert(1)</script> text.\n")
put("empty.html", b"")
put("frames-only.html", b"<html><frameset><frame src=a.html><frame src=b.html></frameset></html>")
put("scripts-only.html", b"<html><head><script>var a = '<p>not text</p>';</script></head><body><script>document.write(1)</script><style>p{}</style></body></html>")
put("broken.html", b"<html><body><p>Broken <b>markup <i>here</b> and</i> <table><td>cell<p>text</table></div></span>" + b"<p>More words in a paragraph, with commas, to count.</p>" * 20)
put("deep-divs.html", b"<div>" * 400000 + b"deep text")
put("formatting-bomb.html", b"".join(b"<p><b class=c%d>x" % i for i in range(100000)))
put("2mb-page.html", b"<html><head><title>Big</title></head><body><nav><a href=/>Home</a></nav><article>" + b"<p>Une phrase ordinaire, qui se termine bien, avec des virgules.</p>" * 30000 + b"</article></body></html>")
put("escape-path.md", b"# T\n\n![x](../../../../etc/passwd) ![y](/etc/hostname)\n")
# Valid documents at sizes past a PDF string or array: they must convert, not fail.
put("100k-title.txt", b"Home\n\n" + b"mot " * 25000 + b"\n\nUne phrase.\n")
put("100k-heading.md", b"# " + b"word " * 20000 + b"\n\ntext\n")
put("100k-link.md", b"# T\n\n[x](http://example.org/" + b"a" * 100000 + b")\n")
put("40k-paragraphs.md", b"# T\n\n" + b"".join(b"Para %d.\n\n" % i for i in range(40000)))
put("20k-links.md", b"# T\n\n" + b"".join(b"".join(b"[l%d](http://e.org/%d/%d) " % (j, i, j) for j in range(10)) + b"\n\n" for i in range(2000)))
put("20k-links-one-line.md", b"# T\n\n" + b" ".join(b"<http://e.org/%d>" % i for i in range(20000)) + b"\n")
put("100k-attributes.html", b"<html><body><article><p " + b" ".join(b'a%d="v"' % i for i in range(100000)) + b">Text, with commas, long enough to count as an article paragraph here.</p></article></body></html>")
put("20k-footnotes.md", b"# T\n\n" + b"".join(b"Text[^n%d] " % i for i in range(20000)) + b"\n\n" + b"".join(b"[^n%d]: Note %d.\n" % (i, i) for i in range(20000)))
put("20k-line-listing.html", b"<html><body><article><p>" + b"Some text, with commas, " * 10 + b"</p><pre>" + (b"x" * 100 + b"\n") * 20000 + b"</pre></article></body></html>")
def png_of(w, h):  # a blank greyscale PNG: a small file that declares w x h pixels
    c = zlib.compressobj(9); row = b"\x00" * (w + 1)
    idat = b"".join(c.compress(row) for _ in range(h)) + c.flush()
    ch = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + ch(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + ch(b"IDAT", idat) + ch(b"IEND", b"")
put("bomb.png", png_of(20000, 20000))
put("png-bomb.md", b"# T\n\n![a blank square](bomb.png)\n\nText.\n")
put("20k-nested-html.md", b"# T\n\n" + b"<div>" * 20000 + b"x" + b"</div>" * 20000 + b"\n")
PY
must_convert=" 100k-title.txt 100k-heading.md 100k-link.md 40k-paragraphs.md 20k-links.md 20k-links-one-line.md 20k-nested-html.md 100k-attributes.html 20k-footnotes.md 20k-line-listing.html png-bomb.md "

printf '%-22s %-5s %-10s %8s %8s\n' case exit outcome seconds peak_MB
for f in "$w"/*.txt "$w"/*.md "$w"/*.html; do
  name=$(basename "$f")
  rm -rf "$w/o"
  /usr/bin/time -f "%e %M" -o "$w/time" timeout "$time_limit_s" "$bin" -q "$f" -d "$w/o" >/dev/null 2>"$w/err"; rc=$?
  # GNU time prefixes "Command exited with non-zero status" when the exit is not 0: read the last line.
  read -r secs kb < <(tail -1 "$w/time") || { secs=?; kb=0; }
  [[ "$kb" =~ ^[0-9]+$ ]] || kb=0
  mb=$((kb / 1024))
  if [ $rc -ge 124 ]; then outcome="CRASH/TIMEOUT"; fails=$((fails+1))
  elif [ $rc != 0 ] && ! grep -q '^folio: error: ' "$w/err"; then outcome="NO-MESSAGE"; fails=$((fails+1))
  elif [ $rc != 0 ] && [[ "$must_convert" == *" $name "* ]]; then outcome="FAILED"; fails=$((fails+1))
  elif [ $rc != 0 ]; then outcome="error"
  else
    outcome="converted"
    n=$(find "$w/o" -name '*.pdf' -o -name '*.epub' | wc -l)
    [ "$n" = 2 ] || { outcome="MISSING-OUTPUT"; fails=$((fails+1)); }
    for p in "$w"/o/*.pdf; do [ -f "$p" ] && { qpdf --check "$p" >/dev/null 2>&1 || { outcome="BAD-PDF"; fails=$((fails+1)); }; }; done
  fi
  [ "$mb" -gt "$mem_limit_mb" ] && { outcome="$outcome/OVER-MEMORY"; fails=$((fails+1)); }
  leftovers=$(find "$w/o" -name '.*tmp*' 2>/dev/null | wc -l)
  [ "$leftovers" = 0 ] || { outcome="$outcome/TEMP-LEFT"; fails=$((fails+1)); }
  printf '%-22s %-5s %-10s %8s %8s\n' "$name" "$rc" "$outcome" "$secs" "$mb"
  [ $rc != 0 ] && sed -n 1p "$w/err" | cut -c1-150 | sed 's/^/      /'
done
echo "$fails failure(s)"
[ $fails = 0 ]
