#!/usr/bin/env python3
"""Stress test of the article reader's title and crumbs, beyond the damage of measure.py: the
corpus's clean texts with seed-like damage, in two variants that pull the title decision in
opposite directions, counted per split (sources as measure.py splits them):

- short: the title cut to its N longest words ("Markdown", "Energiewende"), as encyclopedia
  titles are; a short title above a short body line (a section heading, a date) may be taken for
  a crumb level above a title;
- levels: a crumb line, then a section label as a block of its own, then the real title
  ("Home / News / title / body"); a label may be taken for the title;
- topical: the same with a label the article's prose uses (a word of its first paragraphs that
  the title lacks, as "Santé" above an article on malaria that speaks of "santé publique").

An input fails when its title or its number of blocks is wrong.

  titles.py [--folio build/folio] [--split train|heldout|all] [--words 1,2] [--seeds 5] [-v]
"""
import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import damage  # noqa: E402
import measure  # noqa: E402

SECTION = {"en": "News", "fr": "Actualités", "de": "Nachrichten", "es": "Noticias", "it": "Notizie", "pt": "Notícias"}
HOME = {"en": "Home", "fr": "Accueil", "de": "Startseite", "es": "Inicio", "it": "Home", "pt": "Início"}


def short_title(title, n):
    words = [w for w in re.sub(r"[:,;.!?()\[\]«»“”\"—–-]", " ", title).split() if len(w) >= 4 and w[0].isalpha()]
    t = " ".join(sorted(words, key=len, reverse=True)[:n]) or "Titel"
    return t[0].upper() + t[1:]


def run(folio, inputs, work):
    """inputs: (stem, text, expected) → failures as (stem, got title, wanted title)."""
    (work / "in").mkdir(parents=True)
    for stem, text, _ in inputs:
        (work / "in" / f"{stem}.txt").write_text(text, encoding="utf-8")
    subprocess.run([folio, "-q", "--no-smart", "-t", "json", "-f", "article", "-j", "2", "-d", str(work / "out"),
                    str(work / "in")], check=False)
    bad = []
    for stem, _, exp in inputs:
        p = work / "out" / f"{stem}.json"
        doc = json.loads(p.read_text(encoding="utf-8")) if p.exists() else {"meta": {}, "blocks": []}
        title = doc["meta"].get("title")
        if title != exp["title"] or len(measure.blocks_of(doc)) != len(exp["paragraphs"]):
            bad.append((stem, title, exp["title"]))
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folio", default=str(measure.ROOT / "build" / "folio"))
    ap.add_argument("--split", default="train", choices=["train", "heldout", "all"])
    ap.add_argument("--words", default="1,2")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    files = measure.sources(args.split, [str(measure.REAL)])
    report = []
    with tempfile.TemporaryDirectory() as w:
        w = Path(w)
        for n in (int(x) for x in args.words.split(",")):
            d = w / f"short{n}" / "texts"
            copies = []
            for f in files:
                title, _, body = f.read_text(encoding="utf-8").partition("\n")
                (d / f.parent.name).mkdir(parents=True, exist_ok=True)
                (d / f.parent.name / f.name).write_text(short_title(title, n) + "\n" + body, encoding="utf-8")
                copies.append(d / f.parent.name / f.name)
            inputs = [(stem, body, exp) for stem, _, body, exp in damage.cases(copies, args.seeds, "seedlike")]
            bad = run(args.folio, inputs, w / f"short{n}")
            report.append((f"short titles of {n} word(s)", bad, len(inputs)))
        inputs = []
        for stem, _, body, exp in damage.cases(files, args.seeds, "seedlike"):
            body = body.replace("\r\n", "\n")
            lang = exp["lang"]
            inputs.append((stem, f"{HOME[lang]}\n\n{SECTION[lang]}\n\n" + body[body.index(exp["title"] + "\n"):], exp))
        bad = run(args.folio, inputs, w / "levels")
        report.append(("a section label as a block of its own", bad, len(inputs)))
        inputs = []
        for stem, _, body, exp in damage.cases(files, args.seeds, "seedlike"):
            body = body.replace("\r\n", "\n")
            title_words = {t.lower() for t in re.findall(r"\w+", exp["title"])}
            prose = " ".join(exp["paragraphs"][:3])
            words = sorted({t for t in re.findall(r"[^\W\d_]{6,}", prose) if t.lower() not in title_words})
            if not words:
                continue
            label = words[int(hashlib.sha256(stem.encode()).hexdigest(), 16) % len(words)]
            label = label[0].upper() + label[1:]
            inputs.append((stem, f"{HOME[exp['lang']]}\n\n{label}\n\n" + body[body.index(exp["title"] + "\n"):], exp))
        bad = run(args.folio, inputs, w / "topical")
        report.append(("a section label the prose uses", bad, len(inputs)))
    for name, bad, total in report:
        print(f"split {args.split}, {name}: {len(bad)}/{total} inputs with a wrong title or block count")
        if args.v:
            for stem, got, want in bad:
                print(f"  {stem}: {got!r} instead of {want!r}")


if __name__ == "__main__":
    main()
