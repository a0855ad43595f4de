#!/usr/bin/env python3
"""Extract article-length plain-text extracts (introduction and first sections)
of Programming Historian lessons from a git mirror of the jekyll repository.
Usage: extract_proghist.py GIT_DIR OUT_DIR"""
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from md2blocks import split_front_matter, to_blocks, extract, ok, score, save_chosen, write_manifest

GIT, OUT = sys.argv[1], sys.argv[2]
DIRS = {'en': 'en/lessons/', 'es': 'es/lecciones/', 'fr': 'fr/lecons/', 'pt': 'pt/licoes/'}
PER_LANG = 8


def git(*a):
    return subprocess.run(['git', '--git-dir=' + GIT] + list(a), check=True, capture_output=True).stdout.decode('utf-8')


files = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n')
manifest = []
for lang, d in DIRS.items():
    cands = []
    for f in files:
        if not (f.startswith(d) and f.endswith('.md') and f.count('/') == 2):
            continue
        fm, body = split_front_matter(git('show', 'HEAD:' + f))
        if not fm.get('title') or fm.get('retired') or fm.get('redirect_from') == f:
            continue
        sel, st = extract(to_blocks(body))
        if ok(st):
            cands.append((score(st), f, fm['title'], sel, st))
    cands.sort(key=lambda c: (-c[0], c[1]))
    used = set()
    for sc, f, title, sel, st in cands[:PER_LANG]:
        slug = re.sub(r'[^a-z0-9]+', '-', f.split('/')[-1][:-3].lower()).strip('-')
        save_chosen(OUT, lang, slug, f, title, sel, st, manifest, used)
write_manifest(OUT, manifest)
