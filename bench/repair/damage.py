#!/usr/bin/env python3
"""Damages clean real articles the way scrapers do, with real-world variety, reproducibly.

A clean article (tests/corpus/real/SOURCE/LANG-NAME.txt) is a title line, a blank line, then one
block per line (paragraph, heading, list item, byline...), blocks separated by blank lines.

Damage, drawn from a seed that depends on the file name and a seed number:
- crumbs before the title: none, "Home", an "A > B > C" trail, or a block of two or three short
  lines (a home word, then section names);
- cuts: at a character limit (40-250 characters, at a word boundary, with a little jitter per
  block, as a scraper that truncates blocks does: blocks shorter than the limit stay whole), at a
  fixed word count (8-60 words, as an excerpt of the first N words), or at a random word count in
  each block; all, some or none of the blocks that could be cut; sometimes exactly after a
  sentence end;
- the cut words spilled one per line after the last block, in block order;
- with or without a final newline, sometimes with CRLF line ends.
The expected result is the clean article: its title and its blocks, in order.

As a module: damage(name, text, seed) -> (input_text, expected_dict).
As a script: damage.py OUT_DIR FILE... [--seeds N] writes OUT_DIR/NAME.sK.txt and .expected.json.
"""
import hashlib
import json
import random
import re
import sys
from pathlib import Path

HOME = {"en": ["Home", "Home page", "Main page"], "fr": ["Accueil", "Home"], "de": ["Startseite", "Home"],
        "es": ["Inicio", "Portada", "Home"], "it": ["Home", "Pagina iniziale"], "pt": ["Início", "Página inicial", "Home"]}
SECTIONS = {
    "en": ["News", "Blog", "Articles", "Technology", "Science", "Culture", "Documentation", "Community"],
    "fr": ["Actualités", "Blog", "Articles", "Technologie", "Sciences", "Culture", "Documentation"],
    "de": ["Nachrichten", "Blog", "Artikel", "Technik", "Wissen", "Kultur", "Dokumentation"],
    "es": ["Noticias", "Blog", "Artículos", "Tecnología", "Ciencia", "Cultura", "Documentación"],
    "it": ["Notizie", "Blog", "Articoli", "Tecnologia", "Scienza", "Cultura", "Documentazione"],
    "pt": ["Notícias", "Blog", "Artigos", "Tecnologia", "Ciência", "Cultura", "Documentação"],
}
SEPARATORS = [" > ", " › ", " / ", " » "]
SENTENCE_END = re.compile(r"[.!?…][\"”»’')\]]*$")


def read_clean(text):
    lines = text.replace("\r\n", "\n").split("\n")
    title = lines[0].strip()
    blocks = [l.strip() for l in lines[1:] if l.strip()]
    return title, blocks


def lang_of(name):
    return name.split("-", 1)[0] if name[:2] in HOME else "en"


def crumbs(rng, lang):
    kind = rng.choices(["none", "home", "trail", "block", "block3"], [0.25, 0.3, 0.2, 0.15, 0.1])[0]
    home = rng.choice(HOME[lang])
    secs = rng.sample(SECTIONS[lang], 2)
    if kind == "none":
        return [], []
    if kind == "home":
        return [home], [home]
    if kind == "trail":
        sep = rng.choice(SEPARATORS)
        line = sep.join([home] + secs[: rng.randint(1, 2)])
        return [line], [line]
    if kind == "block":
        return [home + "\n" + secs[0]], [home, secs[0]]
    return [home + "\n" + secs[0] + "\n" + secs[1]], [home, secs[0], secs[1]]


def cut_point(rng, words, mode, limit, at_sentence):
    """How many words of a block stay in the head (0 < k < len(words)), or None: not cut."""
    n = len(words)
    if n < 3:
        return None
    if mode == "words":
        # Scrapers that cut at a word count leave short blocks (headings, labels) whole.
        if n < 8:
            return None
        k = rng.randint(max(3, n // 6), n - 1)
    elif mode == "wordlimit":
        # An excerpt of the first N words (WordPress's wp_trim_words keeps 55 by default):
        # every block longer than N loses the rest.
        if n <= limit:
            return None
        k = limit
    else:
        lim = limit + rng.randint(-12, 12)
        if len(" ".join(words)) <= lim:
            return None
        k, size = 0, -1
        while k < n and size + 1 + len(words[k]) <= lim:
            size += 1 + len(words[k])
            k += 1
        if k == 0 or k >= n:
            return None
    if at_sentence and mode != "wordlimit":
        # An excerpt of N words ends on a sentence end only when the N-th word ends one. A cut lands on a sentence end when the last word that fits ends one; at a character
        # limit only a sentence end close to the limit can be that word.
        ends = [j + 1 for j in range(k) if SENTENCE_END.search(words[j]) and j + 1 < n]
        if mode == "chars":
            ends = [j for j in ends if len(" ".join(words[:j])) >= len(" ".join(words[:k])) - 30]
        if ends:
            k = ends[-1]
    return k


def damage(name, text, seed, kind="mixed"):
    """kind "mixed": the variety above. kind "limit": damage like the seed article's, one
    character limit of 100-160 for the whole text (with the per-block jitter), nine blocks in ten
    of those longer than it cut, cuts never moved to a sentence end. kind "seedlike": the seed
    article's pattern itself, a limit of 100-130 characters, the first block whole and every
    later block longer than the limit cut."""
    salt = "" if kind == "mixed" else f"#{kind}"
    rng = random.Random(int(hashlib.sha256(f"{name}#{seed}{salt}".encode()).hexdigest()[:12], 16))
    lang = lang_of(name)
    title, blocks = read_clean(text)
    crumb_lines, removed = crumbs(rng, lang)
    if kind == "limit":
        mode, limit, share, sentence_rate = "chars", rng.randint(100, 160), 0.9, 0.0
    elif kind == "seedlike":
        mode, limit, share, sentence_rate = "chars", rng.randint(100, 130), 1.0, 0.0
    else:
        mode = rng.choices(["chars", "words", "wordlimit"], [0.55, 0.2, 0.25])[0]
        limit = rng.randint(40, 250) if mode != "wordlimit" else rng.randint(8, 60)
        share = rng.choices([1.0, rng.uniform(0.3, 0.9), 0.0], [0.55, 0.35, 0.1])[0]
        sentence_rate = rng.choice([0.0, 0.1, 0.25])
    heads, spill, truth = [], [], []
    for bi, b in enumerate(blocks):
        words = b.split(" ")
        k = None
        if rng.random() < share and not (kind == "seedlike" and bi == 0):
            k = cut_point(rng, words, mode, limit, rng.random() < sentence_rate)
        if k is None:
            heads.append(b)
            truth.append(0)
        else:
            heads.append(" ".join(words[:k]))
            spill.extend(words[k:])
            truth.append(len(words) - k)
    out = []
    for c in crumb_lines:
        out += [c, ""] if rng.random() < 0.5 else [c]
    if out and out[-1] != "":
        out.append("")
    out += [title, ""]
    head_lines = []
    for h in heads:
        head_lines.append(len(out) + 1)
        out += [h, ""]
    out += spill
    body = "\n".join(out).rstrip("\n")
    if rng.random() < 0.7:
        body += "\n"
    if rng.random() < 0.15:
        body = body.replace("\n", "\r\n")
    expected = {"title": title, "lang": lang, "removed": removed, "paragraphs": blocks,
                "tails": truth, "head_lines": head_lines, "mode": mode, "limit": limit if mode != "words" else None}
    return body, expected


def cases(files, seeds, kind="mixed"):
    """(stem, source, input text, expected) for every file damaged with seeds 0..seeds-1."""
    for f in files:
        text = f.read_text(encoding="utf-8")
        for s in range(seeds):
            body, exp = damage(f.stem, text, s, kind)
            yield f"{f.parent.name}--{f.stem}.s{s}", f.parent.name, body, exp


def main():
    args = sys.argv[1:]
    seeds = 5
    if "--seeds" in args:
        i = args.index("--seeds")
        seeds = int(args[i + 1])
        del args[i:i + 2]
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    for stem, _, text, exp in cases([Path(f) for f in args[1:]], seeds):
        (out / f"{stem}.txt").write_bytes(text.encode("utf-8"))
        (out / f"{stem}.expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")


if __name__ == "__main__":
    main()
