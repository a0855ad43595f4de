#!/usr/bin/env python3
"""Scores folio's HTML reader on the saved news pages of newspaper4k's tests: each page
(tests/data/html/NAME.html) comes with the article text the library extracts from it
(tests/data/txt/NAME.txt), news from CNN, Time, Wired, Fox 13, cleveland.com, Yonhap and
Spanish, Latvian and Arabic sites. The measure is score.py's: word 3-gram precision, recall and
F1 of folio's body against that text, averaged over the pages. Pages in scripts written without
spaces between words (Chinese, Japanese, Thai, Burmese) are left out: words cannot be told
apart there. The set was first kept out of all tuning; the lines folio kept beyond the
expected text were then looked at (a slide show's controls, copyright lines, picture credits)
and those kinds of boilerplate are now left out, so it is a development set like the others.

The pages stay in the library's repository (MIT); give the path of a clone or a bare git
directory:

  bench/html/newspaper.py GIT_DIR [--folio build/folio] [-v]"""
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score  # noqa: E402
from pages import git, arguments, read_page  # noqa: E402

UNSPACED = ("chinese", "japanese", "thai", "burmese")



def main():
    a = arguments(__doc__, split=False, verbose_help="one line per page")
    gd = a.git_dir
    files = set(git(gd, "ls-tree", "-r", "--name-only", "HEAD", "tests/data").decode().splitlines())
    names = sorted(Path(p).stem for p in files if p.startswith("tests/data/html/") and p.endswith(".html")
                   and f"tests/data/txt/{Path(p).stem}.txt" in files and not any(u in p for u in UNSPACED))
    ps, rs, fs = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            page = Path(tmp) / f"{name}.html"
            page.write_bytes(git(gd, "show", f"HEAD:tests/data/html/{name}.html"))
            want = score.words(git(gd, "show", f"HEAD:tests/data/txt/{name}.txt").decode("utf-8", "replace"))
            doc = read_page(a.folio, page)
            out = []
            score.json_text(doc.get("blocks", []), out)
            got = score.words(" ".join(out))
            p, r, f1 = score.prf(got, want)
            ps.append(p); rs.append(r); fs.append(f1)
            if a.verbose:
                print(f"{name:28s} P={p:.2f} R={r:.2f} F1={f1:.2f}  words {len(got)}/{len(want)}")
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0
    print(f"pages={len(names)} P={mean(ps):.3f} R={mean(rs):.3f} F1={mean(fs):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
