#!/usr/bin/env python3
"""Extract article-length chapter openings from Project Gutenberg plain-text books
kept in GITenberg repositories (fetched git directories).

usage: extract_gutenberg.py MIRROR_DIR OUT_DIR
Prints one TSV line per written file: file, repo, path, commit, blocks.
"""
import os
import re
import subprocess
import sys
import unicodedata

R = r'[IVXLC]+'
# repo, lang, book title, author, PG number, heading regex, subtitle?, count, drop regex
BOOKS = [
    ("The-Adventures-of-Sherlock-Holmes_1661", "en", "The Adventures of Sherlock Holmes", "Arthur Conan Doyle", 1661,
     r'ADVENTURE ' + R + r'\. .+', False, 2, r'^' + R + r'\.$'),
    ("The-Innocents-Abroad_3176", "en", "The Innocents Abroad", "Mark Twain", 3176,
     r'CHAPTER ' + R + r'\.', False, 3, None),
    ("Walden-and-On-The-Duty-Of-Civil-Disobedience_205", "en", "Walden", "Henry David Thoreau", 205,
     r'(Where I Lived, and What I Lived For|Reading|Sounds|Solitude|Visitors|The Bean-Field|The Village|The Ponds|Higher Laws|Brute Neighbors|House-Warming|Former Inhabitants; and Winter Visitors|Winter Animals|The Pond in Winter|Spring)',
     False, 2, None),
    ("Candide_4650", "fr", "Candide", "Voltaire", 4650, r'CHAPITRE ' + R + r'\.?', True, 2, None),
    ("Le-tour-du-monde-en-quatre-vingts-jours_800", "fr", "Le Tour du monde en quatre-vingts jours", "Jules Verne", 800,
     R, True, 3, None),
    ("Madame-Bovary_14155", "fr", "Madame Bovary", "Gustave Flaubert", 14155, R, False, 2, None),
    ("Die-Verwandlung_22367", "de", "Die Verwandlung", "Franz Kafka", 22367, R + r'\.', False, 2, None),
    ("Der-Tod-in-Venedig_12108", "de", "Der Tod in Venedig", "Thomas Mann", 12108, r'\w+ Kapitel', False, 2, None),
    ("Effi-Briest_5323", "de", "Effi Briest", "Theodor Fontane", 5323, r'\w+ Kapitel', False, 3, None),
    ("Marianela_17340", "es", "Marianela", "Benito Pérez Galdós", 17340, r'-' + R + r'-', True, 2, None),
    ("Don-Quijote_2000", "es", "Don Quijote", "Miguel de Cervantes Saavedra", 2000, r'Capítulo .+', False, 3, None),
    ("Niebla-Nivola_49836", "es", "Niebla", "Miguel de Unamuno", 49836, R, False, 2, None),
    ("Una-notte-bizzarra_29636", "it", "Una notte bizzarra", "Anton Giulio Barrili", 29636, R + r'\.', False, 5, None),
    ("Le-avventure-di-Pinocchio-Storia-di-un-burattino_52484", "it", "Le avventure di Pinocchio", "Carlo Collodi", 52484,
     R + r'\.', True, 2, None),
    ("Dom-Casmurro_55752", "pt", "Dom Casmurro", "Machado de Assis", 55752, R, True, 3, None),
    ("Memorias-Posthumas-de-Braz-Cubas_54829", "pt", "Memorias Postumas de Braz Cubas", "Machado de Assis", 54829,
     r'CAPITULO ' + R, True, 2, None),
    ("A-Cidade-e-as-Serras_18220", "pt", "A Cidade e as Serras", "José Maria Eça de Queirós", 18220, R, False, 2, None),
]


def gitdir(mirror, repo):
    d = os.path.join(mirror, "GITenberg+" + repo, "repo")
    return d + "/.git" if os.path.isdir(d + "/.git") else d


def load(gd):
    names = subprocess.run(["git", "--git-dir", gd, "ls-tree", "--name-only", "HEAD"],
                           capture_output=True, text=True, check=True).stdout.split()
    f = [n for n in names if re.fullmatch(r'\d+(-[08])?\.txt', n)][0]
    raw = subprocess.run(["git", "--git-dir", gd, "show", "HEAD:" + f], capture_output=True, check=True).stdout
    text = raw.decode("latin-1" if f.endswith("-8.txt") else "utf-8")
    commit = subprocess.run(["git", "--git-dir", gd, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    return f, text.replace("\r\n", "\n").replace("\r", "\n"), commit


def body(text):
    lines = text.split("\n")
    s = next(i for i, l in enumerate(lines) if re.match(r'\*\*\* ?START OF', l)) + 1
    e = next((i for i, l in enumerate(lines) if i > s and (re.match(r'\*\*\* ?END OF', l)
              or re.match(r'End of (the )?Project Gutenberg', l, re.I))), len(lines))
    return lines[s:e]


def paragraphs(lines):
    paras, cur = [], []
    for l in lines + [""]:
        if l.strip():
            cur.append(l)
        elif cur:
            paras.append(cur)
            cur = []
    return paras


def join(pl):
    out = ""
    for l in pl:
        l = l.strip()
        if not out:
            out = l
        elif re.search(r'[A-Za-zÀ-ÿ]-$', out) and not out.endswith("--") and re.match(r'[A-Za-zÀ-ÿ]', l):
            out += l  # compound word split after its hyphen: keep the hyphen, no space
        elif re.search(r'\w--$', out) or (re.match(r"--\S", l) and not l.startswith("---") and re.search(r'\w$', out)):
            out += l  # "--" dash attached to a word at a line break
        else:
            out += " " + l
    out = out.replace("_", "")
    out = re.sub(r'\[(\d+|[A-Z])\]', '', out)  # footnote markers
    out = re.sub(r'[ \t\u00a0]+', ' ', out).strip()
    return out


def is_verse(pl):
    ind = sum(1 for l in pl if re.match(r'\s{2,}', l))
    return len(pl) >= 2 and ind >= len(pl) / 2


def sentences(s):
    return len(re.findall(r'[.!?…»"”](\s|$)', s))


def main():
    mirror, out = sys.argv[1], sys.argv[2]
    for repo, lang, btitle, author, pg, hre, sub, count, drop in BOOKS:
        gd = gitdir(mirror, repo)
        fname, text, commit = load(gd)
        paras = paragraphs(body(text))
        if repo.startswith("Walden"):  # skip the table of contents
            paras = paras[next(i for i, p in enumerate(paras) if join(p) == "WALDEN"):]
        heads = [i for i, p in enumerate(paras) if re.fullmatch(hre, join(p))]
        chapters = []
        for n, h in enumerate(heads):
            end = heads[n + 1] if n + 1 < len(heads) else len(paras)
            title = join(paras[h]).strip("-").rstrip(".")
            start = h + 1
            if sub and start < end:
                title = title.rstrip(".") + ". " + join(paras[start])
                start += 1
            blocks = []
            for p in paras[start:end]:
                j = join(p)
                if drop and re.fullmatch(drop, j):
                    continue
                first = p[0].strip()
                if re.match(r'\[(\d+|[A-Z]|Footnote|Nota|Illustra)', first, re.I) or not j:
                    continue  # footnote or illustration: dropped
                if is_verse(p):
                    break
                blocks.append(j)
                if len(blocks) >= 13:
                    break
            prose = sum(1 for b in blocks if sentences(b) >= 2 and len(b) > 120)
            if len(blocks) >= 4 and prose >= 3 and len(title) < 200:
                chapters.append((title, blocks))
        if not chapters:
            print("NO CHAPTERS", repo, file=sys.stderr)
            continue
        # spread the picks over the book
        k = min(count, len(chapters))
        picks = [chapters[round(i * (len(chapters) - 1) / max(k - 1, 1))] for i in range(k)] if k > 1 else chapters[:1]
        seen = set()
        for title, blocks in picks:
            if title in seen:
                continue
            seen.add(title)
            head = re.sub(r'^(CHAPITRE|CHAPTER|CAPITULO|Capítulo|ADVENTURE)\s+', '', title)
            slug = re.sub(r'[^a-z0-9]+', '-', unicodedata.normalize("NFKD", btitle + " " + head[:40]).lower().encode("ascii", "ignore").decode()).strip("-")[:70].strip("-")
            fn = "%s-%s.txt" % (lang, slug)
            full_title = "%s — %s" % (btitle, title)
            with open(os.path.join(out, fn), "w", encoding="utf-8", newline="\n") as f:
                f.write(full_title + "\n\n" + "\n\n".join(blocks) + "\n")
            print("\t".join([fn, "GITenberg/" + repo, fname, commit, str(len(blocks)), btitle, author, str(pg), lang]))
        if len(seen) < count:
            print("SHORT", repo, len(seen), "of", count, "eligible", len(chapters), file=sys.stderr)


if __name__ == "__main__":
    main()
