// The Markdown reader: cmark-gfm (CommonMark + GFM tables, strikethrough, autolinks, task lists,
// footnotes) parses; this file maps its AST onto the model, turning raw HTML, unsafe links and
// unusable images into model nodes or plain text plus diagnostics.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "base/error.hpp"
#include "base/utf8.hpp"
#include "parse/url_text.hpp"
#include "model/text.hpp"
#include "model/typography.hpp"
#include "parse/front_matter.hpp"
#include "parse/html/build.hpp"
#include "parse/input.hpp"
#include "parse/language.hpp"
#include "parse/reader.hpp"

namespace folio::parse {
namespace {

using base::utf8::ascii_lower;

namespace fs = std::filesystem;
namespace utf8 = base::utf8;
using model::Block;
using model::Blocks;
using model::Inline;
using model::Inlines;
using model::SourcePos;

/// Block containers (quotes, lists) converted recursively; real documents stay under ten
/// levels, and this bound keeps the conversion far from the stack limit on hostile input
/// (10,000 nested `>`). Deeper content is flattened into one paragraph.
constexpr int max_block_depth = 64;
/// Same for nested inlines (emphasis in links in emphasis ...).
constexpr int max_inline_depth = 64;
/// Raw-HTML warnings given one by one; the rest are counted in one summary line.
constexpr std::size_t max_html_warnings = 20;
/// Bytes read from an image file to recognise its format.
constexpr std::size_t image_sniff_bytes = 512;

// ---------------------------------------------------------------- cmark RAII

struct ParserDeleter {
    void operator()(cmark_parser* p) const noexcept { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const noexcept { cmark_node_free(n); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const noexcept { cmark_iter_free(i); }
};

std::unique_ptr<cmark_node, NodeDeleter> parse_cmark(std::string_view text) {
    // One parse at a time in the process: cmark-gfm keeps the inline parser's special characters
    // in one global table, adds the extensions' ('~' for strikethrough) when a parser finishes
    // and takes them out again right after, so a parse finishing beside another one made it read
    // "~~text~~" as plain text, now and then (cmark-gfm issue #221). Its registration of the
    // core extensions is unguarded too. The tree it returns is the caller's own.
    static std::mutex cmark_globals;
    std::lock_guard lock(cmark_globals);
    cmark_gfm_core_extensions_ensure_registered();
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE));
    if (!parser) throw base::Error(base::ErrorCode::Library, "cmark-gfm could not create a parser");
    for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
        cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
        if (!ext || !cmark_parser_attach_syntax_extension(parser.get(), ext))
            throw base::Error(base::ErrorCode::Library, std::string("cmark-gfm extension missing: ") + name);
    }
    cmark_parser_feed(parser.get(), text.data(), text.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
    if (!doc) throw base::Error(base::ErrorCode::Library, "cmark-gfm failed to parse the input");
    return doc;
}

std::string_view type_name(cmark_node* n) {
    const char* s = cmark_node_get_type_string(n);
    return s ? std::string_view(s) : std::string_view();
}

std::string literal(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s ? std::string(s) : std::string();
}

std::string str(const char* s) { return s ? std::string(s) : std::string(); }

// ---------------------------------------------------------------- small text helpers

/// Named entities that occur in hand-written HTML; numeric references are decoded generally.
constexpr std::array<std::pair<std::string_view, char32_t>, 48> named_entities{{
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
    {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"hellip", 0x2026}, {"mdash", 0x2014},
    {"ndash", 0x2013}, {"laquo", 0xAB}, {"raquo", 0xBB}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bull", 0x2022}, {"middot", 0xB7}, {"deg", 0xB0},
    {"euro", 0x20AC}, {"pound", 0xA3}, {"yen", 0xA5}, {"sect", 0xA7}, {"para", 0xB6},
    {"times", 0xD7}, {"divide", 0xF7}, {"plusmn", 0xB1}, {"eacute", 0xE9}, {"egrave", 0xE8},
    {"ecirc", 0xEA}, {"agrave", 0xE0}, {"acirc", 0xE2}, {"ccedil", 0xE7}, {"ocirc", 0xF4},
    {"ucirc", 0xFB}, {"ugrave", 0xF9}, {"iuml", 0xEF}, {"euml", 0xEB}, {"auml", 0xE4},
    {"ouml", 0xF6}, {"uuml", 0xFC}, {"szlig", 0xDF}, {"ntilde", 0xF1}, {"Eacute", 0xC9},
    {"rarr", 0x2192}, {"larr", 0x2190},
}};

/// Decodes character references in raw HTML text (cmark decodes them only in Markdown text).
std::string decode_entities(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') { out += s[i]; continue; }
        const std::size_t semi = s.find(';', i + 1);
        if (semi == std::string_view::npos || semi - i > 32) { out += '&'; continue; }
        const std::string_view name = s.substr(i + 1, semi - i - 1);
        char32_t cp = 0;
        if (name.size() > 1 && name[0] == '#') {
            const bool hex = name[1] == 'x' || name[1] == 'X';
            const std::string digits(name.substr(hex ? 2 : 1));
            if (!digits.empty() && digits.size() <= 7 &&
                digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") == std::string::npos)
                cp = static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
            if (cp == 0 || cp > 0x10FFFF || utf8::is_xml_forbidden(cp)) cp = cp == 0 && digits.empty() ? 0 : utf8::replacement;
        } else {
            for (const auto& [n, c] : named_entities)
                if (n == name) cp = c;
        }
        if (cp == 0) { out += '&'; continue; }
        utf8::append(out, cp);
        i = semi;
    }
    return out;
}

/// Collapses runs of HTML white space to one space.
std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool space = false;
    for (const char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    if (space) out += ' ';
    return out;
}

// ---------------------------------------------------------------- raw HTML tokens

struct HtmlToken {
    enum Kind { Text, Open, Close, Comment, Other } kind = Text;
    std::string name;  // lower-case tag name
    std::string text;  // Text: the raw text
    std::vector<std::pair<std::string, std::string>> attrs;
    bool self_closing = false;
    std::size_t offset = 0;  // byte offset in the literal

    std::string attr(std::string_view key) const {
        for (const auto& [k, v] : attrs)
            if (k == key) return v;
        return {};
    }
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::vector<HtmlToken> tokenize_html(std::string_view s) {
    std::vector<HtmlToken> out;
    std::size_t i = 0;
    auto add_text = [&](std::size_t from, std::size_t to) {
        if (to <= from) return;
        if (!out.empty() && out.back().kind == HtmlToken::Text) { out.back().text.append(s.substr(from, to - from)); return; }
        HtmlToken t;
        t.kind = HtmlToken::Text;
        t.text = std::string(s.substr(from, to - from));
        t.offset = from;
        out.push_back(std::move(t));
    };
    while (i < s.size()) {
        const std::size_t lt = s.find('<', i);
        if (lt == std::string_view::npos) { add_text(i, s.size()); break; }
        add_text(i, lt);
        HtmlToken t;
        t.offset = lt;
        if (s.substr(lt, 4) == "<!--") {
            const std::size_t end = s.find("-->", lt + 4);
            t.kind = HtmlToken::Comment;
            i = end == std::string_view::npos ? s.size() : end + 3;
            out.push_back(std::move(t));
            continue;
        }
        if (lt + 1 < s.size() && (s[lt + 1] == '!' || s[lt + 1] == '?')) {
            const std::size_t end = s.find('>', lt);
            t.kind = HtmlToken::Other;
            i = end == std::string_view::npos ? s.size() : end + 1;
            out.push_back(std::move(t));
            continue;
        }
        const bool closing = lt + 1 < s.size() && s[lt + 1] == '/';
        std::size_t p = lt + (closing ? 2 : 1);
        if (p >= s.size() || !is_alpha(s[p])) {  // a lone '<' is text
            add_text(lt, lt + 1);
            i = lt + 1;
            continue;
        }
        const std::size_t name_start = p;
        while (p < s.size() && (is_alpha(s[p]) || (s[p] >= '0' && s[p] <= '9') || s[p] == '-' || s[p] == ':')) ++p;
        t.name = ascii_lower(s.substr(name_start, p - name_start));
        t.kind = closing ? HtmlToken::Close : HtmlToken::Open;
        // Attributes: name, name=value, name="value", name='value'.
        while (p < s.size() && s[p] != '>') {
            if (is_html_space(s[p])) { ++p; continue; }
            if (s[p] == '/') { t.self_closing = true; ++p; continue; }
            const std::size_t an = p;
            while (p < s.size() && !is_html_space(s[p]) && s[p] != '=' && s[p] != '>' && s[p] != '/') ++p;
            std::string key = ascii_lower(s.substr(an, p - an));
            std::string value;
            while (p < s.size() && is_html_space(s[p])) ++p;
            if (p < s.size() && s[p] == '=') {
                ++p;
                while (p < s.size() && is_html_space(s[p])) ++p;
                if (p < s.size() && (s[p] == '"' || s[p] == '\'')) {
                    const char q = s[p];
                    const std::size_t end = s.find(q, p + 1);
                    const std::size_t stop = end == std::string_view::npos ? s.size() : end;
                    value = decode_entities(s.substr(p + 1, stop - p - 1));
                    p = stop == s.size() ? stop : stop + 1;
                } else {
                    const std::size_t vs = p;
                    while (p < s.size() && !is_html_space(s[p]) && s[p] != '>') ++p;
                    value = decode_entities(s.substr(vs, p - vs));
                }
            }
            if (!key.empty()) t.attrs.emplace_back(std::move(key), std::move(value));
            if (an == p) ++p;  // never stall on an unexpected character
        }
        i = p < s.size() ? p + 1 : s.size();
        out.push_back(std::move(t));
    }
    return out;
}

enum class TagRole { LineBreak, Emphasis, Strong, Superscript, Subscript, Strikeout, Code, Link, Image, Drop, Block, Transparent };

/// What an HTML element means for the model.
TagRole role_of(std::string_view name) {
    if (name == "br") return TagRole::LineBreak;
    if (name == "em" || name == "i" || name == "cite" || name == "var" || name == "dfn") return TagRole::Emphasis;
    if (name == "strong" || name == "b") return TagRole::Strong;
    if (name == "sup") return TagRole::Superscript;
    if (name == "sub") return TagRole::Subscript;
    if (name == "del" || name == "s" || name == "strike") return TagRole::Strikeout;
    if (name == "code" || name == "kbd" || name == "tt" || name == "samp") return TagRole::Code;
    if (name == "a") return TagRole::Link;
    if (name == "img") return TagRole::Image;
    // Content that is not text for a reader: scripts, styles, embedded objects, forms.
    static constexpr std::array<std::string_view, 10> dropped{
        "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea"};
    if (std::find(dropped.begin(), dropped.end(), name) != dropped.end()) return TagRole::Drop;
    static constexpr std::array<std::string_view, 36> blocks{
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead",
        "tbody", "tfoot", "tr", "td", "th", "blockquote", "pre", "section", "article", "header", "footer",
        "details", "summary", "figure", "figcaption", "center", "hr", "nav", "aside", "main"};
    if (std::find(blocks.begin(), blocks.end(), name) != blocks.end()) return TagRole::Block;
    return TagRole::Transparent;
}

bool is_void_element(std::string_view name) {
    return name == "br" || name == "img" || name == "hr" || name == "input" || name == "meta" || name == "link" ||
           name == "wbr" || name == "source" || name == "col" || name == "area" || name == "embed" || name == "param";
}

// ---------------------------------------------------------------- links and images

bool is_remote(std::string_view url) {
    const std::string s = ascii_lower(url.substr(0, 16));
    if (s.rfind("//", 0) == 0) return true;
    const std::size_t colon = s.find(':');
    if (colon == std::string::npos || colon < 2) return false;  // "C:" is a drive, not a scheme
    return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'; });
}

enum class ImageKind { None, Png, Jpeg, Gif, Svg };

ImageKind sniff_image(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return ImageKind::None;
    std::string head(image_sniff_bytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    using namespace std::string_view_literals;
    const std::string_view h = head;
    if (h.substr(0, 8) == "\x89PNG\r\n\x1a\n"sv) return ImageKind::Png;
    if (h.substr(0, 3) == "\xFF\xD8\xFF"sv) return ImageKind::Jpeg;
    if (h.substr(0, 6) == "GIF87a"sv || h.substr(0, 6) == "GIF89a"sv) return ImageKind::Gif;
    const std::size_t start = h.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start != std::string_view::npos && h[start] == '<' && h.find("<svg") != std::string_view::npos) return ImageKind::Svg;
    return ImageKind::None;
}

bool is_inside(const fs::path& p, const fs::path& dir) {
    std::error_code ec;
    const fs::path d = fs::weakly_canonical(dir, ec);
    if (ec) return false;
    auto pi = p.begin();
    for (auto di = d.begin(); di != d.end(); ++di, ++pi) {
        if (di->empty()) continue;  // trailing separator
        if (pi == p.end() || *pi != *di) return false;
    }
    return true;
}

// ---------------------------------------------------------------- positions

/// cmark gives 1-based byte columns; the model wants code points.
class LineIndex {
public:
    explicit LineIndex(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts_.push_back(i + 1);
    }
    SourcePos pos(int line, int byte_col) const {
        if (line <= 0) return {};
        const auto l = static_cast<std::size_t>(line);
        if (l > starts_.size()) return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(std::max(byte_col, 1))};
        const std::size_t start = starts_[l - 1];
        const std::size_t end = l < starts_.size() ? starts_[l] : text_.size();
        const std::size_t bytes = std::min<std::size_t>(static_cast<std::size_t>(std::max(byte_col - 1, 0)), end - start);
        // Positions are asked for in reading order, many on one line (a paragraph of 20,000
        // links written on one line): the count goes on from the last one on the same line,
        // where that one ended between two characters.
        std::size_t from = 0, count = 0;
        if (l == last_line_ && bytes >= last_bytes_ &&
            (last_bytes_ == 0 || start + last_bytes_ >= text_.size() ||
             (static_cast<unsigned char>(text_[start + last_bytes_]) & 0xC0) != 0x80)) {
            from = last_bytes_;
            count = last_count_;
        }
        count += utf8::length(text_.substr(start + from, bytes - from));
        last_line_ = l;
        last_bytes_ = bytes;
        last_count_ = count;
        return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(count + 1)};
    }
    bool has_line(int line) const { return line > 0 && static_cast<std::size_t>(line) <= starts_.size(); }
    std::string_view line_text(int line) const {
        if (line <= 0 || static_cast<std::size_t>(line) > starts_.size()) return {};
        const std::size_t start = starts_[static_cast<std::size_t>(line) - 1];
        const std::size_t end = static_cast<std::size_t>(line) < starts_.size() ? starts_[static_cast<std::size_t>(line)] : text_.size();
        return text_.substr(start, end - start);
    }

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
    // The last position asked for: its line, byte offset in the line and characters before it.
    mutable std::size_t last_line_ = 0, last_bytes_ = 0, last_count_ = 0;
};

/// Joins adjacent Text nodes and drops empty ones (soft breaks and HTML leave many pieces).
void merge_texts(Inlines& xs) {
    Inlines out;
    out.reserve(xs.size());
    for (auto& x : xs) {
        if (auto* t = std::get_if<model::Text>(&x.node)) {
            if (t->text.empty()) continue;
            if (!out.empty())
                if (auto* prev = std::get_if<model::Text>(&out.back().node)) {
                    // Removed markup can leave a space on both sides: keep one.
                    const bool doubled = !prev->text.empty() && prev->text.back() == ' ' && t->text.front() == ' ';
                    prev->text.append(t->text, doubled ? 1 : 0);
                    continue;
                }
        }
        out.push_back(std::move(x));
    }
    xs = std::move(out);
}

void trim_inlines(Inlines& xs) {
    while (!xs.empty()) {
        auto* t = std::get_if<model::Text>(&xs.front().node);
        if (!t) break;
        const auto b = t->text.find_first_not_of(' ');
        if (b == std::string::npos) { xs.erase(xs.begin()); continue; }
        t->text.erase(0, b);
        break;
    }
    while (!xs.empty()) {
        auto* t = std::get_if<model::Text>(&xs.back().node);
        if (!t) break;
        const auto e = t->text.find_last_not_of(' ');
        if (e == std::string::npos) { xs.pop_back(); continue; }
        t->text.erase(e + 1);
        break;
    }
}

// ---------------------------------------------------------------- the converter

class Converter {
public:
    Converter(std::string_view text, const ReadOptions& opts, base::Diagnostics& diag, model::Document& doc)
        : lines_(text), diag_(diag), doc_(doc), base_dir_(opts.base_dir.empty() ? fs::path(".") : opts.base_dir) {
        // An empty folder would make every path "inside" it: it means the current folder.
        for (const auto& dir : opts.resource_paths)
            if (!dir.empty()) resource_dirs_.push_back(dir);
    }

    void run(cmark_node* root) {
        index_footnotes(root);
        Blocks blocks;
        for (cmark_node* c = cmark_node_first_child(root); c; c = cmark_node_next(c)) block(c, 1, blocks);
        close_open_details(blocks);
        doc_.blocks = std::move(blocks);
        if (html_warnings_ > max_html_warnings)
            diag_.warn(0, 0, std::to_string(html_warnings_ - max_html_warnings) + " more raw HTML elements dropped");
    }

private:
    SourcePos pos_of(cmark_node* n, SourcePos fallback = {}) const {
        const int line = cmark_node_get_start_line(n);
        if (line <= 0) return fallback;
        return lines_.pos(line, cmark_node_get_start_column(n));
    }

    void warn(SourcePos p, std::string msg) { diag_.warn(p.line, p.col, std::move(msg)); }

    void warn_html(SourcePos p, std::string msg) {
        if (++html_warnings_ <= max_html_warnings) warn(p, std::move(msg));
    }

    // ------------------------------------------------ footnotes

    /// cmark-gfm moves every referenced definition to the end of the document, in order of
    /// first reference (unreferenced ones are discarded), and does not expose their labels:
    /// read each label back from the definition's source line.
    void index_footnotes(cmark_node* root) {
        for (cmark_node* n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
            if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION) continue;
            const std::string_view line = lines_.line_text(cmark_node_get_start_line(n));
            std::string label;
            const std::size_t open = line.find("[^");
            const std::size_t close = open == std::string_view::npos ? open : line.find("]:", open);
            if (close != std::string_view::npos) label = std::string(line.substr(open + 2, close - open - 2));
            if (label.empty()) label = std::to_string(doc_.footnotes.size() + 1);
            def_index_[n] = doc_.footnotes.size();
            doc_.footnotes.push_back(model::Footnote{label, {}, pos_of(n)});
        }
        report_unused_footnotes();
    }

    /// cmark-gfm silently discards definitions nobody references: find them in the source
    /// (outside fenced code) so that their loss is at least reported.
    void report_unused_footnotes() {
        std::vector<std::string> used;
        for (const auto& f : doc_.footnotes) used.push_back(f.label);
        std::string fence;
        for (int line = 1;; ++line) {
            std::string_view l = lines_.line_text(line);
            if (l.empty() && !lines_.has_line(line)) break;
            std::size_t i = 0;
            while (i < l.size() && (l[i] == ' ' || l[i] == '>' || l[i] == '\t')) ++i;
            const std::string_view rest = l.substr(i);
            if (rest.rfind("```", 0) == 0 || rest.rfind("~~~", 0) == 0) {
                const std::string marker(rest.substr(0, 3));
                if (fence.empty()) fence = marker;
                else if (fence == marker) fence.clear();
                continue;
            }
            if (!fence.empty() || rest.rfind("[^", 0) != 0) continue;
            const std::size_t close = rest.find("]:");
            if (close == std::string_view::npos || close <= 2) continue;
            const std::string label(rest.substr(2, close - 2));
            if (std::find(used.begin(), used.end(), label) != used.end()) continue;
            const SourcePos p = lines_.pos(line, static_cast<int>(i) + 1);
            warn(p, "footnote [^" + label + "] is never referenced and is left out");
        }
    }

    /// cmark-gfm gives a reference the 1-based number of its definition (in reference order)
    /// as its literal, not the author's label.
    std::optional<std::size_t> footnote_for(const std::string& number) const {
        if (number.empty() || number.size() > 9 || number.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        const std::size_t n = std::stoul(number);
        if (n == 0 || n > doc_.footnotes.size()) return std::nullopt;
        return n - 1;
    }

    // ------------------------------------------------ blocks

    void block(cmark_node* n, int depth, Blocks& out) {
        const SourcePos pos = pos_of(n);
        if (depth > max_block_depth) {
            warn(pos, "content nested deeper than " + std::to_string(max_block_depth) +
                          " levels is flattened into one paragraph");
            Inlines xs{Inline{model::Text{flat_text(n)}, pos}};
            trim_inlines(xs);
            if (!xs.empty()) out.push_back(Block{model::Paragraph{std::move(xs)}, pos});
            return;
        }
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH: paragraph(n, pos, out); return;
            case CMARK_NODE_HEADING: {
                Inlines xs = inlines(n, 1, pos);
                trim_inlines(xs);
                std::string id = heading_attribute_id(xs, pos);
                trim_inlines(xs);
                out.push_back(Block{model::Heading{cmark_node_get_heading_level(n), std::move(xs), std::move(id)}, pos});
                return;
            }
            case CMARK_NODE_THEMATIC_BREAK: out.push_back(Block{model::ThematicBreak{}, pos}); return;
            case CMARK_NODE_CODE_BLOCK: {
                std::string text = literal(n);
                if (!text.empty() && text.back() == '\n') text.pop_back();
                out.push_back(Block{model::CodeBlock{code_language(str(cmark_node_get_fence_info(n))), std::move(text)}, pos});
                return;
            }
            case CMARK_NODE_BLOCK_QUOTE: {
                model::BlockQuote q;
                for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) block(c, depth + 1, q.blocks);
                close_open_details(q.blocks);
                // Empty when it held only a footnote definition, which cmark moves to the end.
                if (!q.blocks.empty()) out.push_back(Block{std::move(q), pos});
                return;
            }
            case CMARK_NODE_LIST: list(n, pos, depth, out); return;
            case CMARK_NODE_HTML_BLOCK: html_block(n, pos, out); return;
            case CMARK_NODE_FOOTNOTE_DEFINITION: {
                const auto it = def_index_.find(n);
                if (it == def_index_.end()) return;
                Blocks bs;
                for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) block(c, depth + 1, bs);
                close_open_details(bs);
                doc_.footnotes[it->second].blocks = std::move(bs);
                return;
            }
            default: break;
        }
        if (type_name(n) == "table") {
            table(n, pos, out);
            return;
        }
        // A block kind this reader does not know (a future extension): keep its text.
        warn(pos, "unsupported Markdown block '" + std::string(type_name(n)) + "' kept as a paragraph");
        Inlines xs{Inline{model::Text{flat_text(n)}, pos}};
        trim_inlines(xs);
        if (!xs.empty()) out.push_back(Block{model::Paragraph{std::move(xs)}, pos});
    }

    /// Takes a trailing pandoc attribute block (`{#id}`, `{#id .class}`) off a heading's text and
    /// returns the id; classes and key=value pairs are dropped. Without `{#`, nothing changes.
    std::string heading_attribute_id(Inlines& xs, SourcePos pos) {
        if (xs.empty()) return {};
        auto* t = std::get_if<model::Text>(&xs.back().node);
        if (!t) return {};
        std::string& s = t->text;
        std::size_t end = s.find_last_not_of(' ');
        if (end == std::string::npos || s[end] != '}') return {};
        const std::size_t open = s.rfind('{', end);
        if (open == std::string::npos) return {};
        const std::string attrs = s.substr(open + 1, end - open - 1);
        std::string id;
        std::size_t i = 0;
        while (i < attrs.size()) {
            while (i < attrs.size() && attrs[i] == ' ') ++i;
            std::size_t j = attrs.find(' ', i);
            if (j == std::string::npos) j = attrs.size();
            const std::string word = attrs.substr(i, j - i);
            if (word.size() > 1 && word[0] == '#') id = word.substr(1);
            else if (!word.empty() && word[0] != '.' && word.find('=') == std::string::npos) return {};  // not attributes
            i = j;
        }
        if (id.empty() && attrs.find('#') != std::string::npos) return {};
        s.erase(open);
        if (s.empty()) xs.pop_back();
        if (!id.empty() && !model::usable_id(id)) {
            warn(pos, "heading id '" + id + "' is not usable as an id (a letter first, then letters, digits, '-', '_', '.'): a generated id is used");
            return {};
        }
        return id;
    }

    static std::string code_language(std::string info) {
        const std::size_t b = info.find_first_not_of(" \t{.");
        if (b == std::string::npos) return {};
        const std::size_t e = info.find_first_of(" \t,}", b);
        return info.substr(b, e == std::string::npos ? std::string::npos : e - b);
    }

    void paragraph(cmark_node* n, SourcePos pos, Blocks& out) {
        cmark_node* only = cmark_node_first_child(n);
        if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_IMAGE) {
            Inlines caption = inlines(only, 1, pos);
            const std::string alt = model::plain_text(caption);
            const std::string title = str(cmark_node_get_title(only));
            if (auto src = resolve_image(str(cmark_node_get_url(only)), pos)) {
                trim_inlines(caption);
                if (caption.empty() && !title.empty()) caption.push_back(Inline{model::Text{title}, pos});
                out.push_back(Block{model::Figure{model::Image{*src, alt, title}, std::move(caption)}, pos});
            } else if (!caption.empty()) {
                out.push_back(Block{model::Paragraph{std::move(caption)}, pos});
            }
            return;
        }
        if (definition_list(n, pos, out)) return;
        Inlines xs = inlines(n, 1, pos);
        trim_inlines(xs);
        if (!xs.empty()) out.push_back(Block{model::Paragraph{std::move(xs)}, pos});
    }

    /// Leading blanks of a source line (tabs count as one).
    std::size_t indent_of(int line) const {
        const std::string_view l = lines_.line_text(line);
        const std::size_t n = l.find_first_not_of(" \t");
        return n == std::string_view::npos ? 0 : n;
    }

    /// A line that opens a definition: ':' then a space or tab (pandoc, PHP Markdown Extra).
    static bool opens_definition(cmark_node* first) {
        if (!first || cmark_node_get_type(first) != CMARK_NODE_TEXT) return false;
        const char* s = cmark_node_get_literal(first);
        return s && s[0] == ':' && (s[1] == ' ' || s[1] == '\t');
    }

    /// When `out` ends with a definition list written in Markdown syntax, moves it into `list`
    /// (its position into `pos`) to be continued, and returns true. Only such a list goes on
    /// with a term further down (a raw HTML <dl> is closed by its </dl>).
    bool take_open_definition_list(Blocks& out, model::DefinitionList& list, SourcePos& pos) {
        if (out.empty() || open_dl_.first != &out || open_dl_.second != out.size()) return false;
        auto* dl = std::get_if<model::DefinitionList>(&out.back().node);
        if (!dl) return false;
        list = std::move(*dl);
        pos = out.back().pos;
        out.pop_back();
        return true;
    }

    /// Definition lists, which cmark-gfm reads as paragraphs: a term line followed by lines
    /// starting with ": ". Lines after a definition continue it unless a ": " line follows them
    /// (then they are the next term). A paragraph of ": " lines right after a paragraph or a
    /// definition list (a blank line between term and definition) joins it. Returns false when
    /// the paragraph is not a definition list.
    bool definition_list(cmark_node* para, SourcePos pos, Blocks& out) {
        // Lines as [first, stop) runs of sibling inlines, split at soft breaks.
        // Soft and hard breaks end source lines: source_line[i] is where line i starts.
        std::vector<std::pair<cmark_node*, cmark_node*>> lines;
        std::vector<int> source_line;
        int line_no = cmark_node_get_start_line(para);
        cmark_node* start = cmark_node_first_child(para);
        source_line.push_back(line_no);
        for (cmark_node* c = start; c; c = cmark_node_next(c)) {
            if (cmark_node_get_type(c) == CMARK_NODE_LINEBREAK) ++line_no;
            if (cmark_node_get_type(c) != CMARK_NODE_SOFTBREAK) continue;
            lines.emplace_back(start, c);
            start = cmark_node_next(c);
            source_line.push_back(++line_no);
        }
        lines.emplace_back(start, nullptr);
        std::vector<bool> is_def;
        for (const auto& l : lines) is_def.push_back(l.first != l.second && opens_definition(l.first));
        if (std::find(is_def.begin(), is_def.end(), true) == is_def.end()) return false;

        model::DefinitionList list;
        std::size_t first_line = 0;
        if (is_def[0]) {
            // Continues what precedes: a paragraph becomes the term, a list gets more definitions.
            if (out.empty()) return false;
            if (auto* prev = std::get_if<model::Paragraph>(&out.back().node)) {
                Inlines term = std::move(prev->content);
                pos = out.back().pos;
                out.pop_back();
                // A list just above, separated by blank lines only, goes on with this term.
                take_open_definition_list(out, list, pos);
                list.items.push_back({std::move(term), {}});
            } else if (!take_open_definition_list(out, list, pos)) {
                return false;
            }
        } else {
            // Lines before the term (the line right above the first ": ") stay a paragraph.
            std::size_t term = 0;
            while (!is_def[term + 1]) ++term;
            if (term > 0) {
                Inlines xs = inlines_range(lines[0].first, lines[term - 1].second, 1, pos);
                trim_inlines(xs);
                if (!xs.empty()) out.push_back(Block{model::Paragraph{std::move(xs)}, pos});
            } else {
                // A term right after a list, with blank lines only between, is its next item
                // (pandoc's reading): "A\n: a\n\nB\n: b" is one list of two terms.
                take_open_definition_list(out, list, pos);
            }
            first_line = term;
        }
        for (std::size_t i = first_line; i < lines.size(); ++i) {
            const SourcePos lpos = pos_of(lines[i].first ? lines[i].first : para, pos);
            if (!is_def[i]) {
                // An indented line continues the definition above even when a ": " line follows.
                const bool term = i + 1 < lines.size() && is_def[i + 1] &&
                                  (list.items.empty() || list.items.back().definitions.empty() ||
                                   indent_of(source_line[i]) <= indent_of(source_line.front()));
                Inlines xs = inlines_range(lines[i].first, lines[i].second, 1, lpos);
                trim_inlines(xs);
                if (term || list.items.empty()) {
                    list.items.push_back({std::move(xs), {}});
                } else {
                    // A lazy continuation line of the last definition (or of the term).
                    auto& item = list.items.back();
                    Inlines& into = item.definitions.empty()
                                        ? item.term
                                        : std::get<model::Paragraph>(item.definitions.back().back().node).content;
                    into.push_back(Inline{model::Text{" "}, lpos});
                    for (auto& x : xs) into.push_back(std::move(x));
                    merge_texts(into);
                    trim_inlines(into);
                }
                continue;
            }
            // Drop the ':' and the blanks after it from the line's first text.
            std::string text = literal(lines[i].first);
            text.erase(0, std::min(text.find_first_not_of(" \t", 1), text.size()));
            cmark_node_set_literal(lines[i].first, text.c_str());
            Inlines xs = inlines_range(lines[i].first, lines[i].second, 1, lpos);
            trim_inlines(xs);
            if (list.items.empty()) list.items.push_back({{}, {}});
            if (xs.empty()) continue;  // a lone ':' defines nothing
            Blocks def;
            def.push_back(Block{model::Paragraph{std::move(xs)}, lpos});
            list.items.back().definitions.push_back(std::move(def));
        }
        std::erase_if(list.items, [](const model::DefinitionItem& it) { return it.term.empty() && it.definitions.empty(); });
        out.push_back(Block{std::move(list), pos});
        open_dl_ = {&out, out.size()};
        return true;
    }

    void list(cmark_node* n, SourcePos pos, int depth, Blocks& out) {
        std::vector<model::ListItem> items;
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
            model::ListItem item;
            if (type_name(c) == "tasklist") item.task = cmark_gfm_extensions_get_tasklist_item_checked(c);
            for (cmark_node* b = cmark_node_first_child(c); b; b = cmark_node_next(b)) block(b, depth + 1, item.blocks);
            close_open_details(item.blocks);
            items.push_back(std::move(item));
        }
        const bool tight = cmark_node_get_list_tight(n) != 0;
        if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST)
            out.push_back(Block{model::OrderedList{cmark_node_get_list_start(n), std::move(items), tight}, pos});
        else
            out.push_back(Block{model::BulletList{std::move(items), tight}, pos});
    }

    void table(cmark_node* n, SourcePos pos, Blocks& out) {
        model::Table t;
        const std::size_t cols = cmark_gfm_extensions_get_table_columns(n);
        const std::uint8_t* al = cmark_gfm_extensions_get_table_alignments(n);
        for (std::size_t i = 0; i < cols; ++i) {
            const char a = al ? static_cast<char>(al[i]) : '\0';
            t.aligns.push_back(a == 'l' ? model::Align::Left : a == 'c' ? model::Align::Center
                               : a == 'r' ? model::Align::Right : model::Align::Default);
        }
        for (cmark_node* r = cmark_node_first_child(n); r; r = cmark_node_next(r)) {
            model::TableRow row;
            const SourcePos rpos = pos_of(r, pos);
            for (cmark_node* c = cmark_node_first_child(r); c; c = cmark_node_next(c)) {
                if (row.size() == cols) break;
                Inlines xs = inlines(c, 1, pos_of(c, rpos));
                trim_inlines(xs);
                row.push_back(model::TableCell{std::move(xs)});
            }
            row.resize(std::max<std::size_t>(cols, 1));
            const bool header = type_name(r) == "table_header" || cmark_gfm_extensions_get_table_row_is_header(r);
            (header ? t.head : t.body).push_back(std::move(row));
        }
        if (t.aligns.empty()) t.aligns.push_back(model::Align::Default);
        out.push_back(Block{std::move(t), pos});
    }

    /// Every literal of a subtree as one string, walked iteratively (no recursion on hostile depth).
    static std::string flat_text(cmark_node* n) {
        std::string out;
        std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(n));
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
            cmark_node* c = cmark_iter_get_node(it.get());
            const auto type = cmark_node_get_type(c);
            if (ev == CMARK_EVENT_ENTER &&
                (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK)) {
                out += literal(c);
            } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK ||
                       (ev == CMARK_EVENT_EXIT && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING))) {
                out += ' ';
            }
        }
        return collapse_spaces(out);
    }

    // ------------------------------------------------ raw HTML

    /// An open HTML element whose content is being collected (within one run of siblings).
    struct Frame {
        TagRole role = TagRole::Transparent;
        std::string name;
        SourcePos pos;
        Inlines content;
        std::string href;  // Link
        std::string title;
        std::string lang;  // the element's `lang`, when it names a language
    };

    class FrameStack {
    public:
        explicit FrameStack(Inlines& base) : base_(base) {}
        Inlines& top() { return frames_.empty() ? base_ : frames_.back().content; }
        std::vector<Frame>& frames() { return frames_; }

    private:
        Inlines& base_;
        std::vector<Frame> frames_;
    };

    /// Closes the top frame into its parent: wrapped in its model node, or unwrapped.
    void close_frame(FrameStack& st, bool matched) {
        Frame f = std::move(st.frames().back());
        st.frames().pop_back();
        Inlines& parent = st.top();
        merge_texts(f.content);
        // An element with a `lang` of its own (<span lang="de">, <i lang="la">) puts its text
        // into a span of that language.
        auto wrap = [&](auto node) {
            Inline in{std::move(node), f.pos};
            if (f.lang.empty()) parent.push_back(std::move(in));
            else parent.push_back(Inline{model::LangSpan{f.lang, {std::move(in)}}, f.pos});
        };
        if (!matched && f.role != TagRole::Transparent && f.role != TagRole::Drop)
            warn_html(f.pos, "<" + f.name + "> is never closed; its text is kept unformatted");
        if (!matched || f.content.empty()) {
            if (f.role != TagRole::Drop)
                for (auto& x : f.content) parent.push_back(std::move(x));
            return;
        }
        switch (f.role) {
            case TagRole::Emphasis: wrap(model::Emphasis{std::move(f.content)}); break;
            case TagRole::Strong: wrap(model::Strong{std::move(f.content)}); break;
            case TagRole::Superscript: wrap(model::Superscript{std::move(f.content)}); break;
            case TagRole::Subscript: wrap(model::Subscript{std::move(f.content)}); break;
            case TagRole::Strikeout: wrap(model::Strikeout{std::move(f.content)}); break;
            case TagRole::Code: wrap(model::Code{model::plain_text(f.content)}); break;
            case TagRole::Link: wrap(model::Link{f.href, f.title, std::move(f.content)}); break;
            case TagRole::Drop: break;
            default:
                if (!f.lang.empty()) parent.push_back(Inline{model::LangSpan{f.lang, std::move(f.content)}, f.pos});
                else for (auto& x : f.content) parent.push_back(std::move(x));
        }
    }

    /// Applies one HTML token to the frame stack. `block_context`: block tags act as paragraph
    /// separators (returns true), which only HTML blocks care about.
    bool html_token(const HtmlToken& t, SourcePos pos, FrameStack& st) {
        switch (t.kind) {
            case HtmlToken::Text:
                if (!dropping(st)) st.top().push_back(Inline{model::Text{collapse_spaces(decode_entities(t.text))}, pos});
                return false;
            case HtmlToken::Comment:
                warn_html(pos, "HTML comment dropped");
                return false;
            case HtmlToken::Other:
                warn_html(pos, "HTML declaration dropped");
                return false;
            case HtmlToken::Open: return html_open(t, pos, st);
            case HtmlToken::Close: return html_close(t, pos, st);
        }
        return false;
    }

    static bool dropping(FrameStack& st) {
        return std::any_of(st.frames().begin(), st.frames().end(), [](const Frame& f) { return f.role == TagRole::Drop; });
    }

    bool html_open(const HtmlToken& t, SourcePos pos, FrameStack& st) {
        const TagRole role = role_of(t.name);
        if (dropping(st)) return false;
        // Each frame becomes one level of model nesting: past the limit, tags are ignored.
        if (st.frames().size() >= static_cast<std::size_t>(max_inline_depth) && role != TagRole::LineBreak &&
            role != TagRole::Image && role != TagRole::Block) {
            warn_html(pos, "HTML nested deeper than " + std::to_string(max_inline_depth) + " levels: <" + t.name + "> ignored");
            return false;
        }
        switch (role) {
            case TagRole::LineBreak: st.top().push_back(Inline{model::LineBreak{}, pos}); return false;
            case TagRole::Image: {
                const std::string alt = collapse_spaces(t.attr("alt"));
                if (auto src = resolve_image(t.attr("src"), pos))
                    st.top().push_back(Inline{model::Image{*src, alt, t.attr("title")}, pos});
                else if (!alt.empty())
                    st.top().push_back(Inline{model::Text{alt}, pos});
                return false;
            }
            case TagRole::Block: return true;
            case TagRole::Drop:
                warn_html(pos, "<" + t.name + "> element dropped with its content");
                if (!is_void_element(t.name) && !t.self_closing) st.frames().push_back(Frame{role, t.name, pos, {}, {}, {}, {}});
                return false;
            case TagRole::Link: {
                // <a name="x"> and <a id="x"> are link targets: an Anchor marks the place.
                std::string target = t.attr("id");
                if (target.empty()) target = t.attr("name");
                if (!target.empty()) {
                    if (model::usable_id(target)) st.top().push_back(Inline{model::Anchor{target}, pos});
                    else warn_html(pos, "anchor '" + target.substr(0, 40) + "' is not usable as an id and is dropped");
                }
                std::string href = t.attr("href");
                Frame f{TagRole::Link, t.name, pos, {}, href, t.attr("title"), {}};
                if (href.empty()) f.role = TagRole::Transparent;
                else if (is_unsafe_url(href)) {
                    warn(pos, "link to '" + href.substr(0, 40) + "' dropped (unsafe scheme); its text is kept");
                    f.role = TagRole::Transparent;
                }
                if (!t.self_closing) st.frames().push_back(std::move(f));
                return false;
            }
            case TagRole::Transparent: {
                Frame f{role, t.name, pos, {}, {}, {}, language_of(t)};
                if (f.lang.empty()) warn_html(pos, "HTML tag <" + t.name + "> dropped; its text is kept");
                if (!is_void_element(t.name) && !t.self_closing) st.frames().push_back(std::move(f));
                return false;
            }
            default:
                if (!t.self_closing) st.frames().push_back(Frame{role, t.name, pos, {}, {}, {}, language_of(t)});
                return false;
        }
    }

    /// The tag's `lang` when it is a plausible language tag, else empty.
    static std::string language_of(const HtmlToken& t) {
        std::string l = t.attr("lang");
        return model::plausible_language_tag(l) ? l : std::string{};
    }

    bool html_close(const HtmlToken& t, SourcePos pos, FrameStack& st) {
        auto& fs = st.frames();
        for (std::size_t k = fs.size(); k-- > 0;) {
            if (fs[k].name != t.name) continue;
            while (fs.size() > k + 1) close_frame(st, false);
            close_frame(st, true);
            return role_of(t.name) == TagRole::Block;
        }
        if (role_of(t.name) == TagRole::Block) return true;
        if (!dropping(st) && role_of(t.name) != TagRole::Transparent)
            warn_html(pos, "closing </" + t.name + "> without an opening tag dropped");
        return false;
    }

    /// Raw HTML blocks: <pre> becomes a code block, <dl><dt><dd> a definition list, <details>
    /// with its <summary> a details block (which may enclose the Markdown blocks up to a later
    /// </details>), <table> and <figure> go through the HTML reader's builder, an <img> standing
    /// alone is a figure; other markup is dropped with its text kept as paragraphs.
    void html_block(cmark_node* n, SourcePos pos, Blocks& out) {
        const std::string raw = literal(n);
        OffsetPos offset_pos(pos, raw);
        const std::size_t warnings_before = html_warnings_;
        Inlines para;
        std::size_t paragraphs = 0, mapped = 0;
        // Text between <summary> and </summary> goes to the innermost open details block.
        bool in_summary = false;
        // Block markup the model has no node for (<div>, <section>, ...) was met: its text is kept.
        bool unmapped_markup = false;
        auto flush = [&](Inlines& xs) {
            merge_texts(xs);
            trim_inlines(xs);
            if (in_summary && !open_details_.empty() && open_details_.back().out == &out) {
                for (auto& x : xs) open_details_.back().details.summary.push_back(std::move(x));
                xs.clear();
                return;
            }
            if (xs.empty()) return;
            // An image alone between blocks is a figure, as in the HTML reader.
            if (xs.size() == 1)
                if (auto* img = std::get_if<model::Image>(&xs.front().node)) {
                    out.push_back(Block{model::Figure{std::move(*img), {}}, xs.front().pos});
                    xs.clear();
                    ++mapped;
                    return;
                }
            out.push_back(Block{model::Paragraph{std::move(xs)}, pos});
            xs.clear();
            ++paragraphs;
        };
        // <pre>: its text verbatim, tags inside (<code>, <span>) dropped.
        std::optional<std::string> pre;
        std::string pre_lang;
        // <dl>: `in_dl` while inside one; `part` is what the collected inlines belong to.
        std::optional<model::DefinitionList> dl;
        enum class Part { None, Term, Definition } part = Part::None;
        auto end_part = [&] {
            merge_texts(para);
            trim_inlines(para);
            if (part == Part::Term) {
                dl->items.push_back({std::move(para), {}});
            } else if (part == Part::Definition && !para.empty()) {
                if (dl->items.empty()) dl->items.push_back({{}, {}});  // <dd> before any <dt>
                Blocks def;
                def.push_back(Block{model::Paragraph{std::move(para)}, pos});
                dl->items.back().definitions.push_back(std::move(def));
            } else if (!para.empty()) {
                flush(para);  // text directly inside <dl>: kept as a paragraph
            }
            para.clear();
            part = Part::None;
        };
        {
            FrameStack st(para);
            const std::vector<HtmlToken> tokens = tokenize_html(raw);
            for (std::size_t ti = 0; ti < tokens.size(); ++ti) {
                const HtmlToken& t = tokens[ti];
                if (pre) {
                    if (t.kind == HtmlToken::Text) *pre += decode_entities(t.text);
                    else if (t.kind == HtmlToken::Open && t.name == "code" && pre_lang.empty())
                        pre_lang = code_language_of(t.attr("class"));
                    else if (t.kind == HtmlToken::Close && t.name == "pre") {
                        std::string text = std::move(*pre);
                        if (text.starts_with("\n")) text.erase(0, 1);  // as HTML parsers do
                        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
                        out.push_back(Block{model::CodeBlock{pre_lang, std::move(text)}, pos});
                        pre.reset();
                        ++mapped;
                    }
                    continue;
                }
                if (st.frames().empty() && t.kind == HtmlToken::Open && t.name == "pre" && !dl) {
                    flush(para);
                    pre.emplace();
                    pre_lang.clear();
                    continue;
                }
                if (st.frames().empty() && !dl && t.kind == HtmlToken::Open && (t.name == "table" || t.name == "figure")) {
                    // The element up to its matching end tag (or the block's end) as one fragment.
                    std::size_t end = ti + 1;
                    for (int open = 1; end < tokens.size(); ++end) {
                        if (tokens[end].name != t.name) continue;
                        if (tokens[end].kind == HtmlToken::Open) ++open;
                        if (tokens[end].kind == HtmlToken::Close && --open == 0) break;
                    }
                    const std::size_t stop = end + 1 < tokens.size() ? tokens[end + 1].offset : raw.size();
                    flush(para);
                    for (auto& b : html::fragment_blocks(std::string_view(raw).substr(t.offset, stop - t.offset),
                                                         offset_pos(t.offset), html_options(), diag_))
                        out.push_back(std::move(b));
                    ++mapped;
                    ti = end;
                    continue;
                }
                if (st.frames().empty() && !dl && (t.name == "details" || t.name == "summary") &&
                    (t.kind == HtmlToken::Open || t.kind == HtmlToken::Close)) {
                    const SourcePos tpos = offset_pos(t.offset);
                    flush(para);
                    if (t.name == "details" && t.kind == HtmlToken::Open) {
                        in_summary = false;
                        open_details(out, tpos, std::any_of(t.attrs.begin(), t.attrs.end(),
                                                            [](const auto& a) { return a.first == "open"; }));
                    } else if (t.name == "details") {
                        in_summary = false;
                        close_details(out, tpos);
                    } else {
                        // A <summary> is the summary of a details block opened right before it in
                        // this container; elsewhere it is an ordinary block of text.
                        in_summary = t.kind == HtmlToken::Open && ignored_details_ == 0 && !open_details_.empty() &&
                                     open_details_.back().out == &out && open_details_.back().first == out.size() &&
                                     open_details_.back().details.summary.empty();
                    }
                    ++mapped;
                    continue;
                }
                if (st.frames().empty() && (t.name == "dl" || (dl && (t.name == "dt" || t.name == "dd")))) {
                    if (t.kind == HtmlToken::Open && t.name == "dl" && !dl) {
                        flush(para);
                        dl.emplace();
                        continue;
                    }
                    if (dl && t.kind == HtmlToken::Open && (t.name == "dt" || t.name == "dd")) {
                        end_part();
                        part = t.name == "dt" ? Part::Term : Part::Definition;
                        continue;
                    }
                    if (dl && t.kind == HtmlToken::Close && (t.name == "dt" || t.name == "dd")) {
                        end_part();
                        continue;
                    }
                    if (dl && t.kind == HtmlToken::Close && t.name == "dl") {
                        end_part();
                        std::erase_if(dl->items, [](const model::DefinitionItem& it) { return it.term.empty() && it.definitions.empty(); });
                        if (!dl->items.empty()) out.push_back(Block{std::move(*dl), pos});
                        dl.reset();
                        ++mapped;
                        continue;
                    }
                }
                const bool separates = html_token(t, offset_pos(t.offset), st);
                unmapped_markup = unmapped_markup || separates;
                if (separates && st.frames().empty() && !dl) flush(para);
            }
            while (!st.frames().empty()) close_frame(st, false);
        }
        // An unclosed <pre> or <dl> keeps what it collected.
        if (pre) {
            out.push_back(Block{model::CodeBlock{pre_lang, std::move(*pre)}, pos});
            ++mapped;
        }
        if (dl) {
            end_part();
            if (!dl->items.empty()) out.push_back(Block{std::move(*dl), pos});
            ++mapped;
        }
        flush(para);
        // Said once per block, unless something more precise was said or nothing was lost.
        if (html_warnings_ > warnings_before || (paragraphs + mapped > 0 && !unmapped_markup) ||
            (mapped > 0 && paragraphs == 0))
            return;
        warn_html(pos, paragraphs > 0 ? "HTML block: markup dropped, its text kept" : "HTML block dropped");
    }

    html::BuildOptions html_options() const {
        html::BuildOptions o;
        o.base_dir = base_dir_;
        o.resource_paths = resource_dirs_;
        o.authored_tables = true;
        return o;
    }

    // ------------------------------------------------ <details> across blocks

    /// A <details> whose content is still being read. Its blocks are those appended to `*out`
    /// from index `first` on; GitHub-style Markdown puts them between two HTML blocks.
    struct OpenDetails {
        Blocks* out = nullptr;
        std::size_t first = 0;
        model::Details details;
        SourcePos pos;
    };

    void open_details(Blocks& out, SourcePos pos, bool open) {
        if (open_details_.size() >= static_cast<std::size_t>(max_block_depth)) {
            warn_html(pos, std::string("<details> nested deeper than ")
                               .append(std::to_string(max_block_depth))
                               .append(" levels: its content is kept unfolded"));
            ++ignored_details_;
            return;
        }
        model::Details d;
        d.open = open;
        open_details_.push_back({&out, out.size(), std::move(d), pos});
    }

    /// Wraps the blocks read since the innermost <details> in this container into one block.
    void close_details(Blocks& out, SourcePos pos) {
        if (ignored_details_ > 0) {  // the innermost ones, refused by open_details
            --ignored_details_;
            return;
        }
        if (open_details_.empty() || open_details_.back().out != &out) {
            warn_html(pos, "</details> without an opening <details> at the same level dropped");
            return;
        }
        OpenDetails o = std::move(open_details_.back());
        open_details_.pop_back();
        const auto first = out.begin() + static_cast<std::ptrdiff_t>(std::min(o.first, out.size()));
        o.details.blocks.assign(std::make_move_iterator(first), std::make_move_iterator(out.end()));
        out.erase(first, out.end());
        merge_texts(o.details.summary);
        trim_inlines(o.details.summary);
        if (o.details.summary.empty() && o.details.blocks.empty()) return;
        out.push_back(Block{std::move(o.details), o.pos});
    }

    /// At the end of a container (document, quote, list item, footnote): details still open
    /// in it end there.
    void close_open_details(Blocks& out) {
        while (!open_details_.empty() && open_details_.back().out == &out) {
            warn_html(open_details_.back().pos, "<details> is never closed; it ends with its container");
            close_details(out, open_details_.back().pos);
        }
    }

    /// "language-cpp" or "lang-cpp" in a class attribute → "cpp".
    static std::string code_language_of(const std::string& cls) {
        for (const char* prefix : {"language-", "lang-"}) {
            const std::size_t at = cls.find(prefix);
            if (at == std::string::npos) continue;
            const std::size_t b = at + std::strlen(prefix);
            const std::size_t e = cls.find(' ', b);
            return cls.substr(b, e == std::string::npos ? std::string::npos : e - b);
        }
        return {};
    }

    /// Positions of bytes inside a block literal that starts at `pos`. They are asked for in
    /// reading order, so each goes on from the one before (a block of 20,000 tags was counted
    /// from its start for every tag); an earlier offset is counted afresh.
    class OffsetPos {
    public:
        OffsetPos(SourcePos pos, std::string_view raw) : pos_(pos), raw_(raw), line_(pos.line) {}
        SourcePos operator()(std::size_t offset) {
            if (pos_.line == 0) return pos_;
            offset = std::min(offset, raw_.size());
            if (offset < at_) *this = OffsetPos(pos_, raw_);
            for (std::size_t i = at_; i < offset; ++i)
                if (raw_[i] == '\n') {
                    ++line_;
                    line_start_ = i + 1;
                    at_ = line_start_;
                    chars_ = 0;
                }
            // Characters from the line's start: a count that went on from inside a character
            // would be off, so it starts again from the line's start then.
            if (at_ < offset && (static_cast<unsigned char>(raw_[at_]) & 0xC0) == 0x80) {
                at_ = line_start_;
                chars_ = 0;
            }
            chars_ += utf8::length(raw_.substr(at_, offset - at_));
            at_ = offset;
            SourcePos p{line_, 0};
            p.col = line_ != pos_.line ? static_cast<std::uint32_t>(chars_ + 1) : pos_.col + static_cast<std::uint32_t>(chars_);
            return p;
        }

    private:
        SourcePos pos_;
        std::string_view raw_;
        std::uint32_t line_;
        std::size_t at_ = 0, line_start_ = 0, chars_ = 0;
    };

    // ------------------------------------------------ inlines

    Inlines inlines(cmark_node* parent, int depth, SourcePos fallback) {
        return inlines_range(cmark_node_first_child(parent), nullptr, depth, fallback);
    }

    /// The inlines of the siblings [first, stop); `stop` null means to the last sibling.
    Inlines inlines_range(cmark_node* first, cmark_node* stop, int depth, SourcePos fallback) {
        Inlines result;
        {
            FrameStack st(result);
            for (cmark_node* c = first; c && c != stop; c = cmark_node_next(c)) inline_node(c, depth, fallback, st);
            while (!st.frames().empty()) close_frame(st, false);
        }
        merge_texts(result);
        return result;
    }

    void inline_node(cmark_node* n, int depth, SourcePos fallback, FrameStack& st) {
        const SourcePos pos = pos_of(n, fallback);
        if (dropping(st) && cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE) return;
        Inlines& out = st.top();
        if (depth > max_inline_depth) {
            if (!deep_inline_warned_) warn(pos, "inline formatting nested deeper than " + std::to_string(max_inline_depth) + " levels is flattened");
            deep_inline_warned_ = true;
            out.push_back(Inline{model::Text{flat_text(n)}, pos});
            return;
        }
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT: out.push_back(Inline{model::Text{literal(n)}, pos}); return;
            case CMARK_NODE_SOFTBREAK: out.push_back(Inline{model::Text{" "}, pos}); return;
            case CMARK_NODE_LINEBREAK: out.push_back(Inline{model::LineBreak{}, pos}); return;
            case CMARK_NODE_CODE: out.push_back(Inline{model::Code{literal(n)}, pos}); return;
            case CMARK_NODE_EMPH: out.push_back(Inline{model::Emphasis{inlines(n, depth + 1, pos)}, pos}); return;
            case CMARK_NODE_STRONG: out.push_back(Inline{model::Strong{inlines(n, depth + 1, pos)}, pos}); return;
            case CMARK_NODE_HTML_INLINE:
                for (const HtmlToken& t : tokenize_html(literal(n))) html_token(t, pos, st);
                return;
            case CMARK_NODE_LINK: {
                Inlines children = inlines(n, depth + 1, pos);
                const std::string url = str(cmark_node_get_url(n));
                if (is_unsafe_url(url)) {
                    warn(pos, "link to '" + url.substr(0, 40) + "' dropped (unsafe scheme); its text is kept");
                    for (auto& x : children) out.push_back(std::move(x));
                } else {
                    out.push_back(Inline{model::Link{url, str(cmark_node_get_title(n)), std::move(children)}, pos});
                }
                return;
            }
            case CMARK_NODE_IMAGE: {
                const std::string alt = model::plain_text(inlines(n, depth + 1, pos));
                if (auto src = resolve_image(str(cmark_node_get_url(n)), pos))
                    out.push_back(Inline{model::Image{*src, alt, str(cmark_node_get_title(n))}, pos});
                else if (!alt.empty())
                    out.push_back(Inline{model::Text{alt}, pos});
                return;
            }
            case CMARK_NODE_FOOTNOTE_REFERENCE: {
                const std::string number = literal(n);
                if (const auto idx = footnote_for(number)) {
                    out.push_back(Inline{model::FootnoteRef{*idx, doc_.footnotes[*idx].label}, pos});
                } else {
                    warn(pos, "footnote reference [^" + number + "] has no definition; kept as text");
                    out.push_back(Inline{model::Text{"[^" + number + "]"}, pos});
                }
                return;
            }
            default: break;
        }
        if (type_name(n) == "strikethrough") {
            out.push_back(Inline{model::Strikeout{inlines(n, depth + 1, pos)}, pos});
            return;
        }
        out.push_back(Inline{model::Text{flat_text(n)}, pos});
    }

    // ------------------------------------------------ images

    /// The readable local path of an image, or nothing (with a warning) when it is remote,
    /// outside the allowed folders, missing, unreadable or not PNG/JPEG/GIF/SVG.
    std::optional<std::string> resolve_image(const std::string& url, SourcePos pos) {
        const std::string shown = url.size() > 80 ? url.substr(0, 80) + "…" : url;
        if (url.empty()) {
            warn(pos, "image without a source; its alt text is kept");
            return std::nullopt;
        }
        if (is_unsafe_url(url) || is_remote(url)) {
            warn(pos, "image '" + shown + "' is not local and is not fetched; its alt text is kept");
            return std::nullopt;
        }
        std::string path = percent_decode(url.substr(0, url.find_first_of("?#")));
        if (path.find('\0') != std::string::npos) {
            warn(pos, "image path '" + shown + "' is not a valid file name; its alt text is kept");
            return std::nullopt;
        }
        const fs::path rel(path);
        std::vector<fs::path> candidates;
        if (rel.is_absolute()) {
            candidates.push_back(rel);
        } else {
            candidates.push_back(base_dir_ / rel);
            for (const auto& dir : resource_dirs_) candidates.push_back(dir / rel);
        }
        bool refused = false;
        for (const fs::path& cand : candidates) {
            std::error_code ec;
            const fs::path real = fs::weakly_canonical(cand, ec);
            if (ec) continue;
            bool allowed = is_inside(real, base_dir_);
            for (const auto& dir : resource_dirs_) allowed = allowed || is_inside(real, dir);
            if (!allowed) { refused = true; continue; }
            if (!fs::is_regular_file(real, ec)) continue;
            if (sniff_image(real) == ImageKind::None) {
                warn(pos, "image '" + shown + "' is not a PNG, JPEG, GIF or SVG file (or cannot be read); its alt text is kept");
                return std::nullopt;
            }
            return cand.lexically_normal().generic_string();
        }
        if (refused)
            warn(pos, "image '" + shown + "' is outside the input's folder and is refused (allow its folder with --resource-path); its alt text is kept");
        else
            warn(pos, "image '" + shown + "' not found; its alt text is kept");
        return std::nullopt;
    }

    LineIndex lines_;
    base::Diagnostics& diag_;
    model::Document& doc_;
    fs::path base_dir_;
    std::vector<fs::path> resource_dirs_;
    std::map<cmark_node*, std::size_t> def_index_;
    std::size_t html_warnings_ = 0;
    bool deep_inline_warned_ = false;
    std::vector<OpenDetails> open_details_;
    std::size_t ignored_details_ = 0;
    std::pair<const Blocks*, std::size_t> open_dl_{nullptr, 0};  // where the last Markdown definition list ends
};

/// Without a front-matter title, the first level-1 heading (before any other heading) is the title.
/// Generic headings ("Table of Contents", "Inhalt", ...) are passed over and stay in the text: the
/// next heading, or else the file name (chosen by the writers), names the document.
void take_title_from_heading(model::Document& doc) {
    for (auto it = doc.blocks.begin(); it != doc.blocks.end(); ++it) {
        const auto* h = std::get_if<model::Heading>(&it->node);
        if (!h) continue;
        const std::string title = model::plain_text(h->content);
        if (model::is_generic_heading(title)) continue;
        if (h->level != 1) return;
        if (model::split_words(title).empty()) return;  // an empty heading is no title
        doc.meta.title = title;
        doc.blocks.erase(it);
        return;
    }
}

std::string joined_words(const model::Document& doc) { return doc.meta.title + model::spaced_body_words(doc); }

}  // namespace

model::Document read_markdown(std::string_view bytes, const ReadOptions& opts, base::Diagnostics& diag) {
    DecodedText decoded = decode_input(bytes, diag);
    std::string& text = decoded.text;
    model::Document doc;
    doc.source_name = diag.file();

    if (const auto fm = find_front_matter(text)) {
        if (apply_front_matter(*fm, doc.meta, diag)) {
            // Blank lines in place of the block keep cmark's line numbers equal to the file's.
            text.replace(0, fm->end, std::string(fm->lines, '\n'));
        }
    }

    const auto root = parse_cmark(text);
    Converter(text, opts, diag, doc).run(root.get());

    if (doc.meta.title.empty()) take_title_from_heading(doc);
    if (!opts.lang.empty()) doc.meta.lang = opts.lang;
    else if (doc.meta.lang.empty()) doc.meta.lang = detect_language(joined_words(doc));
    // `--` and `---` become dashes in Markdown only, as with pandoc's smart extension.
    model::drop_document_language(doc);
    if (opts.smart) model::apply_typography(doc, diag, {.ascii_dashes = true});
    return doc;
}

}  // namespace folio::parse
