#!/usr/bin/env python3
"""Damages the clean articles of tests/corpus/articles/src/ the way scrapers do, reproducibly.

For every src/NAME.clean it writes articles/NAME.txt (the damaged input) and
articles/NAME.expected.json (what the reader must rebuild, in the seed's format).

Clean format, one directive per line at the top, then blocks separated by blank lines:
  @lang fr            language of the text (BCP 47)
  @crumb Home         a navigation line before the title (repeatable)
  @cut 3 | all | 0    how many text blocks lose their tail (chosen at random, seeded by NAME)
  @wrap 72            hard-wrap paragraphs at this width (optional)
  @hyphenate 1        when wrapping, split long lower-case words at the line end with a hyphen,
                      as typesetters do (the reader must join them again)
  @sentencecuts 1     this many of the cut blocks are cut right after a sentence (a head that
                      ends with a full stop), when the block has an inner sentence end
  @residue Share this article   a boilerplate line placed between blocks (removed by the reader)
  @title The title
Blocks: a paragraph (one line), a list ("- " or "1. " lines), a quotation ("> " lines, one
paragraph), a heading ("## text"). Headings are never cut; everything else may be.
Damage: a cut block keeps its first k words (1 <= k < n, uniform); the rest of its words are
spilled one per line after the last block, in block order.
"""
import hashlib
import json
import random
import sys
import textwrap
from pathlib import Path

here = Path(__file__).resolve().parent
src_dir = here / "articles" / "src"
out_dir = here / "articles"


def parse(path):
    meta = {"lang": "", "crumbs": [], "cut": "all", "wrap": 0, "residue": [], "title": "", "sentencecuts": "0", "hyphenate": "0"}
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("@"):
        key, _, val = lines[i][1:].partition(" ")
        if key == "crumb":
            meta["crumbs"].append(val)
        elif key == "residue":
            meta["residue"].append(val)
        elif key == "wrap":
            meta["wrap"] = int(val)
        else:
            meta[key] = val
        i += 1
    blocks, cur = [], []
    for line in lines[i:] + [""]:
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    parsed = []
    for b in blocks:
        if b[0].startswith("## "):
            parsed.append({"kind": "heading", "items": [b[0][3:]]})
        elif b[0].startswith("> "):
            parsed.append({"kind": "quote", "items": [" ".join(x[2:] for x in b)]})
        elif b[0].startswith("- ") or b[0][:1].isdigit() and ". " in b[0][:4]:
            marks = [x.split(" ", 1)[0] + " " for x in b]
            parsed.append({"kind": "list", "marks": marks, "items": [x.split(" ", 1)[1] for x in b]})
        else:
            assert len(b) == 1, f"{path}: a paragraph must be one line: {b[0][:40]}"
            parsed.append({"kind": "para", "items": [b[0]]})
    return meta, parsed


def wrap(text, width, hyphenate):
    """Greedy wrap; with `hyphenate`, a long lower-case word that does not fit is split."""
    if not hyphenate:
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    lines, cur = [], ""
    for w in text.split(" "):
        if not cur:
            cur = w
        elif len(cur) + 1 + len(w) <= width:
            cur += " " + w
        else:
            room = width - len(cur) - 2  # a space and the hyphen
            if len(w) >= 7 and w.isalpha() and w.islower() and room >= 3 and len(w) - room >= 3:
                lines.append(cur + " " + w[:room] + "-")
                cur = w[room:]
            else:
                lines.append(cur)
                cur = w
    if cur:
        lines.append(cur)
    return lines


def damage(name, meta, blocks):
    rng = random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:12], 16))
    slots = [(bi, ii) for bi, b in enumerate(blocks) if b["kind"] != "heading" for ii in range(len(b["items"]))
             if len(b["items"][ii].split()) >= 2]
    n = len(slots) if meta["cut"] == "all" else min(int(meta["cut"]), len(slots))
    chosen = sorted(rng.sample(slots, n))
    heads = {}
    spill = []
    at_sentence = set(rng.sample(range(n), min(int(meta["sentencecuts"]), n)))
    for c, (bi, ii) in enumerate(chosen):
        words = blocks[bi]["items"][ii].split()
        k = rng.randint(1, len(words) - 1)
        ends = [j + 1 for j in range(len(words) - 1) if words[j][-1] in ".!?"]
        if c in at_sentence and ends:
            k = rng.choice(ends)
        heads[(bi, ii)] = " ".join(words[:k])
        spill.extend(words[k:])
    out = list(meta["crumbs"])
    out.append(meta["title"])
    out.append("")
    residue = list(meta["residue"])
    for bi, b in enumerate(blocks):
        texts = [heads.get((bi, ii), t) for ii, t in enumerate(b["items"])]
        if b["kind"] == "para":
            t = texts[0]
            if meta["wrap"]:
                out.extend(wrap(t, meta["wrap"], meta["hyphenate"] == "1"))
            else:
                out.append(t)
        elif b["kind"] == "heading":
            out.append(texts[0])
        elif b["kind"] == "quote":
            out.extend("> " + x for x in (wrap(texts[0], 70, False) if meta["wrap"] else [texts[0]]))
        else:
            out.extend(m + t for m, t in zip(b["marks"], texts))
        out.append("")
        if residue and bi == len(blocks) // 2:
            out.append(residue.pop())
            out.append("")
    out.extend(spill)
    text = "\n".join(out).rstrip("\n") + ("\n" if not spill else "")
    paragraphs = [t for b in blocks for t in b["items"]]
    expected = {"title": meta["title"], "lang": meta["lang"], "removed": meta["crumbs"] + meta["residue"],
                "paragraphs": paragraphs}
    return text, expected


def main():
    # `damage.py` regenerates the corpus; `damage.py --samples` writes samples/*.txt from
    # tests/corpus/samples-src/ (no expected files: they are examples for users).
    samples = sys.argv[1:] == ["--samples"]
    source = here / "samples-src" if samples else src_dir
    target = here.parent.parent / "samples" if samples else out_dir
    for path in sorted(source.glob("*.clean")):
        name = path.stem
        meta, blocks = parse(path)
        text, expected = damage(name, meta, blocks)
        (target / f"{name}.txt").write_text(text, encoding="utf-8")
        if not samples:
            (target / f"{name}.expected.json").write_text(
                json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
