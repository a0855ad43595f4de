#!/usr/bin/env python3
"""Extract article-length plain-text files from a git mirror of kubernetes/website.
Usage: extract_kubernetes.py GIT_DIR OUT_DIR"""
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from md2blocks import split_front_matter, to_blocks, extract, ok, score, save_chosen, write_manifest

GIT, OUT = sys.argv[1], sys.argv[2]
LANGS = {'en': 'en', 'de': 'de', 'es': 'es', 'fr': 'fr', 'it': 'it', 'pt-br': 'pt'}
PER_LANG = 8


def git(*a):
    return subprocess.run(['git', '--git-dir=' + GIT] + list(a), check=True, capture_output=True).stdout.decode('utf-8')


files = git('ls-tree', '-r', '--name-only', 'HEAD', '--', 'content').split('\n')


def slug_of(path):
    parts = path.split('/')
    name = parts[-1][:-3]
    if name in ('index', '_index'):
        name = parts[-2]
    name = re.sub(r'^\d{4}-\d{2}-\d{2}-', '', name)
    return re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')


def load(path):
    fm, body = split_front_matter(git('show', 'HEAD:' + path))
    title = fm.get('title') or fm.get('linkTitle')
    if not title or fm.get('draft'):
        return None
    sel, st = extract(to_blocks(body))
    return title, sel, st


manifest = []
for src, lang in LANGS.items():
    blog = [f for f in files if f.startswith('content/%s/blog/_posts/' % src) and f.endswith('.md')]
    docs = [f for f in files if f.startswith('content/%s/docs/concepts/' % src) and f.endswith('.md')
            and 'example-concept-template' not in f]
    other = [f for f in files if f.startswith('content/%s/docs/' % src) and f.endswith('.md')
             and f not in docs and '/reference/' not in f]
    chosen = []
    for group in (blog, docs, other):
        cands = []
        for f in group:
            r = load(f)
            if r and ok(r[2]):
                cands.append((score(r[2]), f, r))
        cands.sort(key=lambda c: -c[0])
        for sc, f, r in cands:
            if len(chosen) >= PER_LANG:
                break
            chosen.append((f, r))
    used = set()
    for f, (title, sel, st) in chosen:
        save_chosen(OUT, lang, slug_of(f), f, title, sel, st, manifest, used)
write_manifest(OUT, manifest)
