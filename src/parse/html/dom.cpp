// Dom: gumbo's tree flattened into an index-linked vector, and the bottom-up statistics pass.
#include "parse/html/dom.hpp"

#include <utility>

namespace folio::parse::html {

namespace {

bool is_element(const GumboNode* g) { return g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE; }

std::uint32_t count_commas(std::string_view s) {
    std::uint32_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',') ++n;
        // U+060C Arabic comma, U+3001 ideographic comma, U+FF0C fullwidth comma.
        else if (s.compare(i, 2, "\xD8\x8C") == 0 || s.compare(i, 3, "\xE3\x80\x81") == 0 || s.compare(i, 3, "\xEF\xBC\x8C") == 0) ++n;
    }
    return n;
}

}  // namespace

std::uint32_t visible_length(std::string_view s) {
    std::uint32_t n = 0;
    for (const char c : s) n += !is_html_space(c) && (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

bool is_block_tag(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
        case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
        case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
        case GUMBO_TAG_HTML: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
        case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
        case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_UL: case GUMBO_TAG_LISTING:
        case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_XMP: case GUMBO_TAG_NOFRAMES:
            return true;
        default:
            return false;
    }
}

bool is_silent_tag(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_IFRAME: case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED: case GUMBO_TAG_APPLET: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_META:
        case GUMBO_TAG_LINK: case GUMBO_TAG_BASE: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION:
        case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP: case GUMBO_TAG_AREA:
        case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_PARAM:
            return true;
        default:
            return false;
    }
}

Dom::Dom(const GumboNode* root) {
    // (gumbo node, parent index, depth of the parent); children are pushed in reverse so they
    // come off the stack in document order.
    struct Item { const GumboNode* g; int parent; };
    std::vector<Item> stack{{root, -1}};
    std::vector<int> last_child;  // per node: its last child so far, for sibling links
    while (!stack.empty()) {
        const Item it = stack.back();
        stack.pop_back();
        const GumboNode* g = it.g;
        Node n;
        n.g = g;
        int parent = it.parent;
        if (parent >= 0) {
            // Deeper than the cap: hang the node on its ancestor at the cap.
            while (nodes[static_cast<std::size_t>(parent)].depth >= max_dom_depth - 1) parent = nodes[static_cast<std::size_t>(parent)].parent;
            n.depth = nodes[static_cast<std::size_t>(parent)].depth + 1;
        }
        n.parent = parent;
        if (is_element(g)) {
            n.tag = g->v.element.tag;
        } else {
            n.is_text = true;
            n.text = g->v.text.text ? std::string_view(g->v.text.text) : std::string_view();
        }
        const int index = static_cast<int>(nodes.size());
        nodes.push_back(n);
        last_child.push_back(-1);
        if (parent >= 0) {
            const auto p = static_cast<std::size_t>(parent);
            if (last_child[p] < 0) nodes[p].first_child = index;
            else nodes[static_cast<std::size_t>(last_child[p])].next_sibling = index;
            last_child[p] = index;
        }
        if (!is_element(g)) continue;
        const GumboVector& kids = g->v.element.children;
        for (unsigned k = kids.length; k-- > 0;) {
            const auto* c = static_cast<const GumboNode*>(kids.data[k]);
            // Whitespace between inline elements separates words: keep it as text.
            if (c->type == GUMBO_NODE_COMMENT) continue;
            stack.push_back({c, index});
        }
    }
}

std::string_view Dom::attr(int i, const char* name) const {
    const Node& n = (*this)[i];
    if (n.is_text) return {};
    const GumboAttribute* a = gumbo_get_attribute(&n.g->v.element.attributes, name);
    return a && a->value ? std::string_view(a->value) : std::string_view();
}

bool Dom::has_attr(int i, const char* name) const {
    const Node& n = (*this)[i];
    return !n.is_text && gumbo_get_attribute(&n.g->v.element.attributes, name) != nullptr;
}

int Dom::find(int from, GumboTag tag) const {
    // Pre-order indices of a subtree are contiguous: they end where the depth returns.
    const int d = (*this)[from].depth;
    for (int i = from + 1; i < size() && (*this)[i].depth > d; ++i)
        if (!(*this)[i].is_text && (*this)[i].tag == tag) return i;
    return -1;
}

model::SourcePos Dom::pos(int i) const {
    const Node& n = (*this)[i];
    const GumboSourcePosition& p = n.is_text ? n.g->v.text.start_pos : n.g->v.element.start_pos;
    return {p.line, p.column};
}

std::string Dom::text_of(int i, bool include_dropped, std::size_t max_bytes) const {
    std::string out;
    bool space = false;
    const int d = (*this)[i].depth;
    for (int k = i; k < size() && (k == i || (*this)[k].depth > d); ++k) {
        const Node& n = (*this)[k];
        if ((!include_dropped && n.dropped) || n.silent) {
            // Skip the dropped subtree.
            const int dd = n.depth;
            while (k + 1 < size() && (*this)[k + 1].depth > dd) ++k;
            continue;
        }
        if (!n.is_text) {
            if (is_block_tag(n.tag) || n.tag == GUMBO_TAG_BR) space = true;
            continue;
        }
        for (const char c : n.text) {
            if (is_html_space(c)) { space = true; continue; }
            if (space && !out.empty()) out += ' ';
            space = false;
            out += c;
            if (out.size() >= max_bytes) break;  // a cap holds inside one long text node too
        }
        if (out.size() >= max_bytes) break;
    }
    return out;
}

std::string Dom::class_and_id(int i) const {
    std::string s(attr(i, "class"));
    s += ' ';
    s += attr(i, "id");
    for (auto& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return s;
}

bool Dom::inside(int i, int ancestor) const {
    for (; i >= 0; i = (*this)[i].parent)
        if (i == ancestor) return true;
    return false;
}

void compute_stats(Dom& dom) {
    // Children come after their parent, so a reverse sweep sees every child before its parent.
    for (int i = dom.size() - 1; i >= 0; --i) {
        Node& n = dom[i];
        if (n.dropped) continue;
        if (n.is_text) {
            n.text_len = n.inline_len = visible_length(n.text);
            n.commas = count_commas(n.text);
        } else {
            switch (n.tag) {
                case GUMBO_TAG_P: ++n.paragraphs; break;
                case GUMBO_TAG_IMG: ++n.images; break;
                case GUMBO_TAG_LI: ++n.items; break;
                case GUMBO_TAG_INPUT: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON: ++n.inputs; break;
                case GUMBO_TAG_EMBED: case GUMBO_TAG_OBJECT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_VIDEO: ++n.embeds; break;
                case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: ++n.headings; break;
                default: break;
            }
            // An in-page link ("#cite-note-3", a table of contents) counts for 0.3 of its text, as
            // in Readability: it points into the article rather than away from it.
            if (n.tag == GUMBO_TAG_A) {
                const std::string_view href = dom.attr(i, "href");
                n.link_len = href.size() > 1 && href[0] == '#' ? n.text_len * 3 / 10 : n.text_len;
            }
        }
        if (n.parent < 0) continue;
        Node& p = dom[n.parent];
        p.text_len += n.text_len;
        p.link_len += n.link_len;
        p.commas += n.commas;
        p.paragraphs += n.paragraphs;
        p.images += n.images;
        p.items += n.items;
        p.inputs += n.inputs;
        p.embeds += n.embeds;
        p.headings += n.headings;
        if (n.is_text || !is_block_tag(n.tag)) p.inline_len += n.text_len;
    }
}

}  // namespace folio::parse::html
