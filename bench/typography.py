#!/usr/bin/env python3
"""Measures the typography of folio's PDFs from their layout traces (`folio -t trace`), over
every sample and test document, in every shipped style.

  bench/typography.py [--folio build/folio] [--styles handout,compact,reader] [--json FILE]

Per style it prints, over all documents:
- overfull lines (adjustment ratio below -1) and widows and orphans (a paragraph split across
  pages with one line on either side);
- hyphenated lines as a share of the non-final lines of paragraphs, and paragraphs whose last
  line is the fragment of a hyphenated word;
- one-word last lines as a share of the paragraphs of two lines or more;
- lines whose spaces are over twice the normal width;
- the median number of characters per full line of paragraph text (the measure);
- title and heading lines that hold a single word, in titles of four words or more;
- documents whose last page holds 1-3 lines of text after a fuller page;
- kerned pairs drawn in the PDF (from `folio -v`), in all and per document.
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^  (¶[pht] |   )(.*?)(?: \| r=(-?[0-9.]+)( hyphen)?)?$")


def documents():
    docs = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("samples/*.md"))
    docs += sorted((ROOT / "tests" / "corpus" / "real").glob("*/*.txt"))
    docs += sorted((ROOT / "tests" / "corpus" / "articles").glob("*.txt"))
    seed = ROOT.parent / "shared" / "seed" / "article-seed.txt"
    if seed.exists():
        docs.append(seed)
    return docs


def blocks(trace):
    """(role, [(text, ratio, hyphen, page)]) per block of lines, and the text lines per page."""
    out, page, cur, per_page = [], 0, None, Counter()
    for raw in trace.splitlines():
        if raw.startswith("=== page "):
            page = int(raw.split()[2])
            continue
        m = LINE.match(raw)
        if not m:
            cur = None
            if raw.strip():
                per_page[page] += 1
            continue
        per_page[page] += 1
        tag, text, ratio, hyphen = m.groups()
        line = (text, float(ratio) if ratio else 0.0, bool(hyphen), page)
        if tag.startswith("¶"):
            cur = (tag[1], [line])
            out.append(cur)
        elif cur is not None:
            cur[1].append(line)
    return out, per_page


def measure(trace, c, measures):
    bs, per_page = blocks(trace)
    c["documents"] += 1
    pages = max(per_page) if per_page else 0
    if pages > 1 and per_page[pages] <= 3:
        c["short_last_page"] += 1
    for role, lines in bs:
        c["lines"] += len(lines)
        c["overfull"] += sum(1 for l in lines if l[1] < -1.0001)
        # Stretch is half a space: a ratio above 2 spaces words more than twice as wide as normal.
        c["wide_spaced"] += sum(1 for l in lines[:-1] if l[1] > 2.0)
        if role in "th":
            words = sum(len(l[0].split()) for l in lines)
            if words >= 4 and len(lines) > 1:
                c["title_blocks_broken"] += 1
                c["title_single_word_lines"] += sum(1 for l in lines if len(l[0].split()) == 1)
            continue
        c["paragraphs"] += 1
        if len(lines) < 2:
            continue
        c["multi_line_paragraphs"] += 1
        body = lines[:-1]
        c["non_final_lines"] += len(body)
        c["hyphenated_lines"] += sum(1 for l in body if l[2])
        last = lines[-1][0].split()
        if len(last) == 1:
            c["one_word_last_lines"] += 1
            if body[-1][2]:
                c["fragment_last_lines"] += 1
        measures.extend(len(l[0]) for l in body)
        # A page break inside the paragraph leaves one line alone on either side.
        for k in range(1, len(lines)):
            if lines[k][3] != lines[k - 1][3]:
                if k == 1:
                    c["orphans"] += 1
                if len(lines) - k == 1:
                    c["widows"] += 1


def pct(a, b):
    return f"{a}/{b} = {100.0 * a / max(1, b):.1f}%"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folio", default=str(ROOT / "build" / "folio"))
    ap.add_argument("--styles", default="handout,compact,reader")
    ap.add_argument("--json")
    args = ap.parse_args()
    docs = documents()
    results = {}
    with tempfile.TemporaryDirectory() as d:
        for style in args.styles.split(","):
            c, measures = Counter(), []
            for doc in docs:
                fmt = "markdown" if doc.suffix == ".md" else "article"
                r = subprocess.run([args.folio, "-q", "--style", style, "-f", fmt, "-t", "trace", "-o", "-", str(doc)],
                                   capture_output=True, text=True, cwd=d)
                if r.returncode != 0:
                    print(f"{style}: {doc}: folio failed: {r.stderr.strip()}", file=sys.stderr)
                    c["failed"] += 1
                    continue
                measure(r.stdout, c, measures)
                k = subprocess.run([args.folio, "-v", "--style", style, "-f", fmt, "-t", "pdf", "-o", "out.pdf", str(doc)],
                                   capture_output=True, text=True, cwd=d)
                m = re.search(r"(\d+) kerning pairs applied", k.stderr)
                if m:
                    c["kerned_pairs"] += int(m.group(1))
                    c["kerned_documents"] += int(m.group(1)) > 0
            med = statistics.median(measures) if measures else 0
            results[style] = dict(c, median_chars_per_line=med)
            print(f"{style}: {c['documents']} documents, {c['paragraphs']} paragraphs, {c['lines']} lines")
            print(f"  overfull lines {c['overfull']}; widows {c['widows']}; orphans {c['orphans']}; "
                  f"lines with spaces over twice the normal {pct(c['wide_spaced'], c['non_final_lines'])}")
            print(f"  hyphenated lines {pct(c['hyphenated_lines'], c['non_final_lines'])} of non-final lines; "
                  f"fragment last lines {c['fragment_last_lines']}")
            print(f"  one-word last lines {pct(c['one_word_last_lines'], c['multi_line_paragraphs'])} "
                  f"of paragraphs of 2+ lines")
            print(f"  median characters per full line {med:g}")
            print(f"  single-word lines in broken titles of 4+ words: {c['title_single_word_lines']} "
                  f"(in {c['title_blocks_broken']} broken titles)")
            print(f"  documents ending with a page of 1-3 lines: {c['short_last_page']}")
            print(f"  kerned pairs: {c['kerned_pairs']} in all, {c['kerned_pairs'] / max(1, c['documents']):.0f} per document; "
                  f"{c['kerned_documents']} of {c['documents']} documents kerned")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
