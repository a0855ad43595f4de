#!/usr/bin/env python3
"""Extract prose sections of The Debian Administrator's Handbook as plain-text articles.

Reads the DocBook sources (en-US/*.xml) and the publican PO translations
(<lang>/*.po) from a git directory, and writes
<out>/<lang>-<slug>.txt files in the corpus format (title, blank line,
one block per line separated by blank lines).

usage: extract_debian_handbook.py GIT_DIR OUT_DIR
"""
import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

LANGS = {"en": None, "de": "de-DE", "es": "es-ES", "fr": "fr-FR", "it": "it-IT", "pt": "pt-BR"}
CHAPTERS = [
    "00a_preface", "01_the-debian-project", "02_case-study", "03_existing-setup",
    "04_installation", "05_packaging-system", "06_apt", "07_solving-problems",
    "08_basic-configuration", "09_unix-services", "10_network-infrastructure",
    "11_network-services", "12_advanced-administration", "13_workstation",
    "14_security", "15_debian-packaging", "70_conclusion",
    "90_derivative-distributions", "92_short-remedial-course",
]
SKIP = {"sidebar", "screen", "programlisting", "table", "informaltable", "figure",
        "mediaobject", "indexterm", "example", "variablelist", "note", "tip",
        "warning", "important", "caution", "literallayout", "cmdsynopsis"}


def git_show(gitdir, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path],
                          capture_output=True, check=True).stdout.decode("utf-8")


def po_unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(m.group(1), m.group(0)), s)


def parse_po(text):
    """Return dict msgid -> msgstr (non-fuzzy, non-empty)."""
    out = {}
    entries = re.split(r'\n\s*\n', text)
    for e in entries:
        if "#, fuzzy" in e:
            continue
        m = re.search(r'^msgid ((?:"[^\n]*"\n?)+)msgstr ((?:"[^\n]*"\n?)+)', e + "\n", re.M)
        if not m:
            continue
        mid = "".join(po_unescape(x) for x in re.findall(r'"(.*)"', m.group(1)))
        mstr = "".join(po_unescape(x) for x in re.findall(r'"(.*)"', m.group(2)))
        if mid and mstr:
            out[mid] = mstr
    return out


def inner_xml(el):
    s = el.text and html.escape(el.text, quote=False) or ""
    for c in el:
        s += ET.tostring(c, encoding="unicode")
    return re.sub(r'\s+', ' ', s).strip()


def to_plain(frag):
    """DocBook inline fragment -> plain text, or None if unusable."""
    if re.search(r'<(xref|footnote|screen|programlisting|inlinemediaobject)\b', frag):
        return None
    frag = re.sub(r'<indexterm\b.*?</indexterm>', '', frag, flags=re.S)
    frag = re.sub(r'<ulink url="([^"]*)"\s*/>', r'\1', frag)
    frag = re.sub(r'<[^>]+>', '', frag)
    frag = html.unescape(frag)
    frag = re.sub(r'\s+', ' ', frag).strip()
    return frag or None


def local(tag):
    return tag.split('}')[-1]


def section_blocks(sec):
    """Yield (kind, xmlfragment) for a section's readable content, in order."""
    for c in sec:
        t = local(c.tag)
        if t in SKIP:
            continue
        if t == "title":
            continue
        if t in ("para", "simpara"):
            # para with block children (lists inside) is not usable as one block
            if any(local(x.tag) in ("itemizedlist", "orderedlist", "screen", "programlisting", "variablelist") for x in c):
                yield ("bad", None)
                continue
            yield ("para", inner_xml(c))
        elif t in ("itemizedlist", "orderedlist"):
            for li in c:
                if local(li.tag) != "listitem":
                    continue
                paras = [x for x in li if local(x.tag) in ("para", "simpara")]
                if len(paras) == len(list(li)) and paras:
                    for p in paras:
                        yield ("item", inner_xml(p))
                else:
                    yield ("bad", None)
        elif t == "section":
            title = c.find("title")
            if title is not None:
                yield ("heading", inner_xml(title))
            yield from section_blocks(c)


def sentences(s):
    return len(re.findall(r'[.!?…](\s|$)', s))


def build(sec, tr):
    """Return (title, blocks) or None. tr: translation dict or None for English."""
    def T(frag):
        if tr is None:
            return frag
        return tr.get(frag)
    title_el = sec.find("title")
    if title_el is None:
        return None
    tt = T(inner_xml(title_el))
    if tt is None:
        return None
    title = to_plain(tt)
    if not title:
        return None
    blocks = []
    for kind, frag in section_blocks(sec):
        if kind == "bad":
            break
        x = T(frag)
        if x is None:
            break  # untranslated: stop the article here
        p = to_plain(x)
        if p is None:
            break
        blocks.append((kind, p))
        if len(blocks) >= 14:
            break
    # do not end on a heading
    while blocks and blocks[-1][0] == "heading":
        blocks.pop()
    prose = sum(1 for k, p in blocks if k == "para" and sentences(p) >= 2)
    if len(blocks) < 4 or prose < 3:
        return None
    return title, [p for k, p in blocks]


def slugify(s):
    s = s.lower()
    s = re.sub(r'[^a-z0-9]+', '-', s).strip('-')
    return s[:50].strip('-')


def main():
    gitdir, outdir = sys.argv[1], sys.argv[2]
    per_lang = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    # candidates: (chapter, section id, element)
    cands = []
    for ch in CHAPTERS:
        root = ET.fromstring(git_show(gitdir, "en-US/%s.xml" % ch))
        for sec in root.iter():
            if local(sec.tag) == "section" and sec.get("id"):
                cands.append((ch, sec.get("id"), sec))
    pos = {}
    for lang, d in LANGS.items():
        if d:
            tr = {}
            for ch in CHAPTERS:
                try:
                    tr.update({(ch, k): v for k, v in parse_po(git_show(gitdir, "%s/%s.po" % (d, ch))).items()})
                except subprocess.CalledProcessError:
                    pass
            pos[lang] = tr
    results = {}
    for ch, sid, sec in cands:
        for lang in LANGS:
            if lang == "en":
                r = build(sec, None)
            else:
                r = build(sec, _ChapterView(pos[lang], ch))
            if r:
                results.setdefault(sid, {})[lang] = (ch, r)
    # prefer sections available in many languages, then spread over chapters
    order = sorted(results, key=lambda s: -len(results[s]))
    written = {l: [] for l in LANGS}
    used_ch = {l: set() for l in LANGS}
    for pass_ in (0, 1):
        for sid in order:
            for lang, (ch, (title, blocks)) in results[sid].items():
                if len(written[lang]) >= per_lang:
                    continue
                if pass_ == 0 and ch in used_ch[lang]:
                    continue
                if any(sid == w[0] for w in written[lang]):
                    continue
                fn = "%s-%s.txt" % (lang, slugify(sid.replace("sect.", "")))
                with open("%s/%s" % (outdir, fn), "w", encoding="utf-8", newline="\n") as f:
                    f.write(title + "\n\n" + "\n\n".join(blocks) + "\n")
                written[lang].append((sid, fn, ch, len(blocks)))
                used_ch[lang].add(ch)
    for lang, ws in written.items():
        for sid, fn, ch, n in ws:
            src = "en-US/%s.xml" % ch if lang == "en" else "en-US/%s.xml + %s/%s.po" % (ch, LANGS[lang], ch)
            print("%s\t%s\t%s\t%d" % (fn, src, sid, n))


class _ChapterView:
    def __init__(self, d, ch):
        self.d, self.ch = d, ch

    def get(self, k):
        return self.d.get((self.ch, k))


if __name__ == "__main__":
    main()
