#!/usr/bin/env python3
"""Compares a tagged PDF's text in structure-tree order (poppler's `pdfinfo -struct-text`) with
the document model (`folio -t json`), block by block.

Blocks are the elements that hold text: H1-H6, P, Lbl, TH, TD, Code, Caption, and a Note's own
text (its number). The expected blocks are derived from the model the way the PDF writer lays
it out: the title block (title, subtitle, byline, source address), the blocks in order (list
labels, table cells, captions, the description of a picture that cannot be read), then the
endnotes under a "Notes" heading. Heading tags follow the model's levels but are at most one
below the enclosing heading's (the first is H1), as the layout tags them for PDF/UA.

Text is compared after normalising white space (runs of any Unicode space become one space) and
removing soft hyphens (U+00AD): folio draws the hyphen it inserts at a line break as a soft
hyphen, so a hyphenated word must come out whole. Characters the PDF cannot show (controls,
above U+FFFF) are dropped from the model's text.

Also checked: no running header, footer or page number in the tagged text (the block lists must
match exactly, and no block may be a page number), and every Figure has an /Alt.

Usage: struct_text_check.py MODEL.json FILE.pdf
"""
import json
import os
import re
import subprocess
import sys

BLOCK_TYPES = {"H1", "H2", "H3", "H4", "H5", "H6", "P", "Lbl", "TH", "TD", "Code", "Caption"}
SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
BULLETS = ["•", "◦", "▪"]


MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
}


def display_date(date, lang):
    """The date as the byline shows it (model::display_date): an ISO 8601 date in words of the
    document's language, else as written."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d.*)?$", date)
    if not m:
        return date
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    if not 1 <= mo <= 12 or not 1 <= d <= [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]:
        return date
    primary = lang.replace("_", "-").split("-")[0].lower()
    if primary not in MONTHS:
        return date[:10]
    month = MONTHS[primary].split()[mo - 1]
    if primary == "en":
        us = len(lang) == 5 and lang[2] in "-_" and lang[3:].upper() == "US"
        return f"{month} {d}, {y}" if us else f"{d} {month} {y}"
    if primary == "fr":
        return f"{'1er' if d == 1 else d} {month} {y}"
    if primary == "de":
        return f"{d}. {month} {y}"
    if primary == "it":
        return f"{'1º' if d == 1 else d} {month} {y}"
    return f"{d} de {month} de {y}"


def norm(s):
    s = s.replace("\u00ad", "")
    s = "".join(c for c in s if ord(c) <= 0xFFFF and (ord(c) >= 0x20 or c in "\t\n") and c != "\x7f")
    return re.sub(r"[\s\u00a0\u202f\u2009\u2007\u200a\u2002-\u2006\u3000]+", " ", s).strip()


# ---------------------------------------------------------------- expected, from the model

def inline_text(xs):
    s = ""
    for x in xs or []:
        t = x.get("t")
        if t in ("text", "code"):
            s += x.get("text", "")
        elif t == "br":
            s += " "
        elif t == "image":
            s += x.get("alt", "")
        elif t == "noteref":
            s += "".join(SUP[int(d)] for d in str(x.get("index", 0) + 1))
        elif "c" in x:
            s += inline_text(x["c"])
    return s


def readable_image(src):
    try:
        with open(src, "rb") as f:
            head = f.read(8)
    except OSError:
        return False
    return head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8")


def expected_blocks(doc):
    out = []
    meta = doc.get("meta", {})
    # Heading tags: the model's level, at most one below the enclosing heading's tag (the nearest
    # earlier heading of a higher model level, else the title's H1), as the layout tags them.
    open_headings = []

    def heading(n):
        n = min(max(n, 1), 6)
        while open_headings and open_headings[-1][0] >= n:
            open_headings.pop()
        enclosing = open_headings[-1][1] if open_headings else (1 if meta.get("title") else 0)
        tag = min(n, enclosing + 1)
        open_headings.append((n, tag))
        return f"H{tag}"
    if meta.get("title"):
        out.append(("H1", meta["title"]))
    if meta.get("subtitle"):
        out.append(("P", meta["subtitle"]))
    authors = meta.get("authors", [])
    byline = ""
    for i, a in enumerate(authors):
        if i:
            byline += " & " if i + 1 == len(authors) else ", "
        byline += a
    if meta.get("date"):
        date = display_date(meta["date"], meta.get("lang", ""))
        byline += (" · " + date) if byline else date
    if byline:
        out.append(("P", byline))
    if meta.get("source"):
        out.append(("P", meta["source"]))

    def blocks(bs, list_depth):
        for b in bs or []:
            t = b.get("t")
            if t == "para":
                out.append(("P", inline_text(b.get("c"))))
            elif t == "heading":
                out.append((heading(b.get("level", 1)), inline_text(b.get("c"))))
            elif t in ("bullets", "ordered"):
                n = b.get("start", 1)
                for it in b.get("items", []):
                    if it.get("task") is not None:
                        label = "☑" if it["task"] else "☐"
                    elif t == "ordered":
                        label = f"{n}."
                        n += 1
                    else:
                        label = BULLETS[list_depth % 3]
                    out.append(("Lbl", label))
                    blocks(it.get("c"), list_depth + 1)
            elif t == "quote":
                blocks(b.get("c"), list_depth)
            elif t == "details":
                # Paper cannot fold: the summary is a lead paragraph, the content follows it.
                if b.get("summary"):
                    out.append(("P", inline_text(b.get("summary"))))
                blocks(b.get("c"), list_depth)
            elif t == "codeblock":
                out.append(("Code", b.get("text", "")))
            elif t == "table":
                for row in b.get("head", []):
                    for cell in row[:len(b.get("aligns", []))]:
                        out.append(("TH", inline_text(cell.get("c") if isinstance(cell, dict) else cell)))
                for row in b.get("body", []):
                    for cell in row[:len(b.get("aligns", []))]:
                        out.append(("TD", inline_text(cell.get("c") if isinstance(cell, dict) else cell)))
                if b.get("caption"):
                    out.append(("Caption", inline_text(b.get("caption"))))
            elif t == "figure":
                img = b.get("image", {})
                caption = inline_text(b.get("caption"))
                if readable_image(img.get("src", "")):
                    if caption:
                        out.append(("Caption", caption))
                else:
                    out.append(("P", " ".join(s for s in (img.get("alt", ""), caption) if s)))
            elif t == "deflist":
                for it in b.get("items", []):
                    out.append(("Lbl", inline_text(it.get("term"))))
                    for d in it.get("defs", it.get("definitions", [])):
                        blocks(d, list_depth)
    blocks(doc.get("blocks"), 0)
    notes = doc.get("footnotes", [])
    if notes:
        out.append((heading(2), "Notes"))
        for i, fn in enumerate(notes):
            out.append(("Note", f"{i + 1}."))
            blocks(fn.get("c") or fn.get("blocks"), 0)
    return [(k, norm(v)) for k, v in out if norm(v)]


# ---------------------------------------------------------------- found, from pdfinfo

def tagged_blocks(pdf):
    res = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"pdfinfo -struct-text failed: {res.stderr.strip()}")
    out = []        # (type, text) per block
    stack = []      # (indent, type, block index or None)
    figures = []    # (has alt) per Figure: pdfinfo prints no /Alt, checked by pdfua_check.py
    for line in res.stdout.split("\n"):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            text = body[1:-1]
            target = next((e for e in reversed(stack) if e[2] is not None), None)
            if target is not None:
                out[target[2]][1].append(text)
            elif stack and stack[-1][1] == "Note":
                out.append(("Note", [text]))  # the note's number, its own text
            continue
        if body.startswith("/") or body.startswith("Object "):
            continue
        m = re.match(r"([A-Za-z0-9]+)", body)
        if not m:
            continue
        typ = m.group(1)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        idx = None
        inside_block = any(e[2] is not None for e in stack)
        if typ in BLOCK_TYPES and not inside_block:
            out.append((typ, []))
            idx = len(out) - 1
        stack.append((indent, typ, idx))
        if typ == "Figure":
            figures.append(True)
    return [(k, norm("".join(v))) for k, v in out if norm("".join(v))]


def main(model_path, pdf):
    doc = json.load(open(model_path))
    want = expected_blocks(doc)
    got = tagged_blocks(pdf)
    problems = []
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else None
        g = got[i] if i < len(got) else None
        if w != g:
            problems.append(f"block {i + 1}: model {w!r}\n    tagged {g!r}")
            break
    page_number = re.compile(r"^\d+( ?/ ?\d+)?$")
    for k, t in got:
        if page_number.match(t) and k not in ("TD", "TH", "Lbl", "Note") and (k, t) not in want:
            problems.append(f"a page number in the tagged text: {k} {t!r}")
    if problems:
        print(f"{os.path.basename(pdf)}: {len(want)} model blocks, {len(got)} tagged blocks")
        for p in problems:
            print("  " + p)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
