// DOM → model: block elements become blocks; runs of inline content between them become
// paragraphs. Recursion follows the DOM, whose depth Dom caps at max_dom_depth; model nesting
// (quotes, lists) is capped lower, deeper levels are flattened into their parent.
#include "parse/html/build.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <unordered_set>

#include "base/utf8.hpp"
#include "model/text.hpp"
#include "parse/article/words.hpp"
#include "parse/url_text.hpp"

namespace folio::parse::html {
namespace {

using base::utf8::ascii_lower;

namespace fs = std::filesystem;
using model::Inline;
using model::Inlines;
using model::Block;
using model::Blocks;

/// Quotes and lists nested deeper than this are flattened: readers cannot follow more, and
/// the layout's indents would run off the page.
constexpr int max_block_nesting = 12;
/// colspan and rowspan are read up to this: spans become empty cells in the model, and the cap
/// bounds how many a hostile attribute creates (HTML itself clamps colspan only at 1000).
constexpr std::size_t max_cell_span = 64;
/// Image warnings reported one by one; the rest are summed up.
constexpr std::size_t max_image_warnings = 10;

bool has_scheme(std::string_view url) {
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon < 2 || colon > 12) return false;
    return std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
}

bool is_inside(const fs::path& p, const fs::path& dir) {
    std::error_code ec;
    const fs::path d = fs::weakly_canonical(dir, ec);
    if (ec) return false;
    auto [a, b] = std::mismatch(d.begin(), d.end(), p.begin(), p.end());
    return a == d.end();
}

bool is_image_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    char h[512] = {};
    in.read(h, sizeof h);
    const std::string_view v(h, static_cast<std::size_t>(in.gcount()));
    using namespace std::string_view_literals;
    return v.substr(0, 8) == "\x89PNG\r\n\x1a\n"sv || v.substr(0, 3) == "\xFF\xD8\xFF"sv || v.substr(0, 6) == "GIF87a"sv ||
           v.substr(0, 6) == "GIF89a"sv || v.find("<svg") != std::string_view::npos;
}

class Builder {
public:
    Builder(const Dom& dom, const BuildOptions& opts, base::Diagnostics& diag) : dom_(dom), opts_(opts), diag_(diag) {}

    Blocks run(const std::vector<int>& roots) {
        Blocks out;
        for (int r : roots) {
            if (dom_[r].dropped) continue;
            if (dom_[r].is_text) {
                Inlines pending;
                inline_node(r, pending);
                flush(pending, out, dom_.pos(r));
            } else {
                block_node(r, out, 0);
            }
        }
        if (image_warnings_ > max_image_warnings)
            diag_.warn(0, 0, std::to_string(image_warnings_ - max_image_warnings) + " more images kept as their alt text");
        return out;
    }

private:
    const Node& n(int i) const { return dom_[i]; }

    // ------------------------------------------------ blocks

    /// The children of i as blocks: runs of inline children become paragraphs.
    void children_blocks(int i, Blocks& out, int nesting) {
        Inlines pending;
        model::SourcePos start = dom_.pos(i);
        for (int c = n(i).first_child; c >= 0; c = n(c).next_sibling) {
            if (n(c).dropped) continue;
            if (!n(c).is_text && (is_block_tag(n(c).tag) || is_block_image(c))) {
                flush(pending, out, start);
                block_node(c, out, nesting);
                start = dom_.pos(c);
            } else {
                if (pending.empty()) start = dom_.pos(c);
                inline_node(c, pending);
            }
        }
        flush(pending, out, start);
    }

    /// An <img> standing alone between blocks is a figure.
    bool is_block_image(int c) const {
        if (n(c).tag != GUMBO_TAG_IMG) return false;
        const int p = n(c).parent;
        for (int s = n(p).first_child; s >= 0; s = n(s).next_sibling) {
            if (s == c || n(s).dropped) continue;
            if (n(s).is_text ? n(s).text_len > 0 : !is_block_tag(n(s).tag)) return false;
        }
        return true;
    }

    /// The `lang` of element `i` when it names another language than the text around it.
    std::string other_language(int i) const {
        if (n(i).is_text) return {};
        const std::string_view l = dom_.attr(i, "lang");
        if (!model::plausible_language_tag(l) || model::same_language(l, lang_)) return {};
        return std::string(l);
    }

    void block_node(int i, Blocks& out, int nesting) {
        const std::string l = other_language(i);
        if (l.empty()) {
            block_element(i, out, nesting);
            return;
        }
        // Every block the element gives is in that language (a <div lang> of paragraphs).
        const std::size_t first = out.size();
        const std::string around = std::exchange(lang_, l);
        block_element(i, out, nesting);
        lang_ = around;
        for (std::size_t k = first; k < out.size(); ++k)
            if (out[k].lang.empty()) out[k].lang = l;
    }

    void block_element(int i, Blocks& out, int nesting) {
        const model::SourcePos pos = dom_.pos(i);
        switch (n(i).tag) {
            case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: {
                Inlines xs = inlines_of(i);
                if (!xs.empty()) {
                    model::Heading h;
                    h.level = 1 + static_cast<int>(n(i).tag - GUMBO_TAG_H1);
                    h.content = std::move(xs);
                    out.push_back(Block{std::move(h), pos});
                }
                return;
            }
            case GUMBO_TAG_P: case GUMBO_TAG_DT: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_ADDRESS: {
                // A paragraph that holds blocks (invalid but common) is a container.
                const std::size_t first = out.size();
                children_blocks(i, out, nesting);
                if (is_loose_caption(i) || captions_.contains(i)) set_as_caption(out, first);
                if (n(i).tag == GUMBO_TAG_DT && !out.empty())
                    if (auto* p = std::get_if<model::Paragraph>(&out.back().node))
                        p->content = Inlines{Inline{model::Strong{std::move(p->content)}, pos}};
                return;
            }
            case GUMBO_TAG_HR: out.push_back(Block{model::ThematicBreak{}, pos}); return;
            case GUMBO_TAG_PRE: {
                std::string text = raw_text(i);
                while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
                if (!text.empty() && text.front() == '\n') text.erase(0, 1);
                if (text.empty()) return;
                out.push_back(Block{model::CodeBlock{code_language(i), std::move(text)}, pos});
                return;
            }
            case GUMBO_TAG_BLOCKQUOTE: {
                if (nesting >= max_block_nesting) { children_blocks(i, out, nesting); return; }
                model::BlockQuote q;
                children_blocks(i, q.blocks, nesting + 1);
                if (!q.blocks.empty()) out.push_back(Block{std::move(q), pos});
                return;
            }
            case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR: {
                if (nesting >= max_block_nesting) { children_blocks(i, out, nesting); return; }
                std::vector<model::ListItem> items;
                for (int c = n(i).first_child; c >= 0; c = n(c).next_sibling) {
                    if (n(c).dropped) continue;
                    model::ListItem item;
                    if (!n(c).is_text && n(c).tag == GUMBO_TAG_LI) children_blocks(c, item.blocks, nesting + 1);
                    else if (!n(c).is_text) block_node(c, item.blocks, nesting + 1);
                    else if (n(c).text_len > 0) { Inlines xs; inline_node(c, xs); flush(xs, item.blocks, pos); }
                    if (!item.blocks.empty()) items.push_back(std::move(item));
                }
                if (items.empty()) return;
                if (n(i).tag == GUMBO_TAG_OL) {
                    model::OrderedList l;
                    const std::string start(dom_.attr(i, "start"));
                    if (!start.empty() && start.size() < 9 && std::all_of(start.begin(), start.end(), ::isdigit)) l.start = std::stoi(start);
                    l.items = std::move(items);
                    out.push_back(Block{std::move(l), pos});
                } else {
                    out.push_back(Block{model::BulletList{std::move(items), true}, pos});
                }
                return;
            }
            case GUMBO_TAG_TABLE: table(i, out, nesting); return;
            case GUMBO_TAG_FIGURE: figure(i, out, nesting); return;
            case GUMBO_TAG_IMG: {
                const model::Image img = image(i);
                if (!img.src.empty()) {
                    out.push_back(Block{model::Figure{img, {}}, pos});
                    if (!img.alt.empty()) caption_repeats(i, img.alt);
                } else if (!img.alt.empty() && !caption_repeats(i, img.alt) && !names_the_page(img.alt))
                    out.push_back(description(img.alt, pos));
                return;
            }
            default: {
                const std::size_t first = out.size();
                children_blocks(i, out, nesting);
                if (is_loose_caption(i) || captions_.contains(i)) set_as_caption(out, first);
                return;
            }
        }
    }

    /// A picture's caption set as a block of its own ("<img><p class=caption>", "<div
    /// class=wp-caption-text>"), outside a <figure> that would say so.
    bool is_loose_caption(int i) const {
        constexpr std::size_t max_caption_chars = 1000;
        if (n(i).text_len == 0 || n(i).text_len > max_caption_chars) return false;
        if (ascii_lower(dom_.attr(i, "class")).find("caption") == std::string::npos &&
            ascii_lower(dom_.attr(i, "id")).find("caption") == std::string::npos)
            return false;
        for (int p = n(i).parent; p >= 0; p = n(p).parent)
            if (!n(p).is_text && (n(p).tag == GUMBO_TAG_FIGURE || n(p).tag == GUMBO_TAG_FIGCAPTION)) return false;
        return true;
    }

    /// The paragraphs from out[first] on, set in italics as a caption is, so that a caption
    /// does not read as the article's own text (most of all when its picture is not shown).
    /// A box that gives more than one paragraph is no caption, whatever its name.
    static void set_as_caption(Blocks& out, std::size_t first) {
        const auto paragraphs = std::count_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                                              [](const Block& b) { return std::holds_alternative<model::Paragraph>(b.node); });
        if (paragraphs > 1) return;
        for (std::size_t k = first; k < out.size(); ++k)
            if (auto* p = std::get_if<model::Paragraph>(&out[k].node)) html::set_as_caption(*p, out[k].pos);
    }

    std::string code_language(int i) const {
        for (int k : {i, dom_.find(i, GUMBO_TAG_CODE)}) {
            if (k < 0) continue;
            const std::string cls = ascii_lower(dom_.attr(k, "class"));
            for (std::string_view p : {"language-", "lang-"})
                if (const auto at = cls.find(p); at != std::string::npos) {
                    std::string lang = cls.substr(at + p.size());
                    return lang.substr(0, lang.find(' '));
                }
        }
        return {};
    }

    /// Text of a <pre> as written (whitespace kept, <br> as newline).
    std::string raw_text(int i) const {
        std::string out;
        const int d = n(i).depth;
        for (int k = i + 1; k < dom_.size() && n(k).depth > d; ++k) {
            if (n(k).dropped || n(k).silent) {
                const int dd = n(k).depth;
                while (k + 1 < dom_.size() && n(k + 1).depth > dd) ++k;
                continue;
            }
            if (n(k).is_text) out.append(n(k).text);
            else if (n(k).tag == GUMBO_TAG_BR) out += '\n';
        }
        return out;
    }

    /// Whether `text` already says `alt` (case and surrounding punctuation aside): a caption
    /// "Dig a hole in the oasis. (Lucy Akins)" repeats the alt "Dig a hole in the oasis." (with
    /// `at_start`, only where `text` opens with it).
    static bool repeats(const std::string& text, const std::string& alt, bool at_start = false) {
        auto core = [](const std::string& x) {
            std::string o;
            for (const char c : x)
                if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) o += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                else if (!o.empty() && o.back() != ' ') o += ' ';
            while (!o.empty() && o.back() == ' ') o.pop_back();
            return o;
        };
        const std::string a = core(alt);
        if (a.empty()) return false;
        const std::string t = core(text);
        return at_start ? t.starts_with(a) : t.find(a) != std::string::npos;
    }

    /// Whether an alt text is the page's title, or most of it (the title often adds the site's
    /// name), or the title in a few words of template: a lead picture described by the
    /// headline, which is printed above the body already.
    bool names_the_page(const std::string& alt) const {
        auto letters = [](std::string_view x) {
            std::string o;
            for (const char c : x)
                if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
                    o += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return o;
        };
        const std::string a = letters(alt), t = letters(opts_.title);
        if (a.size() > 10 && 2 * a.size() >= t.size() && t.find(a) != std::string::npos) return true;
        // A template around the headline ("Illustration for article titled …", "Image: …").
        constexpr std::size_t template_letters = 40;
        return t.size() > 15 && a.size() <= t.size() + template_letters && a.find(t) != std::string::npos;
    }

    /// The block right after image i or after one of its close wrappers (-1: none, or one the
    /// extraction removed): where a caption set as a plain paragraph stands ("<div
    /// class=image><img></div><p class=caption>").
    int node_after(int i) const {
        constexpr int wrapper_levels = 3;
        for (int k = i, level = 0; k >= 0 && level < wrapper_levels; k = n(k).parent, ++level) {
            for (int s = n(k).next_sibling; s >= 0; s = n(s).next_sibling) {
                if (n(s).is_text) {
                    if (n(s).text.find_first_not_of(" \t\n\r\f") != std::string_view::npos) return -1;
                    continue;
                }
                return n(s).dropped ? -1 : s;
            }
        }
        return -1;
    }

    /// Whether the block right after image i says its alt text again (sometimes cut short):
    /// that block is the picture's caption, and is set as one (see set_as_caption).
    bool caption_repeats(int i, const std::string& alt, bool at_start = false) {
        constexpr std::size_t caption_bytes = 2000;
        const int after = node_after(i);
        if (after < 0 || !repeats(dom_.text_of(after, false, caption_bytes), alt, at_start)) return false;
        captions_.insert(after);
        return true;
    }

    /// The paragraph that stands for a picture folio cannot show: its description, set in
    /// italics as a caption is, so that it does not read as the article's own text.
    static Block description(const std::string& alt, model::SourcePos pos) {
        return Block{model::Paragraph{{Inline{model::Emphasis{{Inline{model::Text{alt}, pos}}}, pos}}}, pos};
    }

    /// Text of a <figcaption> right after element i (some pages close the figure before it).
    std::string caption_after(int i) const {
        for (int s = n(i).next_sibling; s >= 0; s = n(s).next_sibling) {
            if (n(s).is_text) continue;
            return n(s).tag == GUMBO_TAG_FIGCAPTION && !n(s).dropped ? dom_.text_of(s) : std::string();
        }
        return {};
    }

    void figure(int i, Blocks& out, int nesting) {
        const model::SourcePos pos = dom_.pos(i);
        const int img = dom_.find(i, GUMBO_TAG_IMG);
        const int cap = dom_.find(i, GUMBO_TAG_FIGCAPTION);
        if (img < 0 || n(img).dropped) { children_blocks(i, out, nesting); return; }
        Inlines caption = cap >= 0 && !n(cap).dropped ? inlines_of(cap) : Inlines{};
        model::Image im = image(img);
        if (!im.src.empty()) {
            out.push_back(Block{model::Figure{std::move(im), std::move(caption)}, pos});
            return;
        }
        if (!im.alt.empty() && !repeats(model::plain_text(caption), im.alt) && !repeats(caption_after(i), im.alt) &&
            !names_the_page(im.alt))
            out.push_back(description(im.alt, pos));
        if (!caption.empty()) {
            out.push_back(Block{model::Paragraph{std::move(caption)}, pos});
            set_as_caption(out, out.size() - 1);
        }
    }

    void table(int i, Blocks& out, int nesting) {
        const model::SourcePos pos = dom_.pos(i);
        std::vector<int> rows;
        std::vector<bool> in_head;
        bool nested_blocks = false;
        const int d = n(i).depth;
        for (int k = i + 1; k < dom_.size() && n(k).depth > d; ++k) {
            if (n(k).dropped) {
                const int dd = n(k).depth;
                while (k + 1 < dom_.size() && n(k + 1).depth > dd) ++k;
                continue;
            }
            if (n(k).is_text) continue;
            if (n(k).tag == GUMBO_TAG_TABLE) nested_blocks = true;
            if (n(k).tag == GUMBO_TAG_P || n(k).tag == GUMBO_TAG_DIV || n(k).tag == GUMBO_TAG_UL || n(k).tag == GUMBO_TAG_H2 ||
                n(k).tag == GUMBO_TAG_H3 || (n(k).tag == GUMBO_TAG_IMG && !opts_.authored_tables) ||
                n(k).tag == GUMBO_TAG_BLOCKQUOTE)
                nested_blocks = nested_blocks || n(k).paragraphs > 0 || n(k).tag != GUMBO_TAG_P;
            if (n(k).tag == GUMBO_TAG_TR && !nested_blocks) {
                rows.push_back(k);
                in_head.push_back(n(n(k).parent).tag == GUMBO_TAG_THEAD);
            }
        }
        // Cells on the grid: a cell spanning rows or columns (the model has no merged cells)
        // takes its first slot, and the slots it covers stay empty, so every other cell keeps
        // its column. grid[r][c] is the cell's node, or -1 for a covered or missing slot.
        std::vector<std::vector<int>> grid(rows.size());
        std::vector<std::size_t> covered;  // per column: rows still covered by a rowspan above
        bool spans = false;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            std::size_t c = 0;
            auto skip_covered = [&] {
                while (c < covered.size() && covered[c] > 0) {
                    --covered[c++];
                    grid[r].push_back(-1);
                }
            };
            for (int k = n(rows[r]).first_child; k >= 0; k = n(k).next_sibling) {
                if (n(k).is_text || (n(k).tag != GUMBO_TAG_TD && n(k).tag != GUMBO_TAG_TH)) continue;
                skip_covered();
                const std::size_t colspan = span(k, "colspan"), rowspan = span(k, "rowspan");
                spans = spans || colspan > 1 || rowspan > 1;
                for (std::size_t s = 0; s < colspan; ++s, ++c) {
                    grid[r].push_back(s == 0 ? k : -1);
                    if (covered.size() <= c) covered.resize(c + 1, 0);
                    covered[c] = rowspan - 1;
                }
            }
            skip_covered();
        }
        std::size_t cols = 0;
        for (const auto& g : grid) cols = std::max(cols, g.size());
        // Layout tables (one column, or cells holding blocks) are containers, not data.
        if (nested_blocks || cols < 2 || rows.empty()) { children_blocks(i, out, nesting); return; }
        if (spans)
            diag_.warn(pos.line, pos.col, "table cells spanning rows or columns are written as single cells "
                                          "beside empty ones; their text is kept");
        model::Table t;
        t.aligns.assign(cols, model::Align::Default);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            model::TableRow row;
            bool all_th = true;
            for (const int k : grid[r]) {
                if (k >= 0) all_th = all_th && n(k).tag == GUMBO_TAG_TH;
                if (k < 0 || n(k).dropped) { row.push_back({}); continue; }
                row.push_back(model::TableCell{inlines_of(k)});
            }
            row.resize(cols);
            const bool head = in_head[r] || (r == 0 && t.head.empty() && all_th);
            (head && t.body.empty() ? t.head : t.body).push_back(std::move(row));
        }
        if (const int cap = dom_.find(i, GUMBO_TAG_CAPTION); cap >= 0 && !n(cap).dropped) t.caption = inlines_of(cap);
        out.push_back(Block{std::move(t), pos});
    }

    /// A cell's colspan or rowspan: 1 unless a number above 1, at most max_cell_span.
    std::size_t span(int cell, const char* name) const {
        const std::string_view v = dom_.attr(cell, name);
        std::size_t k = 0;
        for (const char ch : v) {
            if (ch < '0' || ch > '9') break;
            k = std::min(k * 10 + static_cast<std::size_t>(ch - '0'), max_cell_span);
        }
        return std::max<std::size_t>(k, 1);
    }

    // ------------------------------------------------ inlines

    Inlines inlines_of(int i) {
        Inlines xs;
        for (int c = n(i).first_child; c >= 0; c = n(c).next_sibling) inline_node(c, xs);
        trim(xs);
        return xs;
    }

    void inline_children(int i, Inlines& out) {
        for (int c = n(i).first_child; c >= 0; c = n(c).next_sibling) inline_node(c, out);
    }

    void inline_node(int i, Inlines& out) {
        const Node& x = n(i);
        if (x.dropped || x.silent) return;
        const model::SourcePos pos = dom_.pos(i);
        if (x.is_text) {
            append_text(out, x.text, pos);
            return;
        }
        if (const std::string l = other_language(i); !l.empty()) {
            // <span lang="de">, <q lang="fr">: the text goes into a span of that language.
            Inlines kids;
            const std::string around = std::exchange(lang_, l);
            inline_element(i, kids);
            lang_ = around;
            if (has_content(kids)) out.push_back(Inline{model::LangSpan{l, std::move(kids)}, pos});
            else for (auto& k : kids) out.push_back(std::move(k));
            return;
        }
        inline_element(i, out);
    }

    void inline_element(int i, Inlines& out) {
        const Node& x = n(i);
        const model::SourcePos pos = dom_.pos(i);
        auto wrap = [&](auto node) {
            Inlines kids;
            inline_children(i, kids);
            if (has_content(kids)) {
                node.children = std::move(kids);
                out.push_back(Inline{std::move(node), pos});
            } else {
                for (auto& k : kids) out.push_back(std::move(k));  // keep a lone space
            }
        };
        switch (x.tag) {
            case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_CITE: case GUMBO_TAG_DFN: case GUMBO_TAG_VAR:
                wrap(model::Emphasis{}); return;
            case GUMBO_TAG_STRONG: case GUMBO_TAG_B: wrap(model::Strong{}); return;
            case GUMBO_TAG_S: case GUMBO_TAG_STRIKE: case GUMBO_TAG_DEL: wrap(model::Strikeout{}); return;
            case GUMBO_TAG_SUP: wrap(model::Superscript{}); return;
            case GUMBO_TAG_SUB: wrap(model::Subscript{}); return;
            case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT: {
                std::string t = dom_.text_of(i);
                if (!t.empty()) out.push_back(Inline{model::Code{std::move(t)}, pos});
                return;
            }
            case GUMBO_TAG_BR: out.push_back(Inline{model::LineBreak{}, pos}); return;
            case GUMBO_TAG_IMG: {
                model::Image img = image(i);
                if (!img.src.empty()) out.push_back(Inline{std::move(img), pos});
                // (Not when the caption right after it opens with the same words: "<img alt=X><cite>X</cite>".)
                else if (!img.alt.empty() && !names_the_page(img.alt) && !caption_repeats(i, img.alt, true)) {
                    // A description of a few words stands for a picture, and is set as one
                    // (see description()); a word or two (an icon's, an emoji's) is text.
                    constexpr std::size_t min_description_spaces = 3;
                    if (static_cast<std::size_t>(std::count(img.alt.begin(), img.alt.end(), ' ')) >= min_description_spaces) {
                        if (!out.empty() && !ends_with_space(out.back())) append_text(out, " ", pos);
                        out.push_back(Inline{model::Emphasis{{Inline{model::Text{img.alt}, pos}}}, pos});
                        append_text(out, " ", pos);  // the picture's end parts it from the text after it
                    } else {
                        append_text(out, img.alt, pos);
                    }
                }
                return;
            }
            case GUMBO_TAG_A: {
                const std::string url = link_url(dom_.attr(i, "href"));
                if (url.empty()) { inline_children(i, out); return; }
                model::Link l{url, std::string(dom_.attr(i, "title")), {}};
                wrap(std::move(l));
                return;
            }
            default:
                // Blocks met inside inline content (a <div> in an <a>) are flattened, with a
                // space so that words on either side stay apart.
                if (is_block_tag(x.tag)) append_text(out, " ", pos);
                inline_children(i, out);
                if (is_block_tag(x.tag)) append_text(out, " ", pos);
                return;
        }
    }

    std::string link_url(std::string_view href) const {
        std::string u;
        for (const char c : href) if (c != '\n' && c != '\t' && c != '\r') u += c;
        while (!u.empty() && u.front() == ' ') u.erase(0, 1);
        while (!u.empty() && u.back() == ' ') u.pop_back();
        if (u.empty() || u[0] == '#' || is_unsafe_url(u)) return {};
        if (has_scheme(u)) return u;
        const std::string& base = opts_.base_url;
        const std::size_t scheme_end = base.find("://");
        if (scheme_end == std::string::npos) return u;  // a local page's relative link stays relative
        if (u.rfind("//", 0) == 0) return base.substr(0, scheme_end + 1) + u;
        const std::size_t host_end = base.find('/', scheme_end + 3);
        const std::string origin = base.substr(0, host_end);
        if (u[0] == '/') return origin + u;
        std::string dir = host_end == std::string::npos ? origin + "/" : base.substr(0, base.find_first_of("?#"));
        dir = dir.substr(0, dir.rfind('/') + 1);
        return dir + u;
    }

    /// An alt text that is only the picture's file name or slug ("IMG_3886.jpg",
    /// "0225-lupita-nyongo-getty-01", "Screen Shot 2011-08-13 at 4.55.35 PM") says nothing:
    /// a screenshot's system name, a name ending in an image extension, or one word with no
    /// space made of dashes, underscores and digits around its letters.
    static bool is_file_name(std::string_view alt) {
        const std::string low = ascii_lower(alt);
        // A screenshot's name as the system gave it ("Screen Shot 2011-08-13 at 4.55.35 PM").
        for (std::string_view w : {"screen shot 20", "screenshot 20", "screenshot_20", "screenshot-20", "bildschirmfoto 20",
                                   "capture d\u2019\u00e9cran 20", "capture d'\u00e9cran 20"})
            if (low.starts_with(w)) return true;
        // A file's name, spaces and all ("Mozilla dinosaur head logo.png", as wikis name files).
        for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff"})
            if (low.size() > ext.size() && low.compare(low.size() - ext.size(), ext.size(), ext) == 0) return true;
        if (alt.empty() || alt.find(' ') != std::string_view::npos) return false;
        std::size_t seps = 0, digits = 0, letters = 0;
        for (const char c : low) {
            seps += c == '-' || c == '_';
            digits += c >= '0' && c <= '9';
            letters += c >= 'a' && c <= 'z';
        }
        if (seps >= 2 && digits > 0) return true;
        // A slug or a store's key in lower case ("girl-on-the-train-box-office",
        // "thefirstnewuniverse_book1", "190419gak01", "1904212"): a name, not a description.
        const bool plain = std::all_of(alt.begin(), alt.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        });
        if (plain && (seps > 0 || (digits > 0 && (letters == 0 || digits >= 3)))) return true;
        // The word for a picture says nothing about this one.
        if (is_picture_word(low)) return true;
        for (std::string_view w : {"screenshot", "img", "thumbnail", "logo", "icon", "banner", "placeholder"})
            if (low == w) return true;
        return false;
    }

    /// An alt text that is a list of search keywords ("morales instagram spy assange", "british us
    /// officials assange trial"): three words or more, most of them in lower case, with neither
    /// punctuation nor one function word ("with", "of", "der"), which every described scene has.
    /// (Latin script only: where letters have no case, nothing tells a list from a phrase.)
    static bool is_keyword_list(std::string_view alt) {
        constexpr std::size_t min_words = 3;
        if (alt.find_first_of(".,;:!?()\"") != std::string_view::npos) return false;
        std::size_t words = 0, lower = 0;
        for (std::string_view w : parse::article::split_ascii_words(alt)) {
            ++words;
            if (parse::article::is_function_word(ascii_lower(w))) return false;
            lower += w.front() >= 'a' && w.front() <= 'z';  // scripts without case never count
        }
        return words >= min_words && 5 * lower >= 3 * words;
    }

    /// An alt text that is only the picture's credit ("(Credit: iStock)", "© Reuters",
    /// "Copyright AFP") names who took it, not what it shows.
    static bool is_credit_line(std::string_view alt) {
        const std::string low = ascii_lower(alt.substr(0, 32));
        std::string_view t = low;
        while (!t.empty() && (t.front() == '(' || t.front() == '[' || t.front() == ' ')) t.remove_prefix(1);
        for (std::string_view w : {"credit:", "credits:", "photo credit:", "image credit:", "copyright ", "\u00a9", "(c) "})
            if (t.starts_with(w)) return true;
        return false;
    }

    /// An alt text given to three or more images of the page is a template ("Illustration for
    /// article titled ...", "Photo"), not a description of each.
    bool alt_repeated(const std::string& alt) {
        if (alt.empty()) return false;
        if (!alt_counts_) {
            alt_counts_.emplace();
            for (int k = 0; k < dom_.size(); ++k)
                if (!n(k).is_text && n(k).tag == GUMBO_TAG_IMG) {
                    std::string a;
                    for (const char c : dom_.attr(k, "alt")) {
                        if (is_html_space(c)) { if (!a.empty() && a.back() != ' ') a += ' '; }
                        else a += c;
                    }
                    while (!a.empty() && a.back() == ' ') a.pop_back();
                    if (!a.empty()) ++(*alt_counts_)[a];
                }
        }
        const auto it = alt_counts_->find(alt);
        return it != alt_counts_->end() && it->second >= 3;
    }

    model::Image image(int i) {
        model::Image img;
        img.alt = dom_.text_of(i);  // images have no text: this only normalises
        img.alt = std::string(dom_.attr(i, "alt"));
        std::string collapsed;
        for (const char c : img.alt) {
            if (is_html_space(c)) { if (!collapsed.empty() && collapsed.back() != ' ') collapsed += ' '; }
            else collapsed += c;
        }
        while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
        img.alt = is_file_name(collapsed) || is_credit_line(collapsed) || is_keyword_list(collapsed) || alt_repeated(collapsed)
                      ? std::string()
                      : collapsed;
        img.title = std::string(dom_.attr(i, "title"));
        std::string src(dom_.attr(i, "src"));
        // Lazy-loading pages keep the real address in data-src.
        if (src.empty() || src.rfind("data:", 0) == 0)
            for (const char* a : {"data-src", "data-original", "data-lazy-src"})
                if (!dom_.attr(i, a).empty()) { src = std::string(dom_.attr(i, a)); break; }
        img.src = resolve_image(src, dom_.pos(i));
        return img;
    }

    void image_warning(model::SourcePos pos, std::string msg) {
        if (++image_warnings_ <= max_image_warnings) diag_.warn(pos.line, pos.col, std::move(msg));
    }

    /// A readable local image path, or "" (with a warning) when remote, missing or refused.
    std::string resolve_image(const std::string& url, model::SourcePos pos) {
        const std::string shown = url.size() > 80 ? url.substr(0, 80) + "…" : url;
        if (url.empty()) return {};
        if (is_unsafe_url(url) || has_scheme(url) || url.rfind("//", 0) == 0) {
            image_warning(pos, "image '" + shown + "' is not local and is not fetched; its alt text is kept");
            return {};
        }
        const std::string path = percent_decode(url.substr(0, url.find_first_of("?#")));
        if (path.empty() || path.find('\0') != std::string::npos) return {};
        const fs::path rel(path);
        std::vector<std::pair<fs::path, fs::path>> candidates;  // (file, folder it must stay in)
        if (!rel.is_absolute()) {
            candidates.emplace_back(opts_.base_dir / rel, opts_.base_dir);
            for (const auto& dir : opts_.resource_paths) candidates.emplace_back(dir / rel, dir);
        }
        for (const auto& [cand, dir] : candidates) {
            std::error_code ec;
            const fs::path real = fs::weakly_canonical(cand, ec);
            if (ec || !is_inside(real, dir) || !fs::is_regular_file(real, ec)) continue;
            if (!is_image_file(real)) {
                image_warning(pos, "image '" + shown + "' is not a PNG, JPEG, GIF or SVG file; its alt text is kept");
                return {};
            }
            return cand.lexically_normal().generic_string();
        }
        image_warning(pos, "image '" + shown + "' not found beside the page; its alt text is kept");
        return {};
    }

    // ------------------------------------------------ text and whitespace

    /// Appends text with HTML whitespace collapsed; a space is kept only between words.
    static void append_text(Inlines& out, std::string_view s, model::SourcePos pos) {
        std::string t;
        bool space = !out.empty() && ends_with_space(out.back());
        for (const char c : s) {
            if (is_html_space(c)) {
                if (!space) t += ' ';
                space = true;
            } else {
                t += c;
                space = false;
            }
        }
        if (t.empty()) return;
        if (!out.empty())
            if (auto* prev = std::get_if<model::Text>(&out.back().node)) { prev->text += t; return; }
        out.push_back(Inline{model::Text{std::move(t)}, pos});
    }

    static bool ends_with_space(const Inline& x) {
        if (const auto* t = std::get_if<model::Text>(&x.node)) return !t->text.empty() && t->text.back() == ' ';
        return std::holds_alternative<model::LineBreak>(x.node);
    }

    static bool has_content(const Inlines& xs) {
        for (const auto& x : xs) {
            if (const auto* t = std::get_if<model::Text>(&x.node)) {
                if (t->text.find_first_not_of(' ') != std::string::npos) return true;
            } else if (!std::holds_alternative<model::LineBreak>(x.node)) {
                return true;
            }
        }
        return false;
    }

    /// Removes leading/trailing spaces and line breaks (also inside the first/last container).
    static void trim(Inlines& xs) {
        while (!xs.empty()) {
            auto& f = xs.front();
            if (std::holds_alternative<model::LineBreak>(f.node)) { xs.erase(xs.begin()); continue; }
            if (auto* t = std::get_if<model::Text>(&f.node)) {
                t->text.erase(0, t->text.find_first_not_of(' '));
                if (t->text.empty()) { xs.erase(xs.begin()); continue; }
            }
            break;
        }
        while (!xs.empty()) {
            auto& b = xs.back();
            if (std::holds_alternative<model::LineBreak>(b.node)) { xs.pop_back(); continue; }
            if (auto* t = std::get_if<model::Text>(&b.node)) {
                while (!t->text.empty() && t->text.back() == ' ') t->text.pop_back();
                if (t->text.empty()) { xs.pop_back(); continue; }
            }
            break;
        }
        // Spaces at the edge of a styled run move out of it in the text; inside they are
        // harmless, but an all-space run would be an empty node.
    }

    /// Pending inlines → paragraphs; two line breaks in a row split paragraphs.
    static void flush(Inlines& pending, Blocks& out, model::SourcePos pos) {
        Inlines cur;
        auto emit = [&] {
            trim(cur);
            if (has_content(cur)) out.push_back(Block{model::Paragraph{std::move(cur)}, pos});
            cur.clear();
        };
        for (std::size_t k = 0; k < pending.size(); ++k) {
            if (std::holds_alternative<model::LineBreak>(pending[k].node)) {
                std::size_t j = k + 1;
                while (j < pending.size()) {
                    const auto* t = std::get_if<model::Text>(&pending[j].node);
                    if (t && t->text.find_first_not_of(' ') == std::string::npos) { ++j; continue; }
                    break;
                }
                if (j < pending.size() && std::holds_alternative<model::LineBreak>(pending[j].node)) {
                    emit();
                    k = j;
                    while (k + 1 < pending.size() && std::holds_alternative<model::LineBreak>(pending[k + 1].node)) ++k;
                    continue;
                }
            }
            cur.push_back(std::move(pending[k]));
        }
        emit();
        pending.clear();
    }

    const Dom& dom_;
    /// Images per alt text over the whole page, counted on first use (alt_repeated).
    std::optional<std::map<std::string, int>> alt_counts_;
    const BuildOptions& opts_;
    std::unordered_set<int> captions_;  // blocks found to be a picture's caption (caption_repeats)
    std::string lang_ = opts_.lang;  // the language of the text being read
    base::Diagnostics& diag_;
    std::size_t image_warnings_ = 0;
};

}  // namespace

bool is_picture_word(std::string_view low) {
    for (std::string_view w : {"image", "photo", "picture", "foto", "bild", "imagen", "immagine"})
        if (low == w) return true;
    return false;
}

void set_as_caption(model::Paragraph& p, model::SourcePos pos) {
    if (p.content.empty() || (p.content.size() == 1 && std::holds_alternative<model::Emphasis>(p.content.front().node))) return;
    p.content = model::Inlines{model::Inline{model::Emphasis{std::move(p.content)}, pos}};
}

model::Blocks build_blocks(const Dom& dom, const std::vector<int>& roots, const BuildOptions& opts, base::Diagnostics& diag) {
    return Builder(dom, opts, diag).run(roots);
}

}  // namespace folio::parse::html
