// Block layout and pagination. Every block becomes a list of vertical boxes (one per line, table
// row or image) that say whether a page break may follow them; pagination then fills pages,
// moving back to the last allowed break when a box does not fit.
#include "layout/layout.hpp"

#include "base/overloaded.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "base/error.hpp"
#include "base/utf8.hpp"
#include "layout/image_info.hpp"
#include "layout/paragraph.hpp"
#include "layout/text_rules.hpp"
#include "model/text.hpp"

namespace folio::layout {
namespace {

using base::Overloaded;

// ------------------------------------------------------------------ typographic constants

/// Heading sizes relative to the body when the style gives headings the body's size (a style
/// without heading rules still gets a hierarchy).
constexpr double heading_scale[6] = {1.6, 1.35, 1.17, 1.05, 1.0, 1.0};
constexpr double title_scale = 2.0;
constexpr double subtitle_scale = 1.3;
constexpr double small_scale = 0.82;     // running header, footer, source line
constexpr double code_scale = 0.86;      // monospace looks larger than a serif of the same size
constexpr double table_scale = 0.92;
constexpr double note_scale = 0.9;
/// Indents when the style gives none.
constexpr double list_indent_pt = 20;
constexpr double quote_indent_pt = 20;
constexpr double label_gap_pt = 6;       // between a list label and the item's text
constexpr double cell_pad_pt = 4;        // left and right inside a table cell
constexpr double row_pad_pt = 2.5;       // above and below the text of a row
constexpr double code_pad_pt = 5;
constexpr double image_dpi = 96;         // CSS pixels: 96 per inch
constexpr double points_per_inch = 72;
/// Longest document laid out (about 4,000 A4 pages): layout keeps every word's position until the
/// pages are drawn (~250 bytes a word with libharu's page content), so this bounds memory near
/// 1 GB; a longer text is not a handout and is refused with an error instead.
constexpr std::size_t max_words = 2'000'000;
/// Nesting deeper than this is laid out at the deepest indent: the measure must stay usable.
constexpr int max_indent_depth = 8;
/// A right indent (margin-right of blockquote, li) is dropped when it would leave a narrower
/// measure than this: one inch, the least the page margins may leave.
constexpr double min_indented_measure_pt = 72;
constexpr style::Color grey{0.42, 0.42, 0.42};
constexpr style::Color rule_grey{0.6, 0.6, 0.6};
constexpr style::Color code_background{0.95, 0.95, 0.95};
constexpr style::Color link_blue{0.08, 0.2, 0.55};

// ------------------------------------------------------------------ styles

bool same_size(double a, double b) { return std::abs(a - b) < 0.01; }

struct Styles {
    const style::PageStyle& ps;
    style::BoxStyle body, p, h[6], title, subtitle, byline, header, footer, pre, code, quote, li, td, th, a, note;

    explicit Styles(const style::PageStyle& page) : ps(page) {
        body = ps.box("body");
        p = ps.box("p");
        for (int i = 0; i < 6; ++i) {
            style::BoxStyle b = ps.box("h" + std::to_string(i + 1));
            if (same_size(b.font_size_pt, body.font_size_pt) && !b.bold) {
                b.font_size_pt = body.font_size_pt * heading_scale[i];
                b.bold = true;
                b.margin_top_pt = std::max(b.margin_top_pt, b.font_size_pt * (i < 2 ? 1.1 : 0.9));
                b.margin_bottom_pt = std::max(b.margin_bottom_pt, b.font_size_pt * 0.35);
                b.line_height = std::min(b.line_height, 1.2);
            }
            if (b.align == style::TextAlign::Justify) b.align = style::TextAlign::Left;
            h[i] = b;
        }
        title = derive("title", title_scale, true, false);
        title.line_height = std::min(title.line_height, 1.15);
        subtitle = derive("subtitle", subtitle_scale, false, true);
        subtitle.line_height = std::min(subtitle.line_height, 1.2);
        byline = derive("byline", 1.0, false, false);
        header = derive("header", small_scale, false, true);
        footer = derive("footer", small_scale, false, false);
        for (auto* b : {&header, &footer})
            if (b->color == style::Color{}) b->color = grey;
        pre = derive("pre", code_scale, false, false);
        pre.line_height = std::min(pre.line_height, 1.25);
        code = derive("code", code_scale, false, false);
        quote = ps.box("blockquote");
        if (quote.margin_left_pt <= 0) quote.margin_left_pt = quote_indent_pt;
        li = ps.box("li");
        if (li.margin_left_pt <= 0) li.margin_left_pt = list_indent_pt;
        td = derive("td", table_scale, false, false);
        th = derive("th", table_scale, true, false);
        a = ps.box("a");
        if (a.color == style::Color{}) a.color = link_blue;
        note = derive("footnote", note_scale, false, false);
    }

    /// The selector's box, sized from the body when the style does not set it apart.
    style::BoxStyle derive(std::string_view sel, double scale, bool bold, bool italic) const {
        style::BoxStyle b = ps.box(sel);
        if (same_size(b.font_size_pt, body.font_size_pt) && !b.bold && !b.italic) {
            b.font_size_pt = body.font_size_pt * scale;
            b.bold = b.bold || bold;
            b.italic = b.italic || italic;
        }
        if (b.align == style::TextAlign::Justify && sel != "td" && sel != "footnote" && sel != "blockquote")
            b.align = style::TextAlign::Left;
        return b;
    }
};

Face face_of(bool bold, bool italic, bool display = false) {
    if (display) {
        if (bold && italic) return Face::DisplayBoldItalic;
        if (bold) return Face::DisplayBold;
        if (italic) return Face::DisplayItalic;
        return Face::DisplayRegular;
    }
    if (bold && italic) return Face::BoldItalic;
    if (bold) return Face::Bold;
    if (italic) return Face::Italic;
    return Face::Regular;
}

// ------------------------------------------------------------------ vertical boxes

/// Items of a vertical box use coordinates local to the box: y grows downward from its top.
struct VBox {
    double height = 0;
    double space_before = 0;  // dropped at the top of a page
    std::vector<DrawItem> items;
    bool keep_with_next = false;
    bool break_before = false;
    std::string trace;
    std::optional<OutlineEntry> outline;  // page and y filled when placed
    double first_baseline = 0;            // for list labels
    std::vector<std::string> targets;     // ids of "#id" links that land at the top of this box
};

/// A box's item placed on its page: `top` is where the box starts, `dx` its column's offset.
DrawItem to_page(DrawItem&& d, double top, double page_h, double dx) {
    return std::visit(Overloaded{
        [&](TextRun& t) -> DrawItem { TextRun r = std::move(t); r.y_pt = page_h - (top + r.y_pt); r.x_pt += dx; return r; },
        [&](Rule& t) -> DrawItem {
            Rule r = t;
            r.y0_pt = page_h - (top + t.y0_pt);
            r.y1_pt = page_h - (top + t.y1_pt);
            r.x0_pt += dx;
            r.x1_pt += dx;
            return r;
        },
        [&](FillRect& t) -> DrawItem { FillRect r = t; r.y_pt = page_h - (top + t.y_pt + t.h_pt); r.x_pt += dx; return r; },
        [&](ImageBox& t) -> DrawItem { ImageBox r = std::move(t); r.y_pt = page_h - (top + r.y_pt + r.h_pt); r.x_pt += dx; return r; },
        [&](LinkArea& t) -> DrawItem {
            LinkArea r = std::move(t);
            r.y0_pt = page_h - (top + std::max(t.y0_pt, t.y1_pt));
            r.y1_pt = page_h - (top + std::min(t.y0_pt, t.y1_pt));
            r.x0_pt += dx;
            r.x1_pt += dx;
            return r;
        },
    }, d);
}

struct Ctx {
    double left = 0;
    double width = 0;
    int depth = 0;         // indentation depth (lists, quotes)
    int list_depth = 0;
    bool in_quote = false;
    bool tight = false;    // inside a tight list item: no paragraph spacing
    const std::string* lang = nullptr;  // a block's own language (hyphenation), else the document's
};

// ------------------------------------------------------------------ the layout engine

class Engine {
public:
    Engine(const model::Document& doc, const Styles& st, const LayoutOptions& opts, const FontMetrics& m,
           const Hyphenator* h, base::Diagnostics& diag)
        : doc_(doc), st_(st), opts_(opts), m_(m), hyph_(h), diag_(diag), ids_(model::target_ids(doc)) {
        tree_.push_back(StructNode{});  // the Document
    }

    LaidOut run(double page_w, double page_h);

private:
    // inline flattening
    struct InlineStyle {
        bool bold = false, italic = false, mono = false, display = false, strike = false;
        double size_pt = 11;
        double rise_pt = 0;
        style::Color color;
        std::string link;
        Tag link_tag = artifact_tag;
    };
    void flatten(const model::Inlines& xs, const InlineStyle& s, std::vector<Span>& out);
    std::vector<Span> spans_of(const model::Inlines& xs, const style::BoxStyle& b, bool display = false);

    // blocks
    /// The language text is hyphenated in: the block's own, else the document's.
    const std::string& language(const Ctx& c) const { return c.lang ? *c.lang : doc_.meta.lang; }
    void blocks(const model::Blocks& bs, const Ctx& c);
    void block(const model::Block& b, const Ctx& c);
    void paragraph(const std::vector<Span>& spans, const style::BoxStyle& b, const Ctx& c, bool keep_all,
                   bool keep_last, std::optional<OutlineEntry> outline, double space_before, bool hyphenate,
                   bool break_before = false);
    void heading(const model::Heading& h, const Ctx& c);
    void list(const std::vector<model::ListItem>& items, bool ordered, int start, bool tight, const Ctx& c);
    void quote(const model::BlockQuote& q, const Ctx& c);
    void code_block(const model::CodeBlock& cb, const model::SourcePos& pos, const Ctx& c);
    void thematic_break(const Ctx& c);
    void table(const model::Table& t, const Ctx& c);
    void figure(const model::Figure& f, const model::SourcePos& pos, const Ctx& c);
    void definition_list(const model::DefinitionList& l, const Ctx& c);
    void details(const model::Details& d, const Ctx& c);
    void title_block(const Ctx& c);
    void endnotes(const Ctx& c);

    /// Keeps a box; its trace line only when a trace was asked for (it repeats the whole text).
    void push_box(VBox&& v) {
        if (!opts_.trace) std::string().swap(v.trace);
        // Anchors met while flattening this box's text land at its top.
        for (auto& id : pending_targets_) v.targets.push_back(std::move(id));
        pending_targets_.clear();
        v.items.shrink_to_fit();
        boxes_.push_back(std::move(v));
    }

    double take_space(double margin_top) {
        const double s = std::max(pending_space_, margin_top);
        pending_space_ = 0;
        return s;
    }
    double leading(const style::BoxStyle& b) const { return b.font_size_pt * b.line_height; }
    double baseline_in(const style::BoxStyle& b, Face f) const {
        const double lead = leading(b);
        const double asc = m_.ascent(f, b.font_size_pt), desc = m_.descent(f, b.font_size_pt);
        return (lead - (asc + desc)) / 2 + asc;
    }
    void emit_lines(const std::vector<Line>& lines, const std::vector<Span>& spans, const style::BoxStyle& b,
                    double x0, std::vector<VBox>& out);
    void page_furniture(LaidOut& lo, double page_w, double page_h);

    // The structure tree, built in reading order while the blocks are laid out.
    Tag add_node(Role r) {
        const Tag t = static_cast<Tag>(tree_.size());
        StructNode n;
        n.role = r;
        n.parent = parent_;
        // The first element a block opens is the block's own: it takes the block's language.
        if (!pending_lang_.empty()) n.lang = std::exchange(pending_lang_, std::string{});
        tree_.push_back(std::move(n));
        tree_[parent_].children.push_back(t);
        return t;
    }
    /// The tag for text of the open element at this point: consecutive text shares one Content
    /// node, text after an inline child element gets a new one.
    Tag content_tag() {
        if (!tagging_) return artifact_tag;
        const auto& kids = tree_[parent_].children;
        if (!kids.empty() && tree_[kids.back()].role == Role::Content) return kids.back();
        return add_node(Role::Content);
    }
    /// An open structure element: nodes made while it lives are its kids (none while tagging_
    /// is off).
    class Element {
    public:
        Element(Engine& e, Role r) : e_(e), saved_(e.parent_) {
            if (!e.tagging_) return;
            tag = e.add_node(r);
            e.parent_ = tag;
        }
        ~Element() { e_.parent_ = saved_; }
        Element(const Element&) = delete;
        Element& operator=(const Element&) = delete;
        StructNode& node() { return e_.tree_[tag]; }
        Tag tag = artifact_tag;

    private:
        Engine& e_;
        Tag saved_;
    };

    const model::Document& doc_;
    const Styles& st_;
    const LayoutOptions& opts_;
    const FontMetrics& m_;
    const Hyphenator* hyph_;
    base::Diagnostics& diag_;
    std::vector<VBox> boxes_;
    std::set<std::string, std::less<>> ids_;      // every heading and anchor id "#id" may name
    std::vector<std::string> pending_targets_;    // anchors waiting for the next box
    std::set<std::string> placed_targets_;        // an id reported once, even if flattened twice
    std::set<std::pair<std::uint32_t, std::uint32_t>> warned_links_;  // positions of dead "#id" links
    double pending_space_ = 0;
    double content_h_ = 0;
    std::vector<StructNode> tree_;
    Tag parent_ = 0;
    std::string pending_lang_;  // a block's language, until its element is opened
    std::vector<std::pair<int, int>> open_headings_;  // model level and tag level of enclosing headings
    bool tagging_ = true;  // off while spans are built only to be measured
};

void Engine::flatten(const model::Inlines& xs, const InlineStyle& s, std::vector<Span>& out) {
    auto text_span = [&](const std::string& text, const InlineStyle& is, const model::SourcePos& pos) {
        Span sp;
        sp.text = text;
        sp.face = is.mono ? Face::Mono : face_of(is.bold, is.italic, is.display);
        // Inline code keeps the style's code-to-body size ratio whatever the surrounding size.
        sp.size_pt = is.mono ? is.size_pt * st_.code.font_size_pt / st_.body.font_size_pt : is.size_pt;
        sp.rise_pt = is.rise_pt;
        sp.color = is.color;
        sp.link = is.link;
        sp.link_tag = is.link_tag;
        sp.tag = content_tag();
        sp.code = is.mono;
        sp.strike = is.strike;
        sp.pos = pos;
        out.push_back(std::move(sp));
    };
    for (const auto& x : xs) {
        std::visit(Overloaded{
            [&](const model::Text& t) { text_span(t.text, s, x.pos); },
            [&](const model::Emphasis& e) { InlineStyle t = s; t.italic = !s.italic; flatten(e.children, t, out); },
            [&](const model::Strong& e) { InlineStyle t = s; t.bold = true; flatten(e.children, t, out); },
            [&](const model::Strikeout& e) { InlineStyle t = s; t.strike = true; flatten(e.children, t, out); },
            [&](const model::Superscript& e) {
                InlineStyle t = s; t.size_pt = s.size_pt * 0.7; t.rise_pt = s.size_pt * 0.33; flatten(e.children, t, out);
            },
            [&](const model::Subscript& e) {
                InlineStyle t = s; t.size_pt = s.size_pt * 0.7; t.rise_pt = -s.size_pt * 0.15; flatten(e.children, t, out);
            },
            [&](const model::LangSpan& e) {
                Element span(*this, Role::Span);
                if (span.tag != artifact_tag) span.node().lang = e.lang;
                flatten(e.children, s, out);
            },
            [&](const model::Code& c) {
                // No Code element for inline code: screen readers read it as text, and an
                // element per snippet made a code-heavy document's PDF 6% larger.
                InlineStyle t = s; t.mono = true;
                text_span(c.text, t, x.pos);
            },
            [&](const model::Link& l) {
                // A fragment names a heading or anchor of this document: it becomes an internal
                // jump when the id exists, and plain text (with a warning) when it does not.
                const std::string id = model::fragment_id(l.url);
                if (l.url.starts_with("#") && !ids_.contains(id)) {
                    if (warned_links_.insert({x.pos.line, x.pos.col}).second)
                        diag_.warn(x.pos.line, x.pos.col, "link to '" + base::utf8::sanitize(l.url) +
                                                              "' matches no heading or anchor: written as text");
                    flatten(l.children, s, out);
                    return;
                }
                Element link(*this, Role::Link);
                if (link.tag != artifact_tag) {
                    link.node().alt = model::plain_text(l.children);
                    if (link.node().alt.empty()) link.node().alt = l.url;
                }
                InlineStyle t = s; t.link = l.url.starts_with("#") ? "#" + id : l.url; t.color = st_.a.color;
                t.link_tag = link.tag;
                flatten(l.children, t, out);
            },
            [&](const model::Image& i) {
                InlineStyle t = s; t.italic = true;
                if (!i.alt.empty()) text_span(i.alt, t, x.pos);
            },
            [&](const model::LineBreak&) { text_span("\n", s, x.pos); },
            [&](const model::FootnoteRef& f) {
                // Superscript digits as characters: they extract as one mark and need no rise.
                static const char* const sup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
                std::string n = std::to_string(f.index + 1), mark;
                for (char ch : n) mark += sup[ch - '0'];
                Element ref(*this, Role::Reference);
                text_span(mark, s, x.pos);
            },
            [&](const model::Anchor& a) {
                if (placed_targets_.insert(a.id).second) pending_targets_.push_back(a.id);
            },
        }, x.node);
    }
}

std::vector<Span> Engine::spans_of(const model::Inlines& xs, const style::BoxStyle& b, bool display) {
    InlineStyle s;
    s.display = display;
    s.bold = b.bold;
    s.italic = b.italic;
    s.size_pt = b.font_size_pt;
    s.color = b.color;
    std::vector<Span> out;
    flatten(xs, s, out);
    return out;
}

void Engine::emit_lines(const std::vector<Line>& lines, const std::vector<Span>& spans, const style::BoxStyle& b,
                        double x0, std::vector<VBox>& out) {
    const double lead = leading(b);
    const double base = baseline_in(b, face_of(b.bold, b.italic));
    for (std::size_t li = 0; li < lines.size(); ++li) {
        const Line& l = lines[li];
        VBox v;
        v.height = lead;
        v.first_baseline = base;
        v.trace = "  " + describe_line(l);
        std::size_t last_run = SIZE_MAX;
        for (const auto& f : l.fragments) {
            const Span& sp = spans[f.span];
            TextRun r;
            r.face = sp.face;
            r.size_pt = sp.size_pt;
            r.color = sp.color;
            r.x_pt = x0 + f.x_pt;
            r.y_pt = base - sp.rise_pt;
            r.hscale = f.hscale;
            r.text = f.text;
            r.tag = sp.tag;
            if (f.space_after) r.end = RunEnd::Space;
            last_run = v.items.size();
            v.items.push_back(r);
            if (sp.strike) {
                const double y = base - sp.rise_pt - sp.size_pt * 0.28;
                v.items.push_back(Rule{x0 + f.x_pt, y, x0 + f.x_pt + f.width_pt, y, sp.size_pt * 0.06, sp.color});
            }
            if (!sp.link.empty())
                v.items.push_back(LinkArea{x0 + f.x_pt, base - sp.size_pt * 0.8, x0 + f.x_pt + f.width_pt,
                                           base + sp.size_pt * 0.25, sp.link, sp.link_tag});
        }
        if (last_run != SIZE_MAX && li + 1 < lines.size())
            std::get<TextRun>(v.items[last_run]).end = l.hyphen ? RunEnd::Hyphen : l.space_break ? RunEnd::Space : RunEnd::None;
        out.push_back(std::move(v));
    }
}

// True when lines of a text of four words or more hold a line of one word.
bool has_lone_word(const std::vector<Line>& lines) {
    if (lines.size() < 2) return false;
    std::size_t total = 0;
    bool lone = false;
    for (const auto& l : lines) {
        std::size_t words = l.fragments.empty() ? 0 : 1;
        for (std::size_t k = 0; k + 1 < l.fragments.size(); ++k) words += l.fragments[k].space_after ? 1 : 0;
        total += words;
        lone = lone || words == 1;
    }
    return lone && total >= 4;
}

void Engine::paragraph(const std::vector<Span>& spans, const style::BoxStyle& b, const Ctx& c, bool keep_all,
                       bool keep_last, std::optional<OutlineEntry> outline, double space_before, bool hyphenate,
                       bool break_before) {
    ParagraphStyle ps;
    ps.width_pt = c.width;
    ps.first_indent_pt = b.text_indent_pt;
    ps.align = b.align;
    ps.hyphenate = hyphenate && b.hyphens == style::Hyphens::Auto;
    ps.soft_hyphens = b.hyphens != style::Hyphens::None;
    ps.lang = language(c);
    ps.costs = st_.ps.breaks;
    ps.balance = keep_all;
    auto lines = set_paragraph(spans, ps, m_, hyph_, opts_.strict, diag_);
    if (lines.empty()) return;
    // A title or heading of four words or more that can only be broken with a word alone on a
    // line ("Koexistenz mit anderen / Paketierungssystemen" on a narrow page) is set a little
    // smaller, as a typographer would, when that gives lines of two words or more.
    struct Smaller {
        style::BoxStyle box;
        std::vector<Span> spans;
    };
    std::optional<Smaller> smaller;
    if (keep_all && has_lone_word(lines)) {
        for (const double f : {0.92, 0.85, 0.78}) {
            std::vector<Span> sp = spans;
            for (auto& s : sp) { s.size_pt *= f; s.rise_pt *= f; }
            auto l2 = set_paragraph(sp, ps, m_, hyph_, opts_.strict, diag_);
            if (l2.empty() || has_lone_word(l2)) continue;
            smaller = Smaller{b, std::move(sp)};
            smaller->box.font_size_pt *= f;
            lines = std::move(l2);
            break;
        }
    }
    std::vector<VBox> vs;
    emit_lines(lines, smaller ? smaller->spans : spans, smaller ? smaller->box : b, c.left, vs);
    const std::size_t n = vs.size();
    const std::size_t orphans = static_cast<std::size_t>(std::max(1, b.orphans));
    const std::size_t widows = static_cast<std::size_t>(std::max(1, b.widows));
    for (std::size_t i = 0; i < n; ++i) {
        // A page never ends with a hyphenated word: the reader would have to turn the page in
        // the middle of a word, and text extraction could not rejoin it across the footer.
        const bool break_ok = i + 1 >= orphans && n - (i + 1) >= widows && !lines[i].hyphen;
        vs[i].keep_with_next = keep_all || (i + 1 < n && !break_ok) || (i + 1 == n && keep_last);
    }
    if (opts_.trace) {
        // Each block of lines opens with its role (¶p a paragraph, ¶h a heading, ¶t the title
        // block) and its other lines are indented under it, so that the trace can be measured
        // paragraph by paragraph.
        const char* role = outline ? "¶h " : keep_all ? "¶t " : "¶p ";
        for (std::size_t i = 0; i < n; ++i)
            if (vs[i].trace.starts_with("  ")) vs[i].trace.insert(2, i == 0 ? role : "   ");
    }
    vs[0].space_before = space_before;
    vs[0].break_before = break_before;
    vs[0].outline = std::move(outline);
    for (auto& v : vs) push_box(std::move(v));
}

void Engine::blocks(const model::Blocks& bs, const Ctx& c) {
    for (const auto& b : bs) block(b, c);
}

void Engine::block(const model::Block& b, const Ctx& outer) {
    pending_lang_ = b.lang;
    // A block in another language is hyphenated by that language's patterns.
    Ctx own = outer;
    if (!b.lang.empty()) own.lang = &b.lang;
    const Ctx& c = own;
    std::visit(Overloaded{
        [&](const model::Paragraph& p) {
            Element para(*this, Role::P);
            const style::BoxStyle& bs = c.in_quote ? st_.quote : st_.p;
            style::BoxStyle eff = bs;
            if (c.in_quote) eff.margin_left_pt = 0;
            const double before = take_space(c.tight ? 0 : eff.margin_top_pt);
            paragraph(spans_of(p.content, eff), eff, c, false, false, std::nullopt, before, true, eff.break_before);
            pending_space_ = c.tight ? eff.margin_bottom_pt * 0.3 : eff.margin_bottom_pt;
        },
        [&](const model::Heading& h) { heading(h, c); },
        [&](const model::BulletList& l) { list(l.items, false, 1, l.tight, c); },
        [&](const model::OrderedList& l) { list(l.items, true, l.start, l.tight, c); },
        [&](const model::BlockQuote& q) { quote(q, c); },
        [&](const model::CodeBlock& cb) { code_block(cb, b.pos, c); },
        [&](const model::ThematicBreak&) { thematic_break(c); },
        [&](const model::Table& t) { table(t, c); },
        [&](const model::Figure& f) { figure(f, b.pos, c); },
        [&](const model::DefinitionList& l) { definition_list(l, c); },
        [&](const model::Details& d) { details(d, c); },
    }, b.node);
    pending_lang_.clear();
}

void Engine::heading(const model::Heading& h, const Ctx& c) {
    const int level = std::clamp(h.level, 1, 6);
    const style::BoxStyle& b = st_.h[level - 1];
    // The tag's level is the model's, except that it is at most one below the enclosing
    // heading's tag (the nearest earlier heading of a higher model level, else the title's H1):
    // a document that starts at ## without a title, or jumps from ## to ####, still reads as an
    // outline with no level skipped (PDF/UA). The page shows the model's level.
    while (!open_headings_.empty() && open_headings_.back().first >= level) open_headings_.pop_back();
    const int enclosing = open_headings_.empty() ? (doc_.meta.title.empty() ? 0 : 1) : open_headings_.back().second;
    const int tag_level = std::min(level, enclosing + 1);
    open_headings_.emplace_back(level, tag_level);
    Element element(*this, static_cast<Role>(static_cast<int>(Role::H1) + tag_level - 1));
    OutlineEntry o;
    o.level = level;
    o.title = model::plain_text(h.content);
    const double before = take_space(b.margin_top_pt);
    if (!h.id.empty() && placed_targets_.insert(h.id).second) pending_targets_.push_back(h.id);
    paragraph(spans_of(h.content, b, true), b, c, true, true, o, before, false, b.break_before);
    pending_space_ = b.margin_bottom_pt;
}

void Engine::list(const std::vector<model::ListItem>& items, bool ordered, int start, bool tight, const Ctx& c) {
    static const char* const bullets[3] = {"•", "◦", "▪"};
    const style::BoxStyle& b = st_.p;
    Ctx inner = c;
    const Face label_face = face_of(b.bold, b.italic);
    double indent = c.depth < max_indent_depth ? st_.li.margin_left_pt : 0;
    if (ordered && indent > 0) {  // long numbers widen the indent rather than touch the text
        const std::string widest = std::to_string(start + static_cast<int>(items.size()) - 1) + ".";
        indent = std::max(indent, m_.text_width(label_face, widest, b.font_size_pt) + label_gap_pt);
    }
    inner.left = c.left + indent;
    inner.width = c.width - indent;
    const double right = c.depth < max_indent_depth ? std::max(0.0, st_.li.margin_right_pt) : 0;
    if (inner.width - right >= min_indented_measure_pt) inner.width -= right;
    inner.depth = c.depth + 1;
    inner.list_depth = c.list_depth + 1;
    inner.tight = tight;
    int n = start;
    Element list_element(*this, Role::L);
    for (const auto& item : items) {
        std::string label;
        if (item.task) label = *item.task ? "☑" : "☐";
        else if (ordered) label = std::to_string(n++) + ".";
        else label = bullets[c.list_depth % 3];
        Element li(*this, Role::LI);
        Tag label_tag = artifact_tag;
        {
            Element lbl(*this, Role::Lbl);
            label_tag = content_tag();
        }
        Element body(*this, Role::LBody);
        const std::size_t first = boxes_.size();
        if (item.blocks.empty()) {
            paragraph({Span{" ", label_face, b.font_size_pt, 0, b.color, {}, false, false, {}}}, b, inner, false, false,
                      std::nullopt, take_space(0), false);
        }
        blocks(item.blocks, inner);
        if (first < boxes_.size()) {
            VBox& v = boxes_[first];
            TextRun r;
            r.face = label_face;
            r.size_pt = b.font_size_pt;
            r.color = b.color;
            const double w = m_.text_width(label_face, label, b.font_size_pt);
            r.x_pt = std::max(c.left, inner.left - label_gap_pt - w);  // wide numbers stay in the text block
            r.y_pt = v.first_baseline;
            r.text = label;
            r.tag = label_tag;
            v.items.push_back(r);
        }
        if (tight) pending_space_ = std::max(pending_space_, b.margin_bottom_pt * 0.3);
    }
    pending_space_ = std::max(pending_space_, b.margin_bottom_pt);
}

/// Terms in bold, each definition indented like a list item's text.
void Engine::definition_list(const model::DefinitionList& l, const Ctx& c) {
    style::BoxStyle term = c.in_quote ? st_.quote : st_.p;
    term.bold = true;
    term.text_indent_pt = 0;
    if (c.in_quote) term.margin_left_pt = 0;
    Ctx inner = c;
    const double indent = c.depth < max_indent_depth ? (st_.li.margin_left_pt > 0 ? st_.li.margin_left_pt : list_indent_pt) : 0;
    inner.left = c.left + indent;
    inner.width = c.width - indent;
    inner.depth = c.depth + 1;
    inner.tight = true;
    // A list whose labels are the terms.
    Element list_element(*this, Role::L);
    for (const auto& item : l.items) {
        Element li(*this, Role::LI);
        const double before = take_space(term.margin_top_pt);
        {
            Element lbl(*this, Role::Lbl);
            // The term stays on the page of its first definition.
            paragraph(spans_of(item.term, term), term, c, false, true, std::nullopt, before, true);
        }
        Element body(*this, Role::LBody);
        pending_space_ = 0;
        for (const auto& d : item.definitions) {
            blocks(d, inner);
            pending_space_ = std::max(pending_space_, term.margin_bottom_pt * 0.3);
        }
        pending_space_ = std::max(pending_space_, term.margin_bottom_pt);
    }
}

/// Paper cannot fold: the summary is a bold lead line kept with what follows, and the disclosed
/// content comes under it, indented like a definition so that the block's extent stays visible.
void Engine::details(const model::Details& d, const Ctx& c) {
    style::BoxStyle lead = c.in_quote ? st_.quote : st_.p;
    lead.bold = true;
    lead.text_indent_pt = 0;
    if (c.in_quote) lead.margin_left_pt = 0;
    // Tagged as a group: the summary is its first paragraph, the disclosed blocks follow.
    Element group(*this, Role::Div);
    if (!d.summary.empty()) {
        const double before = take_space(lead.margin_top_pt);
        Element para(*this, Role::P);
        paragraph(spans_of(d.summary, lead), lead, c, false, true, std::nullopt, before, true);
        pending_space_ = 0;
    }
    Ctx inner = c;
    const double indent = c.depth < max_indent_depth ? (st_.li.margin_left_pt > 0 ? st_.li.margin_left_pt : list_indent_pt) : 0;
    inner.left = c.left + indent;
    inner.width = c.width - indent;
    inner.depth = c.depth + 1;
    blocks(d.blocks, inner);
    pending_space_ = std::max(pending_space_, lead.margin_bottom_pt);
}

void Engine::quote(const model::BlockQuote& q, const Ctx& c) {
    Ctx inner = c;
    const double indent = c.depth < max_indent_depth ? st_.quote.margin_left_pt : 0;
    inner.left = c.left + indent;
    inner.width = c.width - indent;
    const double right = c.depth < max_indent_depth ? std::max(0.0, st_.quote.margin_right_pt) : 0;
    if (inner.width - right >= min_indented_measure_pt) inner.width -= right;
    inner.depth = c.depth + 1;
    inner.in_quote = true;
    Element element(*this, Role::BlockQuote);
    const std::size_t first = boxes_.size();
    blocks(q.blocks, inner);
    // A bar in the left margin of the quotation, drawn per box so it follows page breaks.
    for (std::size_t i = first; i < boxes_.size(); ++i) {
        VBox& v = boxes_[i];
        const double x = c.left + indent * 0.35;
        const double extend = i > first ? v.space_before : 0;
        v.items.push_back(Rule{x, -extend, x, v.height, 1.2, rule_grey});
    }
}

void Engine::code_block(const model::CodeBlock& cb, const model::SourcePos& pos, const Ctx& c) {
    const style::BoxStyle& b = st_.pre;
    const double size = b.font_size_pt;
    const double lead = size * b.line_height;
    const double inner_w = c.width - 2 * code_pad_pt;
    const std::string mark = "↪";
    const double mark_w = m_.text_width(Face::Mono, mark + " ", size);
    const double base = baseline_in(b, Face::Mono);
    std::vector<VBox> vs;
    std::set<char32_t> reported;
    Element element(*this, Role::Code);
    const Tag code_tag = content_tag();
    // `ends_source_line`: the last piece of a source line, whose break is a space in the text
    // read back from the tags (a wrapped line's pieces join as they are).
    auto add_line = [&](const std::string& text, bool continuation, bool ends_source_line) {
        VBox v;
        v.height = lead;
        v.first_baseline = base;
        v.trace = std::string("  code ") + (continuation ? "+ " : "") + text;
        v.items.push_back(FillRect{c.left, 0, c.width, lead, code_background});
        double x = c.left + code_pad_pt;
        if (continuation) {
            v.items.push_back(TextRun{Face::Mono, size, grey, x, base, 1, mark});
            x += mark_w;
        }
        if (!text.empty())
            v.items.push_back(TextRun{Face::Mono, size, b.color, x, base, 1, text, code_tag,
                                      ends_source_line ? RunEnd::Space : RunEnd::None});
        vs.push_back(std::move(v));
    };
    std::size_t line_no = 0;
    for (std::size_t from = 0; from <= cb.text.size(); ++line_no) {
        std::size_t nl = cb.text.find('\n', from);
        if (nl == std::string::npos) nl = cb.text.size();
        std::string raw = cb.text.substr(from, nl - from);
        from = nl + 1;
        // Tabs to spaces (every 4 columns), controls and characters outside the BMP dropped.
        std::string line;
        std::size_t col = 0;
        for (std::size_t i = 0; i < raw.size();) {
            const std::size_t at = i;
            const char32_t ch = base::utf8::decode(raw, i);
            if (ch == '\t') {
                do { line += ' '; ++col; } while (col % 4);
                continue;
            }
            if (ch < 0x20 || ch == 0x7F || ch > 0xFFFF || !m_.has_glyph(Face::Mono, ch)) {
                if ((ch > 0xFFFF || (ch >= 0x20 && ch != 0x7F)) && reported.insert(ch).second) {
                    const std::string what = ch > 0xFFFF
                        ? base::utf8::codepoint_name(ch) + " is outside the Basic Multilingual Plane and cannot be shown in the PDF"
                        : "no font has " + base::utf8::codepoint_name(ch);
                    // Code lines start on the line after the fence.
                    const std::uint32_t line = pos.line ? pos.line + 1 + static_cast<std::uint32_t>(line_no) : 0;
                    if (opts_.strict) diag_.error(line, 0, what); else diag_.warn(line, 0, what);
                }
                if (ch > 0xFFFF || ch < 0x20 || ch == 0x7F) continue;
            }
            line.append(raw, at, i - at);
            ++col;
        }
        // Wrap: prefer the last space that fits, else cut at the last character that fits.
        bool cont = false;
        while (true) {
            const double avail = inner_w - (cont ? mark_w : 0);
            if (m_.text_width(Face::Mono, line, size) <= avail) { add_line(line, cont, true); break; }
            std::size_t fit = 0, last_space = std::string::npos;
            for (std::size_t i = 0; i < line.size();) {
                const std::size_t at = i;
                base::utf8::decode(line, i);
                if (m_.text_width(Face::Mono, std::string_view(line).substr(0, i), size) > avail) break;
                fit = i;
                if (line[at] == ' ') last_space = at;
            }
            if (fit == 0) fit = base::utf8::valid_sequence_length(line, 0) ? base::utf8::valid_sequence_length(line, 0) : 1;
            std::size_t cut = (last_space != std::string::npos && last_space > 0) ? last_space + 1 : fit;
            add_line(line.substr(0, cut), cont, cut == line.size());
            line = line.substr(cut);
            cont = true;
            if (line.empty()) break;
        }
        if (nl == cb.text.size()) break;
    }
    if (vs.empty()) return;
    const std::size_t n = vs.size();
    // The block's last line ends the text: no break after it.
    for (auto& item : vs.back().items)
        if (auto* r = std::get_if<TextRun>(&item); r && r->tag == code_tag) r->end = RunEnd::None;
    for (std::size_t i = 0; i + 1 < n; ++i) vs[i].keep_with_next = i + 1 < 2 || n - (i + 1) < 2;
    // Padding above the first and below the last line, inside the grey background.
    VBox top;
    top.height = code_pad_pt * 0.6;
    top.space_before = take_space(std::max(b.margin_top_pt, 4.0));
    top.keep_with_next = true;
    top.items.push_back(FillRect{c.left, 0, c.width, top.height, code_background});
    push_box(std::move(top));
    for (auto& v : vs) push_box(std::move(v));
    VBox bottom;
    bottom.height = code_pad_pt * 0.6;
    bottom.items.push_back(FillRect{c.left, 0, c.width, bottom.height, code_background});
    boxes_.back().keep_with_next = true;
    push_box(std::move(bottom));
    pending_space_ = std::max(b.margin_bottom_pt, st_.p.margin_bottom_pt);
}

void Engine::thematic_break(const Ctx& c) {
    VBox v;
    v.space_before = take_space(st_.p.margin_bottom_pt);
    v.height = leading(st_.p);
    const double w = c.width / 4;
    const double x = c.left + (c.width - w) / 2;
    v.items.push_back(Rule{x, v.height / 2, x + w, v.height / 2, 0.6, rule_grey});
    v.trace = "  (thematic break)";
    push_box(std::move(v));
    pending_space_ = st_.p.margin_bottom_pt;
}

void Engine::table(const model::Table& t, const Ctx& c) {
    const std::size_t ncols = t.aligns.size();
    if (ncols == 0) return;
    const style::BoxStyle& td = st_.td;
    const style::BoxStyle& th = st_.th;
    // Natural (one line) and minimal (longest word) width of each column.
    std::vector<double> natural(ncols, 0), minimal(ncols, 0);
    auto measure = [&](const std::vector<model::TableRow>& rows, const style::BoxStyle& b) {
        for (const auto& row : rows)
            for (std::size_t k = 0; k < ncols && k < row.size(); ++k) {
                for (const auto& sp : spans_of(row[k].content, b)) {
                    const double w = m_.text_width(sp.face, sp.text, sp.size_pt);
                    natural[k] = std::max(natural[k], w);
                    for (const auto& word : model::split_words(sp.text))
                        minimal[k] = std::max(minimal[k], m_.text_width(sp.face, word, sp.size_pt));
                }
                // Cells made of several spans: the sum is what matters for the natural width.
                double sum = 0;
                for (const auto& sp : spans_of(row[k].content, b)) sum += m_.text_width(sp.face, sp.text, sp.size_pt);
                natural[k] = std::max(natural[k], sum);
            }
    };
    tagging_ = false;  // measuring only: the cells are tagged when they are set below
    measure(t.head, th);
    measure(t.body, td);
    tagging_ = true;
    const double pads = 2 * cell_pad_pt * static_cast<double>(ncols);
    const double avail = std::max(c.width - pads, 10.0 * static_cast<double>(ncols));
    double sum_nat = 0, sum_min = 0;
    for (std::size_t k = 0; k < ncols; ++k) {
        minimal[k] = std::min(minimal[k], avail / static_cast<double>(ncols) * 2);
        natural[k] = std::max(natural[k], minimal[k]);
        sum_nat += natural[k];
        sum_min += minimal[k];
    }
    std::vector<double> widths(ncols);
    for (std::size_t k = 0; k < ncols; ++k) {
        if (sum_nat <= avail) widths[k] = natural[k] + 0.5;
        else if (sum_min <= avail && sum_nat > sum_min)
            widths[k] = minimal[k] + (natural[k] - minimal[k]) * (avail - sum_min) / (sum_nat - sum_min);
        else widths[k] = avail * (sum_min > 0 ? minimal[k] / sum_min : 1.0 / static_cast<double>(ncols));
        widths[k] = std::max(widths[k], 4.0);
    }
    double table_w = pads;
    for (double w : widths) table_w += w;

    std::vector<VBox> rows;
    Element table_element(*this, Role::Table);
    auto add_row = [&](const model::TableRow& row, const style::BoxStyle& b, bool head) {
        Element tr(*this, Role::TR);
        VBox v;
        double x = c.left;
        double max_h = 0;
        std::string trace = head ? "  row(head)" : "  row";
        for (std::size_t k = 0; k < ncols; ++k) {
            const double w = widths[k];
            if (k < row.size()) {
                Element cell(*this, head ? Role::TH : Role::TD);
                ParagraphStyle ps;
                ps.width_pt = w;
                ps.align = t.aligns[k] == model::Align::Right ? style::TextAlign::Right
                         : t.aligns[k] == model::Align::Center ? style::TextAlign::Center
                                                                : style::TextAlign::Left;
                ps.hyphenate = b.hyphens == style::Hyphens::Auto;
                ps.soft_hyphens = b.hyphens != style::Hyphens::None;
                ps.lang = language(c);
                ps.costs = st_.ps.breaks;
                const auto spans = spans_of(row[k].content, b);
                const auto lines = set_paragraph(spans, ps, m_, hyph_, opts_.strict, diag_);
                std::vector<VBox> ls;
                emit_lines(lines, spans, b, x + cell_pad_pt, ls);
                double y = row_pad_pt;
                for (auto& l : ls) {
                    for (auto& item : l.items) {
                        std::visit(Overloaded{
                            [&](TextRun& r) { r.y_pt += y; },
                            [&](LinkArea& a) { a.y0_pt += y; a.y1_pt += y; },
                            [](auto&) {},
                        }, item);
                        v.items.push_back(std::move(item));
                    }
                    trace += " |" + l.trace.substr(1);
                    y += l.height;
                }
                max_h = std::max(max_h, y);
            }
            x += w + 2 * cell_pad_pt;
        }
        v.height = std::max(max_h, leading(b)) + row_pad_pt;
        v.trace = trace;
        if (head) {
            v.keep_with_next = true;
            v.items.push_back(Rule{c.left, v.height, c.left + table_w, v.height, 0.6, b.color});
        }
        rows.push_back(std::move(v));
    };
    if (!t.head.empty()) {
        Element head(*this, Role::THead);
        for (const auto& r : t.head) add_row(r, th, true);
    }
    if (!t.body.empty()) {
        Element body(*this, Role::TBody);
        for (const auto& r : t.body) add_row(r, td, false);
    }
    if (rows.empty()) return;
    // Booktabs: a heavier rule above and below the table, a light one under the head.
    rows.front().items.push_back(Rule{c.left, 0, c.left + table_w, 0, 0.9, td.color});
    rows.back().items.push_back(Rule{c.left, rows.back().height, c.left + table_w, rows.back().height, 0.9, td.color});
    rows.front().space_before = take_space(st_.p.margin_bottom_pt);
    if (!t.caption.empty()) rows.back().keep_with_next = true;
    for (auto& r : rows) push_box(std::move(r));
    if (!t.caption.empty()) {
        style::BoxStyle cap = st_.td;
        cap.italic = true;
        cap.align = style::TextAlign::Left;
        Element caption(*this, Role::Caption);
        paragraph(spans_of(t.caption, cap), cap, c, false, false, std::nullopt, 3, true);
    }
    pending_space_ = st_.p.margin_bottom_pt * 1.5;
}

/// Pictures above this many pixels are not embedded: decoding one takes a byte or more a pixel
/// whatever its file's size (a 389 KB PNG of 20,000 x 20,000 took 1.2 GB), and a printed page
/// shows a few megapixels at most.
constexpr double max_image_pixels = 100e6;

void Engine::figure(const model::Figure& f, const model::SourcePos& pos, const Ctx& c) {
    auto info = read_image_info(f.image.src);
    const double before = take_space(st_.p.margin_bottom_pt);
    style::BoxStyle cap = st_.note;
    cap.italic = true;
    cap.align = style::TextAlign::Center;
    if (info && static_cast<double>(info->width_px) * static_cast<double>(info->height_px) > max_image_pixels) {
        diag_.warn(pos.line, pos.col, "image '" + f.image.src + "' has " + std::to_string(info->width_px) + " x " +
                                          std::to_string(info->height_px) +
                                          " pixels, more than a PDF handout embeds (100 megapixels); its description is shown instead");
        info.reset();
    } else if (!info) {
        diag_.warn(pos.line, pos.col, "image '" + f.image.src + "' cannot be read (PNG or JPEG file expected); its description is shown instead");
    }
    if (!info) {
        Element para(*this, Role::P);  // the description is the text shown
        std::vector<Span> spans;
        if (!f.image.alt.empty()) {
            spans = spans_of({model::Inline{model::Text{f.image.alt}, pos}}, cap);
        }
        for (auto& s : spans_of(f.caption, cap)) {
            if (!spans.empty()) spans.back().text += ' ';
            spans.push_back(std::move(s));
        }
        if (!spans.empty()) paragraph(spans, cap, c, false, false, std::nullopt, before, false);
        pending_space_ = st_.p.margin_bottom_pt;
        return;
    }
    double w = info->width_px * points_per_inch / image_dpi;
    double h = info->height_px * points_per_inch / image_dpi;
    const double max_h = content_h_ * 0.8;  // room for a caption on the same page
    if (w > c.width) { h *= c.width / w; w = c.width; }
    if (h > max_h) { w *= max_h / h; h = max_h; }
    // A captioned figure is a Div holding the Figure and its Caption: a Figure's /Alt stands
    // for everything inside it, and the caption must stay readable.
    std::optional<Element> group;
    if (!f.caption.empty()) group.emplace(*this, Role::Div);
    // The picture is tagged as a Figure whose /Alt is its description (or else its title or
    // caption); a picture with none of them is decoration, an artifact.
    std::string alt = !f.image.alt.empty() ? f.image.alt : !f.image.title.empty() ? f.image.title : model::plain_text(f.caption);
    Tag figure_tag = artifact_tag;
    if (!alt.empty()) {
        Element fig(*this, Role::Figure);
        figure_tag = fig.tag;
        if (fig.tag != artifact_tag) fig.node().alt = std::move(alt);
    }
    VBox v;
    v.space_before = before;
    v.height = h;
    const double x = c.left + (c.width - w) / 2;
    v.items.push_back(ImageBox{f.image.src, info->png, x, 0, w, h, figure_tag});
    char buf[96];
    std::snprintf(buf, sizeof buf, "  image %dx%d px -> %.1fx%.1f pt", info->width_px, info->height_px, w, h);
    v.trace = buf;
    v.keep_with_next = !f.caption.empty();
    push_box(std::move(v));
    if (!f.caption.empty()) {
        Element caption(*this, Role::Caption);
        paragraph(spans_of(f.caption, cap), cap, c, false, false, std::nullopt, 4, true);
    }
    pending_space_ = st_.p.margin_bottom_pt * 1.5;
}

void Engine::title_block(const Ctx& c) {
    const auto& meta = doc_.meta;
    auto simple = [&](const std::string& text, const style::BoxStyle& b, const std::string& link = {}) {
        Span sp;
        sp.text = text;
        sp.face = face_of(b.bold, b.italic);
        sp.size_pt = b.font_size_pt;
        sp.color = b.color;
        sp.link = link;
        std::optional<Element> link_element;
        if (!link.empty()) {
            link_element.emplace(*this, Role::Link);
            link_element->node().alt = link;
            sp.link_tag = link_element->tag;
        }
        sp.tag = content_tag();
        return std::vector<Span>{sp};
    };
    bool any = false;
    // The title is the document's one H1; the byline and source are paragraphs.
    if (!meta.title.empty()) {
        Element h1(*this, Role::H1);
        paragraph(simple(meta.title, st_.title), st_.title, c, true, true, std::nullopt, 0, false);
        pending_space_ = st_.title.font_size_pt * 0.3;
        any = true;
    }
    if (!meta.subtitle.empty()) {
        Element para(*this, Role::P);
        paragraph(simple(meta.subtitle, st_.subtitle), st_.subtitle, c, true, true, std::nullopt, take_space(0), false);
        pending_space_ = st_.subtitle.font_size_pt * 0.4;
        any = true;
    }
    std::string byline;
    for (std::size_t i = 0; i < meta.authors.size(); ++i) {
        if (i) byline += i + 1 == meta.authors.size() ? " & " : ", ";
        byline += meta.authors[i];
    }
    if (!meta.date.empty()) {
        const std::string date = model::display_date(meta.date, meta.lang);
        byline += byline.empty() ? date : " · " + date;
    }
    if (!byline.empty()) {
        Element para(*this, Role::P);
        paragraph(simple(byline, st_.byline), st_.byline, c, true, true, std::nullopt, take_space(2), false);
        any = true;
    }
    if (!meta.source_url.empty()) {
        style::BoxStyle src = st_.footer;
        src.align = style::TextAlign::Left;
        Element para(*this, Role::P);
        auto spans = simple(meta.source_url, src, meta.source_url);
        paragraph(spans, src, c, true, true, std::nullopt, take_space(2), false);
        any = true;
    }
    if (!any) return;
    VBox rule;
    rule.space_before = 6;
    rule.height = 1;
    rule.items.push_back(Rule{c.left, 0.5, c.left + c.width, 0.5, 0.8, rule_grey});
    rule.trace = "  (title rule)";
    push_box(std::move(rule));
    pending_space_ = st_.p.font_size_pt * 1.2;
}

void Engine::endnotes(const Ctx& c) {
    if (doc_.footnotes.empty()) return;
    model::Heading h;
    h.level = 2;
    h.content.push_back(model::Inline{model::Text{"Notes"}, {}});  // the same word in English and French
    heading(h, c);
    const style::BoxStyle& b = st_.note;
    for (std::size_t i = 0; i < doc_.footnotes.size(); ++i) {
        const auto& fn = doc_.footnotes[i];
        Ctx inner = c;
        const double indent = std::max(list_indent_pt, m_.text_width(face_of(b.bold, b.italic),
                                                                      std::to_string(doc_.footnotes.size()) + ".",
                                                                      b.font_size_pt) + label_gap_pt);
        inner.left = c.left + indent;
        inner.width = c.width - indent;
        // Each note is a Note (with an /ID) holding its number, then its blocks (Lbl belongs
        // in list items only).
        Element note(*this, Role::Note);
        note.node().id = "fn" + std::to_string(i + 1);
        const Tag label_tag = content_tag();
        const std::size_t first = boxes_.size();
        for (const auto& blk : fn.blocks) {
            if (const auto* p = std::get_if<model::Paragraph>(&blk.node)) {
                Element para(*this, Role::P);
                paragraph(spans_of(p->content, b), b, inner, false, false, std::nullopt, take_space(0), true);
                pending_space_ = b.margin_bottom_pt * 0.5;
            } else {
                block(blk, inner);
            }
        }
        if (first < boxes_.size()) {
            const std::string label = std::to_string(i + 1) + ".";
            const Face f = face_of(b.bold, b.italic);
            const double w = m_.text_width(f, label, b.font_size_pt);
            boxes_[first].items.push_back(
                TextRun{f, b.font_size_pt, b.color, std::max(c.left, inner.left - label_gap_pt - w),
                        boxes_[first].first_baseline, 1, label, label_tag});
        }
    }
}

/// `text` shortened at a character boundary, with an ellipsis, to fit `width`: the longest
/// prefix that fits, found by bisection (a title may be a whole page of text read as one line,
/// and measuring it once per character dropped took minutes).
std::string truncate_to(const FontMetrics& m, Face f, double size, const std::string& text, double width) {
    if (m.text_width(f, text, size) <= width) return text;
    const std::string ell = "…";
    std::vector<std::size_t> cuts;  // byte offsets where a character starts, 0 excluded
    for (std::size_t i = 1; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
    auto fits = [&](std::size_t k) { return m.text_width(f, text.substr(0, cuts[k]) + ell, size) <= width; };
    // The longest prefix that fits; widths grow with the prefix (up to kerning), so the search
    // keeps lo fitting and hi not.
    std::size_t lo = 0, hi = cuts.size();
    if (cuts.empty() || !fits(0)) return ell;
    while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        (fits(mid) ? lo : hi) = mid;
    }
    return text.substr(0, cuts[lo]) + ell;
}

void Engine::page_furniture(LaidOut& lo, double page_w, double page_h) {
    const auto& pm = st_.ps.margins;
    const std::size_t total = lo.pages.size();
    const style::BoxStyle& hb = st_.header;
    const style::BoxStyle& fb = st_.footer;
    const Face hf = face_of(hb.bold, hb.italic), ff = face_of(fb.bold, fb.italic);
    const double text_w = page_w - pm.left_pt - pm.right_pt;
    // The running header is the same on every page.
    const bool header = total > 1 && st_.ps.running_header && !doc_.meta.title.empty();
    const std::string t = header ? truncate_to(m_, hf, hb.font_size_pt, doc_.meta.title, text_w) : std::string();
    const double tw = header ? m_.text_width(hf, t, hb.font_size_pt) : 0.0;
    for (std::size_t i = 0; i < total; ++i) {
        Page& p = lo.pages[i];
        if (i > 0 && header) {
            const double y = page_h - pm.top_pt + hb.font_size_pt * 2.2;
            double x = pm.left_pt;
            if (hb.align == style::TextAlign::Center) x += (text_w - tw) / 2;
            else if (hb.align == style::TextAlign::Right) x += text_w - tw;
            p.items.push_back(TextRun{hf, hb.font_size_pt, hb.color, x, y, 1, t, pagination_tag});
            const double ry = y - hb.font_size_pt * 0.6;
            p.items.push_back(Rule{pm.left_pt, ry, page_w - pm.right_pt, ry, 0.4, rule_grey, pagination_tag});
        }
        const std::string& fmt = st_.ps.page_number_format;
        // A one-page document needs no page number ("1 / 1" says nothing).
        if (!fmt.empty() && fmt != "none" && total > 1) {
            std::string s;
            for (char ch : fmt) {
                if (ch == 'n') s += std::to_string(i + 1);
                else if (ch == 'N') s += std::to_string(total);
                else s += ch;
            }
            const double w = m_.text_width(ff, s, fb.font_size_pt);
            const double bottom = i == 0 ? st_.ps.first_margins.bottom_pt : pm.bottom_pt;
            const double y = bottom - fb.font_size_pt * 2.8;
            p.items.push_back(TextRun{ff, fb.font_size_pt, fb.color, (page_w - w) / 2, std::max(y, fb.font_size_pt), 1, s,
                                      pagination_tag});
        }
    }
}

LaidOut Engine::run(double page_w, double page_h) {
    const auto& pm = st_.ps.margins;
    const auto& fm = st_.ps.first_margins;
    Ctx c;
    c.left = pm.left_pt;
    c.width = page_w - pm.left_pt - pm.right_pt;
    if (c.width < 72 || page_h - pm.top_pt - pm.bottom_pt < 72)
        throw base::Error(base::ErrorCode::Style, "page margins leave less than one inch for the text");
    content_h_ = page_h - pm.top_pt - pm.bottom_pt;
    title_block(c);
    // Body text in columns when the style asks for them (and they stay over 2 inches wide); the
    // title block above spans them all.
    const std::size_t spanning = boxes_.size();
    std::size_t columns = static_cast<std::size_t>(std::max(1, st_.ps.columns));
    const double gap = st_.ps.column_gap_pt;
    while (columns > 1 && (c.width - gap * static_cast<double>(columns - 1)) / static_cast<double>(columns) < 144) --columns;
    const double column_w = (c.width - gap * static_cast<double>(columns - 1)) / static_cast<double>(columns);
    Ctx body = c;
    body.width = column_w;
    blocks(doc_.blocks, body);
    endnotes(body);

    // Pagination.
    LaidOut lo;
    lo.width_pt = page_w;
    lo.height_pt = page_h;
    struct Placed { std::size_t box; double top; double dx; };
    auto bottom_of = [&](std::size_t page) { return page_h - (page == 0 ? fm.bottom_pt : pm.bottom_pt); };
    auto top_of = [&](std::size_t page) { return page == 0 ? fm.top_pt : pm.top_pt; };
    constexpr double fit_slack_pt = 0.01;  // rounding: a box that fits exactly must fit
    // Greedy filling, column by column and page by page; `short_page` ends `shortened_by`
    // points above its bottom. The spanning boxes (the title block) open the first page, and the
    // columns start below them.
    auto paginate = [&](std::size_t short_page, double shortened_by) {
        std::vector<std::vector<Placed>> pages(1);
        double cursor = fm.top_pt, frame_top = fm.top_pt;
        std::size_t column = 0;
        bool frame_empty = true;
        auto limit = [&](std::size_t page) { return bottom_of(page) - (page == short_page ? shortened_by : 0.0); };
        auto next_frame = [&](bool new_page) {
            if (!new_page && column + 1 < columns) {
                ++column;
            } else {
                pages.emplace_back();
                column = 0;
                frame_top = top_of(pages.size() - 1);
            }
            cursor = frame_top;
            frame_empty = true;
        };
        std::size_t frame_start = 0;
        for (std::size_t i = 0; i < boxes_.size();) {
            const VBox& v = boxes_[i];
            auto& cur = pages.back();
            if (columns > 1 && i == spanning && i > 0 && !frame_empty) {
                frame_top = cursor + v.space_before;  // the columns start below the title block
                cursor = frame_top;
                frame_empty = true;
                frame_start = i;
            }
            if (v.break_before && !cur.empty()) {
                next_frame(true);
                frame_start = i;
                continue;
            }
            const double space = frame_empty ? 0 : v.space_before;
            if (frame_empty || cursor + space + v.height <= limit(pages.size() - 1) + fit_slack_pt) {
                const double dx = i < spanning ? 0.0 : static_cast<double>(column) * (column_w + gap);
                cur.push_back({i, cursor + space, dx});
                cursor += space + v.height;
                frame_empty = false;
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j > frame_start && boxes_[j - 1].keep_with_next) --j;
            if (j == frame_start) j = i;  // a chain longer than a frame: break where it overflows
            while (!cur.empty() && cur.back().box >= j) cur.pop_back();
            next_frame(false);
            frame_start = j;
            i = j;
        }
        return pages;
    };
    std::vector<std::vector<Placed>> pages = paginate(SIZE_MAX, 0);
    // A last page of one to three lines looks like an accident: break the page before it
    // earlier, a line at a time, while that page stays over half full and the count of pages
    // holds, so that the last page gets a few more lines.
    constexpr std::size_t short_last_page = 3;
    // Lines of text (boxes with text: spacers and rules do not count).
    auto text_lines = [&](const std::vector<Placed>& page) {
        return static_cast<std::size_t>(std::count_if(page.begin(), page.end(), [&](const Placed& pl) {
            const auto& items = boxes_[pl.box].items;
            return std::any_of(items.begin(), items.end(), [](const DrawItem& d) { return std::holds_alternative<TextRun>(d); });
        }));
    };
    const std::size_t n = pages.size();
    if (n > 1 && text_lines(pages[n - 1]) <= short_last_page && !boxes_[pages[n - 1].front().box].break_before) {
        const double step = leading(st_.p);
        const double page_text = bottom_of(n - 2) - top_of(n - 2);
        for (double cut = step; cut <= page_text / 2; cut += step) {
            auto trial = paginate(n - 2, cut);
            if (trial.size() != n) break;
            if (text_lines(trial[n - 1]) > short_last_page) {
                pages = std::move(trial);
                break;
            }
        }
    }
    for (std::size_t pi = 0; pi < pages.size(); ++pi) {
        Page page;
        if (opts_.trace) lo.trace += "=== page " + std::to_string(pi + 1) + "\n";
        std::size_t n_items = 0;
        for (const auto& pl : pages[pi]) n_items += boxes_[pl.box].items.size();
        page.items.reserve(n_items);
        for (const auto& pl : pages[pi]) {
            VBox& v = boxes_[pl.box];
            for (auto& d : v.items) page.items.push_back(to_page(std::move(d), pl.top, page_h, pl.dx));
            std::vector<DrawItem>().swap(v.items);  // each box's items move to its page: no second copy
            if (opts_.trace && !v.trace.empty()) lo.trace += v.trace + "\n";
            for (auto& id : v.targets) lo.targets.push_back({std::move(id), pi, page_h - pl.top});
            if (v.outline) {
                OutlineEntry o = *v.outline;
                o.page = pi;
                o.y_pt = page_h - pl.top;
                lo.outline.push_back(std::move(o));
            }
        }
        lo.pages.push_back(std::move(page));
    }
    page_furniture(lo, page_w, page_h);
    lo.structure = std::move(tree_);
    return lo;
}

/// Words of the inlines (runs of non-space bytes), counted without building any text.
std::size_t count_words(const std::string& s) {
    std::size_t n = 0;
    bool in_word = false;
    for (const char ch : s) {
        const bool space = ch == ' ' || ch == '\n' || ch == '\t';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

std::size_t count_words(const model::Inlines& xs);
std::size_t count_words(const model::Blocks& bs);

std::size_t count_words(const model::Inlines& xs) {
    std::size_t n = 0;
    for (const auto& x : xs)
        n += std::visit(Overloaded{
            [](const model::Text& t) { return count_words(t.text); },
            [](const model::Code& c) { return count_words(c.text); },
            [](const model::Image& i) { return count_words(i.alt); },
            [](const model::LineBreak&) -> std::size_t { return 0; },
            [](const model::FootnoteRef&) -> std::size_t { return 1; },
            [](const model::Anchor&) -> std::size_t { return 0; },
            [](const auto& e) { return count_words(e.children); },
        }, x.node);
    return n;
}

std::size_t count_words(const model::Blocks& bs) {
    std::size_t n = 0;
    for (const auto& b : bs)
        n += std::visit(Overloaded{
            [](const model::Paragraph& p) { return count_words(p.content); },
            [](const model::Heading& h) { return count_words(h.content); },
            [](const model::BulletList& l) {
                std::size_t k = 0;
                for (const auto& it : l.items) k += 1 + count_words(it.blocks);
                return k;
            },
            [](const model::OrderedList& l) {
                std::size_t k = 0;
                for (const auto& it : l.items) k += 1 + count_words(it.blocks);
                return k;
            },
            [](const model::BlockQuote& q) { return count_words(q.blocks); },
            [](const model::CodeBlock& c) { return count_words(c.text); },
            [](const model::ThematicBreak&) -> std::size_t { return 1; },
            [](const model::Table& t) {
                std::size_t k = count_words(t.caption);
                for (const auto* rows : {&t.head, &t.body})
                    for (const auto& r : *rows)
                        for (const auto& c : r) k += 1 + count_words(c.content);
                return k;
            },
            [](const model::Figure& f) { return 1 + count_words(f.image.alt) + count_words(f.caption); },
            [](const model::DefinitionList& l) {
                std::size_t k = 0;
                for (const auto& it : l.items) {
                    k += count_words(it.term);
                    for (const auto& d : it.definitions) k += count_words(d);
                }
                return k;
            },
            [](const model::Details& d) { return count_words(d.summary) + count_words(d.blocks); },
        }, b.node);
    return n;
}

}  // namespace

std::pair<double, double> paper_size(std::string_view name) {
    const std::string n = base::utf8::to_lower(name);
    if (n == "a4") return {595.276, 841.89};
    if (n == "letter") return {612, 792};
    if (n == "a5") return {419.528, 595.276};
    throw base::Error(base::ErrorCode::Usage, "unknown paper size '" + std::string(name) + "' (A4, Letter, A5)");
}

std::vector<std::string> text_families(const style::PageStyle& ps) { return ps.box("body").font_family; }

std::vector<std::string> display_families(const style::PageStyle& ps) {
    const auto& h = ps.box("h1").font_family;
    return h.empty() ? ps.box("body").font_family : h;
}

std::vector<std::string> mono_families(const style::PageStyle& ps) {
    const auto& code = ps.box("code").font_family;
    if (code != ps.box("body").font_family && !code.empty()) return code;
    return {"DejaVu Sans Mono", "Liberation Mono", "monospace"};
}

LaidOut layout_document(const model::Document& doc, const style::PageStyle& ps, const LayoutOptions& opts,
                        const FontMetrics& metrics, const Hyphenator* hyphenator, base::Diagnostics& diag) {
    double w = ps.width_pt, h = ps.height_pt;
    if (!opts.paper.empty()) std::tie(w, h) = paper_size(opts.paper);
    std::size_t words = count_words(doc.blocks);
    for (const auto& fn : doc.footnotes) words += count_words(fn.blocks);
    if (words > max_words)
        throw base::Error(base::ErrorCode::Input, "document too long for a PDF handout: " + std::to_string(words) +
                                                      " words (limit " + std::to_string(max_words) + ")");
    Styles st(ps);
    Engine e(doc, st, opts, metrics, hyphenator, diag);
    return e.run(w, h);
}

}  // namespace folio::layout
