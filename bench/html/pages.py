"""What the scripts that score folio on other projects' saved pages share: reading those
repositories without a work tree, their command line, the tuned/held-out split and one run of
folio's HTML reader on a page."""
import argparse
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def git(git_dir, *args):
    """Output of a git command on a bare directory or a clone's .git (bytes)."""
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True, check=True).stdout


def arguments(doc, split=True, verbose_help="one line per page"):
    """Parses GIT_DIR [--folio] [--split] [-v]; returns the namespace with git_dir resolved to the
    git directory."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("git_dir")
    ap.add_argument("--folio", default=str(ROOT / "build" / "folio"))
    if split:
        ap.add_argument("--split", choices=("tuned", "heldout", "all"), default="tuned")
    ap.add_argument("-v", "--verbose", action="store_true", help=verbose_help)
    a = ap.parse_args()
    gd = Path(a.git_dir)
    a.git_dir = gd / ".git" if (gd / ".git").exists() else gd
    return a


def picked(split, i):
    """Whether the i-th page (by sorted name) is in the split: every 4th one is held out."""
    return {"tuned": i % 4 != 3, "heldout": i % 4 == 3, "all": True}[split]


def read_page(folio, path):
    """folio's model of a saved page (its JSON dump), or {} when folio fails."""
    run = subprocess.run([folio, str(path), "-t", "json", "-o", "-", "-q", "--no-smart"], capture_output=True, timeout=120)
    return json.loads(run.stdout) if run.returncode == 0 else {}
