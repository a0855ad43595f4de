#!/usr/bin/env python3
"""Checks folio's HTML reader on the saved news, magazine and blog pages of trafilatura's
real-world tests: each page comes with sentences its article must contain and boilerplate it must
not (tests/realworld_tests.py, test_extract, plain-text variant). trafilatura keeps reader
comments and a handout does not: a sentence found only inside an element named like comments is
counted apart (left out is right). Reports the share of both kinds
held, split into a tuned part and a held-out part (every 4th page by sorted name, as
bench/html/score.py splits), and with -v every assertion that fails.

The pages stay in trafilatura's repository (Apache-2.0 test data); give the path of a clone or a
bare git directory:

  bench/html/realworld.py GIT_DIR [--folio build/folio] [--split tuned|heldout|all] [-v]

The pages of tests/eval/ (an article-extraction benchmark) are not read."""
import argparse
import ast
import html
import html.parser
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def git_show(git_dir, path):
    return subprocess.run(["git", f"--git-dir={git_dir}", "show", f"HEAD:{path}"], capture_output=True,
                          check=True).stdout


def git_dir_of(path):
    p = Path(path)
    return p / ".git" if (p / ".git").exists() else p


def assertions(source):
    """{page file: [(text, must_be_in)]} from test_extract with xmloutput and formatting False."""
    tree = ast.parse(source)
    pages = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "MOCK_PAGES" for t in node.targets):
            pages = ast.literal_eval(node.value)
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "test_extract")
    env = {"xmloutput": False, "formatting": False}
    out = {}
    current = [None]

    def visit(stmts):
        for s in stmts:
            if isinstance(s, ast.If):
                try:
                    taken = eval(compile(ast.Expression(s.test), "<if>", "eval"), {"__builtins__": {}}, env)
                except Exception:
                    continue
                visit(s.body if taken else s.orelse)
            elif isinstance(s, ast.Assign) and isinstance(s.value, ast.Call):
                args = s.value.args
                if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str) and args[0].value in pages:
                    current[0] = pages[args[0].value]
            elif isinstance(s, ast.Assert) and current[0] and isinstance(s.test, ast.Compare):
                t = s.test
                if (len(t.ops) == 1 and isinstance(t.ops[0], (ast.In, ast.NotIn)) and isinstance(t.left, ast.Constant)
                        and isinstance(t.left.value, str) and isinstance(t.comparators[0], ast.Name)
                        and t.comparators[0].id == "result"):
                    out.setdefault(current[0], []).append((t.left.value, isinstance(t.ops[0], ast.In)))

    visit(fn.body)
    return out


class _Chunks(html.parser.HTMLParser):
    """The page's text chunks, each with whether it stands inside reader comments."""
    VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "param", "track"}
    COMMENT = re.compile(r"comment|respond|repl(y|ies)|disqus|kommentar", re.I)

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.chunks = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        self.stack.append((tag, bool(self.COMMENT.search(f"{a.get('class') or ''} {a.get('id') or ''}"))))

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break

    def handle_data(self, data):
        self.chunks.append((data, any(c for _, c in self.stack)))


def in_comments(page_html, text):
    """True when `text` stands in the page only inside reader comments (which the article leaves out)."""
    p = _Chunks()
    p.feed(page_html)
    t = norm(text)
    inside = [c for d, c in p.chunks if t in norm(d)]
    return bool(inside) and all(inside)


def norm(s):
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s).strip()


def page_text(folio, html_path, tmp):
    """The article folio reads from the page, as plain text (its title and body)."""
    out = Path(tmp) / "page.html"
    r = subprocess.run([folio, "-q", "--no-smart", "-f", "html", "-t", "html", "-o", str(out), str(html_path)],
                       capture_output=True)
    if r.returncode != 0 or not out.exists():
        sys.stderr.write(f"folio failed on {html_path.name}: {r.stderr.decode(errors='replace')[:200]}\n")
        return ""
    h = out.read_text(encoding="utf-8", errors="replace")
    h = re.sub(r"<(script|style|head)\b.*?</\1>", " ", h, flags=re.S | re.I)
    # The title page shows the metadata (byline, date, source) under the title: not the article's text.
    h = re.sub(r'<div class="(byline|date|source)">.*?</div>', " ", h, flags=re.S)
    # Block ends separate words; inline tags do not.
    h = re.sub(r"</?(p|div|h\d|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|td|th|figure|figcaption|section|br|hr)\b[^>]*>",
               "\n", h, flags=re.I)
    h = re.sub(r"<[^>]+>", "", h)
    return norm(html.unescape(h))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--folio", default=str(ROOT / "build" / "folio"))
    ap.add_argument("--split", default="all", choices=["tuned", "heldout", "all"])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    git = git_dir_of(args.git_dir)
    checks = assertions(git_show(git, "tests/realworld_tests.py").decode("utf-8"))
    names = sorted(checks)
    totals = {"in": [0, 0], "out": [0, 0], "comment": [0, 0]}
    pages_ok = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(names):
            held = i % 4 == 3
            if (args.split == "tuned" and held) or (args.split == "heldout" and not held):
                continue
            page = Path(tmp) / name
            page.write_bytes(git_show(git, f"tests/cache/{name}"))
            text = page_text(args.folio, page, tmp)
            source = page.read_bytes().decode("utf-8", errors="replace")
            fails = []
            for s, must in checks[name]:
                hit = norm(s) in text
                # Sentences of reader comments: trafilatura keeps comments, a handout does not.
                k = ("comment" if in_comments(source, s) else "in") if must else "out"
                if k == "comment":
                    totals[k][1] += 1
                    totals[k][0] += not hit
                    continue
                totals[k][1] += 1
                if hit == must:
                    totals[k][0] += 1
                else:
                    fails.append(("missing: " if must else "kept: ") + s)
            pages_ok += not fails
            if args.verbose and fails:
                print(f"{name}{' (held-out)' if held else ''}: " + " | ".join(f[:90] for f in fails))
    n = sum(1 for i, _ in enumerate(names) if args.split == "all" or (args.split == "heldout") == (i % 4 == 3))
    (ih, it), (oh, ot), (ch, ct) = totals["in"], totals["out"], totals["comment"]
    print(f"split={args.split} pages={n}: article sentences found {ih}/{it} ({ih / max(it, 1):.1%}), "
          f"boilerplate left out {oh}/{ot} ({oh / max(ot, 1):.1%}), reader comments left out {ch}/{ct}, "
          f"pages with every check held {pages_ok}/{n}")


if __name__ == "__main__":
    sys.exit(main())
