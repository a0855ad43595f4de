#!/usr/bin/env python3
"""Checks folio's HTML reader on the saved pages of goose3's content tests
(tests/data/content/test_NAME.html): each comes with the beginning of its article text
(test_NAME.json, expected.cleaned_text). Two figures: the share of that beginning's word
3-grams found in folio's body (recall), and how many pages have folio's body start with it (its
first three words, at the very start or within 30 words: a dateline or a caption may come
first). Pages in scripts written without spaces between words are left out. Split as the other
scripts: by sorted name, every 4th page is held out.

The pages stay in goose3's repository (Apache-2.0); give the path of a clone or of a bare git
directory:

  bench/html/goose.py GIT_DIR [--folio build/folio] [--split tuned|heldout|all] [-v]"""
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score  # noqa: E402
from pages import git, arguments, picked, read_page  # noqa: E402

UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u4e00-\u9fff]")



def main():
    a = arguments(__doc__, split=True, verbose_help="every page that misses a check")
    gd = a.git_dir
    listing = git(gd, "ls-tree", "-r", "--name-only", "HEAD", "tests/data/content").decode().split()
    names = sorted(p[:-5] for p in listing if p.endswith(".json") and p[:-5] + ".html" in listing)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(names):
            if not picked(a.split, i):
                continue
            want_text = json.loads(git(gd, "show", f"HEAD:{name}.json")).get("expected", {}).get("cleaned_text", "")
            if not want_text or UNSPACED.search(want_text):
                continue
            page = Path(tmp) / "page.html"
            page.write_bytes(git(gd, "show", f"HEAD:{name}.html"))
            doc = read_page(a.folio, page)
            out = []
            score.json_text(doc.get("blocks", []), out)
            got, want = score.words(" ".join(out)), score.words(want_text)
            g, w = score.shingles(got), score.shingles(want)
            recall = sum((g & w).values()) / max(1, sum(w.values()))
            start = next((k for k in range(len(got) - 2) if got[k:k + 3] == want[:3]), -1)
            rows.append((Path(name).name, recall, start))
            if a.verbose and (recall < 0.9 or start != 0):
                print(f"{Path(name).name:40s} recall={recall:.2f} starts after {start} words" if start >= 0 else
                      f"{Path(name).name:40s} recall={recall:.2f} beginning not found")
    n = len(rows)
    print(f"split={a.split} pages={n}: recall of the beginning {sum(r[1] for r in rows) / max(1, n):.3f}; body starts with it "
          f"{sum(r[2] == 0 for r in rows)}/{n}, within 30 words {sum(0 <= r[2] <= 30 for r in rows)}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
