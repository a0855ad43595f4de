// Line-break opportunities: libunibreak's UAX #14 classes first, then folio's own rules, because
// libunibreak 1.1 predates several Unicode updates and knows nothing of URLs or French spacing.
#include "layout/breaks.hpp"

#include <linebreak.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "base/utf8.hpp"

namespace folio::layout {
namespace {

namespace utf8 = base::utf8;

// A hyphenated compound breaks at its hyphen only when both parts stay readable: "dit-il",
// "PD-L1" and "vingt-et-un" keep their short parts (the same reasoning as TeX's hyphenmins).
constexpr int min_alnum_before_hyphen_break = 2;
constexpr int min_alnum_after_hyphen_break = 3;

struct Char {
    char32_t cp;
    std::size_t offset;
    std::size_t end;  // offset of the next character
};

bool is_no_break_space(char32_t c) noexcept {
    return c == 0x00A0 || c == 0x202F || c == 0x2007 || c == 0x2060 || c == 0xFEFF;
}

bool is_hyphen(char32_t c) noexcept { return c == U'-' || c == 0x2010; }

bool is_dash(char32_t c) noexcept { return (c >= 0x2012 && c <= 0x2015) || c == 0x2E3A || c == 0x2E3B; }

bool is_alnum(char32_t c) noexcept { return utf8::is_letter(c) || utf8::is_digit(c); }

bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// French puts a (narrow) space before these; typed as an ordinary space, it must still not break.
bool is_french_no_break_before(char32_t c) noexcept {
    return c == U';' || c == U':' || c == U'!' || c == U'?' || c == 0x00BB || c == 0x203A;
}

bool is_french_no_break_after(char32_t c) noexcept { return c == 0x00AB || c == 0x2039; }

// Characters that surround a URL in prose without belonging to it: brackets, quotes, and the
// sentence punctuation that follows it.
constexpr std::string_view url_openers[] = {"(", "[", "<", "{", "\"", "'", "«", "“", "‘", "‹"};
constexpr std::string_view url_closers[] = {")", "]", ">", "}", "\"", "'", ".", ",", ";", ":",
                                            "!", "?", "»", "”", "’", "›"};

/// The URL proper inside a token: bytes [first, last) without surrounding punctuation or quotes.
std::pair<std::size_t, std::size_t> url_core(std::string_view w) {
    std::size_t first = 0, last = w.size();
    for (bool stripped = true; stripped && first < last;) {
        stripped = false;
        for (std::string_view o : url_openers) {
            if (w.substr(first, last - first).starts_with(o)) {
                first += o.size();
                stripped = true;
                break;
            }
        }
    }
    for (bool stripped = true; stripped && first < last;) {
        stripped = false;
        for (std::string_view c : url_closers) {
            if (w.substr(first, last - first).ends_with(c)) {
                last -= c.size();
                stripped = true;
                break;
            }
        }
    }
    return {first, last};
}

bool is_url_core(std::string_view u) {
    if (u.empty()) return false;
    for (char c : u) {
        if (static_cast<unsigned char>(c) <= 0x20) return false;
    }
    if (const std::size_t s = u.find("://"); s != std::string_view::npos && s > 0 && s + 3 < u.size()) {
        if (!is_ascii_alpha(u[0])) return false;
        return std::all_of(u.begin(), u.begin() + static_cast<std::ptrdiff_t>(s), [](char c) {
            return is_ascii_alpha(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' ||
                   c == '.';
        });
    }
    auto lower_starts = [&](std::string_view prefix) {
        if (u.size() <= prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i) {
            if (std::tolower(static_cast<unsigned char>(u[i])) != prefix[i]) return false;
        }
        return true;
    };
    if (lower_starts("www.") || lower_starts("mailto:")) return true;
    const std::size_t at = u.find('@');
    if (at == std::string_view::npos || at == 0 || u.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view domain = u.substr(at + 1);
    const std::size_t dot = domain.find('.');
    return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
}

std::string primary_subtag(std::string_view lang) {
    std::string out;
    for (char c : lang) {
        if (c == '-' || c == '_') break;
        if (!is_ascii_alpha(c)) return {};
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// Scripts written without spaces between words (Han, kana, Hangul, fullwidth forms), where
/// UAX #14 lets a line break between characters.
bool is_ideographic(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

}  // namespace

bool is_url(std::string_view word) {
    // Every address has a ':' ("://", "mailto:"), an '@' or a '.' ("www."); every word of a
    // paragraph is asked, and most have none of them.
    if (std::none_of(word.begin(), word.end(), [](char c) { return c == ':' || c == '@' || c == '.'; })) return false;
    const auto [first, last] = url_core(word);
    return is_url_core(word.substr(first, last - first));
}


std::vector<BreakPoint> break_opportunities(std::string_view text, std::string_view lang) {
    std::vector<BreakPoint> out;
    if (text.empty()) return out;

    // libunibreak reads the bytes as UTF-8; an invalid byte becomes an opaque letter so that
    // offsets stay those of the caller's text.
    std::string clean(text);
    for (std::size_t i = 0; i < clean.size();) {
        const std::size_t n = utf8::valid_sequence_length(clean, i);
        if (n == 0) {
            clean[i] = 'x';
            ++i;
        } else {
            i += n;
        }
    }

    static std::once_flag initialised;
    std::call_once(initialised, [] { init_linebreak(); });
    const std::string primary = primary_subtag(lang);
    std::vector<char> brks(clean.size());
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(clean.data()), clean.size(),
                        primary.empty() ? nullptr : primary.c_str(), brks.data());
    const bool french = primary == "fr";

    std::vector<Char> chars;
    chars.reserve(clean.size());
    for (std::size_t i = 0; i < clean.size();) {
        const std::size_t at = i;
        const char32_t cp = utf8::decode(clean, i);
        chars.push_back(Char{cp, at, i});
    }

    // URL tokens: their inner breaks are ours alone.
    std::vector<std::pair<std::size_t, std::size_t>> urls;  // byte ranges of URL cores
    for (std::size_t k = 0; k < chars.size();) {
        if (utf8::is_space(chars[k].cp)) {
            ++k;
            continue;
        }
        std::size_t e = k;
        while (e < chars.size() && !utf8::is_space(chars[e].cp)) ++e;
        const std::size_t begin = chars[k].offset;
        const std::size_t end = e < chars.size() ? chars[e].offset : clean.size();
        const std::string_view token = std::string_view(clean).substr(begin, end - begin);
        k = e;
        if (token.find_first_of(":@.") == std::string_view::npos) continue;  // cheap pre-filter
        const auto [first, last] = url_core(token);
        if (is_url_core(token.substr(first, last - first))) urls.emplace_back(begin + first, begin + last);
    }
    // Offsets are visited in increasing order, and so are the URL ranges: one cursor suffices.
    std::size_t url_cursor = 0;
    auto in_url = [&](std::size_t offset) {
        while (url_cursor < urls.size() && urls[url_cursor].second <= offset) ++url_cursor;
        return url_cursor < urls.size() && offset > urls[url_cursor].first;
    };

    std::size_t text_start = 0;  // first non-space character
    while (text_start < chars.size() && utf8::is_space(chars[text_start].cp)) ++text_start;

    for (std::size_t k = 0; k + 1 < chars.size(); ++k) {
        const char b = brks[chars[k].end - 1];
        if (b != LINEBREAK_ALLOWBREAK && b != LINEBREAK_MUSTBREAK) continue;
        const std::size_t offset = chars[k].end;
        const char32_t prev = chars[k].cp;
        const char32_t next = chars[k + 1].cp;
        if (b == LINEBREAK_MUSTBREAK) {
            out.push_back(BreakPoint{offset, utf8::is_space(prev) ? BreakPoint::Kind::Space : BreakPoint::Kind::Other,
                                     true});
            continue;
        }
        if (k < text_start) continue;  // before the first word: an empty line
        if (is_no_break_space(next) || is_no_break_space(prev)) continue;

        if (utf8::is_space(prev)) {
            // The whole run of white space ending here: one no-break space in it ties the words.
            std::size_t j = k;
            bool tied = false;
            for (;;) {
                tied = tied || is_no_break_space(chars[j].cp);
                if (j == 0 || !utf8::is_space(chars[j - 1].cp)) break;
                --j;
            }
            if (tied) continue;
            if (french && ((j > 0 && is_french_no_break_after(chars[j - 1].cp)) || is_french_no_break_before(next))) {
                continue;
            }
            out.push_back(BreakPoint{offset, BreakPoint::Kind::Space, false});
            continue;
        }
        if (french && (is_french_no_break_after(prev) || is_french_no_break_before(next))) continue;
        if (in_url(offset)) continue;
        if (prev == 0x00AD) continue;  // a soft hyphen would need a drawn hyphen: not ours to add
        if (is_hyphen(prev)) {
            int left = 0, right = 0;
            for (std::size_t j = k; j-- > 0 && !utf8::is_space(chars[j].cp) && !is_hyphen(chars[j].cp);) {
                left += is_alnum(chars[j].cp) ? 1 : 0;
            }
            for (std::size_t j = k + 1; j < chars.size() && !utf8::is_space(chars[j].cp) && !is_hyphen(chars[j].cp);
                 ++j) {
                right += is_alnum(chars[j].cp) ? 1 : 0;
            }
            if (left < min_alnum_before_hyphen_break || right < min_alnum_after_hyphen_break) continue;
            out.push_back(BreakPoint{offset, BreakPoint::Kind::Hyphen, false});
            continue;
        }
        // Inside a run of letters without spaces (after '/' in "and/or", after an em dash in
        // "word—word") a line may break only where the script has no spaces at all (CJK): a word
        // split there could not be put back together by a reader copying the text, nor by text
        // extraction, which rejoins lines only at hyphens.
        if (!is_ideographic(prev) && !is_ideographic(next)) continue;
        out.push_back(BreakPoint{offset, is_dash(prev) ? BreakPoint::Kind::Hyphen : BreakPoint::Kind::Other, false});
    }

    // Inside URLs: after '/', '.', '-' or '?', never inside "//" nor at the URL's last character.
    const auto general = static_cast<std::ptrdiff_t>(out.size());
    for (const auto& [first, last] : urls) {
        for (std::size_t i = first; i + 1 < last; ++i) {
            const char c = clean[i];
            if (c != '/' && c != '.' && c != '-' && c != '?') continue;
            if (clean[i + 1] == '/') continue;
            out.push_back(BreakPoint{i + 1, BreakPoint::Kind::Url, false});
        }
    }

    std::inplace_merge(out.begin(), out.begin() + general, out.end(),
                       [](const BreakPoint& a, const BreakPoint& b) { return a.offset < b.offset; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const BreakPoint& a, const BreakPoint& b) { return a.offset == b.offset; }),
              out.end());
    return out;
}

std::string describe_break_points(std::string_view text, const std::vector<BreakPoint>& points) {
    std::string out;
    std::size_t prev = 0;
    for (const BreakPoint& p : points) {
        if (p.offset < prev || p.offset > text.size()) continue;
        out.append(text.substr(prev, p.offset - prev));
        if (p.forced) {
            out += "[!]";
        } else {
            switch (p.kind) {
                case BreakPoint::Kind::Space: out += "[s]"; break;
                case BreakPoint::Kind::Hyphen: out += "[h]"; break;
                case BreakPoint::Kind::Url: out += "[u]"; break;
                case BreakPoint::Kind::Other: out += "[o]"; break;
            }
        }
        prev = p.offset;
    }
    out.append(text.substr(prev));
    return out;
}

}  // namespace folio::layout
