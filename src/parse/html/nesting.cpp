// cap_nesting: an approximate tokenizer (tags, comments, raw-text elements) that counts open
// elements, leaving out those HTML closes implicitly (p, li, td, ...) and void elements, and
// leaves out the bodies of scripts and style sheets.
#include "parse/html/nesting.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "base/utf8.hpp"

namespace folio::parse::html {
namespace {

using base::utf8::ascii_lower;

bool one_of(const std::string& name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_void_or_implied(const std::string& n) {
    return one_of(n, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                      "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody",
                      "thead", "tfoot", "rb", "rt", "rp", "html", "head", "body", "frame", "basefont", "bgsound"});
}

bool is_formatting(const std::string& n) {
    return one_of(n, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"});
}

bool is_raw_text(const std::string& n) {
    return one_of(n, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"});
}

}  // namespace

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/// The end of an attribute's value that starts at `p`, right after its '=', within [p, to):
/// past white space, a quoted value up to its closing quote, else up to white space or '>'.
/// npos when a quote is not closed before `to`.
std::size_t value_end(std::string_view s, std::size_t p, std::size_t to) {
    while (p < to && is_space(s[p])) ++p;
    if (p < to && (s[p] == '"' || s[p] == '\'')) {
        const std::size_t close = s.find(s[p], p + 1);
        return close == std::string_view::npos || close >= to ? std::string_view::npos : close + 1;
    }
    while (p < to && !is_space(s[p]) && s[p] != '>') ++p;
    return p;
}

/// The '>' that ends a tag whose name ends at `p` (npos when none), read as the HTML tokenizer
/// reads it: a quote opens a value only right after '=' (and white space); anywhere else it is
/// a character of a name (`src="a.js""` does not open a quote that would swallow the page).
std::size_t tag_end(std::string_view s, std::size_t p) {
    while (p < s.size()) {
        if (s[p] == '>') return p;
        if (s[p] != '=') { ++p; continue; }
        if ((p = value_end(s, p + 1, s.size())) == std::string_view::npos) return p;
    }
    return std::string_view::npos;
}

/// Where the attribute after the first max_tag_attributes of a tag's attribute text [from, to)
/// starts, or `to` when there are no more. Attribute syntax as the HTML tokenizer reads it: a
/// name up to white space, '/', '=' or the end; then, after '=', a value (value_end).
std::size_t after_attribute_limit(std::string_view s, std::size_t from, std::size_t to) {
    std::size_t p = from, count = 0;
    for (;;) {
        while (p < to && (is_space(s[p]) || s[p] == '/')) ++p;
        if (p >= to) return to;
        if (count == max_tag_attributes) return p;
        while (p < to && !is_space(s[p]) && s[p] != '/' && s[p] != '=') ++p;
        std::size_t q = p;
        while (q < to && is_space(s[q])) ++q;
        if (q < to && s[q] == '=') p = std::min(value_end(s, q + 1, to), to);
        ++count;
    }
}

std::string cap_nesting(std::string_view s, std::size_t& removed, std::size_t* blanked_attributes) {
    removed = 0;
    if (blanked_attributes) *blanked_attributes = 0;
    std::size_t skipped = 0;  // script and style bodies left out, tags whose attributes were cut
    std::string out;
    std::size_t depth = 0, excess = 0, copied = 0;
    std::size_t formatting = 0, formatting_excess = 0;
    auto cut = [&](std::size_t from, std::size_t to) {
        if (out.empty()) out.reserve(s.size());
        out.append(s.substr(copied, from - copied));
        copied = to;
    };
    // Attribute text of the last tag to turn into spaces (line breaks kept: a column per
    // character, so every position after it stays); empty when none.
    std::pair<std::size_t, std::size_t> blank{0, 0};
    auto blank_attributes = [&] {
        if (blank.first == blank.second) return;
        cut(blank.first, blank.second);
        for (std::size_t c = blank.first; c < blank.second; ++c) {
            if (s[c] == '\n') out.push_back('\n');
            else if ((static_cast<unsigned char>(s[c]) & 0xC0) != 0x80) out.push_back(' ');
            if (blanked_attributes && s[c] == '=') ++*blanked_attributes;
        }
        ++skipped;
        blank = {0, 0};
    };
    std::size_t i = 0;
    while ((i = s.find('<', i)) != std::string_view::npos) {
        blank_attributes();
        if (s.compare(i, 4, "<!--") == 0) {
            const std::size_t e = s.find("-->", i + 4);
            if (e == std::string_view::npos) break;
            i = e + 3;
            continue;
        }
        const bool end_tag = i + 1 < s.size() && s[i + 1] == '/';
        std::size_t j = i + (end_tag ? 2 : 1);
        if (j >= s.size() || !std::isalpha(static_cast<unsigned char>(s[j]))) { ++i; continue; }
        std::size_t k = j;
        while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '-' || s[k] == ':')) ++k;
        const std::string name = ascii_lower(s.substr(j, k - j));
        const std::size_t e = tag_end(s, k);
        if (e >= s.size()) break;
        const bool self_closing = s[e - 1] == '/';
        i = e + 1;
        // Attributes past the limit are blanked once the tag is known to stay (a tag removed
        // below goes whole).
        if (!end_tag && e - k > max_tag_attributes * 2) {
            const std::size_t keep_end = self_closing ? e - 1 : e;
            if (const std::size_t from = after_attribute_limit(s, k, keep_end); from < keep_end) blank = {from, keep_end};
        }
        if (!end_tag && is_raw_text(name)) {
            // Skip to the matching end tag: raw text holds no markup.
            const std::string close = "</" + name;
            std::size_t c = i;
            while ((c = s.find("</", c)) != std::string_view::npos && ascii_lower(s.substr(c, close.size())) != close) c += 2;
            const std::size_t body_end = c == std::string_view::npos ? s.size() : c;
            // Scripts and style sheets are a third of a news page's bytes and none of its text:
            // the parser need not read them. JSON-LD stays (it holds the page's metadata).
            const bool code = name == "style" || (name == "script" && ascii_lower(s.substr(k, e - k)).find("ld+json") == std::string::npos);
            blank_attributes();
            if (code && body_end > i) {
                // Its line breaks stay, and its last line as spaces, so that every position
                // after it (in diagnostics) is unchanged.
                cut(i, body_end);
                const std::string_view body = s.substr(i, body_end - i);
                const std::size_t last_break = body.rfind('\n');
                out.append(static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n')), '\n');
                // (tabs kept: the parser counts columns to tab stops)
                const std::string_view last = last_break == std::string_view::npos ? body : body.substr(last_break + 1);
                for (const char ch : last)
                    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) out.push_back(ch == '\t' ? '\t' : ' ');
                ++skipped;
            }
            i = body_end;
            continue;
        }
        if (is_void_or_implied(name) || self_closing) continue;
        if (is_formatting(name)) {
            if (end_tag) {
                if (formatting_excess > 0) { --formatting_excess; cut(j - 2, i); continue; }
                if (formatting > 0) --formatting;
            } else if (formatting >= max_open_formatting) {
                ++formatting_excess;
                ++removed;
                blank = {0, 0};
                cut(j - 1, i);
                continue;
            } else {
                ++formatting;
            }
        }
        if (end_tag) {
            if (excess > 0) { --excess; cut(j - 2, i); }
            else if (depth > 0) --depth;
        } else if (depth >= max_source_nesting) {
            ++excess;
            ++removed;
            blank = {0, 0};
            cut(j - 1, i);
        } else {
            ++depth;
        }
    }
    blank_attributes();
    if (removed == 0 && skipped == 0) return std::string(s);
    out.append(s.substr(copied));
    return out;
}

}  // namespace folio::parse::html
