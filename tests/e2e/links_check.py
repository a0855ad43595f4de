#!/usr/bin/env python3
"""Internal links in folio's outputs, checked by file kind (used by links.sh).

  EPUB (.epub): every href in every XHTML file of the package (the OPF's manifest, nav.xhtml
    included) and every src in the NCX: '#id' names an id of that file; 'other.xhtml#id' names a
    file of the package (listed in the manifest and present in the zip) that holds that id; a bare
    'other.xhtml' exists. Hrefs with a scheme (https:, mailto:, ...) are external and not checked.
  HTML (.html): every href="#id" names an id of that file.
  PDF (.pdf, read with `qpdf --json=2`): every /Link annotation of every page whose /Dest or
    /A << /S /GoTo /D ... >> is internal goes to a page object of the same document (named
    destinations resolved through the catalog's /Dests or /Names /Dests); so does every outline
    entry. /URI links are counted as external and not checked.
A target id defined more than once is reported too (the link is ambiguous).

Usage: links_check.py FILE...   Prints one FAIL line per broken link and a summary line; exits 1
if a link is broken, a file cannot be read, or no internal link at all was checked.
Python 3 standard library only.
"""
import collections
import concurrent.futures
import html.parser
import json
import posixpath
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
REF = re.compile(r"^\d+ \d+ R$")


class Ids(html.parser.HTMLParser):
    """Collects id attributes and (tag, attribute, value) of every href/xlink:href/src."""

    def __init__(self, link_attrs=("href", "xlink:href")):
        super().__init__(convert_charrefs=True)
        self.ids = collections.Counter()
        self.hrefs = []
        self.link_attrs = link_attrs

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids[value] += 1
            elif name in self.link_attrs and value is not None:
                self.hrefs.append((tag, value))

    handle_startendtag = handle_starttag


def parse_markup(text, link_attrs=("href", "xlink:href")):
    p = Ids(link_attrs)
    p.feed(text)
    p.close()
    return p


class Checker:
    def __init__(self):
        self.counts = collections.Counter()
        self.failures = []

    def fail(self, where, href, why):
        self.failures.append(f"FAIL {where}: {href!r}: {why}")

    # ---------------------------------------------------------------- EPUB
    def epub(self, path):
        self.counts["epub files"] += 1
        try:
            z = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as e:
            self.fail(path, "", f"not a zip: {e}")
            return
        names = set(z.namelist())
        try:
            container = ET.fromstring(z.read("META-INF/container.xml"))
            opf_path = container.find(".//{*}rootfile").get("full-path")
            opf = ET.fromstring(z.read(opf_path))
        except (KeyError, ET.ParseError, AttributeError) as e:
            self.fail(path, "", f"cannot read container/OPF: {e}")
            return
        opf_dir = posixpath.dirname(opf_path)
        manifest = {}  # zip path -> media type
        for item in opf.findall(".//{*}item"):
            href = urllib.parse.unquote(item.get("href", ""))
            manifest[posixpath.normpath(posixpath.join(opf_dir, href))] = item.get("media-type", "")
        for member, media in manifest.items():
            if member not in names:
                self.fail(f"{path}:{opf_path}", member, "manifest item missing from the zip")
        parsed = {}

        def doc(member):
            if member not in parsed:
                parsed[member] = parse_markup(z.read(member).decode("utf-8", "replace"))
            return parsed[member]

        xhtml = sorted(m for m, t in manifest.items() if t == "application/xhtml+xml" and m in names)
        if not xhtml:
            self.fail(path, "", "no XHTML file in the manifest")
        for member in xhtml:
            self.counts["epub xhtml"] += 1
            for tag, href in doc(member).hrefs:
                self.epub_href(path, z, names, manifest, doc, member, href)
        for member in sorted(m for m, t in manifest.items() if t == "application/x-dtbncx+xml" and m in names):
            try:
                ncx = ET.fromstring(z.read(member))
            except ET.ParseError as e:
                self.fail(f"{path}:{member}", "", f"NCX does not parse: {e}")
                continue
            for content in ncx.findall(".//{*}content"):
                self.epub_href(path, z, names, manifest, doc, member, content.get("src", ""), ncx=True)

    def epub_href(self, path, z, names, manifest, doc, member, href, ncx=False):
        where = f"{path}:{member}"
        if SCHEME.match(href):
            self.counts["external"] += 1
            return
        target, _, frag = href.partition("#")
        if target:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(member), urllib.parse.unquote(target)))
            if target not in manifest:
                self.fail(where, href, f"{target} is not a file of the package")
                return
            if target not in names:
                self.fail(where, href, f"{target} is missing from the zip")
                return
        else:
            target = member
        kind = "epub ncx" if ncx else ("epub same-file" if target == member else "epub cross-file")
        if "#" not in href:
            self.counts[kind if ncx else "epub file"] += 1
            return
        self.counts[kind] += 1
        frag = urllib.parse.unquote(frag)
        if manifest[target] != "application/xhtml+xml":
            self.fail(where, href, f"fragment into {target}, which is not XHTML")
            return
        n = doc(target).ids[frag]
        if n == 0:
            self.fail(where, href, f"no id {frag!r} in {target}")
        elif n > 1:
            self.fail(where, href, f"id {frag!r} is defined {n} times in {target}")

    # ---------------------------------------------------------------- HTML
    def html(self, path):
        self.counts["html files"] += 1
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                p = parse_markup(f.read(), ("href",))
        except OSError as e:
            self.fail(path, "", str(e))
            return
        for tag, href in p.hrefs:
            if not href.startswith("#"):
                self.counts["external" if SCHEME.match(href) else "html other"] += 1
                continue
            self.counts["html"] += 1
            frag = urllib.parse.unquote(href[1:])
            n = p.ids[frag]
            if n == 0:
                self.fail(path, href, f"no id {frag!r} in the file")
            elif n > 1:
                self.fail(path, href, f"id {frag!r} is defined {n} times")

    # ---------------------------------------------------------------- PDF
    @staticmethod
    def qpdf_json(path):
        r = subprocess.run(["qpdf", "--json=2", "--json-key=pages", "--json-key=qpdf", path],
                           capture_output=True, text=True)
        # qpdf exits 3 on warnings; the JSON is still complete.
        if r.returncode not in (0, 3) or not r.stdout:
            return None, r.stderr.strip()[:300]
        try:
            return json.loads(r.stdout), None
        except json.JSONDecodeError as e:
            return None, f"qpdf JSON does not parse: {e}"

    def pdf(self, path, data, err):
        self.counts["pdf files"] += 1
        if data is None:
            self.fail(path, "", f"qpdf: {err}")
            return
        objs = data["qpdf"][1]

        def get(v):  # follows indirect references; a stream gives its dictionary
            seen = 0
            while isinstance(v, str) and REF.match(v) and seen < 50:
                o = objs.get("obj:" + v)
                if o is None:
                    return None
                v = o["value"] if "value" in o else o.get("stream", {}).get("dict")
                seen += 1
            return v

        pages = {p["object"] for p in data["pages"]}
        catalog = get(objs.get("trailer", {}).get("value", {}).get("/Root"))
        if not isinstance(catalog, dict):
            catalog = next((get(k[4:]) for k, o in objs.items()
                            if isinstance(o.get("value"), dict) and o["value"].get("/Type") == "/Catalog"), {})

        def name_tree_lookup(node, key, depth=0):
            node = get(node)
            if not isinstance(node, dict) or depth > 32:
                return None
            names = get(node.get("/Names"))
            if isinstance(names, list):
                for i in range(0, len(names) - 1, 2):
                    if names[i] == key:
                        return names[i + 1]
            for kid in get(node.get("/Kids")) or []:
                found = name_tree_lookup(kid, key, depth + 1)
                if found is not None:
                    return found
            return None

        def check_dest(where, dest, label):
            self.counts[label] += 1
            shown = json.dumps(dest)
            d = get(dest)
            if isinstance(d, str) and d.startswith("/"):  # a name: the catalog's /Dests dictionary
                d = get((get(catalog.get("/Dests")) or {}).get(d))
                if d is None:
                    self.fail(where, shown, "named destination not in the catalog's /Dests")
                    return
            elif isinstance(d, str):  # a string: the /Names /Dests name tree
                d = get(name_tree_lookup((get(catalog.get("/Names")) or {}).get("/Dests"), d))
                if d is None:
                    self.fail(where, shown, "named destination not in /Names /Dests")
                    return
            if isinstance(d, dict):
                d = get(d.get("/D"))
            if not isinstance(d, list) or not d:
                self.fail(where, shown, f"destination is not an array: {json.dumps(d)}")
                return
            if d[0] not in pages:
                self.fail(where, shown, f"destination {json.dumps(d)} does not start with a page of this document")

        def check_action(where, action, label):
            a = get(action)
            s = a.get("/S") if isinstance(a, dict) else None
            if s == "/GoTo":
                check_dest(where, a.get("/D"), label)
            elif s == "/URI":
                self.counts["external"] += 1
            else:
                self.counts["pdf other action"] += 1

        for pageno, p in enumerate(data["pages"], 1):
            page = get(p["object"])
            for ref in get(page.get("/Annots")) or []:
                annot = get(ref)
                if not isinstance(annot, dict) or annot.get("/Subtype") != "/Link":
                    continue
                where = f"{path}: page {pageno} link {ref if isinstance(ref, str) else ''}".rstrip()
                if "/Dest" in annot:
                    check_dest(where, annot["/Dest"], "pdf link")
                elif "/A" in annot:
                    check_action(where, annot["/A"], "pdf link")
                else:
                    self.fail(where, "", "link annotation with neither /Dest nor /A")

        # The outline (bookmarks): walk /First and /Next from the catalog's /Outlines.
        seen = set()
        refs = [(get(catalog.get("/Outlines")) or {}).get("/First")]
        while refs:
            ref = refs.pop()
            if not isinstance(ref, str) or ref in seen:
                continue
            seen.add(ref)
            item = get(ref)
            if not isinstance(item, dict):
                continue
            where = f"{path}: outline {ref}"
            if "/Dest" in item:
                check_dest(where, item["/Dest"], "pdf outline")
            elif "/A" in item:
                check_action(where, item["/A"], "pdf outline")
            refs += [item.get("/Next"), item.get("/First")]


def main(argv):
    files = argv[1:]
    if not files:
        print(__doc__)
        return 2
    c = Checker()
    pdfs = [f for f in files if f.endswith(".pdf")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(Checker.qpdf_json, pdfs)
        for f, (data, err) in zip(pdfs, results):
            c.pdf(f, data, err)
    for f in files:
        if f.endswith(".epub"):
            c.epub(f)
        elif f.endswith(".html") or f.endswith(".htm"):
            c.html(f)
        elif not f.endswith(".pdf"):
            c.fail(f, "", "unknown file kind")
    for line in c.failures:
        print(line)
    n = c.counts
    internal = (n["epub same-file"] + n["epub cross-file"] + n["epub ncx"] + n["html"] + n["pdf link"]
                + n["pdf outline"])
    print(f"links: {n['epub files']} epub ({n['epub xhtml']} xhtml), {n['html files']} html, "
          f"{n['pdf files']} pdf; internal links checked: epub {n['epub same-file']} same-file + "
          f"{n['epub cross-file']} cross-file #id + {n['epub file']} file-only + {n['epub ncx']} ncx, "
          f"html {n['html']} #id, pdf {n['pdf link']} links + {n['pdf outline']} outline entries; "
          f"{n['external']} external skipped; {len(c.failures)} broken")
    if internal == 0:
        print("FAIL: no internal link was checked")
        return 1
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
