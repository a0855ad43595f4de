#!/usr/bin/env python3
"""A PDF/UA-1 checker for the rules that can be read from the file (no veraPDF on this machine).

Reads every object with `qpdf --json=2` (content streams decoded) and checks these Matterhorn
Protocol 1.1 checkpoints (failure conditions named by their Matterhorn ids where one applies):

  01 real content tagged   01-003 no artifact inside tagged content, 01-004 no tagged content
                           inside an artifact, 01-005 every text, path and image drawn is inside
                           tagged content or an artifact, 01-007 no /Suspects true; besides:
                           BDC/EMC balanced and nested with BT/ET in each content stream, every
                           MCID reached from the structure tree and from the ParentTree, both
                           agreeing (element, page)
  02 role mapping          every structure type is standard or role-mapped to one
  06 metadata              06-001 XMP metadata stream in the catalog, 06-002 pdfuaid:part 1,
                           06-003 non-empty dc:title
  07 dictionary            07-001/07-002 /ViewerPreferences /DisplayDocTitle true; /MarkInfo
                           /Marked true (ISO 14289-1 7.1)
  09 appropriate tags      09-004 table elements as ISO 32000-1 Table 337 allows (Table holds
                           TR/THead/TBody/TFoot/Caption, TR in Table/THead/TBody/TFoot, TH/TD in
                           TR), 09-005 list elements as Table 336 allows (L holds LI/L/Caption,
                           LI in L and holding Lbl/LBody, Lbl/LBody in LI); TH has /Scope
                           (ISO 14289-1 7.5)
  15 tables                every Table has header cells (TH): the model's tables without a
                           header row (HTML tables without <th>) fail here, by design
  11 natural language      11-001..11-005 a /Lang on the catalog (or on every element holding
                           text); every /Lang a well-formed BCP 47 tag
  13 graphics              13-004 every Figure has /Alt (or /ActualText)
  14 headings              14-002 the first numbered heading is H1, 14-003 no level skipped going
                           down, 14-006/14-007 no H mixed with H1-H6 (strongly structured)
  17 mathematical exprs    17-002 every Formula has /Alt (folio writes none: usually n/a)
  19 notes                 19-003 every Note has an /ID, 19-004 unique
  28 annotations           28-008/28-009 pages with annotations have /Tabs /S; 28-011 every Link
                           annotation is the object of an OBJR inside a Link element; 28-012 it
                           has /Contents; its /StructParent leads to that element
  31 fonts                 31-009..31-011 every font program embedded; 31-003 a Type 2 CIDFont
                           has /CIDToGIDMap; 31-027 (and 7.21.7) every font has /ToUnicode

Rules that need a human (reading order, whether a tag suits its content, alt text quality,
colour contrast) are out of reach of any checker and are not claimed.

Usage: pdfua_check.py [--stats] FILE.pdf...   Prints one line per file and each failure (with
--stats, the count of what was checked); exits 1 on any failure.
"""
import base64
import json
import re
import subprocess
import sys

STANDARD_TYPES = {
    # ISO 32000-1, 14.8.4: grouping, block-level, list, table, inline-level, illustration elements
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form",
}
BCP47 = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


class Pdf:
    def __init__(self, path):
        out = subprocess.run(
            ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
             "--decode-level=generalized", path],
            capture_output=True, check=True).stdout
        q = json.loads(out)["qpdf"]
        self.objects = q[1]
        self.trailer = self.objects["trailer"]["value"]

    def get(self, v):
        """Follows a reference; returns the value (a stream's dict for a stream)."""
        while isinstance(v, str) and v.endswith(" R") and ("obj:" + v) in self.objects:
            o = self.objects["obj:" + v]
            v = o["stream"]["dict"] if "stream" in o else o.get("value")
        return v

    def stream_data(self, ref):
        o = self.objects.get("obj:" + ref, {})
        if "stream" not in o or "data" not in o["stream"]:
            return b""
        return base64.b64decode(o["stream"]["data"])


def text_of(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return None


def is_ref(v):
    return isinstance(v, str) and v.endswith(" R")


# ---------------------------------------------------------------- content streams

DELIMS = b"()<>[]{}/%"
WS = b" \t\r\n\f\x00"


def tokens(data):
    """Yields (kind, value): ('op', b'BT'), ('name', b'P'), ('dict', None), ('other', None)."""
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c in WS:
            i += 1
        elif c == 0x25:  # %
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif c == 0x28:  # ( literal string
            depth, i = 1, i + 1
            while i < n and depth:
                if data[i] == 0x5C:
                    i += 2
                    continue
                if data[i] == 0x28:
                    depth += 1
                elif data[i] == 0x29:
                    depth -= 1
                i += 1
            yield ("other", None)
        elif data.startswith(b"<<", i):
            depth, i = 1, i + 2  # a property list: skipped whole (its MCID is read separately)
            start = i
            while i < n and depth:
                if data.startswith(b"<<", i):
                    depth += 1
                    i += 2
                elif data.startswith(b">>", i):
                    depth -= 1
                    i += 2
                elif data[i] == 0x28:
                    d2, i = 1, i + 1
                    while i < n and d2:
                        if data[i] == 0x5C:
                            i += 2
                            continue
                        d2 += (data[i] == 0x28) - (data[i] == 0x29)
                        i += 1
                else:
                    i += 1
            yield ("dict", data[start:i - 2])
        elif c == 0x3C:  # < hex string
            j = data.find(b">", i)
            i = n if j < 0 else j + 1
            yield ("other", None)
        elif c in b"[]{}":
            i += 1
            yield ("other", None)
        elif c == 0x2F:  # /name
            j = i + 1
            while j < n and data[j] not in WS and data[j] not in DELIMS:
                j += 1
            yield ("name", data[i + 1:j])
            i = j
        else:
            j = i
            while j < n and data[j] not in WS and data[j] not in DELIMS:
                j += 1
            word = data[i:j]
            i = max(j, i + 1)
            if re.fullmatch(rb"[+-]?(\d+\.?\d*|\.\d+)", word):
                yield ("other", None)
            elif word == b"BI":  # inline image: skip to EI
                k = data.find(b"EI", i)
                i = n if k < 0 else k + 2
                yield ("op", b"BI")
            else:
                yield ("op", word)


PAINT_OPS = {b"Tj", b"TJ", b"'", b'"', b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*",
             b"sh", b"Do", b"BI"}


def scan_content(data, fail, where):
    """Checks marked-content nesting; returns the MCIDs found, in order."""
    stack = []  # entries: ('mc', kind) with kind 'tag' | 'artifact' | 'other'; ('bt',)
    mcids = []
    operands = []
    for kind, val in tokens(data):
        if kind != "op":
            operands.append((kind, val))
            continue
        op = val
        if op in (b"BDC", b"BMC"):
            tag = next((v for k, v in operands if k == "name"), b"")
            props = next((v for k, v in operands if k == "dict"), None)
            mcid = None
            if props is not None:
                m = re.search(rb"/MCID\s+(\d+)", props)
                mcid = int(m.group(1)) if m else None
            if tag == b"Artifact":
                mk = "artifact"
            elif mcid is not None:
                mk = "tag"
                mcids.append(mcid)
            else:
                mk = "other"
            inside = [e[1] for e in stack if e[0] == "mc"]
            if mk == "artifact" and "tag" in inside:
                fail("01-003", f"{where}: an artifact inside tagged content")
            if mk == "tag" and "artifact" in inside:
                fail("01-004", f"{where}: tagged content (MCID {mcid}) inside an artifact")
            if mk == "tag" and "tag" in inside:
                fail("01", f"{where}: MCID {mcid} nested in another MCID's content")
            stack.append(("mc", mk))
        elif op == b"EMC":
            if not stack or stack[-1][0] != "mc":
                fail("01", f"{where}: EMC without its BDC/BMC at this level (crosses BT/ET?)")
            else:
                stack.pop()
        elif op == b"BT":
            stack.append(("bt",))
        elif op == b"ET":
            if not stack or stack[-1][0] != "bt":
                fail("01", f"{where}: ET inside a marked-content sequence opened in its text object")
            else:
                stack.pop()
        elif op in PAINT_OPS:
            inside = [e[1] for e in stack if e[0] == "mc"]
            if "tag" not in inside and "artifact" not in inside:
                fail("01-005", f"{where}: '{op.decode()}' drawn neither tagged nor as an artifact")
        operands = []
    if stack:
        fail("01", f"{where}: {len(stack)} marked-content or text object(s) left open")
    return mcids


# ---------------------------------------------------------------- the checks

STATS = {}  # what was checked, over all files (printed with --stats)


def count(what, n=1):
    STATS[what] = STATS.get(what, 0) + n


def check(path):
    failures = []

    def fail(cp, msg):
        failures.append((cp, msg))

    pdf = Pdf(path)
    get = pdf.get
    root = get(pdf.trailer.get("/Root"))
    # 06 metadata
    meta_ref = root.get("/Metadata")
    if not is_ref(meta_ref):
        fail("06-001", "no XMP metadata stream in the catalog")
    else:
        md = get(meta_ref)
        if md.get("/Type") != "/Metadata" or md.get("/Subtype") != "/XML":
            fail("06-001", "metadata stream is not /Type /Metadata /Subtype /XML")
        xmp = pdf.stream_data(meta_ref).decode("utf-8", "replace")
        if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
            fail("06-002", "XMP has no pdfuaid:part 1")
        m = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
        if not m or not m.group(1).strip():
            fail("06-003", "XMP has no non-empty dc:title")
    # 07 dictionary
    vp = get(root.get("/ViewerPreferences")) or {}
    if "/DisplayDocTitle" not in vp:
        fail("07-001", "no /DisplayDocTitle in /ViewerPreferences")
    elif vp.get("/DisplayDocTitle") is not True:
        fail("07-002", "/DisplayDocTitle is not true")
    mi = get(root.get("/MarkInfo")) or {}
    if mi.get("/Marked") is not True:
        fail("07", "/MarkInfo /Marked is not true")
    if mi.get("/Suspects") is True:
        fail("01-007", "/MarkInfo /Suspects is true")
    # 11 language (catalog)
    cat_lang = text_of(root.get("/Lang"))
    if cat_lang is not None and not BCP47.match(cat_lang):
        fail("11", f"catalog /Lang '{cat_lang}' is not a language tag")

    # pages
    pages = []
    def collect(node_ref):
        node = get(node_ref)
        if node.get("/Type") == "/Pages":
            for k in node.get("/Kids", []):
                collect(k)
        else:
            pages.append(node_ref)
    collect(root["/Pages"])
    page_index = {p: i for i, p in enumerate(pages)}

    str_root = get(root.get("/StructTreeRoot"))
    if not str_root:
        fail("01", "no structure tree")
        return failures
    role_map = get(str_root.get("/RoleMap")) or {}

    # structure tree walk (iterative): elements, their MCIDs and OBJRs
    elements = []  # (ref, dict, parent type, type)
    mcid_owner = {}  # (page index, mcid) -> element ref
    objr_owner = {}  # annotation ref -> element ref
    kids = str_root.get("/K")
    stack = [(k, None, "StructTreeRoot") for k in reversed(kids if isinstance(kids, list) else [kids])]
    seen = set()
    while stack:
        ref, parent_ref, parent_type = stack.pop()
        if not is_ref(ref) or ref in seen:
            continue
        seen.add(ref)
        e = get(ref)
        if not isinstance(e, dict) or "/S" not in e:
            continue
        s = e["/S"][1:]
        std = s if s in STANDARD_TYPES else (get(role_map.get("/" + s)) or "/?")[1:]
        if std not in STANDARD_TYPES:
            fail("02", f"structure type '{s}' is neither standard nor role-mapped to one")
        elements.append((ref, e, parent_type, std, parent_ref))
        pg = e.get("/Pg")
        k = e.get("/K", [])
        children = []
        for item in (k if isinstance(k, list) else [k]):
            if isinstance(item, int):
                if pg not in page_index:
                    fail("01", f"element {ref} has an MCID but no /Pg")
                    continue
                key = (page_index[pg], item)
                if key in mcid_owner:
                    fail("01", f"MCID {item} on page {key[0] + 1} claimed twice")
                mcid_owner[key] = ref
            elif is_ref(item) and isinstance(get(item), dict) and "/S" in get(item):
                children.append(item)
            else:
                d = get(item)
                if not isinstance(d, dict):
                    continue
                if d.get("/Type") == "/MCR" or "/MCID" in d:
                    p = d.get("/Pg", pg)
                    if p not in page_index:
                        fail("01", f"marked-content reference without a page in {ref}")
                        continue
                    mcid_owner[(page_index[p], d["/MCID"])] = ref
                elif d.get("/Type") == "/OBJR":
                    objr_owner[d.get("/Obj")] = ref
        for c in reversed(children):
            stack.append((c, ref, std))

    by_ref = {ref: (e, std) for ref, e, _, std, _ in elements}
    count("files")
    count("structure elements", len(elements))
    for _, _, _, std, _ in elements:
        if std in ("Figure", "Table", "TH", "Note", "Link", "LI"):
            count(std)
    kids_types = {}
    kids_of = {}
    for ref, e, ptype, std, pref in elements:
        if pref is not None:
            kids_types.setdefault(pref, []).append(std)
            kids_of.setdefault(pref, []).append(ref)
    has_text_elements = False
    headings = []
    note_ids = []
    any_h = False
    for ref, e, ptype, std, pref in elements:
        kt = kids_types.get(ref, [])
        # 09-004 tables
        if std == "Table" and any(t not in ("TR", "THead", "TBody", "TFoot", "Caption") for t in kt):
            fail("09-004", f"Table {ref} holds {sorted(set(kt))}")
        if std in ("THead", "TBody", "TFoot"):
            if ptype != "Table":
                fail("09-004", f"{std} {ref} is not in a Table")
            if any(t != "TR" for t in kt):
                fail("09-004", f"{std} {ref} holds {sorted(set(kt))}")
        if std == "TR":
            if ptype not in ("Table", "THead", "TBody", "TFoot"):
                fail("09-004", f"TR {ref} is in {ptype}")
            if any(t not in ("TH", "TD") for t in kt):
                fail("09-004", f"TR {ref} holds {sorted(set(kt))}")
        if std in ("TH", "TD") and ptype != "TR":
            fail("09-004", f"{std} {ref} is in {ptype}")
        if std == "Table":
            cells, todo = [], list(reversed(kids_of.get(ref, [])))
            while todo:
                c = todo.pop()
                cells.append(by_ref[c][1])
                todo.extend(kids_of.get(c, []))
            if "TH" not in cells:
                fail("15", f"Table {ref} has no header cell (TH)")
        if std == "TH":
            a = get(e.get("/A"))
            attrs = a if isinstance(a, list) else [a]
            if not any(isinstance(get(x), dict) and get(x).get("/Scope") in ("/Row", "/Column", "/Both")
                       for x in attrs):
                fail("09", f"TH {ref} has no /Scope")
        # 09-005 lists
        if std == "L" and any(t not in ("LI", "L", "Caption") for t in kt):
            fail("09-005", f"L {ref} holds {sorted(set(kt))}")
        if std == "LI":
            if ptype != "L":
                fail("09-005", f"LI {ref} is in {ptype}")
            if any(t not in ("Lbl", "LBody") for t in kt):
                fail("09-005", f"LI {ref} holds {sorted(set(kt))}")
        if std in ("Lbl", "LBody") and ptype != "LI":
            fail("09-005", f"{std} {ref} is in {ptype}")
        # 11 language on elements
        lang = text_of(e.get("/Lang"))
        if lang is not None and not BCP47.match(lang):
            fail("11", f"element {ref} /Lang '{lang}' is not a language tag")
        # 13 figures, 17 formulas
        if std == "Figure" and not (text_of(e.get("/Alt")) or text_of(e.get("/ActualText"))):
            fail("13-004", f"Figure {ref} has no /Alt")
        if std == "Formula" and not text_of(e.get("/Alt")):
            fail("17-002", f"Formula {ref} has no /Alt")
        # 14 headings
        if re.fullmatch(r"H[1-6]", std):
            headings.append(int(std[1]))
        if std == "H":
            any_h = True
        # 19 notes
        if std == "Note":
            nid = text_of(e.get("/ID"))
            if not nid:
                fail("19-003", f"Note {ref} has no /ID")
            else:
                note_ids.append(nid)
    if headings:
        if headings[0] != 1:
            fail("14-002", f"the first numbered heading is H{headings[0]}, not H1")
        for a, b in zip(headings, headings[1:]):
            if b > a + 1:
                fail("14-003", f"heading level skipped: H{a} then H{b}")
        if any_h:
            fail("14-007", "both H and H1-H6 are used")
    for nid in sorted(set(note_ids)):
        if note_ids.count(nid) > 1:
            fail("19-004", f"Note /ID '{nid}' is used {note_ids.count(nid)} times")

    # parent tree
    nums = {}
    todo = [str_root.get("/ParentTree")]
    while todo:
        node = get(todo.pop())
        if not isinstance(node, dict):
            continue
        arr = node.get("/Nums", [])
        for i in range(0, len(arr) - 1, 2):
            nums[arr[i]] = arr[i + 1]
        todo.extend(node.get("/Kids", []))

    # content, per page: MCIDs against the tree; annotations; fonts
    fonts_seen = set()
    mcids_in_content = set()
    for pi, pref in enumerate(pages):
        page = get(pref)
        contents = page.get("/Contents")
        refs = contents if isinstance(contents, list) else [contents]
        data = b"\n".join(pdf.stream_data(r) for r in refs if is_ref(r))
        found = scan_content(data, fail, f"page {pi + 1}")
        count("pages")
        count("MCIDs", len(found))
        if found:
            has_text_elements = True
            sp = page.get("/StructParents")
            if sp is None:
                fail("01", f"page {pi + 1} has MCIDs but no /StructParents")
            arr = get(nums.get(sp)) if sp is not None else None
            for mcid in found:
                mcids_in_content.add((pi, mcid))
                owner = mcid_owner.get((pi, mcid))
                if owner is None:
                    fail("01", f"page {pi + 1} MCID {mcid} is not in the structure tree")
                elif not isinstance(arr, list) or mcid >= len(arr) or arr[mcid] != owner:
                    fail("01", f"page {pi + 1} MCID {mcid}: the ParentTree does not lead to its element")
        annots = get(page.get("/Annots")) or []
        if annots and page.get("/Tabs") != "/S":
            fail("28-008" if "/Tabs" not in page else "28-009", f"page {pi + 1} has annotations but no /Tabs /S")
        for aref in annots:
            a = get(aref)
            st = a.get("/Subtype")
            if st in ("/Popup",):
                continue
            if st == "/Link":
                count("link annotations")
                owner = objr_owner.get(aref)
                if owner is None or by_ref.get(owner, (None, ""))[1] != "Link":
                    fail("28-011", f"link annotation {aref} on page {pi + 1} is not in a Link element")
                if not text_of(a.get("/Contents")):
                    fail("28-012", f"link annotation {aref} on page {pi + 1} has no /Contents")
                if owner is not None and nums.get(a.get("/StructParent")) != owner:
                    fail("28", f"link annotation {aref}: /StructParent does not lead to its Link element")
            elif st != "/Widget" and aref not in objr_owner:
                fail("28-002", f"annotation {aref} ({st}) is not tagged")
        res = get(page.get("/Resources")) or {}
        for fref in (get(res.get("/Font")) or {}).values():
            fonts_seen.add(fref)
    for key, owner in mcid_owner.items():
        if key not in mcids_in_content:
            fail("01", f"the tree names MCID {key[1]} on page {key[0] + 1}, which the content lacks")
    if has_text_elements and not cat_lang:
        missing = [ref for ref, e, *_ in elements if not text_of(e.get("/Lang"))]
        if missing:
            fail("11-001", "no /Lang on the catalog and elements without one")

    # 31 fonts
    for fref in sorted(fonts_seen):
        count("font dictionaries")
        f = get(fref)
        name = f.get("/BaseFont", fref)
        if f.get("/Subtype") == "/Type3":
            continue
        descs = [f]
        if f.get("/Subtype") == "/Type0":
            descs = [get(d) for d in f.get("/DescendantFonts", [])]
            for d in descs:
                if d.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in d:
                    fail("31-003", f"{name}: Type 2 CIDFont without /CIDToGIDMap")
        for d in descs:
            fd = get(d.get("/FontDescriptor")) or {}
            if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                fail("31-009", f"{name}: font program not embedded")
        if "/ToUnicode" not in f:
            fail("31-027", f"{name}: no /ToUnicode")
    return failures


def main(argv):
    bad = 0
    stats = "--stats" in argv
    for path in [a for a in argv[1:] if a != "--stats"]:
        try:
            failures = check(path)
        except Exception as e:  # a file the checker cannot read fails
            failures = [("read", f"{type(e).__name__}: {e}")]
        if failures:
            bad += 1
            print(f"FAIL {path}: {len(failures)} failure(s)")
            for cp, msg in failures[:20]:
                print(f"  [{cp}] {msg}")
        else:
            print(f"PASS {path}")
    if stats:
        print("checked: " + ", ".join(f"{v} {k}" for k, v in STATS.items()))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
