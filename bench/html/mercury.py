#!/usr/bin/env python3
"""Checks folio's HTML reader on the saved news pages of the Postlight (Mercury) Parser's tests:
each of its site extractors comes with a saved page (fixtures/DOMAIN.html) and a test that states
the article's title, its author and the first 13 words of its content (src/extractors/custom/
DOMAIN/index.test.js). The pages were saved from some 140 news and magazine sites and none of
them was used to build folio's reader, so they say how the reader does on pages nobody tuned it
on. Three figures per page:

  title   folio's title equals the stated one (white space and case aside; a site name that
          folio keeps apart, "Headline | Site", is set aside as bench/html/score.py does);
  lead    the end of the first 13 words (their last 24 letters and digits, since a Japanese or
          Chinese lead has no spaces to count words by) occurs in folio's body: the article's
          opening was found (the first words may be a caption folio leaves out);
  start   and at most 150 letters and digits of folio's body come before them: nothing much was
          kept above the article's start (a dateline or a byline is allowed for);
  author  folio's authors equal the stated byline (a leading "By" aside), where one is stated;
  body    word 3-gram precision, recall and F1 of folio's body against the text the site's
          extractor selects (its content selectors, less its clean selectors, applied to the saved
          page as the parser applies them: a plain selector must match one element, a list
          takes every element its selectors match). The parser cleans its result further, so
          this reference holds somewhat more than the article (figure captions, a stray share
          line); pages whose selectors use what bench/html/css_lite.py does not read are left out.

Split as score.py does: by sorted domain, every 4th page is held out (--split tuned|heldout|all).
The pages stay in the parser's repository (MIT or Apache-2.0); give the path of a clone or of a
bare git directory:

  bench/html/mercury.py GIT_DIR [--folio build/folio] [--split tuned|heldout|all] [-v]"""
import html
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import css_lite  # noqa: E402
import score  # noqa: E402
from pages import git, arguments, picked, read_page  # noqa: E402




def js_string(src, i):
    """The value of a JavaScript string expression at src[i:] ('a', "b", `c`, joined by +), or
    None when it is anything else."""
    parts = []
    while True:
        while i < len(src) and src[i] in " \t\r\n":
            i += 1
        if i >= len(src) or src[i] not in "'\"`":
            return None
        q, i, s = src[i], i + 1, []
        while i < len(src) and src[i] != q:
            if src[i] == "\\" and i + 1 < len(src):
                e = src[i + 1]
                if e == "x" and re.match(r"[0-9a-fA-F]{2}", src[i + 2:i + 4]):
                    s.append(chr(int(src[i + 2:i + 4], 16)))
                    i += 4
                    continue
                if e == "u" and re.match(r"[0-9a-fA-F]{4}", src[i + 2:i + 6]):
                    s.append(chr(int(src[i + 2:i + 6], 16)))
                    i += 6
                    continue
                s.append({"n": "\n", "t": "\t"}.get(e, e))
                i += 2
                continue
            if q == "`" and src.startswith("${", i):
                return None
            s.append(src[i])
            i += 1
        parts.append("".join(s))
        i += 1
        while i < len(src) and src[i] in " \t\r\n":
            i += 1
        if i < len(src) and src[i] == "+":
            i += 1
            continue
        return "".join(parts) if i < len(src) and src[i] in ",)]" else None


def assertion(src, name):
    m = re.search(r"assert\.equal\(\s*" + name + r"\s*,", src)
    return js_string(src, m.end()) if m else None


def js_array(src, i):
    """The JavaScript array literal of strings and arrays at src[i] == '[' (comments allowed),
    and the index after it."""
    out, i = [], i + 1
    while i < len(src):
        c = src[i]
        if src.startswith("//", i):
            i = src.find("\n", i) if src.find("\n", i) >= 0 else len(src)
        elif src.startswith("/*", i):
            i = src.find("*/", i) + 2
        elif c == "]":
            return out, i + 1
        elif c == "[":
            inner, i = js_array(src, i)
            out.append(inner)
        elif c in "'\"`":
            j = i + 1
            while j < len(src) and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(js_string(src, i) or "")
            i = j + 1
        else:
            i += 1
    return out, i


def content_rules(src):
    """The content selectors and clean selectors of a site extractor (index.js), or None."""
    at = re.search(r"\bcontent:\s*{", src)
    if not at:
        return None
    block = src[at.end():]
    sel = re.search(r"\bselectors:\s*\[", block)
    if not sel:
        return None
    selectors, _ = js_array(block, sel.end() - 1)
    cl = re.search(r"\bclean:\s*\[", block)
    clean = js_array(block, cl.end() - 1)[0] if cl and (not re.search(r"\n  \w+:\s*{", block[:cl.start()])) else []
    return selectors, [c for c in clean if isinstance(c, str)]


def expected_body(page_html, rules):
    """The text the site's extractor selects from the page, or None (no selector matches, or one
    this script cannot read)."""
    selectors, clean = rules
    root = css_lite.parse(page_html)
    try:
        content = None
        for sel in selectors:
            if isinstance(sel, list):
                found = [css_lite.select(root, s) for s in sel if isinstance(s, str)]
                if found and all(found):
                    picked = {id(n): n for group in found for n in group}
                    order = {id(n): k for k, n in enumerate(css_lite.elements(root))}
                    nodes = sorted(picked.values(), key=lambda n: order[id(n)])
                    # An element inside another one picked is in the text already.
                    inside = set()
                    for n in nodes:
                        p = n.parent
                        while p is not None:
                            if id(p) in picked:
                                inside.add(id(n))
                                break
                            p = p.parent
                    content = [n for n in nodes if id(n) not in inside]
                    break
            else:
                m = css_lite.select(root, sel)
                if len(m) == 1 and css_lite.text(m[0]).strip():
                    content = m
                    break
        if not content:
            return None
        removed = set()
        for c in clean:
            try:
                for node in content:
                    removed.update(id(n) for n in css_lite.select(node, c))
            except css_lite.Unsupported:
                return None
        return " ".join(css_lite.text(n, frozenset(removed)) for n in content)
    except css_lite.Unsupported:
        return None


def cases(git_dir):
    listing = git(git_dir, "ls-tree", "-r", "--name-only", "HEAD").decode().splitlines()
    have = set(listing)
    for path in sorted(p for p in listing if re.fullmatch(r"src/extractors/custom/[^/]+/index\.test\.js", p)):
        src = git(git_dir, "show", f"HEAD:{path}").decode("utf-8", "replace")
        fx = re.search(r"readFileSync\(\s*['\"]\./(fixtures/[^'\"]+)['\"]", src)
        if not fx or fx.group(1) not in have:
            continue
        first13 = assertion(src, "first13")
        ext = path.replace("index.test.js", "index.js")
        rules = content_rules(git(git_dir, "show", f"HEAD:{ext}").decode("utf-8", "replace")) if ext in have else None
        yield {"rules": rules, "domain": path.split("/")[3], "fixture": fx.group(1), "title": assertion(src, "title"),
               "author": assertion(src, "author"), "first13": first13}


def folio_words(doc):
    out = []
    score.json_text(doc.get("blocks", []), out)
    return score.words(" ".join(out))


def letters(text):
    """Letters and digits only, lower-cased: the page's text and folio's compared without the
    spaces and punctuation that either may add or drop between elements."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def main():
    a = arguments(__doc__, split=True, verbose_help="every page that misses a check")
    gd = a.git_dir
    every = list(cases(gd))
    chosen = [c for i, c in enumerate(every) if picked(a.split, i)]
    hits = {k: [0, 0] for k in ("title", "lead", "start", "author")}
    prf = []
    with tempfile.TemporaryDirectory() as tmp:
        for c in chosen:
            page = Path(tmp) / (c["domain"] + ".html")
            raw = git(gd, "show", f"HEAD:{c['fixture']}")
            page.write_bytes(raw)
            doc = read_page(a.folio, page)
            meta = doc.get("meta", {})
            got = folio_words(doc)
            miss = []
            if c["title"]:
                want = html.unescape(c["title"])
                extra = meta.get("extra") or []
                site = dict(extra).get("site", "") if isinstance(extra, (dict, list)) else ""
                for sep in (" | ", " - ", " – ", " — ", " :: ", " / ", " » ", " · ", " : "):
                    if site and want.lower().endswith((sep + site).lower()):
                        want = want[: len(want) - len(sep + site)]
                        break
                ok = score.norm(want) == score.norm(meta.get("title"))
                hits["title"][0] += ok
                hits["title"][1] += 1
                if not ok:
                    miss.append(f"title {meta.get('title')!r} want {want!r}")
            if c["first13"]:
                lead = letters(html.unescape(c["first13"]))
                body = letters(" ".join(got))
                tail = lead[-24:]
                at = body.find(tail) if len(tail) >= 8 else -1
                start = at - (len(lead) - len(tail))
                hits["lead"][1] += 1
                hits["start"][1] += 1
                hits["lead"][0] += at >= 0
                hits["start"][0] += at >= 0 and start <= 150
                if at < 0:
                    miss.append(f"lead not found: {c['first13']!r}; folio starts {' '.join(got[:20])!r}")
                elif start > 150:
                    miss.append(f"lead after {start} letters: {' '.join(got[:40])!r}")
            if c["author"]:
                ok = score.norm_author(c["author"]) == score.norm_author(", ".join(meta.get("authors", [])))
                hits["author"][0] += ok
                hits["author"][1] += 1
                if not ok:
                    miss.append(f"author {meta.get('authors')!r} want {c['author']!r}")
            want_body = expected_body(raw.decode("utf-8", "replace"), c["rules"]) if c["rules"] else None
            if want_body is not None and score.words(want_body):
                p, r, f1 = score.prf(got, score.words(want_body))
                prf.append((p, r, f1))
                if f1 < 0.9:
                    miss.append(f"body P={p:.2f} R={r:.2f} F1={f1:.2f} (words {len(got)}/{len(score.words(want_body))})")
            if a.verbose and miss:
                print(f"{c['domain']} ({len(got)} words):")
                for m in miss:
                    print("   " + m)
    print(f"split={a.split} pages={len(chosen)}: " +
          ", ".join(f"{k} {h}/{n} ({h / n:.0%})" if n else f"{k} -" for k, (h, n) in hits.items()) +
          (f"; body on {len(prf)} pages: P={sum(x[0] for x in prf) / len(prf):.3f} R={sum(x[1] for x in prf) / len(prf):.3f}"
           f" F1={sum(x[2] for x in prf) / len(prf):.3f}" if prf else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
