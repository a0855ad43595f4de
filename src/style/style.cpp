// Style loading: reads a CSS file, keeps its text for the EPUB, and resolves the documented subset
// (README "Styles") into a PageStyle for the PDF layout through a small cascade over fixed boxes.
#include "style/style.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <set>
#include <tuple>

#include "base/error.hpp"
#include "base/io.hpp"
#include "base/utf8.hpp"
#include "style/css_parser.hpp"

namespace folio::style {
namespace fs = std::filesystem;
using css::ComponentValue;
using css::Position;
using css::TokenType;

namespace {

/// A stylesheet is written by hand; a file larger than this is almost surely not CSS (a font or
/// an image passed by mistake), and it would be copied into every EPUB.
constexpr std::size_t max_style_bytes = 1 << 20;
/// The size rem (and em on body) refers to. The PDF has no reading system to choose a size, so a
/// style that leaves body's size open (reader.css) gets the size that reads well on A4.
constexpr double root_font_size_pt = 11;
constexpr double pt_per_px = 0.75;  // CSS: 1px = 1/96 in, 1pt = 1/72 in
/// Font sizes outside this range cannot be set on any page folio accepts (a line must fit).
constexpr double min_font_size_pt = 2;
constexpr double max_font_size_pt = 400;
/// PDF viewers handle page sides from 3 pt to 14400 pt (PDF 1.7 Annex C); folio keeps to a range
/// where a line of text still fits.
constexpr double min_page_side_pt = 72;
constexpr double max_page_side_pt = 14400;
/// Margins must leave at least this much text width and height, or the page cannot hold a line.
constexpr double min_text_extent_pt = 72;

// Defaults the PDF uses for what a browser leaves to its user-agent stylesheet; parsed like any
// style (origin 0) so that a style overrides them with the ordinary cascade. Values follow the
// HTML rendering section, so the EPUB and PDF agree when a style does not set them.
constexpr std::string_view ua_css = R"(
p { margin-top: 1em; margin-bottom: 1em }
h1 { font-size: 2em; font-weight: bold; margin-top: .67em; margin-bottom: .67em }
h2 { font-size: 1.5em; font-weight: bold; margin-top: .83em; margin-bottom: .83em }
h3 { font-size: 1.17em; font-weight: bold; margin-top: 1em; margin-bottom: 1em }
h4 { font-weight: bold; margin-top: 1.33em; margin-bottom: 1.33em }
h5 { font-size: .83em; font-weight: bold; margin-top: 1.67em; margin-bottom: 1.67em }
h6 { font-size: .67em; font-weight: bold; margin-top: 2.33em; margin-bottom: 2.33em }
blockquote { margin: 1em 30pt }
pre { font-family: monospace; margin-top: 1em; margin-bottom: 1em }
code { font-family: monospace }
th { font-weight: bold; text-align: center }
)";

// ----- boxes and selectors -----

constexpr std::array element_boxes{"body", "p",  "h1", "h2",         "h3", "h4", "h5", "h6", "blockquote",
                                   "pre",  "code", "li", "table", "th", "td", "a"};

struct ClassBox {
    std::string_view css_class;
    std::string_view box;
    std::string_view element;  // the element the EPUB writes it on ("" when none of ours)
};
constexpr std::array class_boxes{
    ClassBox{"title", "title", "h1"},
    ClassBox{"subtitle", "subtitle", "p"},
    ClassBox{"byline", "byline", "p"},
    ClassBox{"running-header", "header", ""},
    ClassBox{"page-footer", "footer", ""},
    ClassBox{"footnote", "footnote", ""},
};

bool is_element_box(std::string_view name) {
    return std::find(element_boxes.begin(), element_boxes.end(), name) != element_boxes.end();
}
const ClassBox* find_class(std::string_view name) {
    for (const auto& c : class_boxes)
        if (c.css_class == name) return &c;
    return nullptr;
}

struct Target {
    std::string box;
    int specificity = 0;  // type selector 1, class 10 (CSS's (0,1,0) > (0,0,1))
};

bool is_ws(const ComponentValue& v) { return v.is(TokenType::Whitespace); }

std::vector<std::vector<ComponentValue>> split_commas(const std::vector<ComponentValue>& values) {
    std::vector<std::vector<ComponentValue>> parts(1);
    for (const auto& v : values) {
        if (v.is(TokenType::Comma)) parts.emplace_back();
        else parts.back().push_back(v);
    }
    for (auto& p : parts) {
        while (!p.empty() && is_ws(p.back())) p.pop_back();
        while (!p.empty() && is_ws(p.front())) p.erase(p.begin());
    }
    return parts;
}

// A selector the PDF uses: `type`, `.class` or `type.class` for the boxes above. Anything else
// (combinators, ids, attributes, pseudo-classes, other elements) is valid CSS for the EPUB.
std::optional<Target> simple_selector(const std::vector<ComponentValue>& s) {
    std::size_t k = 0;
    std::string type;
    if (k < s.size() && s[k].is(TokenType::Ident)) type = base::utf8::to_lower(s[k++].token.value);
    std::string cls;
    if (k + 1 < s.size() && s[k].is(TokenType::Delim) && s[k].token.value == "." && s[k + 1].is(TokenType::Ident)) {
        cls = s[k + 1].token.value;  // class names are case-sensitive
        k += 2;
    }
    if (k != s.size() || (type.empty() && cls.empty())) return std::nullopt;
    if (cls.empty()) {
        if (!is_element_box(type)) return std::nullopt;
        return Target{type, 1};
    }
    const ClassBox* c = find_class(cls);
    if (!c) return std::nullopt;
    return Target{std::string(c->box), type.empty() ? 10 : 11};
}

// ----- values -----

std::vector<const ComponentValue*> words(const std::vector<ComponentValue>& values) {
    std::vector<const ComponentValue*> out;
    for (const auto& v : values)
        if (!is_ws(v)) out.push_back(&v);
    return out;
}

std::optional<std::string> single_ident(const std::vector<ComponentValue>& values) {
    auto w = words(values);
    if (w.size() != 1 || !w[0]->is(TokenType::Ident)) return std::nullopt;
    return base::utf8::to_lower(w[0]->token.value);
}

std::optional<double> absolute_unit_pt(std::string_view unit) {
    const std::string u = base::utf8::to_lower(unit);
    if (u == "pt") return 1.0;
    if (u == "px") return pt_per_px;
    if (u == "in") return 72.0;
    if (u == "cm") return 72.0 / 2.54;
    if (u == "mm") return 72.0 / 25.4;
    if (u == "q") return 72.0 / 101.6;
    if (u == "pc") return 12.0;
    return std::nullopt;
}

/// A length in pt. `em_pt` is what 1em means here; `percent_base_pt` what 100% means (NaN when a
/// percentage is not allowed). Unitless zero is a length, as CSS says.
std::optional<double> length_pt(const ComponentValue& v, double em_pt, double percent_base_pt) {
    if (v.kind != ComponentValue::Kind::Token) return std::nullopt;
    const css::Token& t = v.token;
    if (t.type == TokenType::Number && t.number == 0) return 0.0;
    if (t.type == TokenType::Percentage && !std::isnan(percent_base_pt)) return t.number / 100 * percent_base_pt;
    if (t.type != TokenType::Dimension) return std::nullopt;
    if (auto f = absolute_unit_pt(t.unit)) return t.number * *f;
    const std::string u = base::utf8::to_lower(t.unit);
    if (u == "em") return t.number * em_pt;
    if (u == "rem") return t.number * root_font_size_pt;
    if (u == "ex" || u == "ch") return t.number * em_pt * 0.5;  // the usual approximation
    return std::nullopt;
}

std::optional<Color> parse_color(const std::vector<ComponentValue>& values, const Color& current) {
    auto w = words(values);
    if (w.size() != 1) return std::nullopt;
    const ComponentValue& v = *w[0];
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        c = static_cast<char>(c | 0x20);
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    if (v.is(TokenType::Hash)) {
        const std::string& h = v.token.value;
        for (char c : h)
            if (hex(c) < 0) return std::nullopt;
        if (h.size() == 3 || h.size() == 4)
            return Color{hex(h[0]) * 17 / 255.0, hex(h[1]) * 17 / 255.0, hex(h[2]) * 17 / 255.0};
        if (h.size() == 6 || h.size() == 8)
            return Color{(hex(h[0]) * 16 + hex(h[1])) / 255.0, (hex(h[2]) * 16 + hex(h[3])) / 255.0,
                         (hex(h[4]) * 16 + hex(h[5])) / 255.0};
        return std::nullopt;
    }
    if (v.kind == ComponentValue::Kind::Function) {
        const std::string name = base::utf8::to_lower(v.token.value);
        if (name != "rgb" && name != "rgba") return std::nullopt;
        std::vector<double> channels;
        for (const auto& a : v.children) {
            if (is_ws(a) || a.is(TokenType::Comma)) continue;
            if (a.is(TokenType::Delim) && a.token.value == "/") break;  // alpha follows; PDF text is opaque
            if (a.is(TokenType::Number)) channels.push_back(a.token.number / 255);
            else if (a.is(TokenType::Percentage)) channels.push_back(a.token.number / 100);
            else return std::nullopt;
        }
        if (channels.size() == 4) channels.pop_back();
        if (channels.size() != 3) return std::nullopt;
        for (auto& c : channels) c = std::clamp(c, 0.0, 1.0);
        return Color{channels[0], channels[1], channels[2]};
    }
    if (!v.is(TokenType::Ident)) return std::nullopt;
    struct Named {
        std::string_view name;
        int rgb;
    };
    static constexpr Named named[] = {
        {"black", 0x000000},   {"white", 0xffffff},    {"gray", 0x808080},     {"grey", 0x808080},
        {"silver", 0xc0c0c0},  {"dimgray", 0x696969},  {"dimgrey", 0x696969},  {"darkgray", 0xa9a9a9},
        {"darkgrey", 0xa9a9a9}, {"lightgray", 0xd3d3d3}, {"lightgrey", 0xd3d3d3}, {"darkslategray", 0x2f4f4f},
        {"red", 0xff0000},     {"maroon", 0x800000},   {"darkred", 0x8b0000},  {"green", 0x008000},
        {"darkgreen", 0x006400}, {"blue", 0x0000ff},   {"navy", 0x000080},     {"darkblue", 0x00008b},
        {"teal", 0x008080},    {"purple", 0x800080},   {"olive", 0x808000},    {"brown", 0xa52a2a},
    };
    const std::string id = base::utf8::to_lower(v.token.value);
    if (id == "currentcolor") return current;
    for (const auto& n : named)
        if (n.name == id)
            return Color{((n.rgb >> 16) & 0xff) / 255.0, ((n.rgb >> 8) & 0xff) / 255.0, (n.rgb & 0xff) / 255.0};
    return std::nullopt;
}

std::optional<std::vector<std::string>> parse_font_family(const std::vector<ComponentValue>& values) {
    std::vector<std::string> out;
    for (const auto& part : split_commas(values)) {
        std::string name;
        bool generic = false;
        if (part.size() == 1 && part[0].is(TokenType::String)) {
            name = part[0].token.value;
        } else {
            for (const auto& v : part) {
                if (is_ws(v)) continue;
                if (!v.is(TokenType::Ident)) return std::nullopt;
                if (!name.empty()) name += ' ';
                name += v.token.value;
            }
            generic = part.size() == 1;
        }
        if (name.empty()) return std::nullopt;
        if (generic) {
            const std::string g = base::utf8::to_lower(name);
            if (g == "serif" || g == "ui-serif") name = "DejaVu Serif";
            else if (g == "sans-serif" || g == "system-ui" || g == "ui-sans-serif") name = "DejaVu Sans";
            else if (g == "monospace" || g == "ui-monospace") name = "DejaVu Sans Mono";
        }
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    if (out.empty()) return std::nullopt;
    return out;
}

// ----- the cascade -----

struct Candidate {
    bool important = false;
    int origin = 0;  // 0: built-in defaults, 1: the style
    int specificity = 0;
    std::size_t order = 0;
    std::string property;
    std::vector<ComponentValue> value;
    Position pos;
    auto key() const { return std::tie(important, origin, specificity, order); }
};

// Collects the style's diagnostics and hands them over in file order. Reports once per position
// and message, so a rule that lists several selectors does not repeat a note for each box.
class Reporter {
public:
    explicit Reporter(std::string file) : file_(std::move(file)) {}
    void note(Position p, std::string msg) { add(base::Severity::Note, p, std::move(msg)); }
    void warn(Position p, std::string msg) { add(base::Severity::Warning, p, std::move(msg)); }
    void flush(base::Diagnostics& diag) {
        std::stable_sort(items_.begin(), items_.end(), [](const base::Diagnostic& a, const base::Diagnostic& b) {
            return std::tie(a.line, a.col) < std::tie(b.line, b.col);
        });
        for (auto& d : items_) diag.add(std::move(d));
        items_.clear();
    }

private:
    std::string file_;
    std::vector<base::Diagnostic> items_;
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> seen_;
    void add(base::Severity s, Position p, std::string msg) {
        if (!seen_.emplace(p.line, p.col, msg).second) return;
        items_.push_back(base::Diagnostic{s, file_, p.line, p.col, std::move(msg)});
    }
};

constexpr Position no_position{0, 0};

struct BoxContext {
    double parent_size_pt;
    const BoxStyle& parent;
};

using Values = std::vector<ComponentValue>;

struct Property {
    std::string_view name;
    bool inherited;
    std::function<void(BoxStyle&, const BoxStyle&)> copy;
    /// Applies a value; false when the value is not one the PDF understands.
    std::function<bool(BoxStyle&, const Values&, const BoxContext&)> apply;
};

bool set_length(double& field, const Values& v, double em_pt, bool allow_negative) {
    auto w = words(v);
    if (w.size() != 1) return false;
    if (auto ident = single_ident(v); ident == "auto") {
        field = 0;
        return true;
    }
    auto len = length_pt(*w[0], em_pt, std::nan(""));
    if (!len || (!allow_negative && *len < 0)) return false;
    field = *len;
    return true;
}

bool set_count(int& field, const Values& v) {
    auto w = words(v);
    if (w.size() != 1 || !w[0]->is(TokenType::Number) || !w[0]->token.is_integer || w[0]->token.number < 1 ||
        w[0]->token.number > 100)
        return false;
    field = static_cast<int>(w[0]->token.number);
    return true;
}

const std::vector<Property>& properties() {
    static const std::vector<Property> props = {
        {"font-size", true, [](BoxStyle& t, const BoxStyle& f) { t.font_size_pt = f.font_size_pt; },
         [](BoxStyle& b, const Values& v, const BoxContext& c) {
             auto w = words(v);
             if (w.size() != 1) return false;
             std::optional<double> size;
             if (auto id = single_ident(v)) {
                 static constexpr std::pair<std::string_view, double> keywords[] = {
                     {"xx-small", 3.0 / 5}, {"x-small", 3.0 / 4}, {"small", 8.0 / 9}, {"medium", 1.0},
                     {"large", 6.0 / 5},    {"x-large", 3.0 / 2}, {"xx-large", 2.0},  {"xxx-large", 3.0}};
                 for (const auto& [k, f] : keywords)
                     if (k == *id) size = f * root_font_size_pt;
                 if (*id == "smaller") size = c.parent_size_pt / 1.2;
                 if (*id == "larger") size = c.parent_size_pt * 1.2;
             } else {
                 size = length_pt(*w[0], c.parent_size_pt, c.parent_size_pt);
             }
             if (!size || *size <= 0) return false;
             b.font_size_pt = std::clamp(*size, min_font_size_pt, max_font_size_pt);
             return true;
         }},
        {"font-family", true, [](BoxStyle& t, const BoxStyle& f) { t.font_family = f.font_family; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             auto fam = parse_font_family(v);
             if (!fam) return false;
             b.font_family = std::move(*fam);
             return true;
         }},
        {"line-height", true, [](BoxStyle& t, const BoxStyle& f) { t.line_height = f.line_height; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             auto w = words(v);
             if (w.size() != 1) return false;
             if (single_ident(v) == "normal") {
                 b.line_height = 1.2;
                 return true;
             }
             const auto& t = w[0]->token;
             double m = 0;
             if (w[0]->is(TokenType::Number)) m = t.number;
             else if (auto len = length_pt(*w[0], b.font_size_pt, b.font_size_pt)) m = *len / b.font_size_pt;
             else return false;
             if (m <= 0 || m > 10) return false;
             b.line_height = m;
             return true;
         }},
        {"font-weight", true, [](BoxStyle& t, const BoxStyle& f) { t.bold = f.bold; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             auto w = words(v);
             if (w.size() != 1) return false;
             if (w[0]->is(TokenType::Number) && w[0]->token.number >= 1 && w[0]->token.number <= 1000) {
                 b.bold = w[0]->token.number >= 600;
                 return true;
             }
             auto id = single_ident(v);
             if (id == "bold" || id == "bolder") b.bold = true;
             else if (id == "normal") b.bold = false;
             else if (id == "lighter") b.bold = false;  // lighter than 700 is 400, than 400 is 100
             else return false;
             return true;
         }},
        {"font-style", true, [](BoxStyle& t, const BoxStyle& f) { t.italic = f.italic; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             auto w = words(v);
             if (w.empty() || !w[0]->is(TokenType::Ident)) return false;
             const std::string id = base::utf8::to_lower(w[0]->token.value);
             if (id == "oblique") b.italic = true;  // an optional angle may follow
             else if (w.size() != 1) return false;
             else if (id == "italic") b.italic = true;
             else if (id == "normal") b.italic = false;
             else return false;
             return true;
         }},
        {"text-align", true, [](BoxStyle& t, const BoxStyle& f) { t.align = f.align; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             auto id = single_ident(v);
             if (!id) return false;
             if (*id == "justify") b.align = TextAlign::Justify;
             else if (*id == "left" || *id == "start") b.align = TextAlign::Left;
             else if (*id == "right" || *id == "end") b.align = TextAlign::Right;
             else if (*id == "center") b.align = TextAlign::Center;
             else return false;
             return true;
         }},
        {"text-indent", true, [](BoxStyle& t, const BoxStyle& f) { t.text_indent_pt = f.text_indent_pt; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             return set_length(b.text_indent_pt, v, b.font_size_pt, true);
         }},
        {"hyphens", true, [](BoxStyle& t, const BoxStyle& f) { t.hyphens = f.hyphens; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             auto id = single_ident(v);
             if (id == "auto") b.hyphens = Hyphens::Auto;
             else if (id == "manual") b.hyphens = Hyphens::Manual;
             else if (id == "none") b.hyphens = Hyphens::None;
             else return false;
             return true;
         }},
        {"color", true, [](BoxStyle& t, const BoxStyle& f) { t.color = f.color; },
         [](BoxStyle& b, const Values& v, const BoxContext& c) {
             auto col = parse_color(v, c.parent.color);
             if (!col) return false;
             b.color = *col;
             return true;
         }},
        {"widows", true, [](BoxStyle& t, const BoxStyle& f) { t.widows = f.widows; },
         [](BoxStyle& b, const Values& v, const BoxContext&) { return set_count(b.widows, v); }},
        {"orphans", true, [](BoxStyle& t, const BoxStyle& f) { t.orphans = f.orphans; },
         [](BoxStyle& b, const Values& v, const BoxContext&) { return set_count(b.orphans, v); }},
        {"margin-top", false, [](BoxStyle& t, const BoxStyle& f) { t.margin_top_pt = f.margin_top_pt; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             return set_length(b.margin_top_pt, v, b.font_size_pt, true);
         }},
        {"margin-bottom", false, [](BoxStyle& t, const BoxStyle& f) { t.margin_bottom_pt = f.margin_bottom_pt; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             return set_length(b.margin_bottom_pt, v, b.font_size_pt, true);
         }},
        {"margin-left", false, [](BoxStyle& t, const BoxStyle& f) { t.margin_left_pt = f.margin_left_pt; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             return set_length(b.margin_left_pt, v, b.font_size_pt, true);
         }},
        {"margin-right", false, [](BoxStyle& t, const BoxStyle& f) { t.margin_right_pt = f.margin_right_pt; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             return set_length(b.margin_right_pt, v, b.font_size_pt, true);
         }},
        {"break-before", false, [](BoxStyle& t, const BoxStyle& f) { t.break_before = f.break_before; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             auto id = single_ident(v);
             if (id == "page" || id == "left" || id == "right" || id == "recto" || id == "verso") b.break_before = true;
             else if (id == "auto" || id == "avoid" || id == "avoid-page") b.break_before = false;
             else return false;
             return true;
         }},
        {"page-break-before", false, [](BoxStyle& t, const BoxStyle& f) { t.break_before = f.break_before; },
         [](BoxStyle& b, const Values& v, const BoxContext&) {
             auto id = single_ident(v);
             if (id == "always" || id == "left" || id == "right") b.break_before = true;
             else if (id == "auto" || id == "avoid") b.break_before = false;
             else return false;
             return true;
         }},
    };
    return props;
}

const Property* find_property(std::string_view name) {
    for (const auto& p : properties())
        if (p.name == name) return &p;
    return nullptr;
}

// Page-level custom properties, read from body and @page.
constexpr std::string_view prop_running_header = "--folio-running-header";
constexpr std::string_view prop_page_numbers = "--folio-page-numbers";

// Numeric custom properties: the line-breaking costs.
struct CostProperty {
    std::string_view name;
    double BreakCosts::*field;
    double min, max;
};
constexpr CostProperty cost_properties[] = {
    {"--folio-hyphen-penalty", &BreakCosts::hyphen_penalty, 0, 10000},
    {"--folio-name-hyphen-penalty", &BreakCosts::name_hyphen_penalty, 0, 10000},
    {"--folio-double-hyphen-demerits", &BreakCosts::double_hyphen_demerits, 0, 1e7},
    {"--folio-final-hyphen-demerits", &BreakCosts::final_hyphen_demerits, 0, 1e7},
    {"--folio-last-word-demerits", &BreakCosts::last_word_demerits, 0, 1e7},
};
constexpr std::string_view prop_hyphen_limit = "--folio-hyphen-limit";
constexpr std::string_view prop_columns = "--folio-columns";
constexpr std::string_view prop_column_gap = "--folio-column-gap";

bool is_cost_property(std::string_view name) {
    if (name == prop_hyphen_limit) return true;
    for (const auto& c : cost_properties)
        if (c.name == name) return true;
    return false;
}

/// Vendor-prefixed spellings that styles carry for reading systems count as the standard property.
std::string canonical_name(const std::string& name) {
    if (name == "-epub-hyphens" || name == "-webkit-hyphens" || name == "-moz-hyphens") return "hyphens";
    return name;
}

// Expands shorthands into longhands; returns false when the shorthand's value has the wrong shape.
bool expand(const std::string& name, const Values& value, std::vector<std::pair<std::string, Values>>& out) {
    if (name != "margin") {
        out.emplace_back(name, value);
        return true;
    }
    std::vector<Values> parts;
    for (const auto& v : value)
        if (!is_ws(v)) parts.push_back({v});
    if (parts.empty() || parts.size() > 4) return false;
    const std::size_t n = parts.size();
    const Values& top = parts[0];
    const Values& right = parts[n > 1 ? 1 : 0];
    const Values& bottom = parts[n > 2 ? 2 : 0];
    const Values& left = parts[n > 3 ? 3 : (n > 1 ? 1 : 0)];
    out.emplace_back("margin-top", top);
    out.emplace_back("margin-right", right);
    out.emplace_back("margin-bottom", bottom);
    out.emplace_back("margin-left", left);
    return true;
}

struct CascadeInput {
    std::map<std::string, std::vector<Candidate>, std::less<>> boxes;
    std::vector<Candidate> page, page_first;
    bool usable = false;  // at least one rule with a declaration
};

std::string selector_text(const Values& s) { return css::to_css(s); }

bool refers_to_url(const Values& values) {
    for (const auto& v : values) {
        if (v.is(TokenType::Url) || v.is(TokenType::BadUrl)) return true;
        if (v.kind == ComponentValue::Kind::Function && base::utf8::to_lower(v.token.value) == "url") return true;
        if (refers_to_url(v.children)) return true;
    }
    return false;
}

void collect(const std::vector<css::Rule>& rules, int origin, CascadeInput& in, Reporter* rep,
             std::vector<css::SyntaxIssue>& issues, std::size_t& order) {
    auto note = [&](Position p, std::string msg) {
        if (rep) rep->note(p, std::move(msg));
    };
    auto warn = [&](Position p, std::string msg) {
        if (rep) rep->warn(p, std::move(msg));
    };
    // Validates names and expands shorthands; returns the candidates of one declaration block.
    auto declarations = [&](const css::DeclarationList& list, bool page_context) {
        std::vector<Candidate> out;
        for (const auto& d : list.declarations) {
            in.usable = true;
            const std::string name = canonical_name(d.name);
            const bool custom = name == prop_running_header || name == prop_page_numbers || is_cost_property(name) ||
                                name == prop_columns || name == prop_column_gap;
            if (!custom && name.starts_with("--")) {
                note(d.pos, "custom property '" + d.name + "' is not used by the PDF layout");
                continue;
            }
            if (d.value.empty()) {
                warn(d.pos, "property '" + d.name + "' has no value; ignored");
                continue;
            }
            const bool page_prop = name == "size" || name == "margin" || name == "margin-top" ||
                                   name == "margin-right" || name == "margin-bottom" || name == "margin-left";
            const bool known = custom || (page_context ? page_prop : (name == "margin" || find_property(name)));
            if (!known) {
                note(d.pos, "property '" + d.name + "' is not used by the PDF layout" +
                                (page_context ? std::string(" in @page") : std::string()));
                continue;
            }
            std::vector<std::pair<std::string, Values>> longhands;
            if (!expand(name, d.value, longhands)) {
                note(d.pos, "value '" + css::to_css(d.value) + "' of '" + d.name + "' is not supported; ignored");
                continue;
            }
            for (auto& [prop, value] : longhands) {
                Candidate c;
                c.important = d.important;
                c.origin = origin;
                c.order = order++;
                c.property = prop;
                c.value = std::move(value);
                c.pos = d.pos;
                out.push_back(std::move(c));
            }
        }
        for (const auto& r : list.at_rules)
            note(r.pos, "@" + r.at_name + " inside a declaration block is not used by the PDF layout");
        return out;
    };

    for (const auto& rule : rules) {
        if (rule.kind == css::Rule::Kind::At) {
            if (rule.at_name == "page") {
                if (!rule.has_block) {
                    warn(rule.pos, "@page without a {} block; ignored");
                    continue;
                }
                const std::string sel = selector_text(rule.prelude);
                const bool first = sel == ":first";
                if (!sel.empty() && !first) {
                    note(rule.pos, "@page " + sel + " is not used by the PDF layout (only @page and @page :first)");
                    continue;
                }
                auto cands = declarations(css::parse_declarations(rule.block, issues), true);
                for (auto& c : cands) c.specificity = first ? 1 : 0;
                auto& dest = first ? in.page_first : in.page;
                dest.insert(dest.end(), cands.begin(), cands.end());
            } else if (rule.at_name == "charset" || rule.at_name == "namespace") {
                // Harmless for both outputs.
            } else if (rule.at_name == "import") {
                warn(rule.pos, "@import is not followed, and the imported file is not copied into the EPUB");
            } else if (rule.at_name == "font-face") {
                if (refers_to_url(rule.block))
                    warn(rule.pos, "@font-face refers to a font file by url(), which is not copied into the EPUB");
                else
                    note(rule.pos, "@font-face is not used by the PDF layout (fonts resolve through fontconfig)");
            } else {
                note(rule.pos, "@" + rule.at_name + " rule is not used by the PDF layout");
            }
            continue;
        }
        const auto list = css::parse_declarations(rule.block, issues);
        std::vector<Target> targets;
        for (const auto& s : split_commas(rule.prelude)) {
            if (s.empty()) {
                warn(rule.pos, "empty selector in '" + selector_text(rule.prelude) + "'");
                continue;
            }
            auto t = simple_selector(s);
            if (!t) {
                note(s.front().token.pos, "selector '" + selector_text(s) + "' is not used by the PDF layout");
                continue;
            }
            targets.push_back(*t);
            // A class box is written on an element (h1.title), so that element's rules reach it.
            if (t->specificity == 1)
                for (const auto& c : class_boxes)
                    if (c.element == t->box) targets.push_back(Target{std::string(c.box), 1});
        }
        if (targets.empty()) {
            // A rule only for the EPUB: its properties are not checked against the PDF's list.
            if (!list.declarations.empty()) in.usable = true;
            continue;
        }
        auto cands = declarations(list, false);
        for (const auto& t : targets)
            for (auto c : cands) {
                c.specificity = t.specificity;
                in.boxes[t.box].push_back(std::move(c));
            }
    }
}

// The winning value of each property: candidates sorted by cascade order, the last one wins.
std::map<std::string, const Candidate*> winners(std::vector<Candidate>& cands) {
    std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.key() < b.key(); });
    std::map<std::string, const Candidate*> out;
    for (const auto& c : cands) out[c.property] = &c;
    return out;
}

BoxStyle initial_box() {
    BoxStyle b;
    b.margin_bottom_pt = 0;  // CSS's initial margin; the built-in defaults give p its spacing
    return b;
}

BoxStyle compute_box(std::vector<Candidate>& cands, const BoxStyle& parent, Reporter* rep) {
    const BoxStyle initial = initial_box();
    BoxStyle b = initial;
    for (const auto& p : properties())
        if (p.inherited) p.copy(b, parent);
    const BoxContext ctx{parent.font_size_pt, parent};
    const auto win = winners(cands);
    // font-size first: em in every other property refers to the box's own size.
    std::vector<const Property*> order;
    order.push_back(find_property("font-size"));
    for (const auto& p : properties())
        if (p.name != "font-size") order.push_back(&p);
    for (const Property* p : order) {
        auto it = win.find(std::string(p->name));
        if (it == win.end()) continue;
        const Candidate& c = *it->second;
        const auto keyword = single_ident(c.value);
        if (keyword == "inherit" || ((keyword == "unset" || keyword == "revert") && p->inherited)) {
            p->copy(b, parent);
        } else if (keyword == "initial" || keyword == "unset" || keyword == "revert") {
            p->copy(b, p->inherited ? BoxStyle{} : initial);
        } else if (!p->apply(b, c.value, ctx)) {
            if (rep) rep->note(c.pos, "value '" + css::to_css(c.value) + "' of '" + c.property + "' is not supported by the PDF layout; ignored");
        }
    }
    return b;
}

struct PageSize {
    std::string_view name;
    double width_pt, height_pt;
};
constexpr PageSize page_sizes[] = {
    {"a3", 841.89, 1190.551}, {"a4", 595.276, 841.89},   {"a5", 419.528, 595.276}, {"b5", 498.898, 708.661},
    {"letter", 612, 792},     {"legal", 612, 1008},       {"ledger", 792, 1224},
};

bool apply_page_size(PageStyle& page, const Values& v) {
    auto w = words(v);
    std::optional<double> width, height;
    std::optional<bool> landscape;
    for (const ComponentValue* c : w) {
        if (c->is(TokenType::Ident)) {
            const std::string id = base::utf8::to_lower(c->token.value);
            if (id == "auto" && w.size() == 1) return true;
            if ((id == "landscape" || id == "portrait") && !landscape) {
                landscape = id == "landscape";
                continue;
            }
            const auto it = std::find_if(std::begin(page_sizes), std::end(page_sizes),
                                         [&](const PageSize& s) { return s.name == id; });
            if (it == std::end(page_sizes) || width) return false;
            width = it->width_pt;
            height = it->height_pt;
            continue;
        }
        auto len = length_pt(*c, root_font_size_pt, std::nan(""));
        if (!len || *len <= 0) return false;
        if (!width) width = *len;
        else if (!height && c != w.front()) height = *len;
        else return false;
    }
    if (width && !height) height = width;  // one length: a square page
    double wd = width.value_or(page.width_pt), ht = height.value_or(page.height_pt);
    if (landscape) {
        if (*landscape != (wd > ht)) std::swap(wd, ht);
    }
    if (wd < min_page_side_pt || ht < min_page_side_pt || wd > max_page_side_pt || ht > max_page_side_pt) return false;
    page.width_pt = wd;
    page.height_pt = ht;
    return true;
}

void compute_margins(Margins& m, const std::map<std::string, const Candidate*>& win, const PageStyle& page,
                     Reporter* rep) {
    const std::pair<const char*, double Margins::*> sides[] = {
        {"margin-top", &Margins::top_pt}, {"margin-right", &Margins::right_pt},
        {"margin-bottom", &Margins::bottom_pt}, {"margin-left", &Margins::left_pt}};
    for (const auto& [name, field] : sides) {
        auto it = win.find(name);
        if (it == win.end()) continue;
        const Candidate& c = *it->second;
        const bool vertical = field == &Margins::top_pt || field == &Margins::bottom_pt;
        auto w = words(c.value);
        std::optional<double> len;
        if (w.size() == 1) len = length_pt(*w[0], root_font_size_pt, vertical ? page.height_pt : page.width_pt);
        if (!len || *len < 0) {
            if (rep) rep->note(c.pos, "value '" + css::to_css(c.value) + "' of '" + c.property + "' in @page is not supported; ignored");
            continue;
        }
        m.*field = *len;
    }
}

bool margins_fit(const Margins& m, const PageStyle& p) {
    return p.width_pt - m.left_pt - m.right_pt >= min_text_extent_pt &&
           p.height_pt - m.top_pt - m.bottom_pt >= min_text_extent_pt;
}

void apply_custom(PageStyle& page, const std::map<std::string, const Candidate*>& win, Reporter* rep) {
    auto number = [&](const Candidate& c) -> std::optional<double> {
        auto w = words(c.value);
        if (w.size() == 1 && w[0]->is(TokenType::Number)) return w[0]->token.number;
        return std::nullopt;
    };
    for (const auto& cp : cost_properties) {
        auto it = win.find(std::string(cp.name));
        if (it == win.end()) continue;
        const auto v = number(*it->second);
        if (v && *v >= cp.min && *v <= cp.max) page.breaks.*cp.field = *v;
        else if (rep) {
            char max[32];
            std::snprintf(max, sizeof max, "%g", cp.max);
            rep->note(it->second->pos, std::string(cp.name) + " takes a number from 0 to " + max);
        }
    }
    if (auto it = win.find(std::string(prop_columns)); it != win.end()) {
        const auto v = number(*it->second);
        if (v && *v == std::floor(*v) && *v >= 1 && *v <= 4) page.columns = static_cast<int>(*v);
        else if (rep) rep->note(it->second->pos, std::string(prop_columns) + " takes 1, 2, 3 or 4");
    }
    if (auto it = win.find(std::string(prop_column_gap)); it != win.end()) {
        auto w = words(it->second->value);
        std::optional<double> len;
        if (w.size() == 1) len = length_pt(*w[0], 11, page.width_pt);
        if (len && *len >= 0 && *len <= 144) page.column_gap_pt = *len;
        else if (rep) rep->note(it->second->pos, std::string(prop_column_gap) + " takes a length up to 2 in");
    }
    if (auto it = win.find(std::string(prop_hyphen_limit)); it != win.end()) {
        const auto v = number(*it->second);
        if (v && *v == std::floor(*v) && *v >= -1 && *v <= 100) page.breaks.hyphen_limit = static_cast<int>(*v);
        else if (rep) rep->note(it->second->pos, std::string(prop_hyphen_limit) + " takes a whole number from -1 to 100");
    }
    if (auto it = win.find(std::string(prop_running_header)); it != win.end()) {
        const auto id = single_ident(it->second->value);
        if (id == "title" || id == "none") page.running_header = id == "title";
        else if (rep) rep->note(it->second->pos, std::string(prop_running_header) + " takes title or none");
    }
    if (auto it = win.find(std::string(prop_page_numbers)); it != win.end()) {
        auto w = words(it->second->value);
        if (w.size() == 1 && w[0]->is(TokenType::String) && (w[0]->token.value == "n / N" || w[0]->token.value == "n"))
            page.page_number_format = w[0]->token.value;
        else if (single_ident(it->second->value) == "none")
            page.page_number_format.clear();
        else if (rep)
            rep->note(it->second->pos, std::string(prop_page_numbers) + " takes \"n / N\", \"n\" or none");
    }
}

PageStyle resolve(const std::vector<css::Rule>& author, Reporter* rep, std::vector<css::SyntaxIssue>& issues,
                  bool& usable) {
    // The user-agent sheet is the same for every style: parsed and collected once per process,
    // then each style's rules are collected after a copy of it.
    struct UaCascade {
        CascadeInput in;
        std::size_t order = 0;
    };
    static const UaCascade ua = [] {
        UaCascade u;
        std::vector<css::SyntaxIssue> ignored;
        const auto rules = css::parse_stylesheet(ua_css, ignored);
        collect(rules, 0, u.in, nullptr, ignored, u.order);
        return u;
    }();
    CascadeInput in = ua.in;
    std::size_t order = ua.order;
    in.usable = false;
    collect(author, 1, in, rep, issues, order);
    usable = in.usable;

    PageStyle page;
    // Custom properties on body and @page: taken out of body's list before boxes are computed.
    std::vector<Candidate> custom;
    auto& body_cands = in.boxes["body"];
    for (auto it = body_cands.begin(); it != body_cands.end();) {
        if (it->property.starts_with("--")) {
            custom.push_back(std::move(*it));
            it = body_cands.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& [name, cands] : in.boxes) {
        if (name == "body") continue;
        for (const auto& c : cands)
            if (c.property.starts_with("--") && rep)
                rep->note(c.pos, c.property + " is read on body and @page only");
        std::erase_if(cands, [](const Candidate& c) { return c.property.starts_with("--"); });
    }
    std::vector<Candidate> page_cands;
    for (auto& c : in.page) {
        if (c.property.starts_with("--")) {
            c.specificity = 100;  // @page settles the page over body
            custom.push_back(c);
        } else {
            page_cands.push_back(c);
        }
    }
    for (const auto& c : in.page_first)
        if (c.property.starts_with("--") && rep) rep->note(c.pos, c.property + " is read on @page, not @page :first");
    std::erase_if(in.page_first, [](const Candidate& c) { return c.property.starts_with("--"); });

    apply_custom(page, winners(custom), rep);

    const auto page_win = winners(page_cands);
    if (auto it = page_win.find("size"); it != page_win.end() && !apply_page_size(page, it->second->value) && rep)
        rep->note(it->second->pos, "value '" + css::to_css(it->second->value) + "' of 'size' is not supported; ignored");
    Margins m = page.margins;
    compute_margins(m, page_win, page, rep);
    if (margins_fit(m, page)) page.margins = m;
    else if (rep)
        rep->warn(page_cands.empty() ? no_position : page_cands.front().pos,
                  "@page margins leave less than " + std::to_string(static_cast<int>(min_text_extent_pt)) +
                      " pt for the text; default margins kept");
    Margins first = page.margins;  // :first adds to @page
    compute_margins(first, winners(in.page_first), page, rep);
    if (margins_fit(first, page)) page.first_margins = first;
    else {
        page.first_margins = page.margins;
        if (rep)
            rep->warn(in.page_first.empty() ? no_position : in.page_first.front().pos,
                      "@page :first margins leave less than " + std::to_string(static_cast<int>(min_text_extent_pt)) +
                          " pt for the text; the other pages' margins kept");
    }

    const BoxStyle body = compute_box(in.boxes["body"], BoxStyle{}, rep);
    page.boxes["body"] = body;
    auto all_boxes = std::vector<std::string>(element_boxes.begin(), element_boxes.end());
    for (const auto& c : class_boxes) all_boxes.emplace_back(c.box);
    for (const auto& name : all_boxes) {
        if (name == "body") continue;
        page.boxes[name] = compute_box(in.boxes[name], body, rep);
    }
    return page;
}

std::string first_line_description(const std::string& css) {
    const auto start = css.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start == std::string::npos || css.compare(start, 2, "/*") != 0) return {};
    std::size_t end = css.find("*/", start + 2);
    const std::size_t nl = css.find('\n', start);
    if (end == std::string::npos || (nl != std::string::npos && nl < end)) end = nl;
    std::string text = css.substr(start + 2, end == std::string::npos ? std::string::npos : end - start - 2);
    auto trim = [](std::string& s) {
        s.erase(0, s.find_first_not_of(" \t"));
        s.erase(s.find_last_not_of(" \t\r") + 1);
    };
    trim(text);
    // "NAME: description": the name is one word.
    if (auto colon = text.find(':'); colon != std::string::npos && text.find(' ') > colon) {
        text.erase(0, colon + 1);
        trim(text);
    }
    return text;
}

// Fixed two decimals without locale influence, trailing zeros dropped.
std::string num(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::round(v * 100) / 100, std::chars_format::fixed, 2);
    std::string s = ec == std::errc{} ? std::string(buf, end) : std::string("0");
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
        const bool dot = s.back() == '.';
        s.pop_back();
        if (dot) break;
    }
    return s == "-0" ? "0" : s;
}

std::string hex_color(const Color& c) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out = "#";
    for (double ch : {c.r, c.g, c.b}) {
        const int v = static_cast<int>(std::lround(std::clamp(ch, 0.0, 1.0) * 255));
        out += digits[v >> 4];
        out += digits[v & 15];
    }
    return out;
}

std::string margins_text(const Margins& m) {
    return num(m.top_pt) + " " + num(m.right_pt) + " " + num(m.bottom_pt) + " " + num(m.left_pt);
}

}  // namespace

std::string to_text(const PageStyle& page) {
    std::string out = "page " + num(page.width_pt) + " x " + num(page.height_pt) + " pt; margins " +
                      margins_text(page.margins) + "; first " + margins_text(page.first_margins) + "\n";
    out += std::string("running-header ") + (page.running_header ? "title" : "none") + "; page-numbers " +
           (page.page_number_format.empty() ? std::string("none") : "\"" + page.page_number_format + "\"") + "\n";
    const BreakCosts& k = page.breaks;
    out += "breaks: hyphen-penalty " + num(k.hyphen_penalty) + "; name-hyphen-penalty " + num(k.name_hyphen_penalty) +
           "; double-hyphen-demerits " + num(k.double_hyphen_demerits) + "; final-hyphen-demerits " +
           num(k.final_hyphen_demerits) + "; last-word-demerits " + num(k.last_word_demerits) + "; hyphen-limit " +
           std::to_string(k.hyphen_limit) + "\n";
    out += "columns " + std::to_string(page.columns) + "; gap " + num(page.column_gap_pt) + "\n";
    for (const auto& [name, b] : page.boxes) {
        out += "box " + name + ": family ";
        for (std::size_t i = 0; i < b.font_family.size(); ++i) out += (i ? ", \"" : "\"") + b.font_family[i] + "\"";
        out += "; size " + num(b.font_size_pt) + "; line-height " + num(b.line_height) + "; " +
               (b.bold ? "bold" : "normal") + "; " + (b.italic ? "italic" : "upright") + "; align ";
        switch (b.align) {
            case TextAlign::Justify: out += "justify"; break;
            case TextAlign::Left: out += "left"; break;
            case TextAlign::Center: out += "center"; break;
            case TextAlign::Right: out += "right"; break;
        }
        out += "; indent " + num(b.text_indent_pt) + "; margin " + num(b.margin_top_pt) + " " + num(b.margin_right_pt) +
               " " + num(b.margin_bottom_pt) + " " + num(b.margin_left_pt) + "; hyphens ";
        switch (b.hyphens) {
            case Hyphens::Auto: out += "auto"; break;
            case Hyphens::Manual: out += "manual"; break;
            case Hyphens::None: out += "none"; break;
        }
        out += "; color " + hex_color(b.color) + "; widows " + std::to_string(b.widows) + "; orphans " +
               std::to_string(b.orphans) + (b.break_before ? "; break-before page" : "") + "\n";
    }
    return out;
}

const BoxStyle& PageStyle::box(std::string_view selector) const {
    static const BoxStyle fallback;
    if (auto it = boxes.find(selector); it != boxes.end()) return it->second;
    if (auto it = boxes.find("body"); it != boxes.end()) return it->second;
    return fallback;
}

PageStyle default_page_style() {
    std::vector<css::SyntaxIssue> issues;
    bool usable = false;
    return resolve({}, nullptr, issues, usable);
}

std::vector<fs::path> style_dirs() {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("FOLIO_STYLE_PATH"); env && *env) dirs.emplace_back(env);
    // An installed binary finds its styles next to it (PREFIX/bin → PREFIX/share/folio/styles),
    // so an installation can be moved; the binary in the build tree finds none there and uses
    // the source tree's.
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path beside = exe.parent_path().parent_path() / "share" / "folio" / "styles";
        if (fs::is_directory(beside, ec)) dirs.push_back(beside);
    }
    dirs.emplace_back(FOLIO_STYLE_DIR_SOURCE);
    dirs.emplace_back(FOLIO_STYLE_DIR_INSTALLED);
    return dirs;
}

Style load_style(const std::string& name_or_path, base::Diagnostics& diag) {
    fs::path path;
    if (name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".css")) {
        path = name_or_path;
    } else {
        for (const auto& d : style_dirs()) {
            std::error_code ec;
            if (fs::exists(d / (name_or_path + ".css"), ec)) {
                path = d / (name_or_path + ".css");
                break;
            }
        }
        if (path.empty())
            throw base::Error(base::ErrorCode::Style, "unknown style '" + name_or_path + "' (see --list-styles)");
    }
    Style s;
    s.name = path.stem().string();
    s.path = path;
    {
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        if (!ec && size > max_style_bytes)
            throw base::Error(base::ErrorCode::Style,
                              "style file is larger than " + std::to_string(max_style_bytes >> 10) + " KiB",
                              path.string());
    }
    try {
        s.css = base::read_file(path.string());
    } catch (const base::Error& e) {
        throw base::Error(base::ErrorCode::Style, e.what(), e.where());
    }
    if (s.css.size() > max_style_bytes)
        throw base::Error(base::ErrorCode::Style,
                          "style file is larger than " + std::to_string(max_style_bytes >> 10) + " KiB", path.string());
    Reporter rep(path.string());
    if (!base::utf8::is_valid(s.css)) {
        rep.warn(no_position, "style is not valid UTF-8; invalid bytes replaced by U+FFFD");
        s.css = base::utf8::sanitize(s.css);
    }
    s.description = first_line_description(s.css);

    std::vector<css::SyntaxIssue> issues;
    const auto rules = css::parse_stylesheet(s.css, issues);
    bool usable = false;
    s.page = resolve(rules, &rep, issues, usable);
    for (const auto& i : issues) rep.warn(i.pos, i.message);
    rep.flush(diag);
    if (!usable)
        throw base::Error(base::ErrorCode::Style, "style has no usable rules (no declaration in any rule)", path.string());
    return s;
}

std::vector<std::pair<std::string, std::string>> list_styles() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& d : style_dirs()) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(d, ec)) {
            if (e.path().extension() != ".css") continue;
            const std::string name = e.path().stem().string();
            if (std::any_of(out.begin(), out.end(), [&](auto& p) { return p.first == name; })) continue;
            std::string description;
            try {
                description = first_line_description(base::read_file(e.path().string()));
            } catch (const base::Error&) {
                description = "(unreadable)";
            }
            out.emplace_back(name, description);
        }
        if (!out.empty()) break;
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace folio::style
