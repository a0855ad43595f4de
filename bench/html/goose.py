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
import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u4e00-\u9fff]")


def git(git_dir, *args):
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("git_dir")
    ap.add_argument("--folio", default=str(ROOT / "build" / "folio"))
    ap.add_argument("--split", choices=("tuned", "heldout", "all"), default="tuned")
    ap.add_argument("-v", "--verbose", action="store_true", help="every page that misses a check")
    a = ap.parse_args()
    gd = Path(a.git_dir)
    gd = gd / ".git" if (gd / ".git").exists() else gd
    listing = git(gd, "ls-tree", "-r", "--name-only", "HEAD", "tests/data/content").decode().split()
    names = sorted(p[:-5] for p in listing if p.endswith(".json") and p[:-5] + ".html" in listing)
    pick = {"tuned": lambda i: i % 4 != 3, "heldout": lambda i: i % 4 == 3, "all": lambda i: True}[a.split]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(names):
            if not pick(i):
                continue
            want_text = json.loads(git(gd, "show", f"HEAD:{name}.json")).get("expected", {}).get("cleaned_text", "")
            if not want_text or UNSPACED.search(want_text):
                continue
            page = Path(tmp) / "page.html"
            page.write_bytes(git(gd, "show", f"HEAD:{name}.html"))
            run = subprocess.run([a.folio, str(page), "-t", "json", "-o", "-", "-q", "--no-smart"], capture_output=True, timeout=120)
            doc = json.loads(run.stdout) if run.returncode == 0 else {}
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
