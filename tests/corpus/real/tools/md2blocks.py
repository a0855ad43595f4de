#!/usr/bin/env python3
"""Convert Hugo/Jekyll Markdown (Kubernetes website, Programming Historian)
into the plain-text block format of the real-text corpus.
Library module used by extract_kubernetes.py and extract_proghist.py."""
import html
import os
import re
import sys
import yaml

FM_RE = re.compile(r'\A---\s*\n(.*?)\n---\s*\n', re.S)


def split_front_matter(text):
    m = FM_RE.match(text)
    if not m:
        return {}, text
    try:
        fm = yaml.safe_load(m.group(1)) or {}
    except Exception:
        fm = {}
    return fm, text[m.end():]


def strip_regions(body):
    # HTML comments
    body = re.sub(r'<!--.*?-->', '', body, flags=re.S)
    # Hugo paired shortcodes whose content is not shown / not prose
    for name in ('comment', 'tabs', 'tab', 'codenew', 'code', 'highlight', 'mermaid', 'table',
                 'include', 'cards', 'blocks/section', 'youtube'):
        body = re.sub(r'\{\{[<%]\s*' + re.escape(name) + r'\b.*?[>%]\}\}.*?\{\{[<%]\s*/' + re.escape(name) + r'\s*[>%]\}\}',
                      '\n\n', body, flags=re.S)
    # Liquid raw/comment
    body = re.sub(r'\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}', '', body, flags=re.S)
    body = re.sub(r'\{%-?\s*(end)?raw\s*-?%\}', '', body)
    # HTML blocks that never hold prose
    for tag in ('script', 'style', 'table', 'figure', 'pre', 'svg', 'iframe', 'video', 'object', 'code'):
        body = re.sub(r'<' + tag + r'\b.*?</' + tag + r'\s*>', '\n\n', body, flags=re.S | re.I)
    return body


MARK = '\x00CODE%d\x00'
REF_LABELS = set()


def inline_clean(s):
    codes = []

    def keep_code(m):
        codes.append(m.group(2))
        return MARK % (len(codes) - 1)
    s = re.sub(r'(`+)(.+?)\1', keep_code, s)
    # glossary tooltips -> their text
    s = re.sub(r'\{\{[<%]\s*glossary_tooltip\b[^}]*?\btext="([^"]*)"[^}]*[>%]\}\}', r'\1', s)
    # wrapper shortcodes (note, caution, warning, ...) and everything else: drop marker
    s = re.sub(r'\{\{[<%].*?[>%]\}\}', '', s)
    s = re.sub(r'\{%.*?%\}', '', s)
    s = re.sub(r'\{\{.*?\}\}', '', s)
    # kramdown attribute lists
    s = re.sub(r'\{:[^}]*\}', '', s)
    # images (inline and reference)
    s = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', s)
    s = re.sub(r'!\[[^\]]*\]\[[^\]]*\]', '', s)
    # footnote references
    s = re.sub(r'\[\^[^\]]+\]', '', s)
    # links
    for _ in range(2):
        s = re.sub(r'\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?:[^()]|\([^)]*\))*\)', r'\1', s)
        s = re.sub(r'\[([^\]]+)\]\[[^\]]*\]', r'\1', s)
    s = re.sub(r'\[([^\[\]]+)\](?![(\[:])', lambda m: m.group(1) if m.group(1).lower() in REF_LABELS else m.group(0), s)
    s = re.sub(r'<((?:https?|mailto):[^>\s]+)>', r'\1', s)
    # HTML tags
    s = re.sub(r'<br\s*/?>', ' ', s, flags=re.I)
    s = re.sub(r'</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>', '', s)
    # emphasis
    s = re.sub(r'\*\*(.+?)\*\*', r'\1', s)
    s = re.sub(r'(?<![\w\\])__(.+?)__(?!\w)', r'\1', s)
    s = re.sub(r'(?<![\w*\\])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])', r'\1', s)
    s = re.sub(r'(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)', r'\1', s)
    s = re.sub(r'~~(.+?)~~', r'\1', s)
    # backslash escapes
    s = re.sub(r'\\([\\`*_{}\[\]()#+\-.!|>~"\'$])', r'\1', s)
    s = html.unescape(s)
    s = s.replace('\xa0', ' ')
    s = re.sub(MARK.replace('%d', r'(\d+)').replace('\x00', '\\x00'), lambda m: codes[int(m.group(1))], s)
    s = re.sub(r'[ \t\r\n]+', ' ', s).strip()
    return s


LIST_RE = re.compile(r'^(\s*)([-*+]|\d+[.)])\s+(.*)$')
HEAD_RE = re.compile(r'^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$')


def to_blocks(body):
    """Return list of (kind, text). kind in heading, para, item, quote."""
    body = strip_regions(body.replace('\r\n', '\n').replace('\t', '    '))
    REF_LABELS.clear()
    REF_LABELS.update(m.group(1).lower() for m in re.finditer(r'^\s{0,3}\[([^\]^]+)\]:', body, re.M))
    lines = body.split('\n')
    raw = []   # (kind, [lines])
    cur = None
    in_fence = None
    prev_kind = None

    def flush():
        nonlocal cur
        if cur and cur[1]:
            raw.append(cur)
        cur = None
    i = 0
    while i < len(lines):
        ln = lines[i]
        st = ln.strip()
        fm = re.match(r'^\s*(```+|~~~+)', ln)
        if in_fence:
            if fm and st.startswith(in_fence[0] * 3) and set(st) <= set(in_fence[0]):
                in_fence = None
            i += 1
            continue
        if fm:
            flush()
            in_fence = fm.group(1)
            raw.append(('code', ['']))
            i += 1
            continue
        if not st:
            flush()
            i += 1
            continue
        # setext heading
        if cur and cur[0] == 'para' and re.match(r'^(=+|-+)\s*$', st) and len(cur[1]) == 1:
            cur = ('heading', cur[1])
            flush()
            i += 1
            continue
        if re.match(r'^(\*\s*){3,}$|^(-\s*){3,}$|^(_\s*){3,}$', st):
            flush()
            i += 1
            continue
        hm = HEAD_RE.match(ln)
        if hm:
            flush()
            raw.append(('heading', [hm.group(2)]))
            i += 1
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ''
        if '|' in st and re.match(r'^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$', nxt) and '|' in nxt:
            flush()
            while i < len(lines) and lines[i].strip():
                i += 1
            raw.append(('table', ['']))
            continue
        if st.startswith('|') or re.match(r'^\s*\|?\s*:?-{3,}:?\s*\|', st):
            flush()
            raw.append(('table', ['']))
            i += 1
            continue
        if re.match(r'^\[[^\]]+\]:\s*\S', st):  # reference / footnote definition
            flush()
            i += 1
            continue
        if re.match(r'^\{:[^}]*\}\s*$', st):
            i += 1
            continue
        lm = LIST_RE.match(ln)
        if lm:
            flush()
            cur = ('item', [lm.group(3)])
            i += 1
            continue
        if st.startswith('>'):
            q = re.sub(r'^(>\s?)+', '', st)
            if cur and cur[0] != 'quote':
                flush()
            if not q:
                flush()
            else:
                if cur is None:
                    cur = ('quote', [])
                cur[1].append(q)
            i += 1
            continue
        indent = len(ln) - len(ln.lstrip(' '))
        if cur is None and indent >= 4:
            last = raw[-1][0] if raw else None
            if last not in ('item', 'itempara'):
                # indented code block
                while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip(' ')) >= 4):
                    i += 1
                raw.append(('code', ['']))
                continue
            cur = ('itempara', [st])
            i += 1
            continue
        if cur is None:
            last = raw[-1][0] if raw else None
            cur = ('itempara' if (indent >= 2 and last in ('item', 'itempara')) else 'para', [st])
        else:
            cur[1].append(st)
        i += 1
    flush()
    out = []
    for kind, ls in raw:
        if kind in ('code', 'table'):
            out.append((kind, ''))
            continue
        txt = inline_clean(' '.join(ls))
        if kind == 'itempara':
            kind = 'para'
        if txt:
            out.append((kind, txt))
    return out


SENT_RE = re.compile(r'[.!?…:;»”")]\s+[A-ZÀ-ÖØ-Þ¿¡«“"]')


def is_prose(kind, txt):
    if kind not in ('para', 'quote'):
        return False
    if len(txt) < 80:
        return False
    return len(SENT_RE.findall(txt)) >= 1 and txt.rstrip()[-1:] in '.!?…:»”")'


JUNK_RE = re.compile(r'\{\{|\}\}|\{%|%\}|\]\(|<[a-zA-Z/]|\x00|^\s*[-*+]\s|^\s*#|\|\s*-{3}')


def extract(blocks, max_blocks=14, min_blocks=4):
    """Take an article-length extract from the start. Returns (blocks, stats)."""
    sel = []
    skipped = 0
    junk = 0
    for kind, txt in blocks:
        if kind in ('code', 'table'):
            skipped += 1
            if len(sel) < max_blocks:
                continue
        if len(sel) >= max_blocks:
            break
        if kind in ('code', 'table'):
            continue
        if JUNK_RE.search(txt) or '\t' in txt:
            junk += 1
            continue
        sel.append((kind, txt))
    # prefer ending at a section boundary
    if len(sel) == max_blocks:
        idx = len(blocks)
        heads = [i for i, (k, _) in enumerate(sel) if k == 'heading' and i >= 8]
        if heads:
            cut = heads[-1]
            if sum(is_prose(k, t) for k, t in sel[:cut]) >= 3:
                sel = sel[:cut]
    while sel and sel[-1][0] == 'heading':
        sel.pop()
    prose = sum(is_prose(k, t) for k, t in sel)
    items = sum(k == 'item' for k, _ in sel)
    return sel, dict(prose=prose, items=items, skipped=skipped, junk=junk, n=len(sel))


def ok(stats):
    return stats['n'] >= 4 and stats['prose'] >= 3 and stats['items'] * 2 <= stats['n']


def score(stats):
    return stats['prose'] * 3 - stats['skipped'] * 2 - stats['junk'] * 3 - stats['items'] + min(stats['n'], 14) * 0.5


def write_article(path, title, sel):
    title = inline_clean(str(title))
    lines = [title] + [t for _, t in sel]
    for l in lines:
        assert '\n' not in l and '\t' not in l and l.strip() == l and l
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n\n'.join(lines) + '\n')


def save_chosen(out, lang, slug, path, title, sel, stats, manifest, used):
    """Writes one chosen article as OUT/LANG-SLUG.txt (a unique slug) and records it."""
    while slug in used:
        slug += '-2'
    used.add(slug)
    name = '%s-%s.txt' % (lang, slug)
    write_article(os.path.join(out, name), title, sel)
    manifest.append((name, path, len(sel)))
    print(name, path, stats, file=sys.stderr)


def write_manifest(out, manifest):
    with open(os.path.join(out, '.manifest.tsv'), 'w') as m:
        for name, f, n in manifest:
            m.write('%s\t%s\t%d\n' % (name, f, n))
