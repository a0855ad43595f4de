// cap_nesting: an approximate tokenizer (tags, comments, raw-text elements) that counts open
// elements, leaving out those HTML closes implicitly (p, li, td, ...) and void elements, and
// leaves out the bodies of scripts and style sheets.
#include "parse/html/nesting.hpp"

#include <algorithm>
#include <array>

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

std::string cap_nesting(std::string_view s, std::size_t& removed) {
    removed = 0;
    std::size_t skipped = 0;  // script and style bodies left out
    std::string out;
    std::size_t depth = 0, excess = 0, copied = 0;
    std::size_t formatting = 0, formatting_excess = 0;
    auto cut = [&](std::size_t from, std::size_t to) {
        if (out.empty()) out.reserve(s.size());
        out.append(s.substr(copied, from - copied));
        copied = to;
    };
    std::size_t i = 0;
    while ((i = s.find('<', i)) != std::string_view::npos) {
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
        // The tag ends at the first '>' outside quotes.
        char quote = 0;
        std::size_t e = k;
        for (; e < s.size(); ++e) {
            if (quote) { if (s[e] == quote) quote = 0; }
            else if (s[e] == '"' || s[e] == '\'') quote = s[e];
            else if (s[e] == '>') break;
        }
        if (e >= s.size()) break;
        const bool self_closing = s[e - 1] == '/';
        i = e + 1;
        if (!end_tag && is_raw_text(name)) {
            // Skip to the matching end tag: raw text holds no markup.
            const std::string close = "</" + name;
            std::size_t c = i;
            while ((c = s.find("</", c)) != std::string_view::npos && ascii_lower(s.substr(c, close.size())) != close) c += 2;
            const std::size_t body_end = c == std::string_view::npos ? s.size() : c;
            // Scripts and style sheets are a third of a news page's bytes and none of its text:
            // the parser need not read them. JSON-LD stays (it holds the page's metadata).
            const bool code = name == "style" || (name == "script" && ascii_lower(s.substr(k, e - k)).find("ld+json") == std::string::npos);
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
            cut(j - 1, i);
        } else {
            ++depth;
        }
    }
    if (removed == 0 && skipped == 0) return std::string(s);
    out.append(s.substr(copied));
    return out;
}

}  // namespace folio::parse::html
