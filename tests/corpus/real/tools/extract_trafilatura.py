#!/usr/bin/env python3
"""Extract article-length plain-text files from the saved web pages of trafilatura's test suite
(tests/cache/*.html in a git mirror of adbar/trafilatura), with folio's HTML reader finding the
article in each page. Standard library only, plus a built folio.
Usage: extract_trafilatura.py GIT_DIR OUT_DIR FOLIO

The article folio's HTML reader finds (`folio PAGE -f html -t json`) becomes one block per
paragraph, heading, list item (without marker) and paragraph inside a blockquote; code blocks,
tables, figures and their captions are skipped. The rest follows extract_readability.py: the same
cleaning (invisible characters, blocks without a letter, calls to action, number markers, a first
block repeating the title), the same selection of prose articles and the same cut (at most 14
blocks and about 1,200 words, never ending on a heading). Pages the repair measure must not see
are never read: trafilatura's tests/eval pages (an article-extraction benchmark) are left alone.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract_readability as er  # noqa: E402  (its cleaning, selection and cut)


def inline_text(node):
    if isinstance(node, list):
        return ''.join(inline_text(x) for x in node)
    if not isinstance(node, dict):
        return ''
    t = node.get('t')
    if t in ('break', 'softbreak', 'linebreak'):
        return ' '
    if t in ('note', 'noteref', 'image'):
        return ''
    if 'text' in node and 'c' not in node:
        return node['text']
    return inline_text(node.get('c', []))


class Page:
    """What extract_readability.judge reads: (kind, text) blocks and the words outside them."""

    def __init__(self):
        self.blocks, self.loose, self.skipped_words = [], 0, 0

    def add(self, kind, text):
        text = re.sub(r'\s+', ' ', er.INVISIBLE.sub('', text)).strip()
        if not text:
            return
        if not any(c.isalpha() for c in text) or er.CALL_TO_ACTION.match(text):
            self.loose += len(text.split())
            return
        self.blocks.append((kind, er.NUMBER_MARKER.sub('', text)))

    def walk(self, blocks, in_quote=False):
        for b in blocks:
            t = b.get('t')
            if t == 'para':
                self.add('quote' if in_quote else 'para', inline_text(b.get('c', [])))
            elif t == 'heading':
                self.add('heading', inline_text(b.get('c', [])))
            elif t in ('bullet', 'ordered'):
                for item in b.get('items', []):
                    for sub in item.get('c', []):
                        if sub.get('t') == 'para':
                            self.add('item', inline_text(sub.get('c', [])))
                        else:
                            self.walk([sub], in_quote)
            elif t == 'quote':
                self.walk(b.get('c', []), True)
            else:  # code, tables, figures, rules, raw HTML: not prose
                # Counted as the words of the block's JSON, markup keys included: more than its
                # text, so a page with much that is not prose is left out sooner.
                self.skipped_words += len(json.dumps(b, ensure_ascii=False).split())


def main():
    git_dir, out, folio = sys.argv[1], sys.argv[2], sys.argv[3]

    def git(*a, text=True):
        r = subprocess.run(['git', '--git-dir=' + git_dir] + list(a), check=True, capture_output=True)
        return r.stdout.decode('utf-8') if text else r.stdout

    commit = git('rev-parse', 'HEAD').strip()
    paths = [p for p in git('ls-tree', '-r', '--name-only', 'HEAD', 'tests/cache/').split() if p.endswith('.html')]
    os.makedirs(out, exist_ok=True)
    manifest, seen = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(paths):
            name = path.rsplit('/', 1)[-1][:-len('.html')]
            page_file = os.path.join(tmp, 'page.html')
            with open(page_file, 'wb') as f:
                f.write(git('show', 'HEAD:' + path, text=False))
            r = subprocess.run([folio, '-q', '--no-smart', '-f', 'html', '-t', 'json', '-o', '-', page_file],
                               capture_output=True)
            if r.returncode != 0:
                print('skip %s: folio failed' % name, file=sys.stderr)
                continue
            doc = json.loads(r.stdout)
            meta = doc.get('meta', {})
            title = re.sub(r'\s+', ' ', meta.get('title') or '').strip()
            if not title:
                print('skip %s: no title' % name, file=sys.stderr)
                continue
            page = Page()
            page.walk(doc.get('blocks', []))
            sel, why = er.judge(name, title, page)
            if why:
                print('skip %s: %s' % (name, why), file=sys.stderr)
                continue
            lang = (meta.get('lang') or '').lower()[:2]
            if lang not in er.LANGS:
                print('skip %s: language %r not in corpus' % (name, lang), file=sys.stderr)
                continue
            if er.repeats(seen, name, sel):
                continue
            fname = '%s-%s.txt' % (lang, re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-'))
            er.keep(out, fname, path, title, sel, manifest)
    er.write_manifest(out, commit, manifest)


if __name__ == '__main__':
    main()
