#!/usr/bin/env python3
"""Extract article-length plain-text files from the article text of Mozilla Readability's test
pages (test/test-pages/<name>/expected.html + expected-metadata.json) in a git mirror of
mozilla/readability. Standard library only.
Usage: extract_readability.py GIT_DIR OUT_DIR

One block per line: paragraphs (<p>), headings (<h1>-<h6>), list items (<li>, without marker),
paragraphs inside <blockquote>. <pre>, <figure>/<figcaption>, <table>, <script>, <style>,
<svg>, <math> and everything inside them are skipped. Whitespace inside a block is collapsed;
soft hyphens and zero-width characters are removed; empty blocks, blocks without a letter and
calls to action (newsletter sign-up, share, read more / continue reading) are dropped; a leading
number marker ("1. ", "21) ") is dropped as for list items; a first block that repeats the title
is dropped. The article is cut after at most 14 blocks and about 1,200 words (article-length
extracts; never ending on a heading).

A page is kept when it is a real prose article: at least 5 blocks, at least 3 blocks of >= 25
words, most of its text in paragraphs (not in list items, headings, or text outside any
block), a news or blog article (not in NOT_ARTICLES, no lorem ipsum), in one of en de es fr it
pt, and not the same text as a page already kept.
"""
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

LANGS = ('en', 'de', 'es', 'fr', 'it', 'pt')
MAX_BLOCKS = 14
MAX_WORDS = 1200
# Pages whose metadata has no "lang": languages read by hand from the article text.
HAND_LANG = {
    'blogger': 'en', 'bug-1255978': 'en', 'clean-links': 'en', 'cnn': 'en', 'keep-images': 'en',
    'keep-tabular-data': 'en', 'la-nacion': 'es', 'links-in-tables': 'en', 'lwn-1': 'en',
    'medium-1': 'en', 'medium-2': 'en', 'mercurial': 'en', 'salon-1': 'en',
    'table-style-attributes': 'en', 'tmz-1': 'en', 'topicseed-1': 'en', 'videos-1': 'en',
    'wapo-1': 'en', 'wapo-2': 'en',
    # gmw, qq, youth (zh), hukumusume (ja): not a language of the corpus
}
# Pages that are not news or blog articles: reference works, book chapters, specifications,
# software manuals and serial fiction (the corpus already has books and technical docs).
NOT_ARTICLES = {
    'wikipedia', 'wikipedia-2', 'wikipedia-3', 'wikipedia-4',  # encyclopedia
    'google-sre-book-1',                                       # book chapter
    'ietf-1',                                                  # specification (Internet-Draft)
    'mercurial',                                               # software manual
    'clean-links',                                             # study text of a novella
    'archive-of-our-own', 'royal-road',                        # serial fiction
    'mozilla-1',                                               # product page (buttons, no article)
}
SKIP_TAGS = {'pre', 'figure', 'figcaption', 'table', 'script', 'style', 'svg', 'math',
             'noscript', 'template', 'button', 'select', 'textarea'}
BLOCK_TAGS = {'p': 'para', 'li': 'item', 'h1': 'heading', 'h2': 'heading', 'h3': 'heading',
              'h4': 'heading', 'h5': 'heading', 'h6': 'heading'}
# Containers: opening or closing one ends the current block's text (it is never joined across).
BREAK_TAGS = {'div', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'main', 'ul', 'ol',
              'dl', 'dt', 'dd', 'blockquote', 'hr', 'form', 'details', 'summary', 'address',
              'center'} | set(BLOCK_TAGS)
# Soft hyphen and zero-width characters: invisible, not text.
INVISIBLE = re.compile('[\u00ad\u200b\u200c\u200d\u2060\ufeff]')
CALL_TO_ACTION = re.compile(r'(?i)^(sign up|subscribe) (for|to) (our|the) newsletters?$'
                            r'|^share( this)?( article| story)?$'
                            r'|^(read more|continue reading( the main story)?)$')
NUMBER_MARKER = re.compile(r'^\d{1,3}[.)] (?=\S)')
VOID = {'br', 'img', 'hr', 'input', 'meta', 'link', 'source', 'wbr', 'area', 'base', 'col',
        'embed', 'param', 'track'}


class Blocks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0          # depth inside skipped elements
        self.stack = []        # open block/break elements
        self.buf = []
        self.blocks = []       # (kind, text)
        self.loose = 0         # words outside any block (and outside skipped elements)
        self.skipped_words = 0

    def kind(self):
        for t in reversed(self.stack):
            if t in BLOCK_TAGS:
                k = BLOCK_TAGS[t]
                if k == 'para' and 'blockquote' in self.stack:
                    return 'quote'
                return k
        return None

    def flush(self):
        txt = re.sub(r'\s+', ' ', INVISIBLE.sub('', ''.join(self.buf))).strip()
        self.buf = []
        if not txt:
            return
        k = self.kind()
        if k is None:
            self.loose += len(txt.split())
        elif not any(c.isalpha() for c in txt) or CALL_TO_ACTION.match(txt):
            # "/", "87", "0:00": no prose, reads as a spilled word; "SIGN UP FOR OUR NEWSLETTER":
            # not article text, a reader removes it
            self.loose += len(txt.split())
        else:
            # "1. Take any blankets ...", "21) Star Wars": the number is a list marker
            txt = NUMBER_MARKER.sub('', txt)
            self.blocks.append((k, txt))

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag in SKIP_TAGS:
                self.skip += 1
            return
        if tag in SKIP_TAGS:
            self.flush()
            self.skip = 1
            return
        if tag == 'br':
            self.buf.append(' ')
            return
        if tag in BREAK_TAGS:
            self.flush()
            if tag not in VOID:
                self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if not self.skip and tag in ('br', 'hr'):
            self.buf.append(' ')
            if tag == 'hr':
                self.flush()

    def handle_endtag(self, tag):
        if self.skip:
            if tag in SKIP_TAGS:
                self.skip -= 1
            return
        if tag in BREAK_TAGS and tag in self.stack:
            self.flush()
            while self.stack:
                if self.stack.pop() == tag:
                    break

    def handle_data(self, data):
        if self.skip:
            self.skipped_words += len(data.split())
        else:
            self.buf.append(data)

    def close(self):
        super().close()
        self.flush()


def words(t):
    return len(t.split())


def parse(html):
    p = Blocks()
    p.feed(html)
    p.close()
    return p


def lang_of(name, meta):
    lang = (meta.get('lang') or '').lower()[:2]
    if not lang:
        lang = HAND_LANG.get(name, '')
    return lang if lang in LANGS else None


def cap(blocks):
    sel, n = [], 0
    for kind, txt in blocks:
        if len(sel) >= MAX_BLOCKS or (sel and n + words(txt) > MAX_WORDS):
            break
        sel.append((kind, txt))
        n += words(txt)
    while sel and sel[-1][0] == 'heading':
        sel.pop()
    return sel


def judge(name, title, p):
    """Returns (blocks of the extract, None) for a prose article, or (None, reason)."""
    blocks = list(p.blocks)
    if blocks and re.sub(r'\W+', '', blocks[0][1]).lower() == re.sub(r'\W+', '', title).lower():
        blocks = blocks[1:]
    if name in NOT_ARTICLES:
        return None, 'not a news/blog article'
    alltext = ' '.join(t for _, t in blocks).lower()
    if 'lorem ipsum' in alltext or 'consetetur sadipscing' in alltext:
        return None, 'synthetic (lorem ipsum)'
    if len(blocks) < 5:
        return None, 'fewer than 5 blocks'
    if sum(words(t) >= 25 for _, t in blocks) < 3:
        return None, 'fewer than 3 blocks of 25+ words'
    total = sum(words(t) for _, t in blocks) + p.loose + p.skipped_words
    para = sum(words(t) for k, t in blocks if k in ('para', 'quote'))
    if para * 2 <= total:
        return None, 'most text not in paragraphs (%d of %d words)' % (para, total)
    sel = cap(blocks)
    if sum(words(t) >= 25 for _, t in sel) < 3:
        return None, 'extract has fewer than 3 blocks of 25+ words'
    return sel, None


def main():
    git_dir, out = sys.argv[1], sys.argv[2]

    def git(*a):
        return subprocess.run(['git', '--git-dir=' + git_dir] + list(a), check=True,
                              capture_output=True).stdout.decode('utf-8')

    commit = git('rev-parse', 'HEAD').strip()
    names = git('ls-tree', '--name-only', 'HEAD', 'test/test-pages/').split()
    os.makedirs(out, exist_ok=True)
    manifest = []
    seen = {}
    for path in names:
        name = path.rsplit('/', 1)[-1]
        try:
            meta = json.loads(git('show', 'HEAD:%s/expected-metadata.json' % path))
            html = git('show', 'HEAD:%s/expected.html' % path)
        except subprocess.CalledProcessError:
            print('skip %s: no expected.html/expected-metadata.json' % name, file=sys.stderr)
            continue
        title = re.sub(r'\s+', ' ', meta.get('title') or '').strip()
        if not title:
            print('skip %s: no title' % name, file=sys.stderr)
            continue
        sel, why = judge(name, title, parse(html))
        if why:
            print('skip %s: %s' % (name, why), file=sys.stderr)
            continue
        lang = lang_of(name, meta)
        if not lang:
            print('skip %s: language %r not in corpus' % (name, meta.get('lang')), file=sys.stderr)
            continue
        if repeats(seen, name, sel):
            continue
        keep(out, '%s-%s.txt' % (lang, name), path, title, sel, manifest)
    write_manifest(out, commit, manifest)


def repeats(seen, name, sel):
    """True (and reported) when an extract with the same text was kept already."""
    key = '\n'.join(t for _, t in sel)
    if key in seen:
        print('skip %s: same text as %s' % (name, seen[key]), file=sys.stderr)
        return True
    seen[key] = name
    return False


def keep(out, fname, path, title, sel, manifest):
    """Writes one extract (the title, then one block per paragraph) and notes it in `manifest`."""
    lines = [title] + [t for _, t in sel]
    for l in lines:
        assert '\n' not in l and '\t' not in l and l.strip() == l and l
    with open(os.path.join(out, fname), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n\n'.join(lines) + '\n')
    manifest.append((fname, path, len(sel), sum(words(t) for _, t in sel)))
    print('keep %s: %d blocks, %d words' % (fname, len(sel), manifest[-1][3]), file=sys.stderr)


def write_manifest(out, commit, manifest):
    with open(os.path.join(out, '.manifest.tsv'), 'w', encoding='utf-8') as m:
        m.write('# commit %s\n' % commit)
        for row in manifest:
            m.write('%s\t%s\t%d\t%d\n' % row)


if __name__ == '__main__':
    main()
