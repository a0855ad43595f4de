#!/usr/bin/env python3
"""Writes a Markdown document of about the given size (default 300 KB) that uses every construct
folio reads: front matter, headings, paragraphs with emphasis, code, links, lists, task lists,
tables, quotations, code blocks, footnotes and rules. Deterministic (seeded).
   make_markdown.py OUT.md [KILOBYTES]"""
import random
import sys

out, kb = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300
r = random.Random(42)
words = ("the reader builds a document model from text that remains after a page was scraped and "
         "every word goes back into its paragraph while the layout engine breaks lines with total fit "
         "hyphenation justification pages outline links fonts metadata chapters navigation").split()

def sentence(n=None):
    n = n or r.randint(8, 22)
    w = [r.choice(words) for _ in range(n)]
    if r.random() < 0.3:
        k = r.randrange(n)
        w[k] = "*" + w[k] + "*"
    if r.random() < 0.2:
        k = r.randrange(n)
        w[k] = "`" + w[k] + "`"
    if r.random() < 0.15:
        k = r.randrange(n)
        w[k] = "[" + w[k] + "](https://example.org/" + w[k] + ")"
    return " ".join(w).capitalize() + "."

parts = ["---", "title: A generated handbook", "author: [Ada Example, Bo Example]", "lang: en",
         "date: 2026-11-28", "description: Every construct, many times over.", "---", ""]
size, chapter, note = 0, 0, 0
while size < kb * 1024:
    chapter += 1
    parts += [f"# Chapter {chapter}", ""]
    for section in range(1, 4):
        parts += [f"## Section {chapter}.{section}", ""]
        for _ in range(3):
            p = " ".join(sentence() for _ in range(r.randint(3, 6)))
            if r.random() < 0.3:
                note += 1
                p += f"[^n{note}]"
                parts += [p, "", f"[^n{note}]: {sentence()}", ""]
            else:
                parts += [p, ""]
        kind = r.randrange(5)
        if kind == 0:
            parts += [f"- {sentence(6)}" for _ in range(4)] + [""]
        elif kind == 1:
            parts += [f"{i}. {sentence(6)}" for i in range(1, 5)] + ["", "- [x] done", "- [ ] to do", ""]
        elif kind == 2:
            parts += ["| Name | Count | Note |", "|:-----|------:|:----:|"]
            parts += [f"| {r.choice(words)} | {r.randint(1, 999)} | {r.choice(words)} |" for _ in range(5)] + [""]
        elif kind == 3:
            parts += ["> " + sentence(), "> " + sentence(), ""]
        else:
            parts += ["```python", "def f(x):", "    return x * 2  # doubled", "```", ""]
    parts += ["---", ""]
    size = sum(len(p) + 1 for p in parts)
open(out, "w", encoding="utf-8").write("\n".join(parts))
