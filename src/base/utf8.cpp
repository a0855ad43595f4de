// UTF-8 decoding/encoding and the character classes the readers and layout rely on.
#include "base/utf8.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace folio::base::utf8 {

std::size_t valid_sequence_length(std::string_view s, std::size_t i) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return 1;
    std::size_t n = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { n = 2; min = 0x80; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { n = 3; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { n = 4; min = 0x10000; }
    else return 0;
    if (i + n > s.size()) return 0;
    char32_t cp = b0 & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

char32_t decode(std::string_view s, std::size_t& i) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) { ++i; return b0; }
    const std::size_t n = valid_sequence_length(s, i);
    if (n == 0) { ++i; return replacement; }
    char32_t cp = b0 & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return cp;
}

void append(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = replacement;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string encode(char32_t cp) {
    std::string s;
    append(s, cp);
    return s;
}

bool is_valid(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
        const std::size_t n = valid_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::size_t length(std::string_view s) noexcept {
    std::size_t n = 0, i = 0;
    while (i < s.size()) {
        // Eight ASCII bytes are eight characters: most text is counted so.
        if (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                n += 8;
                continue;
            }
        }
        decode(s, i);
        ++n;
    }
    return n;
}

bool is_space(char32_t c) noexcept {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

bool is_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }

// Latin Extended-A alternates upper/lower case pairs, with the parity flipping at U+0139 and U+0179.
static bool is_latin_ext_a_upper(char32_t c) noexcept {
    if (c >= 0x100 && c <= 0x137) return c % 2 == 0;
    if (c >= 0x139 && c <= 0x148) return c % 2 == 1;
    if (c >= 0x14A && c <= 0x177) return c % 2 == 0;
    if (c == 0x178) return true;
    if (c >= 0x179 && c <= 0x17E) return c % 2 == 1;
    return false;
}

bool is_upper(char32_t c) noexcept {
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return true;
    return is_latin_ext_a_upper(c) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) || (c >= 0x400 && c <= 0x42F);
}

bool is_lower(char32_t c) noexcept {
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 0xDF && c <= 0xFF && c != 0xF7) return true;
    if (c >= 0x100 && c <= 0x17F) return !is_latin_ext_a_upper(c);
    if (c >= 0x3AC && c <= 0x3CE) return true;
    if (c >= 0x430 && c <= 0x45F) return true;
    return false;
}

bool is_letter(char32_t c) noexcept {
    if (is_upper(c) || is_lower(c)) return true;
    if (c == 0xAA || c == 0xB5 || c == 0xBA) return true;
    if (c >= 0x180 && c <= 0x24F) return true;   // Latin Extended-B
    if (c >= 0x250 && c <= 0x2AF) return true;   // IPA
    if (c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387) return true;
    if (c >= 0x400 && c <= 0x52F) return true;
    if (c >= 0x531 && c <= 0x587) return true;   // Armenian
    if (c >= 0x5D0 && c <= 0x5EA) return true;   // Hebrew
    if (c >= 0x620 && c <= 0x64A) return true;   // Arabic
    if (c >= 0x900 && c <= 0xDFF) return true;   // Indic
    if (c >= 0x1E00 && c <= 0x1FFF) return true; // Latin/Greek extended
    if (c >= 0x3040 && c <= 0x30FF) return true; // kana
    if (c >= 0x4E00 && c <= 0x9FFF) return true; // CJK
    if (c >= 0xAC00 && c <= 0xD7A3) return true; // Hangul
    return false;
}

char32_t to_lower(char32_t c) noexcept {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0x178) return 0xFF;
    if (is_latin_ext_a_upper(c)) return c + 1;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

char32_t to_upper(char32_t c) noexcept {
    if (c >= 'a' && c <= 'z') return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c > 0x100 && c <= 0x17E && c != 0x138 && c != 0x149 && is_latin_ext_a_upper(c - 1)) return c - 1;
    if (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) return c - 32;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    return c;
}

std::string to_lower(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        // ASCII, most of every name and keyword, byte by byte.
        if (const auto b = static_cast<unsigned char>(s[i]); b < 0x80) {
            out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b));
            ++i;
            continue;
        }
        append(out, to_lower(decode(s, i)));
    }
    return out;
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool space = false;
    for (const char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') { space = true; continue; }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string_view prefix_within(std::string_view s, std::size_t max) noexcept {
    if (s.size() <= max) return s;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    return out;
}

bool is_xml_forbidden(char32_t c) noexcept {
    if (c < 0x20) return c != 0x09 && c != 0x0A && c != 0x0D;
    return (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF || c > 0x10FFFF;
}

bool is_invisible(char32_t c) noexcept {
    return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0xAD || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string sanitize(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = decode(s, i);
        if (is_xml_forbidden(c)) continue;
        append(out, c);
    }
    return out;
}

std::string codepoint_name(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

}  // namespace folio::base::utf8
