"""A small HTML tree and CSS selector matcher for the bench scripts (the Python standard
library has neither): html.parser builds the tree, with void elements and the implied ends of
<p>, <li>, <dt>, <dd>, <tr>, <td> and <option>; selectors may use tags, #id, .class, [attr],
[attr=v], [attr*=v], [attr^=v], [attr$=v], [attr~=v], descendant and child combinators, the
adjacent-sibling combinator and comma lists. Anything else (pseudo-classes) raises
Unsupported, so that a caller can leave that selector out rather than guess."""
import html.parser
import re

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# A start tag of the key closes an open element of these tags (the parser's implied ends).
IMPLIED = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
           "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}}
BLOCK_CLOSES_P = {"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form",
                  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul"}
BLOCKS = BLOCK_CLOSES_P | {"p", "li", "dt", "dd", "tr", "td", "th", "br", "figcaption", "caption", "body", "html"}
SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "textarea", "head", "title"}


class Unsupported(Exception):
    pass


class Node:
    __slots__ = ("tag", "attrs", "children", "parent", "text")

    def __init__(self, tag, attrs=None, parent=None, text=None):
        self.tag, self.attrs, self.children, self.parent, self.text = tag, attrs or {}, [], parent, text


class _Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def _close(self, tags):
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag in tags:
                del self.stack[k:]
                return

    def handle_starttag(self, tag, attrs):
        if tag in IMPLIED and self.stack[-1].tag in IMPLIED[tag]:
            self.stack.pop()
        elif tag in BLOCK_CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if any(n.tag == tag for n in self.stack[1:]):
            self._close({tag})

    def handle_data(self, data):
        self.stack[-1].children.append(Node("#text", parent=self.stack[-1], text=data))


def parse(text):
    b = _Builder()
    b.feed(text)
    b.close()
    return b.root


def elements(node):
    """Every element below node, in document order."""
    out, todo = [], list(reversed(node.children))
    while todo:
        n = todo.pop()
        if n.tag == "#text":
            continue
        out.append(n)
        todo.extend(reversed(n.children))
    return out


def text(node, removed=frozenset()):
    """The text of node: block elements apart, scripts, styles and removed nodes left out."""
    parts, todo = [], [node]
    while todo:
        n = todo.pop()
        if isinstance(n, str):
            parts.append(n)
        elif n.tag == "#text":
            parts.append(n.text)
        elif n.tag not in SKIP and id(n) not in removed:
            sep = " " if n.tag in BLOCKS else ""
            todo.append(sep)
            todo.extend(reversed(n.children))
            todo.append(sep)
    return "".join(parts)


_COMPOUND = re.compile(r"""([a-zA-Z][\w-]*|\*)?((?:[#.][\w-]+|\[[^\]]+\])*)""")
_ATTR = re.compile(r"""\[\s*([\w:-]+)\s*(?:([*^$~|]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*)))?\s*(i)?\s*\]""")


def _compound(s):
    m = _COMPOUND.fullmatch(s)
    if not m or not s:
        raise Unsupported(s)
    tag, rest, tests = m.group(1), m.group(2), []
    if tag and tag != "*":
        tests.append(lambda n, t=tag.lower(): n.tag == t)
    for part in re.findall(r"#[\w-]+|\.[\w-]+|\[[^\]]+\]", rest):
        if part[0] == "#":
            tests.append(lambda n, v=part[1:]: n.attrs.get("id") == v)
        elif part[0] == ".":
            tests.append(lambda n, v=part[1:]: v in n.attrs.get("class", "").split())
        else:
            a = _ATTR.fullmatch(part)
            if not a:
                raise Unsupported(part)
            name, op, val, icase = a.group(1).lower(), a.group(2), next((g for g in a.group(3, 4, 5) if g is not None), None), a.group(6)

            def test(n, name=name, op=op, val=val, icase=icase):
                if name not in n.attrs:
                    return False
                if op is None:
                    return True
                have, want = n.attrs[name], val
                if icase:
                    have, want = have.lower(), want.lower()
                return {"=": have == want, "*=": want in have, "^=": have.startswith(want), "$=": have.endswith(want),
                        "~=": want in have.split(), "|=": have == want or have.startswith(want + "-")}[op]
            tests.append(test)
    return lambda n: all(t(n) for t in tests)


def _complex(sel):
    """A selector without commas: a list of (combinator, test) from left to right."""
    tokens = re.findall(r"""\s*([>+~])\s*|\s+|((?:[^\s>+~\[]|\[[^\]]*\])+)""", sel.strip())
    steps, comb = [], " "
    for c, comp in tokens:
        if c:
            comb = c
        elif comp:
            if ":" in re.sub(r"\[[^\]]*\]", "", comp):
                raise Unsupported(comp)
            steps.append((comb, _compound(comp)))
            comb = " "
    if not steps:
        raise Unsupported(sel)
    return steps


def _matches(n, steps):
    comb, test = steps[-1]
    if not test(n):
        return False
    if len(steps) == 1:
        return True
    rest = steps[:-1]
    if comb == ">":
        return n.parent is not None and n.parent.tag != "#root" and _matches(n.parent, rest)
    if comb == " ":
        p = n.parent
        while p is not None and p.tag != "#root":
            if _matches(p, rest):
                return True
            p = p.parent
        return False
    if comb in "+~":
        sibs = [c for c in n.parent.children if c.tag != "#text"]
        before = sibs[:sibs.index(n)]
        if comb == "+":
            return bool(before) and _matches(before[-1], rest)
        return any(_matches(s, rest) for s in before)
    raise Unsupported(comb)


def select(root, selector):
    """Elements below root matching the selector (comma lists allowed), in document order."""
    alternatives = [_complex(s) for s in selector.split(",")]
    return [n for n in elements(root) if any(_matches(n, st) for st in alternatives)]
