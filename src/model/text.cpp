// Plain text extraction, heading ids and link targets.
#include "model/text.hpp"

#include "base/overloaded.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <set>
#include <type_traits>

#include "base/utf8.hpp"

namespace folio::model {
namespace {

using base::Overloaded;

void append_text(std::string& out, const Inlines& xs) {
    for (const auto& x : xs) {
        std::visit(Overloaded{
            [&](const Text& t) { out += t.text; },
            [&](const Emphasis& e) { append_text(out, e.children); },
            [&](const Strong& e) { append_text(out, e.children); },
            [&](const Strikeout& e) { append_text(out, e.children); },
            [&](const Superscript& e) { append_text(out, e.children); },
            [&](const Subscript& e) { append_text(out, e.children); },
            [&](const LangSpan& e) { append_text(out, e.children); },
            [&](const Code& c) { out += c.text; },
            [&](const Link& l) { append_text(out, l.children); },
            [&](const Image& i) { out += i.alt; },
            [&](const LineBreak&) { out += ' '; },
            [&](const FootnoteRef&) {},
            [&](const Anchor&) {},
        }, x.node);
    }
}

void block_text(std::string& out, const Blocks& bs);

void cell_rows(std::string& out, const std::vector<TableRow>& rows) {
    for (const auto& r : rows)
        for (const auto& c : r) {
            append_text(out, c.content);
            out += ' ';
        }
}

void block_text(std::string& out, const Blocks& bs) {
    for (const auto& b : bs) {
        std::visit(Overloaded{
            [&](const Paragraph& p) { append_text(out, p.content); },
            [&](const Heading& h) { append_text(out, h.content); },
            [&](const BulletList& l) { for (const auto& it : l.items) { block_text(out, it.blocks); out += ' '; } },
            [&](const OrderedList& l) { for (const auto& it : l.items) { block_text(out, it.blocks); out += ' '; } },
            [&](const BlockQuote& q) { block_text(out, q.blocks); },
            [&](const CodeBlock& c) { out += c.text; },
            [&](const ThematicBreak&) {},
            [&](const Table& t) { cell_rows(out, t.head); cell_rows(out, t.body); append_text(out, t.caption); },
            [&](const Figure& f) { out += f.image.alt; out += ' '; append_text(out, f.caption); },
            [&](const DefinitionList& l) {
                for (const auto& it : l.items) {
                    append_text(out, it.term);
                    out += ' ';
                    for (const auto& d : it.definitions) { block_text(out, d); out += ' '; }
                }
            },
            [&](const Details& d) {
                append_text(out, d.summary);
                out += '\n';
                block_text(out, d.blocks);
            },
        }, b.node);
        out += '\n';
    }
}

}  // namespace

std::string plain_text(const Inlines& xs) {
    std::string s;
    append_text(s, xs);
    return s;
}

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> words;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = base::utf8::decode(s, i);
        if (base::utf8::is_space(c)) {
            if (!cur.empty()) words.push_back(std::move(cur)), cur.clear();
        } else {
            cur.append(s.substr(start, i - start));
        }
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    return words;
}

std::size_t count_words(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        bool space;
        if (b < 0x80) {  // ASCII, most of every text, without a decode
            space = b == ' ' || (b >= 0x09 && b <= 0x0D);
            ++i;
        } else {
            space = base::utf8::is_space(base::utf8::decode(s, i));
        }
        if (space) {
            in_word = false;
        } else if (!in_word) {
            in_word = true;
            ++n;
        }
    }
    return n;
}

std::size_t count_body_words(const Document& doc) {
    std::string s;
    block_text(s, doc.blocks);
    return count_words(s);
}

std::vector<std::string> body_words(const Document& doc) {
    std::string s;
    block_text(s, doc.blocks);
    return split_words(s);
}

std::string spaced_body_words(const Document& doc) {
    std::string s;
    block_text(s, doc.blocks);
    std::string out;
    out.reserve(s.size() + 1);
    bool in_word = false;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        if (base::utf8::is_space(base::utf8::decode(s, i))) {
            in_word = false;
            continue;
        }
        if (!in_word) out += ' ';
        in_word = true;
        out.append(s, start, i - start);
    }
    return out;
}

namespace {

/// Generated ids stop here: an id is a link target, not a copy of a long heading.
constexpr std::size_t max_generated_id_bytes = 200;

/// GitHub's rule (lower case; letters, digits, '-' and '_' kept; each space a hyphen; the rest
/// dropped), then, as pandoc does, nothing before the first letter: an XML id cannot start with
/// a digit or a hyphen, and EPUB content documents are XML.
std::string slug(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size() && out.size() < max_generated_id_bytes;) {
        const char32_t c = base::utf8::to_lower(base::utf8::decode(text, i));
        const bool letter = base::utf8::is_letter(c);
        if (out.empty() && !letter) continue;
        if (letter || base::utf8::is_digit(c) || c == '_' || c == '-') base::utf8::append(out, c);
        else if (c == ' ') out += '-';
    }
    return out;
}

template <class F>
void each_inlines(Inlines& xs, F&& f);

template <class F>
void each_inline(Inline& x, F&& f) {
    f(x);
    std::visit([&](auto& n) {
        if constexpr (requires { n.children; }) each_inlines(n.children, f);
    }, x.node);
}

template <class F>
void each_inlines(Inlines& xs, F&& f) {
    for (auto& x : xs) each_inline(x, f);
}

using HeadingFn = std::function<void(Heading&)>;
using InlinesFn = std::function<void(Inlines&)>;
using BlockFn = std::function<void(Block&)>;

/// Calls `on_heading` for headings where ids are given (top level and in quotes, as the writers
/// split chapters there), `on_inlines` for every run of inlines, in reading order, and
/// `on_block` (when given) for every block, nested ones included.
void walk(Blocks& bs, const HeadingFn& on_heading, const InlinesFn& on_inlines, const BlockFn& on_block = nullptr) {
    static const HeadingFn none = [](Heading&) {};
    for (auto& b : bs) {
        if (on_block) on_block(b);
        std::visit([&](auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Heading>) { on_heading(n); on_inlines(n.content); }
            else if constexpr (std::is_same_v<T, Paragraph>) on_inlines(n.content);
            else if constexpr (std::is_same_v<T, BulletList> || std::is_same_v<T, OrderedList>) {
                for (auto& it : n.items) walk(it.blocks, none, on_inlines, on_block);
            } else if constexpr (std::is_same_v<T, BlockQuote>) walk(n.blocks, on_heading, on_inlines, on_block);
            else if constexpr (std::is_same_v<T, Table>) {
                for (auto* rows : {&n.head, &n.body})
                    for (auto& r : *rows)
                        for (auto& c : r) on_inlines(c.content);
                on_inlines(n.caption);
            } else if constexpr (std::is_same_v<T, Figure>) on_inlines(n.caption);
            else if constexpr (std::is_same_v<T, DefinitionList>) {
                for (auto& it : n.items) {
                    on_inlines(it.term);
                    for (auto& d : it.definitions) walk(d, none, on_inlines, on_block);
                }
            } else if constexpr (std::is_same_v<T, Details>) {
                on_inlines(n.summary);
                walk(n.blocks, on_heading, on_inlines, on_block);
            } else if constexpr (std::is_same_v<T, CodeBlock> || std::is_same_v<T, ThematicBreak>) {
            } else static_assert(sizeof(T) == 0, "every block kind must be handled");
        }, b.node);
    }
}

}  // namespace

bool usable_id(std::string_view id) {
    if (id.empty() || id.starts_with("fn-") || id.starts_with("fnref-")) return false;
    const auto first = static_cast<unsigned char>(id[0]);
    if (!(first >= 0x80 || (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_'))
        return false;
    for (const char ch : id) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    return base::utf8::is_valid(id);
}

std::string heading_slug(const std::string& text) { return slug(text); }

void assign_heading_ids(Document& doc) {
    std::set<std::string> used;
    // Ids the author gave come first: a generated id never takes one of them.
    walk(doc.blocks, [&](Heading& h) {
        if (!h.id.empty() && (!usable_id(h.id) || !used.insert(h.id).second)) h.id.clear();
    }, [](Inlines&) {});
    walk(doc.blocks, [](Heading&) {}, [&](Inlines& xs) {
        each_inlines(xs, [&](Inline& x) {
            if (auto* a = std::get_if<Anchor>(&x.node))
                if (!usable_id(a->id) || !used.insert(a->id).second) a->id.clear();
        });
    });
    walk(doc.blocks, [&](Heading& h) {
        if (!h.id.empty()) return;
        std::string base = slug(plain_text(h.content));
        if (base.empty()) base = "section";
        std::string id = base;
        for (int k = 1; used.count(id); ++k) id = base + "-" + std::to_string(k);
        used.insert(id);
        h.id = id;
    }, [](Inlines&) {});
}

std::string fragment_id(std::string_view url) {
    if (!url.starts_with("#")) return {};
    return percent_decode(url.substr(1));
}

std::set<std::string, std::less<>> target_ids(const Document& doc) {
    std::set<std::string, std::less<>> ids;
    // The walk only reads; it takes mutable blocks to share one traversal with assign_heading_ids.
    auto& blocks = const_cast<Blocks&>(doc.blocks);
    walk(blocks, [&](Heading& h) { if (!h.id.empty()) ids.insert(h.id); }, [&](Inlines& xs) {
        each_inlines(xs, [&](Inline& x) {
            if (const auto* a = std::get_if<Anchor>(&x.node); a && !a->id.empty()) ids.insert(a->id);
        });
    });
    return ids;
}

namespace {
/// Headings that name the page's furniture rather than its subject (a pasted table of contents).
constexpr std::array<std::string_view, 12> generic_headings{
    "table of contents", "contents", "toc", "inhalt", "inhaltsverzeichnis", "sommaire",
    "table des matières", "índice", "indice", "sumário", "sumario", "contenido"};
}  // namespace

bool is_generic_heading(std::string_view text) {
    std::string s = base::utf8::to_lower(text);
    while (!s.empty() && (s.back() == ' ' || s.back() == ':')) s.pop_back();
    const auto b = s.find_first_not_of(' ');
    if (b == std::string::npos) return false;
    s.erase(0, b);
    return std::find(generic_headings.begin(), generic_headings.end(), s) != generic_headings.end();
}

bool plausible_language_tag(std::string_view tag) {
    constexpr std::size_t max_tag = 35;
    if (tag.empty() || tag.size() > max_tag || tag.back() == '-') return false;
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alpha(tag.front())) return false;
    return std::all_of(tag.begin(), tag.end(), [&](char c) { return alpha(c) || (c >= '0' && c <= '9') || c == '-'; });
}

bool same_language(std::string_view a, std::string_view b) {
    const auto primary = [](std::string_view t) { return t.substr(0, t.find('-')); };
    const std::string_view pa = primary(a), pb = primary(b);
    return pa.size() == pb.size() && std::equal(pa.begin(), pa.end(), pb.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

namespace {

void drop_language(Inlines& xs, std::string_view lang);

void drop_language_in(Inline& x, std::string_view lang) {
    std::visit([&](auto& n) {
        if constexpr (requires { n.children; }) drop_language(n.children, lang);
    }, x.node);
}

void drop_language(Inlines& xs, std::string_view lang) {
    Inlines out;
    out.reserve(xs.size());
    for (auto& x : xs) {
        drop_language_in(x, lang);
        if (auto* s = std::get_if<LangSpan>(&x.node); s && same_language(s->lang, lang)) {
            for (auto& k : s->children) out.push_back(std::move(k));
            continue;
        }
        out.push_back(std::move(x));
    }
    xs = std::move(out);
}

}  // namespace

void drop_document_language(Document& doc) {
    const std::string_view lang = doc.meta.lang;
    if (lang.empty()) return;
    const HeadingFn none = [](Heading&) {};
    const InlinesFn inlines = [&](Inlines& xs) { drop_language(xs, lang); };
    const BlockFn block = [&](Block& b) {
        if (!b.lang.empty() && same_language(b.lang, lang)) b.lang.clear();
    };
    walk(doc.blocks, none, inlines, block);
    for (auto& f : doc.footnotes) walk(f.blocks, none, inlines, block);
}

std::string display_date(std::string_view date, std::string_view lang_tag) {
    std::string lang(lang_tag);  // "en_US" as POSIX locales write it is "en-US"
    std::replace(lang.begin(), lang.end(), '_', '-');
    // YYYY-MM-DD, then nothing or a time ("T…", " …").
    auto digits = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t k = at; k < at + n; ++k) {
            if (k >= date.size() || date[k] < '0' || date[k] > '9') return -1;
            v = v * 10 + (date[k] - '0');
        }
        return v;
    };
    const int year = digits(0, 4), month_number = digits(5, 2), day = digits(8, 2);
    if (year < 0 || month_number < 1 || month_number > 12 || day < 1 || date[4] != '-' || date[7] != '-') return std::string(date);
    static constexpr std::array<int, 12> month_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > month_days[static_cast<std::size_t>(month_number - 1)] || (month_number == 2 && day == 29 && !leap))
        return std::string(date);
    // Only a time may follow ("T18:11:51+03:00", " 18:11"): anything else is text written by hand.
    if (date.size() > 10 && !((date[10] == 'T' || date[10] == ' ') && digits(11, 1) >= 0)) return std::string(date);
    // Per language: the months, and the order of day (D), month (M) and year (Y).
    struct DateWords {
        std::string_view lang, months, pattern, first_day;
    };
    static constexpr DateWords words[]{
        {"en-US", "January February March April May June July August September October November December", "M D, Y", ""},
        {"en", "January February March April May June July August September October November December", "D M Y", ""},
        {"fr", "janvier février mars avril mai juin juillet août septembre octobre novembre décembre", "D M Y", "1er"},
        {"de", "Januar Februar März April Mai Juni Juli August September Oktober November Dezember", "D. M Y", ""},
        {"es", "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre", "D de M de Y", ""},
        {"it", "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre", "D M Y", "1º"},
        {"pt", "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro", "D de M de Y", ""}};
    for (const DateWords& dw : words) {
        const bool region = dw.lang.size() > 2;
        if (region ? !std::equal(lang.begin(), lang.end(), dw.lang.begin(), dw.lang.end(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            })
                   : !same_language(lang, dw.lang))
            continue;
        std::string_view month = dw.months;
        for (int k = 1; k < month_number; ++k) month.remove_prefix(month.find(' ') + 1);
        month = month.substr(0, month.find(' '));
        std::string out;
        for (const char c : dw.pattern) {
            if (c == 'D') out += day == 1 && !dw.first_day.empty() ? std::string(dw.first_day) : std::to_string(day);
            else if (c == 'M') out += month;
            else if (c == 'Y') out += std::to_string(year);
            else out += c;
        }
        return out;
    }
    return std::string(date.substr(0, 10));
}

}  // namespace folio::model
